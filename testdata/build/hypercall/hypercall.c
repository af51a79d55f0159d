/* Golden case `hypercall`: a dispatcher in the shape of SeKVM's handle_host_hvc. It reads the
   call number from the host's saved registers (through a pointer argument), hands the registers'
   address to the bottom as an integer (`ptrtoint`), and switches over the call number. */
struct host_regs {
	unsigned long regs[4];
};

extern unsigned long get_reg(struct host_regs *r, unsigned int i);
extern void save_regs_addr(unsigned long addr);
extern void set_ret(unsigned long v);
extern unsigned long map_page(unsigned long gfn, unsigned long pfn);
extern void unmap_page(unsigned long gfn);
extern void log_unknown(unsigned long call);

void dispatch(struct host_regs *r)
{
	unsigned long call = get_reg(r, 0);
	save_regs_addr((unsigned long)r);
	switch (call) {
	case 3:
		set_ret(map_page(get_reg(r, 1), get_reg(r, 2)));
		break;
	case 5:
		unmap_page(get_reg(r, 1));
		set_ret(0);
		break;
	case 9:
		set_ret(1);
		break;
	default:
		log_unknown(call);
	}
}
