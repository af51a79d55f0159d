//! Typed immediates: every immediate field of an instruction is a value of a type whose checked
//! constructor accepts exactly the encodable values, so an [`crate::ast::Instr`] cannot hold an
//! immediate the instruction cannot encode.

use crate::ast::Width;

/// Number of bits of a width.
pub fn bits(w: Width) -> u32 {
    match w {
        Width::W32 => 32,
        Width::W64 => 64,
    }
}

/// All ones in the low `n` bits (`n` ≤ 64).
pub fn mask(n: u32) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// A logical (bitmask) immediate of `and`/`orr`/`eor`/`ands`: a `w`-bit value whose elements of
/// 2, 4, …, 64 bits are all the same rotated run of ones (neither all zeros nor all ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LogicalImm {
    value: u64,
    /// The architectural encoding `N:immr:imms`.
    n: bool,
    immr: u8,
    imms: u8,
}

impl LogicalImm {
    /// The immediate with value `value` at width `w`, if it is encodable (the value must fit in
    /// `w` bits).
    pub fn new(value: u64, w: Width) -> Option<LogicalImm> {
        let nbits = bits(w);
        let m = mask(nbits);
        if value & !m != 0 || value == 0 || value == m {
            return None;
        }
        // The smallest element size that repeats across the value.
        let mut e = nbits;
        while e > 2 {
            let half = e / 2;
            let hm = mask(half);
            if (0..nbits / half).all(|k| (value >> (k * half)) & hm == value & hm) {
                e = half;
            } else {
                break;
            }
        }
        let em = mask(e);
        let elem = value & em;
        let ones = elem.count_ones();
        // `elem` = `ones` ones rotated right by `immr` within the element.
        let run = mask(ones);
        let immr = (0..e).find(|&r| rotate_right(run, r, e) == elem)?;
        let size_bits = (!(2 * e - 1) & 0x3f) as u8;
        Some(LogicalImm {
            value,
            n: e == 64,
            immr: immr as u8,
            imms: size_bits | (ones - 1) as u8,
        })
    }

    pub fn value(self) -> u64 {
        self.value
    }

    /// The fields `(N, immr, imms)` of the instruction encoding.
    pub fn encoding(self) -> (bool, u8, u8) {
        (self.n, self.immr, self.imms)
    }
}

fn rotate_right(v: u64, r: u32, e: u32) -> u64 {
    let m = mask(e);
    if r == 0 {
        v & m
    } else {
        ((v >> r) | (v << (e - r))) & m
    }
}

/// An add/sub immediate: 12 bits, optionally shifted left by 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AddSubImm {
    imm12: u16,
    shift12: bool,
}

impl AddSubImm {
    /// `imm12` (< 4096), shifted by 12 when `shift12`.
    pub fn new(imm12: u64, shift12: bool) -> Option<AddSubImm> {
        (imm12 < 4096).then_some(AddSubImm {
            imm12: imm12 as u16,
            shift12,
        })
    }

    /// The encoding of `value`: unshifted if it fits 12 bits, else shifted if its low 12 bits are
    /// zero and the rest fits (as assemblers choose).
    pub fn of_value(value: u64) -> Option<AddSubImm> {
        AddSubImm::new(value, false).or_else(|| {
            (value & 0xfff == 0)
                .then(|| AddSubImm::new(value >> 12, true))
                .flatten()
        })
    }

    /// The value added or subtracted.
    pub fn value(self) -> u64 {
        u64::from(self.imm12) << if self.shift12 { 12 } else { 0 }
    }
}

/// A move-wide immediate of `movz`/`movn`/`movk`: 16 bits at half-word `hw` (shift `16 * hw`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MoveWideImm {
    imm16: u16,
    hw: u8,
}

impl MoveWideImm {
    /// `imm16 << shift`; the shift must be a multiple of 16 inside the register.
    pub fn new(imm16: u16, shift: u32, w: Width) -> Option<MoveWideImm> {
        (shift & 15 == 0 && shift < bits(w)).then_some(MoveWideImm {
            imm16,
            hw: (shift / 16) as u8,
        })
    }

    /// The encoding of `value` (a `w`-bit value with at most one non-zero half-word).
    pub fn of_value(value: u64, w: Width) -> Option<MoveWideImm> {
        if value & !mask(bits(w)) != 0 {
            return None;
        }
        (0..bits(w) / 16)
            .find(|hw| value & !(0xffff << (16 * hw)) == 0)
            .map(|hw| MoveWideImm {
                imm16: (value >> (16 * hw)) as u16,
                hw: hw as u8,
            })
    }

    pub fn imm16(self) -> u16 {
        self.imm16
    }

    /// The half-word index (the shift is `16 * hw`).
    pub fn hw(self) -> u8 {
        self.hw
    }
}

