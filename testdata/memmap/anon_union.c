/* A struct with a C11 anonymous union (as SeKVM's shadow vCPU context: `union { u64
 * sys_regs[N]; u32 copro[2 * N]; };`). Expected (crates/memmap/tests/anonymous_members.rs):
 * the IR's `%union.anon` gets the member its type stands for (`sys_regs`, not the same-sized
 * `copro`) as its debug name; a map path `ctxt[i].sys_regs[r]` resolves through the unnamed
 * member at C's offsetof (40), and `@ 32` is rejected (E-MAP006). */
typedef unsigned long long u64;
typedef unsigned int u32;

struct ctxt {
	u64 regs[4];
	u64 flags;
	union {
		u64 sys_regs[6];
		u32 copro[12];
	};
	u32 esr;
};

struct data {
	u64 pad;
	struct ctxt ctxt[2];
};

struct data data_start;

u64 get_sys_reg(u32 i, u32 r)
{
	return data_start.ctxt[i].sys_regs[r];
}
