//! Semantic types.

use std::fmt;

/// A type after resolution: typedefs are expanded, tuples are flat (Coq's left-nested pairs).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    Z,
    Bool,
    Prop,
    Str,
    Nat,
    /// The sort `Type` (only as the type of a `Parameter T : Type.`).
    Sort,
    List(Box<Ty>),
    Option(Box<Ty>),
    ZMap(Box<Ty>),
    Tuple(Vec<Ty>),
    Arrow(Box<Ty>, Box<Ty>),
    /// A record, inductive, or opaque type (`Parameter T : Type.`), including built-in `Ptr`.
    Named(String),
    /// An inference variable (never left in a checked project).
    Meta(u32),
}

impl Ty {
    pub fn arrow(a: Ty, b: Ty) -> Ty {
        Ty::Arrow(Box::new(a), Box::new(b))
    }
    pub fn option(a: Ty) -> Ty {
        Ty::Option(Box::new(a))
    }
    pub fn list(a: Ty) -> Ty {
        Ty::List(Box::new(a))
    }
    pub fn zmap(a: Ty) -> Ty {
        Ty::ZMap(Box::new(a))
    }
    /// `T1 -> … -> Tn -> R` from parts.
    pub fn curried(args: Vec<Ty>, ret: Ty) -> Ty {
        args.into_iter().rev().fold(ret, |acc, a| Ty::arrow(a, acc))
    }
    /// Split `T1 -> … -> R` into `([T1,…], R)`.
    pub fn uncurry(&self) -> (Vec<&Ty>, &Ty) {
        let mut args = vec![];
        let mut t = self;
        while let Ty::Arrow(a, b) = t {
            args.push(&**a);
            t = b;
        }
        (args, t)
    }
    /// Build a tuple, flattening a left-nested first component (`(A * B) * C` = `A * B * C`).
    pub fn tuple(mut parts: Vec<Ty>) -> Ty {
        if let Some(Ty::Tuple(first)) = parts.first().cloned() {
            parts.splice(0..1, first);
        }
        Ty::Tuple(parts)
    }
    pub fn has_meta(&self) -> bool {
        match self {
            Ty::Meta(_) => true,
            Ty::List(a) | Ty::Option(a) | Ty::ZMap(a) => a.has_meta(),
            Ty::Tuple(ts) => ts.iter().any(Ty::has_meta),
            Ty::Arrow(a, b) => a.has_meta() || b.has_meta(),
            _ => false,
        }
    }
    fn fmt_prec(&self, f: &mut fmt::Formatter<'_>, prec: u8) -> fmt::Result {
        // prec: 0 = top, 1 = inside a product, 2 = argument of a type constructor
        match self {
            Ty::Z => f.write_str("Z"),
            Ty::Bool => f.write_str("bool"),
            Ty::Prop => f.write_str("Prop"),
            Ty::Str => f.write_str("string"),
            Ty::Nat => f.write_str("nat"),
            Ty::Sort => f.write_str("Type"),
            Ty::Named(n) => f.write_str(n),
            Ty::Meta(_) => f.write_str("_"),
            Ty::List(a) | Ty::Option(a) | Ty::ZMap(a) => {
                let c = match self {
                    Ty::List(_) => "list",
                    Ty::Option(_) => "option",
                    _ => "ZMap.t",
                };
                if prec >= 2 {
                    f.write_str("(")?;
                }
                write!(f, "{c} ")?;
                a.fmt_prec(f, 2)?;
                if prec >= 2 {
                    f.write_str(")")?;
                }
                Ok(())
            }
            Ty::Tuple(ts) => {
                f.write_str("(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" * ")?;
                    }
                    t.fmt_prec(f, 1)?;
                }
                f.write_str(")")
            }
            Ty::Arrow(a, b) => {
                if prec >= 1 {
                    f.write_str("(")?;
                }
                a.fmt_prec(f, 1)?;
                f.write_str(" -> ")?;
                b.fmt_prec(f, 0)?;
                if prec >= 1 {
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_prec(f, 0)
    }
}
