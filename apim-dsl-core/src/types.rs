//! The value types of ARM expressions, as a set so that a function argument can
//! accept "string or array" and an unknown value is "any".

use std::fmt;

/// A set of ARM value types. `Ty::ANY` is every type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ty(u8);

impl Ty {
    /// No type at all (the result of an impossible intersection).
    pub const NEVER: Ty = Ty(0);
    /// `string` (and `secureString`).
    pub const STRING: Ty = Ty(1);
    /// `int`.
    pub const INT: Ty = Ty(2);
    /// `bool`.
    pub const BOOL: Ty = Ty(4);
    /// `object` (and `secureObject`).
    pub const OBJECT: Ty = Ty(8);
    /// `array`.
    pub const ARRAY: Ty = Ty(16);
    /// `null`.
    pub const NULL: Ty = Ty(32);
    /// A value not known at compile time.
    pub const ANY: Ty = Ty(63);

    /// The set as bits: string 1, int 2, bool 4, object 8, array 16, null 32.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Every type in either set.
    pub const fn or(self, other: Ty) -> Ty {
        Ty(self.0 | other.0)
    }

    /// The types in both sets.
    pub const fn and(self, other: Ty) -> Ty {
        Ty(self.0 & other.0)
    }

    /// Whether a value of type `self` may be used where `expected` is required:
    /// true when the sets overlap (an `any` fits everywhere).
    pub const fn fits(self, expected: Ty) -> bool {
        self.0 & expected.0 != 0
    }

    /// Whether this is exactly one known type (not a union, not `any`).
    pub const fn is_single(self) -> bool {
        self.0 != 0 && self.0 & (self.0 - 1) == 0
    }

    /// Whether every type in `self` is also in `other`.
    pub const fn within(self, other: Ty) -> bool {
        self.0 & !other.0 == 0
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Ty::ANY {
            return f.write_str("any");
        }
        let names = [
            (Ty::STRING, "string"),
            (Ty::INT, "int"),
            (Ty::BOOL, "bool"),
            (Ty::OBJECT, "object"),
            (Ty::ARRAY, "array"),
            (Ty::NULL, "null"),
        ];
        let parts: Vec<&str> = names
            .iter()
            .filter(|(ty, _)| self.0 & ty.0 != 0)
            .map(|(_, name)| *name)
            .collect();
        if parts.is_empty() {
            f.write_str("never")
        } else {
            f.write_str(&parts.join(" or "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let text = Ty::STRING.or(Ty::ARRAY);
        assert!(Ty::STRING.fits(text));
        assert!(!Ty::INT.fits(text));
        assert!(Ty::ANY.fits(Ty::INT));
        assert!(Ty::STRING.is_single());
        assert!(!text.is_single());
        assert!(Ty::STRING.within(text));
        assert!(!Ty::ANY.within(text));
        assert_eq!(text.to_string(), "string or array");
        assert_eq!(Ty::ANY.to_string(), "any");
        assert_eq!(Ty::NEVER.to_string(), "never");
    }
}
