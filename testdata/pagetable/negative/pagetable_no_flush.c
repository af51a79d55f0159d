/*
 * NEGATIVE COPY of ../pagetable.c: unmap_page does not flush the TLB.
 *
 * pagetable.c — a small hypervisor-style stage-2 memory manager (autov demonstration).
 *
 * A 4-level stage-2 page table per VM. Tables come from per-level descriptor pools handed out by a
 * bump allocator; a table is named by its index in its level's pool. A table descriptor stores
 * (index + 1) << 12 of the next-level table; a leaf (level 3) descriptor stores the page's PA.
 *
 * The bottom layer (trusted, given by specs) provides the per-VM spin lock and the TLB flush,
 * which real code implements with inline assembly.
 *
 * The address space is kept small so that the pools can never run out for valid arguments: IPAs
 * below IPA_LIMIT (2 MiB) need one table per level and VM. The allocator still checks its limit.
 * Tables are never freed, so a table handed out by the bump allocator is still zero (the proof
 * keeps this as an invariant instead of clearing the table).
 *
 * clang-14 -O1 -g -fno-inline -fno-jump-tables -S -emit-llvm --target=aarch64-linux-gnu pagetable.c
 */

typedef unsigned long u64;
typedef unsigned int u32;

#define MAX_VM 2
#define PT_ENTRIES 512
#define L1_TABLES MAX_VM
#define L2_TABLES MAX_VM
#define L3_TABLES MAX_VM

#define DESC_VALID 1UL
#define DESC_TABLE 2UL /* table descriptor at levels 0-2, page descriptor at level 3 */
#define ADDR_MASK 0x0000fffffffff000UL
#define PAGE_MASK 0xfffUL
#define IPA_LIMIT (1UL << 21)

/* ---------------------------------------------------------------- bottom layer (trusted) */
extern void acquire_lock_s2pt(u32 vmid);
extern void release_lock_s2pt(u32 vmid);
extern void tlb_flush_vmid_ipa(u32 vmid, u64 ipa);

/* ---------------------------------------------------------------- state */
u64 pt_l0[MAX_VM][PT_ENTRIES]; /* the root table of VM v is pt_l0[v] */
u64 pt_l1[L1_TABLES][PT_ENTRIES];
u64 pt_l2[L2_TABLES][PT_ENTRIES];
u64 pt_l3[L3_TABLES][PT_ENTRIES];
u64 pool_next[4]; /* bump pointer per level (level 0 is unused: roots are static) */

/* ---------------------------------------------------------------- layer PTPool: raw access */
u64 pt_load(u32 level, u64 tbl, u32 idx)
{
	if (level == 0)
		return pt_l0[tbl][idx];
	if (level == 1)
		return pt_l1[tbl][idx];
	if (level == 2)
		return pt_l2[tbl][idx];
	return pt_l3[tbl][idx];
}

void pt_store(u32 level, u64 tbl, u32 idx, u64 val)
{
	if (level == 0)
		pt_l0[tbl][idx] = val;
	else if (level == 1)
		pt_l1[tbl][idx] = val;
	else if (level == 2)
		pt_l2[tbl][idx] = val;
	else
		pt_l3[tbl][idx] = val;
}

u64 get_pool_next(u32 level)
{
	return pool_next[level];
}

void set_pool_next(u32 level, u64 next)
{
	pool_next[level] = next;
}

u64 pool_limit(u32 level)
{
	if (level == 1)
		return L1_TABLES;
	if (level == 2)
		return L2_TABLES;
	if (level == 3)
		return L3_TABLES;
	return 0;
}

u32 pt_index(u64 ipa, u32 level)
{
	return (u32)((ipa >> (39 - 9 * level)) & (PT_ENTRIES - 1));
}

/* ---------------------------------------------------------------- layer PTAlloc */
/* A fresh (never used, hence zero) table of `level`: its index + 1, or 0 when the pool is
 * exhausted. */
