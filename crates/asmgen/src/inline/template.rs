//! Operand substitution in templates: `$N`, `${N}`, `${N:w}`/`${N:x}`/`${N:c}` and `$$`.

use super::err;
use crate::error::AsmError;

/// How operand N prints in the template.
#[derive(Clone, Debug)]
pub(super) enum Print {
    Reg { reg: u8, bits: u32 },
    Zero { bits: u32 },
    Imm(i128),
    Mem(u8),
}

fn reg_name(reg: u8, x: bool) -> String {
    format!("{}{}", if x { 'x' } else { 'w' }, reg)
}

/// The text of operand `p` with modifier `m` (operand number `n`, for errors).
fn print(p: &Print, m: Option<&str>, n: usize) -> Result<String, AsmError> {
    Ok(match (p, m) {
        (Print::Reg { reg, bits }, None) => reg_name(*reg, *bits != 32),
        (Print::Reg { reg, .. }, Some("x")) => reg_name(*reg, true),
        (Print::Reg { reg, .. }, Some("w")) => reg_name(*reg, false),
        (Print::Zero { bits }, None) => (if *bits == 32 { "wzr" } else { "xzr" }).to_string(),
        (Print::Zero { .. }, Some("x")) => "xzr".to_string(),
        (Print::Zero { .. }, Some("w")) => "wzr".to_string(),
        (Print::Imm(v), None) | (Print::Imm(v), Some("c")) => v.to_string(),
        (Print::Mem(r), None) => format!("[x{r}]"),
        (_, Some(m)) => {
            return Err(err(format!(
                "operand modifier `{m}` is not supported for ${n}"
            )))
        }
    })
}

/// Replace `$N`, `${N}`, `${N:mod}` and `$$`.
pub(super) fn substitute(t: &str, prints: &[Print]) -> Result<String, AsmError> {
    let cs: Vec<char> = t.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '$' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        if i + 1 < cs.len() && cs[i + 1] == '$' {
            out.push('$');
            i += 2;
            continue;
        }
        let (num, modifier, next) = if i + 1 < cs.len() && cs[i + 1] == '{' {
            let close = cs[i..]
                .iter()
                .position(|&c| c == '}')
                .ok_or_else(|| err("unterminated ${"))?
                + i;
            let inner: String = cs[i + 2..close].iter().collect();
            let (n, m) = match inner.split_once(':') {
                Some((n, m)) => (n.to_string(), Some(m.to_string())),
                None => (inner, None),
            };
            (n, m, close + 1)
        } else {
            let mut j = i + 1;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            (cs[i + 1..j].iter().collect::<String>(), None, j)
        };
        let n: usize = num
            .parse()
            .map_err(|_| err(format!("bad operand reference `${num}`")))?;
        let p = prints
            .get(n)
            .ok_or_else(|| err(format!("operand ${n} does not exist")))?;
        out.push_str(&print(p, modifier.as_deref(), n)?);
        i = next;
    }
    Ok(out)
}
