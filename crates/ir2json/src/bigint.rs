//! Exact decimal arithmetic for integer constants of any width (two's complement modulo 2^bits).

/// Little-endian base-2^32 limbs.
type Limbs = Vec<u32>;

fn from_dec(s: &str) -> Limbs {
    let mut l: Limbs = vec![0];
    for d in s.bytes().filter(u8::is_ascii_digit) {
        let mut carry = (d - b'0') as u64;
        for x in l.iter_mut() {
            let v = *x as u64 * 10 + carry;
            *x = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            l.push(carry as u32);
        }
    }
    l
}

fn to_dec(l: &[u32]) -> String {
    let mut l: Limbs = l.to_vec();
    let mut digits = Vec::new();
    loop {
        while l.len() > 1 && *l.last().unwrap_or(&1) == 0 {
            l.pop();
        }
        if l.len() == 1 && l[0] == 0 {
            break;
        }
        let mut rem = 0u64;
        for x in l.iter_mut().rev() {
            let v = (rem << 32) | *x as u64;
            *x = (v / 10) as u32;
            rem = v % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    if digits.is_empty() {
        return "0".into();
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Truncate to `bits` bits (resizing to exactly the limbs needed).
fn truncate(mut l: Limbs, bits: u32) -> Limbs {
    let n = (bits as usize).div_ceil(32).max(1);
    l.resize(n, 0);
    let rem = bits % 32;
    if rem != 0 {
        l[n - 1] &= (1u32 << rem) - 1;
    }
    l
}

/// 2^bits - x (for x in 1..2^bits), i.e. the two's-complement negation modulo 2^bits.
fn negate(l: Limbs, bits: u32) -> Limbs {
    let l = truncate(l, bits);
    let mut out: Limbs = l.iter().map(|x| !x).collect();
    // +1
    for x in out.iter_mut() {
        let (v, c) = x.overflowing_add(1);
        *x = v;
        if !c {
            break;
        }
    }
    truncate(out, bits)
}

fn top_bit(l: &[u32], bits: u32) -> bool {
    let b = bits - 1;
    l.get((b / 32) as usize)
        .map(|x| (x >> (b % 32)) & 1 == 1)
        .unwrap_or(false)
}

/// From a printed literal (decimal, optionally negative) to (unsigned, signed) decimal strings
/// of the value modulo 2^bits.
pub fn normalize(literal: &str, bits: u32) -> (String, String) {
    let neg = literal.starts_with('-');
    let mag = from_dec(literal.trim_start_matches('-'));
    let u = if neg && to_dec(&mag) != "0" {
        negate(mag, bits)
    } else {
        truncate(mag, bits)
    };
    let signed = if bits > 0 && top_bit(&u, bits) {
        format!("-{}", to_dec(&negate(u.clone(), bits)))
    } else {
        to_dec(&u)
    };
    (to_dec(&u), signed)
}

/// The low 64 bits of the value modulo 2^bits.
pub fn low64(unsigned_dec: &str) -> u64 {
    let l = from_dec(unsigned_dec);
    l.first().copied().unwrap_or(0) as u64 | (l.get(1).copied().unwrap_or(0) as u64) << 32
}

/// (unsigned, signed) decimal strings for a value of at most 64 bits.
pub fn small(value: u64, bits: u32) -> (String, String) {
    let v = if bits >= 64 {
        value
    } else {
        value & ((1u64 << bits) - 1)
    };
    let s = if bits == 0 {
        0
    } else if bits >= 64 {
        v as i64 as i128
    } else if (v >> (bits - 1)) & 1 == 1 {
        v as i128 - (1i128 << bits)
    } else {
        v as i128
    };
    (v.to_string(), s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide() {
        assert_eq!(
            normalize("-1", 128),
            (
                "340282366920938463463374607431768211455".into(),
                "-1".into()
            )
        );
        let min = "-170141183460469231731687303715884105728";
        assert_eq!(normalize(min, 128).1, min);
        assert_eq!(
            normalize(min, 128).0,
            "170141183460469231731687303715884105728"
        );
        assert_eq!(
            normalize("18446744073709551616", 128).1,
            "18446744073709551616"
        );
        assert_eq!(low64("18446744073709551617"), 1);
        assert_eq!(normalize("5", 65), ("5".into(), "5".into()));
        assert_eq!(normalize("-0", 100), ("0".into(), "0".into()));
    }

    #[test]
    fn narrow() {
        assert_eq!(
            small(u32::MAX as u64, 32),
            ("4294967295".into(), "-1".into())
        );
        assert_eq!(small(1, 1), ("1".into(), "-1".into()));
        assert_eq!(small(u64::MAX, 64), (u64::MAX.to_string(), "-1".into()));
        assert_eq!(small(127, 8), ("127".into(), "127".into()));
    }
}
