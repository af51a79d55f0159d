/* Golden case `choose`: accessors that choose the field they access by an argument. */
struct ctxt {
	unsigned long regs[8];
	unsigned long far;
	unsigned long esr;
	unsigned long flags;
};

struct data {
	unsigned int count;
	struct ctxt ctxt[4];
};

/* the object (a linker symbol) and its address, which the bottom layer gives (as SeKVM's
   get_el2_data_start) */
extern struct data data_start;
extern struct data *get_data_start(void);
struct data *data_address(void) { return &data_start; }

/* one field: the plain accessor shape */
unsigned long get_far(unsigned int vcpu)
{
	return get_data_start()->ctxt[vcpu].far;
}

/* index < 8: a register; 8: far; 9: esr; anything else: flags */
unsigned long get_ctxt(unsigned int vcpu, unsigned int index)
{
	struct data *d = get_data_start();
	if (index < 8)
		return d->ctxt[vcpu].regs[index];
	switch (index) {
	case 8:
		return d->ctxt[vcpu].far;
	case 9:
		return d->ctxt[vcpu].esr;
	default:
		return d->ctxt[vcpu].flags;
	}
}

void set_ctxt(unsigned int vcpu, unsigned int index, unsigned long v)
{
	struct data *d = get_data_start();
	if (index < 8)
		d->ctxt[vcpu].regs[index] = v;
	else if (index == 8)
		d->ctxt[vcpu].far = v;
	else if (index == 9)
		d->ctxt[vcpu].esr = v;
	else
		d->ctxt[vcpu].flags = v;
}