u64 alloc_table(u32 level)
{
	u64 next = get_pool_next(level);
	if (next >= pool_limit(level))
		return 0;
	set_pool_next(level, next + 1);
	return next + 1;
}

/* ---------------------------------------------------------------- layer PTStep */
/* One step of the walk: the next-level table (index + 1) for `ipa` below table `tbl` of
 * `level`, allocating it when `alloc` is set; 0 if there is none. */
u64 walk_next(u32 level, u64 tbl, u64 ipa, u32 alloc)
{
	u32 idx = pt_index(ipa, level);
	u64 desc = pt_load(level, tbl, idx);
	if (desc & DESC_VALID)
		return (desc & ADDR_MASK) >> 12;
	if (!alloc)
		return 0;
	u64 fresh = alloc_table(level + 1);
	if (fresh == 0)
		return 0;
	pt_store(level, tbl, idx, (fresh << 12) | DESC_TABLE | DESC_VALID);
	return fresh;
}

/* ---------------------------------------------------------------- layer PTWalk */
/* The level-3 table (index + 1) mapping `ipa` for `vmid`, or 0. */
u64 walk_to_leaf(u32 vmid, u64 ipa, u32 alloc)
{
	u64 tbl = vmid;
	for (u32 level = 0; level < 3; level++) {
		u64 next = walk_next(level, tbl, ipa, alloc);
		if (next == 0)
			return 0;
		tbl = next - 1;
	}
	return tbl + 1;
}

/* ---------------------------------------------------------------- layer PTLeaf */
u64 get_leaf(u32 vmid, u64 ipa)
{
	u64 t = walk_to_leaf(vmid, ipa, 0);
	if (t == 0)
		return 0;
	return pt_load(3, t - 1, pt_index(ipa, 3));
}

/* 0 on success, 1 if no table could be allocated. */
u32 set_leaf(u32 vmid, u64 ipa, u64 pa)
{
	u64 t = walk_to_leaf(vmid, ipa, 1);
	if (t == 0)
		return 1;
	pt_store(3, t - 1, pt_index(ipa, 3), (pa & ADDR_MASK) | DESC_TABLE | DESC_VALID);
	return 0;
}

/* Clears the leaf; returns the old descriptor (0 if there was none). */
u64 clear_leaf(u32 vmid, u64 ipa)
{
	u64 t = walk_to_leaf(vmid, ipa, 0);
	if (t == 0)
		return 0;
	u32 idx = pt_index(ipa, 3);
	u64 old = pt_load(3, t - 1, idx);
	pt_store(3, t - 1, idx, 0);
	return old;
}

/* ---------------------------------------------------------------- layer MemManager */
/* Map page `ipa` of VM `vmid` to `pa`: 0 ok, 1 already mapped or out of tables, 2 bad args. */
u32 map_page(u32 vmid, u64 ipa, u64 pa)
{
	u32 ret;
	if (vmid >= MAX_VM || ipa >= IPA_LIMIT || (ipa & PAGE_MASK) != 0 || (pa & ~ADDR_MASK) != 0)
		return 2;
	acquire_lock_s2pt(vmid);
	if (get_leaf(vmid, ipa) & DESC_VALID)
		ret = 1;
	else
		ret = set_leaf(vmid, ipa, pa);
	release_lock_s2pt(vmid);
	return ret;
}

/* Unmap page `ipa` of VM `vmid` and flush its TLB entry: 0 ok, 1 not mapped, 2 bad args. */
u32 unmap_page(u32 vmid, u64 ipa)
{
	u32 ret = 1;
	if (vmid >= MAX_VM || ipa >= IPA_LIMIT || (ipa & PAGE_MASK) != 0)
		return 2;
	acquire_lock_s2pt(vmid);
	if (clear_leaf(vmid, ipa) & DESC_VALID) {
		/* BUG (on purpose): no tlb_flush_vmid_ipa(vmid, ipa) */
		ret = 0;
	}
	release_lock_s2pt(vmid);
	return ret;
}
