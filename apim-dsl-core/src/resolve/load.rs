//! Bicep's file functions, run at compile time: `loadTextContent(path,
//! encoding?)`, `loadFileAsBase64(path)` and `loadJsonContent(path, jsonPath?,
//! encoding?)` read a file relative to the declaring crate (its
//! `CARGO_MANIFEST_DIR`) and become the literal it holds, in the ARM output and
//! the Bicep output alike. The files read are kept (`ir::Template::files`) so
//! that the expansion can `include_bytes!` them: editing one rebuilds.

use super::Resolver;
use crate::ast;
use crate::diag::codes;
use crate::ir::{Expr, ExprKind, Key, Prop};
use proc_macro2::Span;
use serde_json::Value;
use std::path::PathBuf;
use syn::Ident;

/// The file functions, by their Bicep names.
pub const FUNCTIONS: [&str; 3] = ["loadTextContent", "loadFileAsBase64", "loadJsonContent"];

/// Bicep's limits on what each function reads (its documentation's "maximum
/// allowed": characters for text and JSON, bytes for base64).
const TEXT_LIMIT: usize = 131_072;
const BASE64_LIMIT: usize = 96 * 1024;
const JSON_LIMIT: usize = 1_048_576;

/// The encodings Bicep takes (`encoding` argument).
const ENCODINGS: [&str; 5] = ["utf-8", "utf-16", "utf-16BE", "iso-8859-1", "us-ascii"];

impl Resolver<'_> {
    /// `name(args)` when `name` is one of [`FUNCTIONS`] (in any case, as ARM
    /// functions are), or `None`.
    pub(super) fn load_file(&mut self, ident: &Ident, args: &[ast::Expr]) -> Option<ExprKind> {
        let name = crate::parse::ident_name(ident);
        let function = FUNCTIONS
            .iter()
            .find(|f| f.eq_ignore_ascii_case(&name))
            .copied()?;
        let max_args = match function {
            "loadTextContent" => 2,
            "loadFileAsBase64" => 1,
            _ => 3,
        };
        let mut strings = Vec::new();
        for arg in args {
            match arg {
                ast::Expr::Str(lit) => strings.push((lit.value(), lit.span())),
                other => {
                    self.diags.error(
 codes::LOAD_FILE,
                        other.span(),
                        format!("the arguments of `{function}` are string literals: the file is read at compile time"),
                    );
                    // Resolved for its names' sake: no "unused" report follows.
                    self.expr(other);
                    return Some(ExprKind::Invalid);
                }
            }
        }
        if strings.is_empty() || strings.len() > max_args {
            let usage = match function {
                "loadTextContent" => {
                    "`loadTextContent(\"path\")` or `loadTextContent(\"path\", \"encoding\")`"
                }
                "loadFileAsBase64" => "`loadFileAsBase64(\"path\")`",
                _ => {
                    "`loadJsonContent(\"path\")`, `loadJsonContent(\"path\", \"$.json.path\")` or `loadJsonContent(\"path\", \"$.json.path\", \"encoding\")`"
                }
            };
            self.diags
                .error(codes::LOAD_FILE, ident.span(), format!("expected {usage}"));
            return Some(ExprKind::Invalid);
        }
        let (path, path_span) = &strings[0];
        let encoding_at = if function == "loadJsonContent" { 2 } else { 1 };
        let encoding = match strings.get(encoding_at) {
            Some((encoding, span)) => {
                match ENCODINGS.iter().find(|e| e.eq_ignore_ascii_case(encoding)) {
                    Some(known) => *known,
                    None => {
                        self.diags.error(
                            codes::LOAD_FILE,
                            *span,
                            format!(
                                "unknown encoding {encoding:?}: Bicep reads {}",
                                ENCODINGS.map(|e| format!("{e:?}")).join(", ")
                            ),
                        );
                        return Some(ExprKind::Invalid);
                    }
                }
            }
            None => "utf-8",
        };
        let full = manifest_dir().join(path);
        let bytes = match std::fs::read(&full) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.diags.error(
 codes::LOAD_FILE,
                    *path_span,
                    format!(
                        "cannot read {path:?}: {e}; paths are relative to the directory of the crate's Cargo.toml (CARGO_MANIFEST_DIR)"
                    ),
                );
                return Some(ExprKind::Invalid);
            }
        };
        self.files.push(full.display().to_string());
        if function == "loadFileAsBase64" {
            if bytes.len() > BASE64_LIMIT {
                self.diags.error(
 codes::LOAD_FILE,
                    *path_span,
                    format!("{path:?} has {} bytes, above the {BASE64_LIMIT} that `loadFileAsBase64` reads (Bicep's limit)", bytes.len()),
                );
                return Some(ExprKind::Invalid);
            }
            return Some(ExprKind::Str(base64(&bytes)));
        }
        let text = match decode(&bytes, encoding) {
            Ok(text) => text,
            Err(why) => {
                self.diags.error(
                    codes::LOAD_FILE,
                    *path_span,
                    format!("{path:?} is not {encoding} text: {why}"),
                );
                return Some(ExprKind::Invalid);
            }
        };
        let limit = if function == "loadTextContent" {
            TEXT_LIMIT
        } else {
            JSON_LIMIT
        };
        let length = text.chars().count();
        if length > limit {
            self.diags.error(
 codes::LOAD_FILE,
                *path_span,
                format!("{path:?} has {length} characters, above the {limit} that `{function}` reads (Bicep's limit)"),
            );
            return Some(ExprKind::Invalid);
        }
        if function == "loadTextContent" {
            return Some(ExprKind::Str(text));
        }
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                self.diags.error(
                    codes::LOAD_FILE,
                    *path_span,
                    format!("{path:?} is not JSON: {e}"),
                );
                return Some(ExprKind::Invalid);
            }
        };
        let value = match strings.get(1) {
            Some((json_path, span)) => match select(&value, json_path) {
                Ok(value) => value,
                Err(why) => {
                    self.diags.error(codes::LOAD_FILE, *span, why);
                    return Some(ExprKind::Invalid);
                }
            },
            None => &value,
        };
        match literal(value, ident.span()) {
            Ok(expr) => Some(expr.kind),
            Err(number) => {
                self.diags.error(
 codes::LOAD_FILE,
                    *path_span,
                    format!("{path:?} holds the number {number}, and ARM templates hold integers only (write it as a string)"),
                );
                Some(ExprKind::Invalid)
            }
        }
    }
}

