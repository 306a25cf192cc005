//! Support for the code `template!` generates. Not public API.

use crate::template::{Output, Parameter, Template};

/// The fields of a [`Template`], filled in by the macro.
pub struct Parts {
    pub name: &'static str,
    pub file_stem: &'static str,
    pub description: Option<&'static str>,
    pub arm: &'static str,
    pub bicep: &'static str,
    pub parameters: &'static [Parameter],
    pub outputs: &'static [Output],
    pub modules: &'static [&'static Template],
}

/// A piece of a template's text: literal text, or a module's ARM JSON spliced in
/// at an indentation depth.
pub enum Piece {
    Text(&'static str),
    Arm(&'static Template, usize),
}

/// The byte length of `text` with `indent` spaces after each newline.
const fn indented_len(text: &str, indent: usize) -> usize {
    let bytes = text.as_bytes();
    let mut len = bytes.len();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            len += indent;
        }
        i += 1;
    }
    len
}

/// The length of the joined pieces.
pub const fn joined_len(pieces: &[Piece]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < pieces.len() {
        len += match &pieces[i] {
            Piece::Text(text) => text.len(),
            Piece::Arm(template, indent) => indented_len(template.arm_json(), *indent),
        };
        i += 1;
    }
    len
}

/// The pieces joined into exactly `N` bytes (`N` from [`joined_len`]).
pub const fn join<const N: usize>(pieces: &[Piece]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < pieces.len() {
        let (text, indent) = match &pieces[i] {
            Piece::Text(text) => (*text, 0),
            Piece::Arm(template, indent) => (template.arm_json(), *indent),
        };
        let bytes = text.as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            out[at] = bytes[j];
            at += 1;
            if bytes[j] == b'\n' {
                let mut k = 0;
                while k < indent {
                    out[at] = b' ';
                    at += 1;
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    out
}

/// The joined bytes as text (always UTF-8: joined from `&str`s at line breaks).
pub const fn utf8(bytes: &'static [u8]) -> &'static str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("apim-dsl: spliced template text is not UTF-8"),
    }
}
