//! System register names, PSTATE fields and maintenance operation names.

use crate::ast::{PStateField, SysReg};

/// (name, op0, op1, CRn, CRm, op2) for the EL0–EL2 registers a hypervisor touches.
pub const SYSREGS: &[(&str, u8, u8, u8, u8, u8)] = &[
    ("midr_el1", 3, 0, 0, 0, 0),
    ("mpidr_el1", 3, 0, 0, 0, 5),
    ("revidr_el1", 3, 0, 0, 0, 6),
    ("id_aa64pfr0_el1", 3, 0, 0, 4, 0),
    ("id_aa64pfr1_el1", 3, 0, 0, 4, 1),
    ("id_aa64dfr0_el1", 3, 0, 0, 5, 0),
    ("id_aa64isar0_el1", 3, 0, 0, 6, 0),
    ("id_aa64isar1_el1", 3, 0, 0, 6, 1),
    ("id_aa64mmfr0_el1", 3, 0, 0, 7, 0),
    ("id_aa64mmfr1_el1", 3, 0, 0, 7, 1),
    ("id_aa64mmfr2_el1", 3, 0, 0, 7, 2),
    ("sctlr_el1", 3, 0, 1, 0, 0),
    ("actlr_el1", 3, 0, 1, 0, 1),
    ("cpacr_el1", 3, 0, 1, 0, 2),
    ("ttbr0_el1", 3, 0, 2, 0, 0),
    ("ttbr1_el1", 3, 0, 2, 0, 1),
    ("tcr_el1", 3, 0, 2, 0, 2),
    ("spsr_el1", 3, 0, 4, 0, 0),
    ("elr_el1", 3, 0, 4, 0, 1),
    ("sp_el0", 3, 0, 4, 1, 0),
    ("spsel", 3, 0, 4, 2, 0),
    ("currentel", 3, 0, 4, 2, 2),
    ("afsr0_el1", 3, 0, 5, 1, 0),
    ("afsr1_el1", 3, 0, 5, 1, 1),
    ("esr_el1", 3, 0, 5, 2, 0),
    ("far_el1", 3, 0, 6, 0, 0),
    ("par_el1", 3, 0, 7, 4, 0),
    ("mair_el1", 3, 0, 10, 2, 0),
    ("amair_el1", 3, 0, 10, 3, 0),
    ("vbar_el1", 3, 0, 12, 0, 0),
    ("contextidr_el1", 3, 0, 13, 0, 1),
    ("tpidr_el1", 3, 0, 13, 0, 4),
    ("cntkctl_el1", 3, 0, 14, 1, 0),
    ("ccsidr_el1", 3, 1, 0, 0, 0),
    ("clidr_el1", 3, 1, 0, 0, 1),
    ("csselr_el1", 3, 2, 0, 0, 0),
    ("ctr_el0", 3, 3, 0, 0, 1),
    ("dczid_el0", 3, 3, 0, 0, 7),
    ("nzcv", 3, 3, 4, 2, 0),
    ("daif", 3, 3, 4, 2, 1),
    ("fpcr", 3, 3, 4, 4, 0),
    ("fpsr", 3, 3, 4, 4, 1),
    ("pmcr_el0", 3, 3, 9, 12, 0),
    ("pmselr_el0", 3, 3, 9, 12, 5),
    ("pmuserenr_el0", 3, 3, 9, 14, 0),
    ("tpidr_el0", 3, 3, 13, 0, 2),
    ("tpidrro_el0", 3, 3, 13, 0, 3),
    ("cntfrq_el0", 3, 3, 14, 0, 0),
    ("cntpct_el0", 3, 3, 14, 0, 1),
    ("cntvct_el0", 3, 3, 14, 0, 2),
    ("cntp_ctl_el0", 3, 3, 14, 2, 1),
    ("cntp_cval_el0", 3, 3, 14, 2, 2),
    ("cntv_ctl_el0", 3, 3, 14, 3, 1),
    ("cntv_cval_el0", 3, 3, 14, 3, 2),
    ("mdscr_el1", 2, 0, 0, 2, 2),
    ("vpidr_el2", 3, 4, 0, 0, 0),
    ("vmpidr_el2", 3, 4, 0, 0, 5),
    ("sctlr_el2", 3, 4, 1, 0, 0),
    ("actlr_el2", 3, 4, 1, 0, 1),
    ("hcr_el2", 3, 4, 1, 1, 0),
    ("mdcr_el2", 3, 4, 1, 1, 1),
    ("cptr_el2", 3, 4, 1, 1, 2),
    ("hstr_el2", 3, 4, 1, 1, 3),
    ("hacr_el2", 3, 4, 1, 1, 7),
    ("ttbr0_el2", 3, 4, 2, 0, 0),
    ("ttbr1_el2", 3, 4, 2, 0, 1),
    ("tcr_el2", 3, 4, 2, 0, 2),
    ("vttbr_el2", 3, 4, 2, 1, 0),
    ("vtcr_el2", 3, 4, 2, 1, 2),
    ("spsr_el2", 3, 4, 4, 0, 0),
    ("elr_el2", 3, 4, 4, 0, 1),
    ("sp_el1", 3, 4, 4, 1, 0),
    ("afsr0_el2", 3, 4, 5, 1, 0),
    ("afsr1_el2", 3, 4, 5, 1, 1),
    ("esr_el2", 3, 4, 5, 2, 0),
    ("far_el2", 3, 4, 6, 0, 0),
    ("hpfar_el2", 3, 4, 6, 0, 4),
    ("mair_el2", 3, 4, 10, 2, 0),
    ("amair_el2", 3, 4, 10, 3, 0),
    ("vbar_el2", 3, 4, 12, 0, 0),
    ("contextidr_el2", 3, 4, 13, 0, 1),
    ("tpidr_el2", 3, 4, 13, 0, 2),
    ("cntvoff_el2", 3, 4, 14, 0, 3),
    ("cnthctl_el2", 3, 4, 14, 1, 0),
    ("sctlr_el12", 3, 5, 1, 0, 0),
    ("cpacr_el12", 3, 5, 1, 0, 2),
    ("ttbr0_el12", 3, 5, 2, 0, 0),
    ("ttbr1_el12", 3, 5, 2, 0, 1),
    ("tcr_el12", 3, 5, 2, 0, 2),
    ("spsr_el12", 3, 5, 4, 0, 0),
    ("elr_el12", 3, 5, 4, 0, 1),
    ("afsr0_el12", 3, 5, 5, 1, 0),
    ("afsr1_el12", 3, 5, 5, 1, 1),
    ("esr_el12", 3, 5, 5, 2, 0),
    ("far_el12", 3, 5, 6, 0, 0),
    ("mair_el12", 3, 5, 10, 2, 0),
    ("amair_el12", 3, 5, 10, 3, 0),
    ("vbar_el12", 3, 5, 12, 0, 0),
    ("contextidr_el12", 3, 5, 13, 0, 1),
    ("cntkctl_el12", 3, 5, 14, 1, 0),
    ("sp_el2", 3, 6, 4, 1, 0),
];

