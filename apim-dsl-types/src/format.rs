//! The binary layout of one provider's data (`data/<namespace>.bin`), shared by
//! the generator (`apim-dsl-typegen`, which writes it) and the decoder here.
//!
//! All numbers are little-endian. A blob is:
//!
//! ```text
//! magic            b"ADT1"
//! header           u32 × 4: strings, types, resources, functions (counts)
//! string index     u32 × strings    absolute offset of each string record
//! type index       u32 × types      absolute offset of each type record
//! resources        16 bytes each:   u32 type-name string, u32 API-version string,
//!                                   u32 body type, u8 readable scopes,
//!                                   u8 writable scopes, u16 zero
//! functions        20 bytes each:   u32 name string, u32 resource-type string,
//!                                   u32 API-version string, u32 input type + 1
//!                                   (0: none), u32 output type
//! records          string records (varint length, UTF-8 bytes), then type
//!                  records (a tag byte, then the fields below)
//! ```
//!
//! Varints are unsigned LEB128; signed integers are zigzag-encoded first. Type
//! records by tag (`s` a string id, `t` a type id, both varints):
//!
//! | tag | kind | fields |
//! |---|---|---|
//! | 0 | any | |
//! | 1 | bool | |
//! | 2 | null | |
//! | 3 | integer | u8 flags (1 min, 2 max), then zigzag min, max as flagged |
//! | 4 | string | u8 flags (1 min length, 2 max length, 4 pattern, 8 sensitive), then min, max, `s` pattern as flagged |
//! | 5 | string literal | `s` value |
//! | 6 | union | count, `t` × count |
//! | 7 | array | u8 flags (1 min length, 2 max length), `t` item, then min, max as flagged |
//! | 8 | object | u8 flags (1 additional properties, 2 sensitive), `s` name, count, (`s` name, `t` type, u8 property flags) × count, then `t` additional as flagged |
//! | 9 | discriminated object | `s` name, `s` discriminator, count, base properties as in objects, count, (`s` value, `t` object) × count |
//!
//! Property flags are Bicep's: 1 required, 2 read-only, 4 write-only, 8
//! deploy-time constant, 16 identifier. Scope bits are Bicep's too: 1 tenant,
//! 2 management group, 4 subscription, 8 resource group, 16 extension.

/// The first four bytes of every blob.
pub const MAGIC: &[u8; 4] = b"ADT1";

/// Bytes of the magic and the four counts.
pub const HEADER_LEN: usize = 4 + 4 * 4;

/// Bytes of one entry of the resource table.
pub const RESOURCE_LEN: usize = 16;

/// Bytes of one entry of the function table.
pub const FUNCTION_LEN: usize = 20;

/// Type record tags.
pub mod tag {
    /// Any JSON value.
    pub const ANY: u8 = 0;
    /// `true` or `false`.
    pub const BOOL: u8 = 1;
    /// `null`.
    pub const NULL: u8 = 2;
    /// An integer with optional bounds.
    pub const INT: u8 = 3;
    /// A string with optional length bounds, pattern and sensitivity.
    pub const STRING: u8 = 4;
    /// One exact string.
    pub const LITERAL: u8 = 5;
    /// Any of several types.
    pub const UNION: u8 = 6;
    /// An array of one item type.
    pub const ARRAY: u8 = 7;
    /// An object with named properties.
    pub const OBJECT: u8 = 8;
    /// An object whose shape depends on one property's value.
    pub const DISCRIMINATED: u8 = 9;
}

/// Appends `value` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Zigzag encoding of a signed integer (0, -1, 1, -2, ... → 0, 1, 2, 3, ...).
pub fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// The inverse of [`zigzag`].
pub fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips() {
        for value in [0, 1, -1, 63, -64, i64::MAX, i64::MIN, 4_294_967_295] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
        out.clear();
        put_varint(&mut out, 5);
        assert_eq!(out, [5]);
    }
}