/// A bit position or shift amount inside a `w`-bit register: `0 ≤ n < w` (shift amounts of
/// shifted-register operands, `immr`/`imms` of bit-field moves, the `lsb` of `extr`, the bit of
/// `tbz`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BitPos(u8);

impl BitPos {
    pub fn new(n: i64, w: Width) -> Option<BitPos> {
        (0..i64::from(bits(w)))
            .contains(&n)
            .then_some(BitPos(n as u8))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// A shift amount of a shifted-register operand (`lsl #3`): a bit position of the register.
pub type ShiftAmt = BitPos;

/// An unsigned immediate of `N` bits: the `nzcv` of `ccmp` (4), its immediate operand (5), the
/// PSTATE immediate of `msr` (4), the immediate of `hvc`/`smc`/`svc`/`brk` (16).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UImm<const N: u32>(u16);

impl<const N: u32> UImm<N> {
    pub fn new(v: i64) -> Option<Self> {
        (0..1i64 << N).contains(&v).then_some(UImm(v as u16))
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// The left shift (0..=4) applied after extending a register operand (`uxtw #2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExtendAmt(u8);

impl ExtendAmt {
    pub fn new(n: u8) -> Option<ExtendAmt> {
        (n <= 4).then_some(ExtendAmt(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The architecture's `DecodeBitMasks` (wmask only), to check encodings.
    fn decode(n: bool, immr: u8, imms: u8, w: Width) -> u64 {
        let len = 31 - ((u32::from(n) << 6) | u32::from(!imms & 0x3f)).leading_zeros();
        let e = 1u32 << len;
        let s = u32::from(imms) & (e - 1);
        let r = u32::from(immr) & (e - 1);
        let elem = rotate_right(mask(s + 1), r, e);
        let mut v = 0;
        let mut k = 0;
        while k < bits(w) {
            v |= elem << k;
            k += e;
        }
        v
    }

    #[test]
    fn logical_immediates_encode_and_decode() {
        let mut count = 0;
        for w in [Width::W32, Width::W64] {
            // every element size, run length and rotation
            for e in [2u32, 4, 8, 16, 32, 64]
                .into_iter()
                .filter(|&e| e <= bits(w))
            {
                for ones in 1..e {
                    for r in 0..e {
                        let elem = rotate_right(mask(ones), r, e);
                        let mut v = 0u64;
                        let mut k = 0;
                        while k < bits(w) {
                            v |= elem << k;
                            k += e;
                        }
                        let imm = LogicalImm::new(v, w).unwrap_or_else(|| panic!("{v:#x}"));
                        let (n, immr, imms) = imm.encoding();
                        assert_eq!(decode(n, immr, imms, w), v, "{v:#x}");
                        count += 1;
                    }
                }
            }
        }
        assert_eq!(count, 5334 + 1302);
        for (v, w) in [
            (0, Width::W64),
            (u64::MAX, Width::W64),
            (0xffff_ffff, Width::W32),
            (0x1234, Width::W64),
            (0x1_0000_0001, Width::W32),
            (0b101, Width::W64),
        ] {
            assert!(LogicalImm::new(v, w).is_none(), "{v:#x}");
        }
        assert_eq!(
            LogicalImm::new(0xff, Width::W64).map(LogicalImm::encoding),
            Some((true, 0, 7))
        );
        assert_eq!(
            LogicalImm::new(0x5555_5555, Width::W32).map(LogicalImm::encoding),
            Some((false, 0, 0b11_1100))
        );
    }

    #[test]
    fn other_immediates_check_their_ranges() {
        assert_eq!(AddSubImm::of_value(4095).map(AddSubImm::value), Some(4095));
        assert_eq!(
            AddSubImm::of_value(0x5000).map(AddSubImm::value),
            Some(0x5000)
        );
        assert!(AddSubImm::of_value(4097).is_none());
        assert!(AddSubImm::of_value(0x100_0000).is_none());
        let m = MoveWideImm::of_value(0x1234_0000_0000, Width::W64).expect("one half-word");
        assert_eq!((m.imm16(), m.hw()), (0x1234, 2));
        assert!(MoveWideImm::of_value(0x1_0000_0000, Width::W32).is_none());
        assert!(MoveWideImm::new(1, 8, Width::W64).is_none());
        assert!(MoveWideImm::new(1, 32, Width::W32).is_none());
        assert!(BitPos::new(31, Width::W32).is_some() && BitPos::new(32, Width::W32).is_none());
        assert!(BitPos::new(-1, Width::W64).is_none());
        assert!(UImm::<4>::new(15).is_some() && UImm::<4>::new(16).is_none());
        assert!(ExtendAmt::new(4).is_some() && ExtendAmt::new(5).is_none());
    }
}