/// The directory paths are relative to: the declaring crate's, as Cargo sets it
/// for the compiler (and so for the macro); the working directory elsewhere.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from)
}

fn decode(bytes: &[u8], encoding: &str) -> Result<String, String> {
    match encoding {
        "utf-8" => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string())
        }
        "us-ascii" => match bytes.iter().position(|b| !b.is_ascii()) {
            Some(at) => Err(format!("byte {at} is not ASCII")),
            None => Ok(bytes.iter().map(|b| char::from(*b)).collect()),
        },
        "iso-8859-1" => Ok(bytes.iter().map(|b| char::from(*b)).collect()),
        utf16 => {
            if !bytes.len().is_multiple_of(2) {
                return Err("an odd number of bytes".to_string());
            }
            let big_endian = utf16 == "utf-16BE";
            let units = bytes.chunks_exact(2).map(|pair| {
                if big_endian {
                    u16::from_be_bytes([pair[0], pair[1]])
                } else {
                    u16::from_le_bytes([pair[0], pair[1]])
                }
            });
            let text: String = char::decode_utf16(units)
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())?;
            Ok(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string())
        }
    }
}

/// Standard base64 with padding, as Bicep's `loadFileAsBase64` gives it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The part of `value` at a JSONPath of members and indexes (`$.a.b[0]`,
/// `$['odd key']`): the subset of JSONPath that selects one value.
fn select<'v>(value: &'v Value, path: &str) -> Result<&'v Value, String> {
    let unsupported = || {
        format!(
            "{path:?} is not a JSONPath this reads: `$` then `.member`, `['member']` or `[index]` steps"
        )
    };
    let mut rest = path.strip_prefix('$').ok_or_else(unsupported)?;
    let mut current = value;
    while !rest.is_empty() {
        let (next, after) = if let Some(tail) = rest.strip_prefix('.') {
            let end = tail.find(['.', '[']).unwrap_or(tail.len());
            if end == 0 {
                return Err(unsupported());
            }
            (current.get(&tail[..end]), &tail[end..])
        } else if let Some(tail) = rest.strip_prefix("['") {
            let end = tail.find("']").ok_or_else(unsupported)?;
            (current.get(&tail[..end]), &tail[end + 2..])
        } else if let Some(tail) = rest.strip_prefix('[') {
            let end = tail.find(']').ok_or_else(unsupported)?;
            let index: usize = tail[..end].parse().map_err(|_| unsupported())?;
            (current.get(index), &tail[end + 1..])
        } else {
            return Err(unsupported());
        };
        current = next.ok_or_else(|| {
            format!(
                "the JSONPath {path:?} selects nothing: nothing at `{}`",
                &path[..path.len() - after.len()]
            )
        })?;
        rest = after;
    }
    Ok(current)
}

/// `value` as a literal expression, or the first number that is not an integer.
fn literal(value: &Value, span: Span) -> Result<Expr, String> {
    let kind = match value {
        Value::Null => ExprKind::Null,
        Value::Bool(b) => ExprKind::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(n) => ExprKind::Int(n),
            None => return Err(n.to_string()),
        },
        Value::String(text) => ExprKind::Str(text.clone()),
        Value::Array(items) => ExprKind::Array(
            items
                .iter()
                .map(|item| literal(item, span))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => ExprKind::Object(
            map.iter()
                .map(|(key, item)| {
                    Ok(Prop {
                        key: Key::Lit(key.clone()),
                        key_span: span,
                        value: literal(item, span)?,
                    })
                })
                .collect::<Result<_, String>>()?,
        ),
    };
    Ok(Expr::new(kind, span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64_pads_as_bicep_does() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"<policies/>\n"), "PHBvbGljaWVzLz4K");
    }

    #[test]
    fn encodings_decode() {
        assert_eq!(decode(b"\xEF\xBB\xBFa", "utf-8"), Ok("a".to_string()));
        assert!(decode(b"\xFF", "utf-8").is_err());
        assert_eq!(decode(b"\xE9", "iso-8859-1"), Ok("é".to_string()));
        assert!(decode(b"\xE9", "us-ascii").is_err());
        assert_eq!(decode(b"\xFF\xFEa\x00", "utf-16"), Ok("a".to_string()));
        assert_eq!(decode(b"\x00a", "utf-16BE"), Ok("a".to_string()));
    }

    #[test]
    fn json_paths_select_one_value() {
        let value = json!({ "a": { "b": [1, { "odd key": true }] } });
        assert_eq!(select(&value, "$.a.b[0]"), Ok(&json!(1)));
        assert_eq!(select(&value, "$.a.b[1]['odd key']"), Ok(&json!(true)));
        assert_eq!(select(&value, "$"), Ok(&value));
        assert_eq!(
            select(&value, "$.a.c"),
            Err("the JSONPath \"$.a.c\" selects nothing: nothing at `$.a.c`".to_string())
        );
        assert!(select(&value, "a.b").is_err());
        assert!(select(&value, "$..b").is_err());
    }
}
