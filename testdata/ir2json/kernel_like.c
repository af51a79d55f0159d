/* ir2json test input: hypervisor-like code (structs with padding, bitfields, unions, typedef'd
 * anonymous structs, inline asm with system registers, atomics, loops, switch, globals). */
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned char u8;

struct vcpu {
	u8 state;        /* 7 bytes of padding follow */
	u64 regs[4];
	u32 flags : 3;   /* bitfields share one storage unit */
	u32 mode : 5;
	short tail;
};

typedef struct {
	u64 base;
	u32 size;
} region_t;

union word {
	u64 whole;
	u32 half[2];
};

struct vcpu vcpus[2] = { { 1, { 1, 2, 3, 4 }, 5, 6, -7 } };
region_t regions[3];
static const char banner[] = "autov \"ir2json\"\n";
u64 counter;
int lock;

static inline u64 read_elr(void)
{
	u64 v;
	asm volatile("mrs %0, elr_el2" : "=r"(v));
	return v;
}

static inline void write_vttbr(u64 v)
{
	asm volatile("msr vttbr_el2, %0\n\tisb" : : "r"(v) : "memory");
}

u64 swap_words(union word w)
{
	u32 t = w.half[0];
	w.half[0] = w.half[1];
	w.half[1] = t;
	return w.whole;
}

u64 region_end(const region_t *r)
{
	return r->base + r->size;
}

int set_mode(struct vcpu *v, int m)
{
	v->mode = m;
	v->flags |= 1;
	return v->mode + v->tail;
}

u64 sum_regs(struct vcpu *v)
{
	u64 s = 0;
	for (int i = 0; i < 4; i++)
		s += v->regs[i];
	return s;
}

int classify(int x)
{
	switch (x) {
	case 0: return 10;
	case 1: return 20;
	case 7: return -1;
	default: return x * 3;
	}
}

void spin_lock(int *l)
{
	int expected = 0;
	while (!__atomic_compare_exchange_n(l, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		expected = 0;
}

void spin_unlock(int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

u64 bump(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_fetch_or(&counter, 4, __ATOMIC_RELAXED);
	__atomic_fetch_and(&counter, ~1UL, __ATOMIC_RELAXED);
	__atomic_fetch_xor(&counter, 2, __ATOMIC_RELAXED);
	__atomic_fetch_sub(&counter, 1, __ATOMIC_ACQ_REL);
	__atomic_exchange_n(&lock, 3, __ATOMIC_SEQ_CST);
	return __atomic_add_fetch(&counter, 1, __ATOMIC_SEQ_CST);
}

u64 trap_entry(u64 vmid)
{
	spin_lock(&lock);
	u64 elr = read_elr();
	write_vttbr(vmid << 48 | (u64)(unsigned long)&regions[vmid & 1]);
	spin_unlock(&lock);
	return elr + banner[0];
}