/// Look up a system register by name (case-insensitive) or by `s<op0>_<op1>_c<n>_c<m>_<op2>`.
pub fn sysreg_of_name(name: &str) -> Option<SysReg> {
    let l = name.to_ascii_lowercase();
    if let Some(&(_, op0, op1, crn, crm, op2)) = SYSREGS.iter().find(|e| e.0 == l) {
        return Some(SysReg {
            op0,
            op1,
            crn,
            crm,
            op2,
        });
    }
    let rest = l.strip_prefix('s')?;
    let parts: Vec<&str> = rest.split('_').collect();
    if parts.len() != 5 {
        return None;
    }
    let num = |s: &str| s.parse::<u8>().ok();
    let op0 = num(parts[0])?;
    let op1 = num(parts[1])?;
    let crn = num(parts[2].strip_prefix('c')?)?;
    let crm = num(parts[3].strip_prefix('c')?)?;
    let op2 = num(parts[4])?;
    if !(2..=3).contains(&op0) || op1 > 7 || crn > 15 || crm > 15 || op2 > 7 {
        return None;
    }
    Some(SysReg {
        op0,
        op1,
        crn,
        crm,
        op2,
    })
}

/// The architectural name of an encoding, if it has one in the table.
pub fn name_of_sysreg(sr: SysReg) -> Option<&'static str> {
    SYSREGS
        .iter()
        .find(|e| (e.1, e.2, e.3, e.4, e.5) == (sr.op0, sr.op1, sr.crn, sr.crm, sr.op2))
        .map(|e| e.0)
}

pub fn pstate_of_name(name: &str) -> Option<PStateField> {
    Some(match name.to_ascii_lowercase().as_str() {
        "daifset" => PStateField::DaifSet,
        "daifclr" => PStateField::DaifClr,
        "spsel" => PStateField::SpSel,
        "pan" => PStateField::Pan,
        "uao" => PStateField::Uao,
        "dit" => PStateField::Dit,
        "ssbs" => PStateField::Ssbs,
        _ => return None,
    })
}

/// TLBI operations: (name, takes a register operand).
pub const TLBI_OPS: &[(&str, bool)] = &[
    ("vmalle1is", false),
    ("vmalle1", false),
    ("vmalle1os", false),
    ("alle1is", false),
    ("alle1", false),
    ("alle1os", false),
    ("alle2is", false),
    ("alle2", false),
    ("alle2os", false),
    ("vmalls12e1is", false),
    ("vmalls12e1", false),
    ("vmalls12e1os", false),
    ("vae1is", true),
    ("vae1", true),
    ("vale1is", true),
    ("vale1", true),
    ("vaae1is", true),
    ("vaae1", true),
    ("vaale1is", true),
    ("vaale1", true),
    ("aside1is", true),
    ("aside1", true),
    ("ipas2e1is", true),
    ("ipas2e1", true),
    ("ipas2le1is", true),
    ("ipas2le1", true),
    ("vae2is", true),
    ("vae2", true),
    ("vale2is", true),
    ("vale2", true),
];

pub const DC_OPS: &[&str] = &[
    "ivac", "isw", "csw", "cisw", "zva", "cvac", "cvau", "civac", "cvap",
];
/// IC operations: (name, takes a register operand).
pub const IC_OPS: &[(&str, bool)] = &[("ialluis", false), ("iallu", false), ("ivau", true)];
pub const AT_OPS: &[&str] = &[
    "s1e1r", "s1e1w", "s1e0r", "s1e0w", "s1e2r", "s1e2w", "s12e1r", "s12e1w", "s12e0r", "s12e0w",
];
