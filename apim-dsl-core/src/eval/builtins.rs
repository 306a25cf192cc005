//! The template functions, by name. Semantics from Microsoft's function
//! reference (<https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions>).

use super::{
    EvalError, Evaluator, MAX_SIZE, R, Value, cidr, eq_ignore_case, fold_case, hash, known,
    property, residual_call, time, type_name,
};
use crate::ir::{self, Expr, ExprKind};
use proc_macro2::Span;
use serde_json::{Map, Value as Json};
use std::cmp::Ordering;

/// Whether the call reads deployed state (or a clock or randomness not given):
/// its value is a placeholder.
pub(super) fn reads_deployed_state(lower: &str, c: &ir::Call) -> bool {
    matches!(
        lower,
        "reference" | "references" | "providers" | "pickzones" | "newguid"
    ) || c.function.place == crate::functions::Place::Runtime
}

fn err(message: impl Into<String>, span: Span) -> EvalError {
    EvalError::new(message, span)
}

/// A limit or a gap of this evaluator, not a deployment failure: the call is
/// left to the deployment (an unknown value), never reported as an error.
fn gap(message: impl Into<String>, span: Span) -> EvalError {
    EvalError::unsupported(message, span)
}

/// A date function's error: a text the evaluator's ISO 8601 reading does not
/// take may still be one .NET reads, so only a result outside the years 1 to
/// 9999 is a certain failure.
fn date_err(message: String, span: Span) -> EvalError {
    if message.contains("outside the years") {
        err(message, span)
    } else {
        gap(message, span)
    }
}

/// Argument `i` of `f` as the JSON type `what` names, read by `read`.
fn want<'v, T>(
    f: &str,
    args: &'v [Json],
    i: usize,
    span: Span,
    what: &str,
    read: impl Fn(&'v Json) -> Option<T>,
) -> Result<T, EvalError> {
    let Some(arg) = args.get(i) else {
        return Err(err(format!("{f}() needs argument {}", i + 1), span));
    };
    read(arg).ok_or_else(|| {
        err(
            format!(
                "{f}() takes {what} as argument {}, not {}",
                i + 1,
                type_name(arg)
            ),
            span,
        )
    })
}

fn want_str<'v>(f: &str, args: &'v [Json], i: usize, span: Span) -> Result<&'v str, EvalError> {
    want(f, args, i, span, "a string", Json::as_str)
}

/// An int argument. A float there (`add(json('1.5'), 1)`) is left to the
/// deployment: ARM documents these functions for ints only, and nothing
/// establishes whether it rejects a float or converts it (.NET's conversions
/// round, truncate or throw), so it is neither a value nor an error here.
fn want_int(f: &str, args: &[Json], i: usize, span: Span) -> Result<i64, EvalError> {
    if let Some(arg @ Json::Number(n)) = args.get(i)
        && exact_int(n).is_none()
    {
        return Err(gap(
            format!(
                "{f}() of {} as argument {}: whether ARM takes a float for an int is not documented",
                show(arg),
                i + 1
            ),
            span,
        ));
    }
    want(f, args, i, span, "an int", Json::as_i64)
}

fn want_bool(f: &str, args: &[Json], i: usize, span: Span) -> Result<bool, EvalError> {
    want(f, args, i, span, "a bool", Json::as_bool)
}

/// The string a key lambda returned (`toObject`, `groupBy`).
fn key_text(key: Json, what: &str, span: Span) -> Result<String, EvalError> {
    match key {
        Json::String(k) => Ok(k),
        other => Err(err(
            format!("{what} must return a string, not {}", type_name(&other)),
            span,
        )),
    }
}

fn check_size(s: String, span: Span) -> Result<Json, EvalError> {
    if s.len() > MAX_SIZE {
        return Err(gap(
            format!("the result would be longer than {MAX_SIZE} bytes"),
            span,
        ));
    }
    Ok(Json::String(s))
}

/// The text of a value where ARM converts values to strings (`concat`,
/// `format`, `string`, `join`): booleans as `True`/`False` (.NET), null as
/// empty text, arrays and objects as compact JSON.
pub(super) fn to_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Bool(true) => "True".to_string(),
        Json::Bool(false) => "False".to_string(),
        Json::Null => String::new(),
        Json::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// ARM's strings are .NET strings: every index and length of a string
/// function (`length`, `substring`, `take`, `skip`, `first`, `last`,
/// `indexOf`, `lastIndexOf`, `padLeft`, `format`'s alignment) counts UTF-16
/// code units, so a character outside the Basic Multilingual Plane (an emoji)
/// counts 2 (.NET `String.Length`,
/// <https://learn.microsoft.com/dotnet/api/system.string.length>).
fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// UTF-16 code units as text. A slice that cuts a surrogate pair in half
/// holds a lone surrogate in .NET, which JSON text in UTF-8 cannot carry: the
/// lone half becomes U+FFFD (as .NET's UTF-8 encoder writes it), never an
/// error.
fn from_utf16(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `indexOf`/`lastIndexOf` of a string: ordinal, ignoring case (each
/// character's simple upper case), at a UTF-16 code unit offset; -1 when not
/// found, and an empty text is found at 0 (first) or at the end (last).
fn index_of(s: &str, p: &str, last: bool) -> i64 {
    let mut hay: Vec<(usize, char)> = Vec::new();
    let mut at = 0;
    for c in s.chars() {
        hay.push((at, simple_upper(c)));
        at += c.len_utf16();
    }
    let needle: Vec<char> = p.chars().map(simple_upper).collect();
    if needle.len() > hay.len() {
        return -1;
    }
    let mut positions = (0..=hay.len() - needle.len()).filter(|&i| {
        hay[i..i + needle.len()]
            .iter()
            .map(|&(_, c)| c)
            .eq(needle.iter().copied())
    });
    let found = if last {
        positions.next_back()
    } else {
        positions.next()
    };
    found.map_or(-1, |i| hay.get(i).map_or(at, |&(o, _)| o) as i64)
}

/// How .NET's number parsing (`double.Parse`, `long.Parse`,
/// `Convert.ToDouble`) reads a string, where that is certain whatever number
/// styles and culture ARM passes, which are not documented.
enum NumberText<'s> {
    /// Plain digits (for a float: with a `.` and an exponent) with an
    /// optional sign, between .NET's white space: every reading agrees, and
    /// Rust reads it alike (`t` is without the white space).
    Plain(&'s str),
    /// No reading takes it: empty or white space only, no digit at all, or a
    /// letter that is no exponent, infinity or NaN (`abc`, `12px`, `0x1F`).
    Rejected,
    /// Readings differ: group separators (`1,000` with AllowThousands),
    /// `∞` and `Infinity`, NaN, currency symbols, parentheses, trailing NULs,
    /// an exponent in an int, non-ASCII digits or spaces (`U+00A0` is no
    /// white space to .NET, as it is to Rust's `trim`).
    Unsure,
}

/// White space to .NET's number parsing (NumberStyles.AllowLeadingWhite and
/// AllowTrailingWhite): U+0009 to U+000D and U+0020 only.
fn dotnet_white(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

fn number_text(s: &str, float: bool) -> NumberText<'_> {
    let t = s.trim_matches(dotnet_white);
    if t.is_empty() {
        return NumberText::Rejected;
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let plain = if float {
        let (mantissa, exponent) = match body.split_once(['e', 'E']) {
            Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
            None => (body, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        (digits(whole) || digits(fraction))
            && (whole.is_empty() || digits(whole))
            && (fraction.is_empty() || digits(fraction))
            && exponent.is_none_or(digits)
    } else {
        digits(body)
    };
    if plain {
        return NumberText::Plain(t);
    }
    if !t.is_ascii() {
        return NumberText::Unsure;
    }
    let word = t.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if matches!(word.as_str(), "nan" | "inf" | "infinity") {
        return NumberText::Unsure;
    }
    let any_digit = t.bytes().any(|b| b.is_ascii_digit());
    let letter = t
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E'));
    if !any_digit || letter {
        NumberText::Rejected
    } else {
        NumberText::Unsure
    }
}

/// A character's simple (one to one) upper case mapping, as .NET's invariant
/// culture (`Char.ToUpperInvariant`): the mapping never changes a string's
/// length, so `ß` stays `ß` (its full mapping `SS` is not simple), and the
/// Turkish dotless `ı` is left alone as .NET's invariant casing does.
pub(super) fn simple_upper(c: char) -> char {
    match c {
        '\u{131}' => c,
        // Greek with ypogegrammeni: the full mapping has two characters, the
        // simple one is the titlecase letter 8 code points on.
        '\u{1F80}'..='\u{1F87}' | '\u{1F90}'..='\u{1F97}' | '\u{1FA0}'..='\u{1FA7}' => {
            char::from_u32(c as u32 + 8).unwrap_or(c)
        }
        '\u{1FB3}' => '\u{1FBC}',
        '\u{1FC3}' => '\u{1FCC}',
        '\u{1FF3}' => '\u{1FFC}',
        _ => {
            let mut u = c.to_uppercase();
            match (u.next(), u.next()) {
                (Some(x), None) if x.len_utf16() == c.len_utf16() => x,
                _ => c,
            }
        }
    }
}

/// A character's simple lower case mapping, as `Char.ToLowerInvariant`
/// (the dotted `İ` is left alone by .NET's invariant casing).
pub(super) fn simple_lower(c: char) -> char {
    if c == '\u{130}' {
        return c;
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.len_utf16() == c.len_utf16() => x,
        _ => c,
    }
}

/// Applies a function to known arguments (operators use this too).
pub(super) fn apply(
    ev: &mut Evaluator<'_>,
    name: &str,
    args: &[Json],
    span: Span,
) -> Result<Json, EvalError> {
    let lower = name.to_ascii_lowercase();
    let function = crate::functions::lookup(name)
        .map(|f| f.function)
        .unwrap_or(&crate::functions::USER_FUNCTION);
    let c = ir::Call {
        function,
        name: name.to_string(),
        args: Vec::new(),
        user: None,
    };
    match apply_call(ev, &lower, &c, args, span)? {
        Some(Value::Known(v)) => Ok(v),
        _ => Err(err(format!("{name}() cannot be evaluated here"), span)),
    }
}

/// Applies the function `lower` (its lower-case name) to known arguments;
/// `None` when its value is only known at deployment.
pub(super) fn apply_call(
    ev: &mut Evaluator<'_>,
    lower: &str,
    c: &ir::Call,
    args: &[Json],
    span: Span,
) -> Result<Option<Value>, EvalError> {
    let f = c.function.name;
    let a = args;
    let v: Json = match lower {
        // Logical.
        "true" => Json::Bool(true),
        "false" => Json::Bool(false),
        "null" => Json::Null,
        "and" | "or" => {
            let mut acc = lower == "and";
            for i in 0..a.len() {
                let b = want_bool(f, a, i, span)?;
                acc = if lower == "and" { acc && b } else { acc || b };
            }
            Json::Bool(acc)
        }
        "not" => Json::Bool(!want_bool(f, a, 0, span)?),
        "bool" => match &a[0] {
            Json::Bool(b) => Json::Bool(*b),
            Json::String(s) if s.eq_ignore_ascii_case("true") => Json::Bool(true),
            Json::String(s) if s.eq_ignore_ascii_case("false") => Json::Bool(false),
            // `true` or `false` only with white space around, or ignoring
            // case beyond ASCII (`falſe`): .NET's bool.Parse trims white
            // space and NULs, and whether ARM's reading does, or compares
            // case ordinally, is not established; neither value nor error.
            Json::String(s)
                if matches!(
                    fold_case(s.trim_matches(|c: char| c.is_whitespace() || c == '\0')).as_str(),
                    "TRUE" | "FALSE"
                ) =>
            {
                return Err(gap(
                    format!("bool() of '{s}': .NET's reading of it is not established"),
                    span,
                ));
            }
            Json::Number(n) if n.as_i64().is_some() => Json::Bool(n.as_i64() != Some(0)),
            // A float: ARM documents bool() of "string or int" only; whether
            // it converts a float or rejects it is not established.
            Json::Number(_) => {
                return Err(gap(
                    format!("bool() of {}: a float is not documented", show(&a[0])),
                    span,
                ));
            }
            other => {
                return Err(err(
                    format!("bool() cannot convert {} to a bool", show(other)),
                    span,
                ));
            }
        },
        // Comparison.
        // Open question: an int and a float of the same value (`equals(1,
        // json('1.0'))`) are unequal here, as JSON values of different types;
        // whether ARM's comparison (Newtonsoft's `JToken.DeepEquals` would
        // call them equal) does the same is not documented.
        "equals" => Json::Bool(a[0] == a[1]),
        "less" | "lessorequals" | "greater" | "greaterorequals" => {
            let ord = compare(f, &a[0], &a[1], span)?;
            Json::Bool(match lower {
                "less" => ord == Ordering::Less,
                "lessorequals" => ord != Ordering::Greater,
                "greater" => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            })
        }
        // Numeric.
        "add" | "sub" | "mul" | "div" | "mod" => {
            let x = want_int(f, a, 0, span)?;
            let y = want_int(f, a, 1, span)?;
            let r = match lower {
                "add" => x.checked_add(y),
                "sub" => x.checked_sub(y),
                "mul" => x.checked_mul(y),
                _ if y == 0 => {
                    return Err(err(format!("{f}({x}, 0) divides by zero"), span));
                }
                "div" => x.checked_div(y),
                _ => x.checked_rem(y),
            };
            Json::from(
                r.ok_or_else(|| err(format!("{f}({x}, {y}) overflows a 64-bit integer"), span))?,
            )
        }
        "int" => match &a[0] {
            Json::Number(n) => match n.as_i64() {
                Some(i) => Json::from(i),
                // A float truncates toward zero; one beyond ARM's 64-bit ints
                // (`int(json('1e30'))`) is not given a made-up (saturated)
                // value: what ARM does with it (.NET's conversions throw an
                // OverflowException) is an open question, left to the deployment.
                None => {
                    let x = n.as_f64().unwrap_or(f64::NAN).trunc();
                    // 2^63 is the first float beyond i64.
                    if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&x) {
                        return Err(gap(
                            format!("int() of {n}: beyond ARM's 64-bit integers"),
                            span,
                        ));
                    }
                    Json::from(x as i64)
                }
            },
            Json::String(s) => match number_text(s, false) {
                NumberText::Plain(t) => Json::from(t.parse::<i64>().map_err(|_| {
                    gap(
                        format!("int() of '{s}': beyond ARM's 64-bit integers"),
                        span,
                    )
                })?),
                NumberText::Rejected => {
                    return Err(err(
                        format!("int() cannot convert '{s}' to an integer"),
                        span,
                    ));
                }
                NumberText::Unsure => {
                    return Err(gap(
                        format!("int() of '{s}': .NET's number parsing may read it otherwise"),
                        span,
                    ));
                }
            },
            other => {
                return Err(err(
                    format!("int() cannot convert {} to an integer", show(other)),
                    span,
                ));
            }
        },
        "float" => {
            let x = match &a[0] {
                Json::Number(n) => n.as_f64().unwrap_or_default(),
                Json::String(s) => match number_text(s, true) {
                    NumberText::Plain(t) => t
                        .parse::<f64>()
                        .map_err(|_| gap(format!("float() of '{s}': not read here"), span))?,
                    NumberText::Rejected => {
                        return Err(err(
                            format!("float() cannot convert '{s}' to a number"),
                            span,
                        ));
                    }
                    NumberText::Unsure => {
                        return Err(gap(
                            format!(
                                "float() of '{s}': .NET's number parsing may read it otherwise"
                            ),
                            span,
                        ));
                    }
                },
                other => {
                    return Err(err(
                        format!("float() cannot convert {} to a number", show(other)),
                        span,
                    ));
                }
            };
            // NaN and infinities (`float('nan')`, `float('1e999')`) have no
            // JSON value; what ARM gives for them is an open question, so
            // the call is left to the deployment rather than made `null`.
            match serde_json::Number::from_f64(x) {
                Some(n) => Json::Number(n),
                None => {
                    return Err(gap(
                        format!("float() of {}: not a finite number", show(&a[0])),
                        span,
                    ));
                }
            }
        }
        "copyindex" => {
            let (name, offset) = match a {
                [] => (None, 0),
                [Json::String(n)] => (Some(n.as_str()), 0),
                [Json::String(n), _] => (Some(n.as_str()), want_int(f, a, 1, span)?),
                [_] => (None, want_int(f, a, 0, span)?),
                _ => (None, want_int(f, a, 0, span)?),
            };
            Json::from(ev.copy_index(name, span)? + offset)
        }
        "min" | "max" => {
            let items: Vec<Json> = match a {
                [Json::Array(items)] => items.clone(),
                _ => a.to_vec(),
            };
            let mut best: Option<i64> = None;
            for (i, item) in items.iter().enumerate() {
                let n = want_int(f, &items, i, span)?;
                let _ = item;
                best = Some(match best {
                    None => n,
                    Some(b) if lower == "min" => b.min(n),
                    Some(b) => b.max(n),
                });
            }
            Json::from(best.ok_or_else(|| err(format!("{f}() of an empty array"), span))?)
        }
        "range" => {
            let start = want_int(f, a, 0, span)?;
            let count = want_int(f, a, 1, span)?;
            if !(0..=10_000).contains(&count) {
                return Err(err(
                    format!("range() takes a count between 0 and 10000, not {count}"),
                    span,
                ));
            }
            if start
                .checked_add(count)
                .is_none_or(|end| end > i64::from(i32::MAX))
            {
                return Err(err(
                    "range(): the sum of start and count must be at most 2147483647",
                    span,
                ));
            }
            Json::Array((start..start + count).map(Json::from).collect())
        }
        // Strings and arrays.
        "concat" => concat(f, a, span)?,
        "string" => check_size(to_text(&a[0]), span)?,
        "format" => check_size(format(want_str(f, a, 0, span)?, &a[1..], span)?, span)?,
        // .NET's ToLowerInvariant/ToUpperInvariant: per character, never
        // changing the length ('straße' -> 'STRAßE').
        "tolower" => Json::String(want_str(f, a, 0, span)?.chars().map(simple_lower).collect()),
        "toupper" => Json::String(want_str(f, a, 0, span)?.chars().map(simple_upper).collect()),
        "trim" => Json::String(want_str(f, a, 0, span)?.trim().to_string()),
        "length" => Json::from(match &a[0] {
            Json::String(s) => s.encode_utf16().count(),
            Json::Array(items) => items.len(),
            Json::Object(map) => map.len(),
            other => {
                return Err(err(
                    format!(
                        "length() takes a string, an array or an object, not {}",
                        type_name(other)
                    ),
                    span,
                ));
            }
        }),
        "empty" => Json::Bool(match &a[0] {
            Json::Null => true,
            Json::String(s) => s.is_empty(),
            Json::Array(items) => items.is_empty(),
            Json::Object(map) => map.is_empty(),
            _ => false,
        }),
        "contains" => Json::Bool(match &a[0] {
            Json::String(s) => s.contains(to_text(&a[1]).as_str()),
            Json::Array(items) => items.contains(&a[1]),
            Json::Object(map) => {
                let key = to_text(&a[1]);
                map.keys().any(|k| eq_ignore_case(k, &key))
            }
            other => {
                return Err(err(
                    format!(
                        "contains() takes a string, an array or an object, not {}",
                        type_name(other)
                    ),
                    span,
                ));
            }
        }),
        "startswith" | "endswith" => {
            let s: String = want_str(f, a, 0, span)?.chars().map(simple_upper).collect();
            let p: String = want_str(f, a, 1, span)?.chars().map(simple_upper).collect();
            Json::Bool(if lower == "startswith" {
                s.starts_with(&p)
            } else {
                s.ends_with(&p)
            })
        }
        "indexof" | "lastindexof" => Json::from(match &a[0] {
            Json::String(s) => index_of(s, want_str(f, a, 1, span)?, lower == "lastindexof"),
            Json::Array(items) => {
                let found = if lower == "indexof" {
                    items.iter().position(|x| *x == a[1])
                } else {
                    items.iter().rposition(|x| *x == a[1])
                };
                found.map_or(-1, |i| i as i64)
            }
            other => {
                return Err(err(
                    format!("{f}() takes a string or an array, not {}", type_name(other)),
                    span,
                ));
            }
        }),
        "substring" => {
            let s = utf16(want_str(f, a, 0, span)?);
            let start = if a.len() > 1 {
                want_int(f, a, 1, span)?
            } else {
                0
            };
            let len = if a.len() > 2 {
                want_int(f, a, 2, span)?
            } else {
                s.len() as i64 - start
            };
            if start < 0 || len < 0 || start.saturating_add(len) > s.len() as i64 {
                return Err(err(
                    format!(
                        "substring(): start {start} and length {len} are outside the string of {} characters",
                        s.len()
                    ),
                    span,
                ));
            }
            Json::String(from_utf16(&s[start as usize..(start + len) as usize]))
        }
        "take" | "skip" => {
            let n = want_int(f, a, 1, span)?.max(0) as usize;
            match &a[0] {
                Json::String(s) => {
                    let cs = utf16(s);
                    let n = n.min(cs.len());
                    Json::String(from_utf16(if lower == "take" {
                        &cs[..n]
                    } else {
                        &cs[n..]
                    }))
                }
                Json::Array(items) => {
                    let n = n.min(items.len());
                    Json::Array(if lower == "take" {
                        items[..n].to_vec()
                    } else {
                        items[n..].to_vec()
                    })
                }
                other => {
                    return Err(err(
                        format!("{f}() takes a string or an array, not {}", type_name(other)),
                        span,
                    ));
                }
            }
        }
        "first" | "last" => match &a[0] {
            Json::String(s) => {
                let cs = utf16(s);
                let c = if lower == "first" {
                    cs.first()
                } else {
                    cs.last()
                };
                Json::String(c.map(|&c| from_utf16(&[c])).unwrap_or_default())
            }
            Json::Array(items) => {
                let x = if lower == "first" {
                    items.first()
                } else {
                    items.last()
                };
                x.cloned().unwrap_or(Json::Null)
            }
            other => {
                return Err(err(
                    format!("{f}() takes a string or an array, not {}", type_name(other)),
                    span,
                ));
            }
        },
        "split" => {
            let s = want_str(f, a, 0, span)?;
            let delims: Vec<String> = match &a[1] {
                Json::String(d) => vec![d.clone()],
                Json::Array(ds) => ds.iter().map(to_text).collect(),
                other => {
                    return Err(err(
                        format!(
                            "split() takes a string or an array of delimiters, not {}",
                            type_name(other)
                        ),
                        span,
                    ));
                }
            };
            Json::Array(split(s, &delims).into_iter().map(Json::String).collect())
        }
        "join" => {
            let Json::Array(items) = &a[0] else {
                return Err(err(
                    format!("join() takes an array, not {}", type_name(&a[0])),
                    span,
                ));
            };
            let d = want_str(f, a, 1, span)?;
            check_size(items.iter().map(to_text).collect::<Vec<_>>().join(d), span)?
        }
        "replace" => {
            let s = want_str(f, a, 0, span)?;
            let old = want_str(f, a, 1, span)?;
            let new = want_str(f, a, 2, span)?;
            if old.is_empty() {
                return Err(err("replace() cannot replace an empty string", span));
            }
            let count = s.matches(old).count();
            if s.len() + count.saturating_mul(new.len()) > MAX_SIZE {
                return Err(gap(
                    format!("the result would be longer than {MAX_SIZE} bytes"),
                    span,
                ));
            }
            Json::String(s.replace(old, new))
        }
        "padleft" => {
            let s = match &a[0] {
                Json::String(s) => s.clone(),
                Json::Number(n) => n.to_string(),
                other => {
                    return Err(err(
                        format!(
                            "padLeft() takes a string or an int, not {}",
                            type_name(other)
                        ),
                        span,
                    ));
                }
            };
            let total = want_int(f, a, 1, span)?;
            if !(0..=16_384).contains(&total) {
                return Err(gap(
                    format!("padLeft(): the total length {total} is not between 0 and 16384"),
                    span,
                ));
            }
            let pad = if a.len() > 2 {
                want_str(f, a, 2, span)?
            } else {
                " "
            };
            // One .NET `char`: a single UTF-16 code unit.
            let mut pc = pad.chars();
            let (Some(p), None) = (pc.next(), pc.next()) else {
                return Err(err("padLeft() takes a single padding character", span));
            };
            if p.len_utf16() != 1 {
                return Err(err(
                    "padLeft() takes a single padding character (one UTF-16 code unit)",
                    span,
                ));
            }
            let len = utf16_len(&s);
            let mut out: String =
                std::iter::repeat_n(p, (total as usize).saturating_sub(len)).collect();
            out.push_str(&s);
            Json::String(out)
        }
        "base64" => Json::String(base64_encode(want_str(f, a, 0, span)?.as_bytes())),
        "base64tostring" => {
            Json::String(utf8(base64_decode(want_str(f, a, 0, span)?, span)?, span)?)
        }
        "base64tojson" => {
            let text = utf8(base64_decode(want_str(f, a, 0, span)?, span)?, span)?;
            parse_json(&text, span)?
        }
        "datauri" => Json::String(format!(
            "data:text/plain;charset=utf-8;base64,{}",
            base64_encode(to_text(&a[0]).as_bytes())
        )),
        "datauritostring" => Json::String(data_uri_to_string(want_str(f, a, 0, span)?, span)?),
        "json" => parse_json(want_str(f, a, 0, span)?, span)?,
        "uri" => Json::String(uri(
            want_str(f, a, 0, span)?,
            want_str(f, a, 1, span)?,
            span,
        )?),
        "uricomponent" => Json::String(uri_component(want_str(f, a, 0, span)?)),
        "uricomponenttostring" => {
            Json::String(utf8(percent_decode(want_str(f, a, 0, span)?), span)?)
        }
        "uniquestring" => {
            let parts = (0..a.len())
                .map(|i| want_str(f, a, i, span))
                .collect::<Result<Vec<_>, _>>()?;
            Json::String(hash::unique_string(&parts))
        }
        "guid" => {
            let parts = (0..a.len())
                .map(|i| want_str(f, a, i, span))
                .collect::<Result<Vec<_>, _>>()?;
            Json::String(hash::guid(&parts))
        }
        // Arrays and objects.
        "array" => match &a[0] {
            Json::Array(items) => Json::Array(items.clone()),
            other => Json::Array(vec![other.clone()]),
        },
        "createarray" => Json::Array(a.to_vec()),
        "createobject" => {
            let mut map = Map::new();
            for pair in a.chunks(2) {
                let Json::String(k) = &pair[0] else {
                    return Err(err(
                        format!(
                            "createObject() takes string keys, not {}",
                            type_name(&pair[0])
                        ),
                        span,
                    ));
                };
                map.insert(k.clone(), pair.get(1).cloned().unwrap_or(Json::Null));
            }
            Json::Object(map)
        }
        "union" => union(f, a, span)?,
        "intersection" => intersection(f, a, span)?,
        "items" => {
            let Json::Object(map) = &a[0] else {
                return Err(err(
                    format!("items() takes an object, not {}", type_name(&a[0])),
                    span,
                ));
            };
            Json::Array(
                sorted_keys(f, map, span)?
                    .into_iter()
                    .map(|(k, v)| serde_json::json!({"key": k, "value": v}))
                    .collect(),
            )
        }
        "objectkeys" => {
            let Json::Object(map) = &a[0] else {
                return Err(err(
                    format!("objectKeys() takes an object, not {}", type_name(&a[0])),
                    span,
                ));
            };
            Json::Array(
                sorted_keys(f, map, span)?
                    .into_iter()
                    .map(|(k, _)| Json::String(k.clone()))
                    .collect(),
            )
        }
        "shallowmerge" => {
            let Json::Array(items) = &a[0] else {
                return Err(err(
                    format!(
                        "shallowMerge() takes an array of objects, not {}",
                        type_name(&a[0])
                    ),
                    span,
                ));
            };
            let mut out = Map::new();
            for item in items {
                let Json::Object(map) = item else {
                    return Err(err(
                        format!(
                            "shallowMerge() takes an array of objects, not one with {}",
                            type_name(item)
                        ),
                        span,
                    ));
                };
                for (k, v) in map {
                    out.insert(k.clone(), v.clone());
                }
            }
            Json::Object(out)
        }
        "tryget" => {
            let mut cur = a[0].clone();
            for key in &a[1..] {
                cur = match (&cur, key) {
                    (Json::Object(map), Json::String(k)) => {
                        property(map, k).cloned().unwrap_or(Json::Null)
                    }
                    (Json::Array(items), Json::Number(n)) => n
                        .as_u64()
                        .and_then(|i| items.get(i as usize))
                        .cloned()
                        .unwrap_or(Json::Null),
                    _ => Json::Null,
                };
            }
            cur
        }
        // CIDR.
        "parsecidr" => cidr::parse_cidr(want_str(f, a, 0, span)?).map_err(|m| err(m, span))?,
        "cidrsubnet" => Json::String(
            cidr::cidr_subnet(
                want_str(f, a, 0, span)?,
                want_int(f, a, 1, span)?,
                want_int(f, a, 2, span)?,
            )
            .map_err(|m| err(m, span))?,
        ),
        "cidrhost" => Json::String(
            cidr::cidr_host(want_str(f, a, 0, span)?, want_int(f, a, 1, span)?)
                .map_err(|m| err(m, span))?,
        ),
        // Dates.
        "datetimeadd" => {
            let format = if a.len() > 2 {
                Some(want_str(f, a, 2, span)?)
            } else {
                None
            };
            Json::String(
                time::date_time_add(want_str(f, a, 0, span)?, want_str(f, a, 1, span)?, format)
                    .map_err(|m| date_err(m, span))?,
            )
        }
        "datetimefromepoch" => {
            Json::String(time::from_epoch(want_int(f, a, 0, span)?).map_err(|m| date_err(m, span))?)
        }
        "datetimetoepoch" => {
            Json::from(time::to_epoch(want_str(f, a, 0, span)?).map_err(|m| date_err(m, span))?)
        }
        "utcnow" => {
            let Some(now) = ev.context().now.clone() else {
                return Ok(None);
            };
            let format = if a.is_empty() {
                "yyyyMMddTHHmmssZ"
            } else {
                want_str(f, a, 0, span)?
            };
            Json::String(time::reformat(&now, format).map_err(|m| date_err(m, span))?)
        }
        // Deployment and scope.
        "environment" => environment(),
        "resourcegroup" | "subscription" | "tenant" | "managementgroup" | "deployment" => {
            let fields = scope_fields(ev, lower, a, span)?;
            if fields.iter().any(|(_, v)| v.is_none()) {
                return Ok(None);
            }
            Json::Object(
                fields
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.unwrap_or_default()))
                    .collect(),
            )
        }
        "resourceid"
        | "subscriptionresourceid"
        | "tenantresourceid"
        | "extensionresourceid"
        | "managementgroupresourceid" => Json::String(resource_id(ev, lower, f, a, span)?),
        _ => return Ok(None),
    };
    Ok(Some(Value::Known(v)))
}

/// The members of `resourceGroup()`, `subscription()`, `tenant()`,
/// `managementGroup()` and `deployment()`; `None` where only Azure knows.
pub(super) fn scope_fields(
    ev: &Evaluator<'_>,
    lower: &str,
    a: &[Json],
    span: Span,
) -> Result<Vec<(&'static str, Option<Json>)>, EvalError> {
    let ctx = ev.context();
    let s = |x: &str| Some(Json::String(x.to_string()));
    let text = |i: usize| want_str(lower, a, i, span).map(str::to_string);
    Ok(match lower {
        "resourcegroup" => {
            let (sub, rg, here) = match a.len() {
                0 => (
                    ctx.subscription_id.clone(),
                    ctx.resource_group.clone(),
                    true,
                ),
                1 => (ctx.subscription_id.clone(), text(0)?, false),
                _ => (text(0)?, text(1)?, false),
            };
            vec![
                (
                    "id",
                    s(&format!("/subscriptions/{sub}/resourceGroups/{rg}")),
                ),
                ("name", s(&rg)),
                ("type", s("Microsoft.Resources/resourceGroups")),
                (
                    "location",
                    if here {
                        ctx.location.as_deref().and_then(s)
                    } else {
                        None
                    },
                ),
                ("managedBy", None),
                ("tags", None),
                (
                    "properties",
                    Some(serde_json::json!({"provisioningState": "Succeeded"})),
                ),
            ]
        }
        "subscription" => {
            let (sub, here) = match a.len() {
                0 => (ctx.subscription_id.clone(), true),
                _ => (text(0)?, false),
            };
            vec![
                ("id", s(&format!("/subscriptions/{sub}"))),
                ("subscriptionId", s(&sub)),
                (
                    "tenantId",
                    if here {
                        ctx.tenant_id.as_deref().and_then(s)
                    } else {
                        None
                    },
                ),
                ("displayName", None),
            ]
        }
        "tenant" => vec![
            ("countryCode", None),
            ("displayName", None),
            (
                "id",
                ctx.tenant_id
                    .as_ref()
                    .and_then(|t| s(&format!("/tenants/{t}"))),
            ),
            ("tenantId", ctx.tenant_id.as_deref().and_then(s)),
        ],
        "managementgroup" => {
            let mg = match a.len() {
                0 => ctx.management_group.clone(),
                _ => Some(text(0)?),
            };
            vec![
                (
                    "id",
                    mg.as_ref().and_then(|m| {
                        s(&format!(
                            "/providers/Microsoft.Management/managementGroups/{m}"
                        ))
                    }),
                ),
                ("name", mg.as_deref().and_then(s)),
                ("type", s("Microsoft.Management/managementGroups")),
                ("properties", None),
            ]
        }
        _ => vec![
            ("name", s(&ctx.deployment_name)),
            ("location", ctx.location.as_deref().and_then(s)),
            ("properties", None),
        ],
    })
}

fn show(v: &Json) -> String {
    match v {
        Json::String(s) => format!("'{s}'"),
        other => type_name(other).to_string(),
    }
}

/// ARM's order of values: ints by value, strings by a culture-aware
/// comparison, of which only the part every .NET culture comparison agrees on
/// is computed ([`culture_order`]).
fn compare(f: &str, x: &Json, y: &Json, span: Span) -> Result<Ordering, EvalError> {
    // A float (`json('1.5')`, `float('2')`): ARM documents `less`, `greater`,
    // `lessOrEquals` and `greaterOrEquals` for "int or string" only
    // (templates/template-functions-comparison), and nothing establishes
    // whether it compares floats (as doubles, as decimals, converted to
    // ints) or rejects them; so neither a value nor an error: the call is
    // left to the deployment, whatever the other operand.
    let float = |v: &Json| matches!(v, Json::Number(n) if exact_int(n).is_none());
    if float(x) || float(y) {
        return Err(gap(
            format!(
                "{f}() of {} and {}: whether ARM compares floats is not documented",
                show(x),
                show(y)
            ),
            span,
        ));
    }
    match (x, y) {
        // Two ints compare exactly (as .NET's Int64), not as doubles, which
        // cannot tell 2^53 + 1 from 2^53.
        // (Both are ints: a float was left to the deployment above.)
        (Json::Number(a), Json::Number(b)) => Ok(exact_int(a).cmp(&exact_int(b))),
        (Json::String(a), Json::String(b)) => culture_order(a, b).ok_or_else(|| {
            gap(
                format!(
                    "{f}() of {} and {}: the order of these characters under ARM's culture-aware string comparison is not known here",
                    show(x),
                    show(y)
                ),
                span,
            )
        }),
        _ => Err(err(
            format!(
                "{f}() compares two ints or two strings, not {} and {}",
                type_name(x),
                type_name(y)
            ),
            span,
        )),
    }
}

/// The order of two strings under a .NET culture-aware comparison, where it
/// is certain; `None` where it is not.
///
/// ARM compares strings culture-aware, not ordinally: its docs give
/// `greater('A', 'a')` as true and `less('A', 'a')` as false
/// (templates/template-functions-comparison#greater, #less), and Bicep's
/// `'demo' < 'Demo'` as true "because lowercase letters are less than
/// uppercase letters" (bicep/operators-comparison#less-than-); an ordinal
/// comparison gives the opposite of both, an ordinal case-insensitive one
/// "equal". The invariant culture and `en-US`, under NLS and ICU alike
/// (ICU's root collation, untailored), order ASCII letters and digits so:
/// digits before letters, letters alphabetically ignoring case, and only when
/// nothing else differs, lower case before upper case at the first letter
/// whose case differs; a string that is a prefix of another, followed by
/// letters or digits, comes first. That part is computed here, and it gives
/// the documented examples.
///
/// Not every culture agrees even on ASCII letters: tailored ones reorder
/// them (Danish sorts `aa` after `z` and upper case first, Lithuanian `y`
/// after `i`, Czech `ch` after `h`, Turkish has a dotless `ı` for `I`). So
/// this assumes ARM compares under the invariant culture or `en-US`, which
/// its documented results fit and nothing documents otherwise.
///
/// Open question: ARM's exact comparer (the culture, NLS or ICU, the
/// options) is not public, and those differ on punctuation (NLS's word sort
/// nearly ignores `-` and `'`), symbols, and non-ASCII letters (accents at a
/// second level, expansions like `ß`). So where such a character decides the
/// order, the answer is `None`: left to the deployment, never guessed.
pub(super) fn culture_order(a: &str, b: &str) -> Option<Ordering> {
    if a == b {
        return Some(Ordering::Equal);
    }
    // Letters and digits by their first-level weight: digits, then letters
    // ignoring case.
    let weight = |c: u8| (c.is_ascii_alphabetic(), c.to_ascii_lowercase());
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut k = 0;
    loop {
        match (x.get(k), y.get(k)) {
            (Some(&c), Some(&d)) if c.is_ascii_alphanumeric() && d.is_ascii_alphanumeric() => {
                match weight(c).cmp(&weight(d)) {
                    Ordering::Equal => k += 1,
                    decided => return Some(decided),
                }
            }
            // One string ends where the other goes on with letters and
            // digits only: the shorter comes first.
            (None, Some(_)) if y[k..].iter().all(u8::is_ascii_alphanumeric) => {
                return Some(Ordering::Less);
            }
            (Some(_), None) if x[k..].iter().all(u8::is_ascii_alphanumeric) => {
                return Some(Ordering::Greater);
            }
            // Equal ignoring case: lower case first, at the first difference.
            (None, None) => {
                let (c, d) = x.iter().zip(y).find(|(c, d)| c != d)?;
                return Some(if c.is_ascii_lowercase() && d.is_ascii_uppercase() {
                    Ordering::Less
                } else {
                    Ordering::Greater
                });
            }
            _ => return None,
        }
    }
}

/// An object's entries in the order ARM's `items()` and `objectKeys()` give
/// them, where that order is certain; otherwise the call is left to the
/// deployment.
///
/// Both sort by key "alphabetically" (templates/template-functions-object
/// and its include resource-manager-object-ordering-arm-template: "the
/// items() function sorts the objects in the alphabetical order";
/// bicep/bicep-functions-object#objectkeys: "Elements are consistently
/// ordered alphabetically"; Azure/bicep#1427, a maintainer: the deployment
/// engine orders them "consistently (alphabetically)"). Which comparer is not
/// documented, but Azure/bicep#14057 shows it ignores case and keeps keys
/// equal ignoring case in their given order (`objectKeys({A: 2, a: 1})` is
/// `['A', 'a']`, `objectKeys({a: 2, A: 1})` is `['a', 'A']`): a stable sort
/// under .NET's `OrdinalIgnoreCase` or a culture-aware comparison ignoring
/// case. Those two agree only where [`key_order`] answers, so the order is
/// given only where every neighbouring pair is ordered there. Keys equal
/// ignoring case are never ordered here: their given order is this
/// evaluator's JSON's (a computed object, `union()`'s, may not keep ARM's).
fn sorted_keys<'m>(
    f: &str,
    map: &'m serde_json::Map<String, Json>,
    span: Span,
) -> Result<Vec<(&'m String, &'m Json)>, EvalError> {
    let mut entries: Vec<(&String, &Json)> = map.iter().collect();
    // A total order that agrees with `key_order` wherever it answers: each
    // character by its simple upper case mapping, ordinal.
    entries.sort_by(|x, y| {
        x.0.chars()
            .map(simple_upper)
            .cmp(y.0.chars().map(simple_upper))
            .then(x.0.cmp(y.0))
    });
    for pair in entries.windows(2) {
        if key_order(pair[0].0, pair[1].0) != Some(Ordering::Less) {
            return Err(gap(
                format!(
                    "{f}() of an object with the keys '{}' and '{}': their order under ARM's sort is not known here",
                    pair[0].0, pair[1].0
                ),
                span,
            ));
        }
    }
    Ok(entries)
}

/// The order of two object keys under both comparers ARM's `items()` may
/// sort by (.NET's `OrdinalIgnoreCase`, a culture-aware comparison ignoring
/// case; see [`sorted_keys`]), where they agree for certain; `None`
/// elsewhere. They agree where the keys first differ (ignoring ASCII case,
/// after a common ASCII prefix) at two ASCII letters or digits: digits first,
/// then letters alphabetically; and where one key is the other followed by
/// ASCII letters and digits only: the shorter first. They differ on
/// punctuation (ordinal upper case puts `_` after the letters, a culture
/// before them, and NLS nearly ignores `-`) and on non-ASCII letters
/// (ordinal by code point, a culture by its alphabet), so there is no answer.
pub(super) fn key_order(a: &str, b: &str) -> Option<Ordering> {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut k = 0;
    loop {
        match (x.get(k), y.get(k)) {
            (Some(&c), Some(&d)) if c.is_ascii() && c.eq_ignore_ascii_case(&d) => k += 1,
            (Some(&c), Some(&d)) if c.is_ascii_alphanumeric() && d.is_ascii_alphanumeric() => {
                return Some(c.to_ascii_uppercase().cmp(&d.to_ascii_uppercase()));
            }
            (None, Some(_)) if y[k..].iter().all(u8::is_ascii_alphanumeric) => {
                return Some(Ordering::Less);
            }
            (Some(_), None) if x[k..].iter().all(u8::is_ascii_alphanumeric) => {
                return Some(Ordering::Greater);
            }
            // Equal ignoring case, or a difference the comparers may order
            // otherwise.
            _ => return None,
        }
    }
}

fn exact_int(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

fn concat(f: &str, a: &[Json], span: Span) -> Result<Json, EvalError> {
    if a.iter().any(Json::is_array) {
        let mut out = Vec::new();
        for x in a {
            match x {
                Json::Array(items) => out.extend(items.iter().cloned()),
                Json::Null => {}
                other => {
                    return Err(err(
                        format!(
                            "{f}() joins arrays or strings, not an array and {}",
                            type_name(other)
                        ),
                        span,
                    ));
                }
            }
            if out.len() > MAX_SIZE / 8 {
                return Err(gap("the array would be too large", span));
            }
        }
        return Ok(Json::Array(out));
    }
    let mut out = String::new();
    for x in a {
        if x.is_object() {
            return Err(err(format!("{f}() cannot join an object to strings"), span));
        }
        out.push_str(&to_text(x));
        if out.len() > MAX_SIZE {
            return Err(gap(
                format!("the result would be longer than {MAX_SIZE} bytes"),
                span,
            ));
        }
    }
    Ok(Json::String(out))
}

/// .NET composite formatting: `{index[,alignment][:format]}`, `{{` and `}}`.
pub(crate) fn format(pattern: &str, args: &[Json], span: Span) -> Result<String, EvalError> {
    let mut out = String::new();
    let mut it = pattern.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '{' if it.peek() == Some(&'{') => {
                it.next();
                out.push('{');
            }
            '}' if it.peek() == Some(&'}') => {
                it.next();
                out.push('}');
            }
            '{' => {
                let mut item = String::new();
                let mut closed = false;
                for d in it.by_ref() {
                    if d == '}' {
                        closed = true;
                        break;
                    }
                    item.push(d);
                }
                if !closed {
                    return Err(err(
                        format!("format(): the pattern '{pattern}' has a `{{` without `}}`"),
                        span,
                    ));
                }
                let (head, spec) = match item.split_once(':') {
                    Some((h, s)) => (h, Some(s)),
                    None => (item.as_str(), None),
                };
                let (index, align) = match head.split_once(',') {
                    Some((i, a)) => (i, Some(a)),
                    None => (head, None),
                };
                let index: usize = index.trim().parse().map_err(|_| {
                    err(
                        format!("format(): '{{{item}}}' is not a valid placeholder"),
                        span,
                    )
                })?;
                let Some(arg) = args.get(index) else {
                    return Err(err(
                        format!(
                            "format(): the placeholder {{{index}}} has no argument ({} argument{} follow{} the pattern)",
                            args.len(),
                            if args.len() == 1 { "" } else { "s" },
                            if args.len() == 1 { "s" } else { "" }
                        ),
                        span,
                    ));
                };
                let mut text = format_arg(arg, spec, span)?;
                if let Some(align) = align {
                    let width: i64 = align.trim().parse().map_err(|_| {
                        err(
                            format!("format(): '{align}' is not a valid alignment"),
                            span,
                        )
                    })?;
                    let pad = (width.unsigned_abs() as usize)
                        .min(16_384)
                        .saturating_sub(utf16_len(&text));
                    let spaces = " ".repeat(pad);
                    text = if width < 0 {
                        text + &spaces
                    } else {
                        spaces + &text
                    };
                }
                out.push_str(&text);
            }
            '}' => {
                return Err(err(
                    format!("format(): the pattern '{pattern}' has a `}}` without `{{`"),
                    span,
                ));
            }
            c => out.push(c),
        }
        if out.len() > MAX_SIZE {
            return Err(gap(
                format!("the result would be longer than {MAX_SIZE} bytes"),
                span,
            ));
        }
    }
    Ok(out)
}

/// One argument of `format`, with a .NET numeric format (`D3`, `N2`, `X`, `F1`, `P0`).
fn format_arg(arg: &Json, spec: Option<&str>, span: Span) -> Result<String, EvalError> {
    let Some(spec) = spec.filter(|s| !s.is_empty()) else {
        return Ok(to_text(arg));
    };
    let Json::Number(n) = arg else {
        return Ok(to_text(arg));
    };
    // A letter and at most some digits is a standard format; anything else
    // is a custom one (`0.00`, `#,##0`), as .NET reads it.
    let mut cs = spec.chars();
    let kind = cs.next().unwrap_or('G');
    if !kind.is_ascii_alphabetic() || !cs.clone().all(|c| c.is_ascii_digit()) {
        return match n.as_i64() {
            Some(i) => custom_format(i, spec).ok_or_else(|| {
                gap(
                    format!(
                        "format(): the custom format '{spec}' is not supported by this evaluator"
                    ),
                    span,
                )
            }),
            None => Err(gap(
                format!(
                    "format(): the custom format '{spec}' of a float is not supported by this evaluator"
                ),
                span,
            )),
        };
    }
    let digits: Option<usize> = {
        let rest: String = cs.collect();
        if rest.is_empty() {
            None
        } else {
            Some(rest.parse().map_err(|_| {
                err(
                    format!("format(): '{spec}' is not a supported format"),
                    span,
                )
            })?)
        }
    };
    let digits = digits.map(|d| d.min(100));
    let x = n.as_f64().unwrap_or_default();
    let i = n.as_i64();
    Ok(match kind {
        'D' | 'd' => {
            let Some(i) = i else {
                return Err(err("format(): 'D' formats integers only", span));
            };
            let body = format!("{:0width$}", i.unsigned_abs(), width = digits.unwrap_or(1));
            if i < 0 { format!("-{body}") } else { body }
        }
        'X' | 'x' => {
            let Some(i) = i else {
                return Err(err("format(): 'X' formats integers only", span));
            };
            let body = format!("{:0width$x}", i, width = digits.unwrap_or(1));
            if kind == 'X' {
                body.to_uppercase()
            } else {
                body
            }
        }
        // Rust rounds the exact binary value, ties to even: what .NET Core
        // 2.1 and later do ("the runtime selects the result with an even least
        // significant digit"), whereas .NET Framework rounds ties away from
        // zero (dotnet/standard/base-types/standard-numeric-format-strings).
        // Open question: which .NET runs ARM's evaluation is not public, so
        // `format('{0:F0}', json('2.5'))` may be '2' or '3'.
        'F' | 'f' => format!("{:.prec$}", x, prec = digits.unwrap_or(2)),
        'N' | 'n' => group_thousands(&format!("{:.prec$}", x, prec = digits.unwrap_or(2))),
        'P' | 'p' => format!(
            "{} %",
            group_thousands(&format!("{:.prec$}", x * 100.0, prec = digits.unwrap_or(2)))
        ),
        'G' | 'g' => match digits.filter(|&d| d > 0) {
            None => to_text(arg),
            Some(precision) => general(n, precision, kind == 'g'),
        },
        _ => {
            return Err(err(
                format!("format(): the format '{spec}' is not supported by this evaluator"),
                span,
            ));
        }
    })
}

/// .NET's general format `Gp` (standard numeric format strings, "General
/// format specifier"): `p` significant digits, in scientific notation (`E+xx`,
/// at least two exponent digits; `e` for `g`) when the exponent is at least
/// `p` or at most -5, trailing zeros dropped. Integers round half away from
/// zero, as .NET's integer formatting does; floats as Rust's shortest
/// rounding of the exact value.
fn general(n: &serde_json::Number, precision: usize, lower: bool) -> String {
    let precision = precision.min(17);
    // The digits without sign, and the decimal exponent of the first one.
    let (negative, digits, exponent) =
        match n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)) {
            Some(i) => {
                let text = i.unsigned_abs().to_string();
                if text.len() <= precision {
                    return i.to_string();
                }
                // Round half away from zero to `precision` digits; a carry
                // out of the first digit (99 to 1E+02) moves the exponent.
                let scale = 10u128.pow((text.len() - precision) as u32);
                let mut kept = (i.unsigned_abs() + scale / 2) / scale;
                let mut exponent = text.len() as i32 - 1;
                if kept >= 10u128.pow(precision as u32) {
                    kept /= 10;
                    exponent += 1;
                }
                (i < 0, kept.to_string(), exponent)
            }
            None => {
                let x = n.as_f64().unwrap_or_default();
                if x == 0.0 {
                    return "0".to_string();
                }
                let sci = format!("{:.*e}", precision - 1, x.abs());
                let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
                (
                    x < 0.0,
                    mantissa.replace('.', ""),
                    exponent.parse().unwrap_or(0),
                )
            }
        };
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let sign = if negative { "-" } else { "" };
    if exponent >= precision as i32 || exponent <= -5 {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let e = if lower { 'e' } else { 'E' };
        let esign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{first}{point}{rest}{e}{esign}{:02}", exponent.abs())
    } else if exponent < 0 {
        let zeros = "0".repeat((-exponent - 1) as usize);
        format!("{sign}0.{zeros}{digits}")
    } else {
        let whole = exponent as usize + 1;
        if digits.len() <= whole {
            format!("{sign}{digits}{}", "0".repeat(whole - digits.len()))
        } else {
            format!("{sign}{}.{}", &digits[..whole], &digits[whole..])
        }
    }
}

/// One piece of a custom numeric format section.
#[derive(Clone, Copy, PartialEq)]
enum Piece {
    Zero,
    Hash,
    Point,
    Comma,
    Percent,
    PerMille,
    Text(char),
}

/// Splits a custom format into its sections (`;`) and pieces: quoted text
/// and `\`-escaped characters are literal. `None` for what this evaluator
/// does not format (exponents, an unclosed quote).
fn custom_sections(spec: &str) -> Option<Vec<Vec<Piece>>> {
    let mut sections = vec![Vec::new()];
    let mut it = spec.chars().peekable();
    while let Some(c) = it.next() {
        let section = sections.last_mut()?;
        match c {
            '0' => section.push(Piece::Zero),
            '#' => section.push(Piece::Hash),
            '.' => section.push(Piece::Point),
            ',' => section.push(Piece::Comma),
            '%' => section.push(Piece::Percent),
            '\u{2030}' => section.push(Piece::PerMille),
            ';' => sections.push(Vec::new()),
            '\\' => section.push(Piece::Text(it.next()?)),
            '\'' | '"' => loop {
                match it.next()? {
                    q if q == c => break,
                    t => section.push(Piece::Text(t)),
                }
            },
            'E' | 'e' if matches!(it.peek(), Some('0' | '+' | '-')) => return None,
            t => section.push(Piece::Text(t)),
        }
    }
    (sections.len() <= 3).then_some(sections)
}

/// .NET's custom numeric format of an integer
/// (<https://learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings>):
/// `0` and `#` digit placeholders, `.`, `,` (grouping between placeholders,
/// scaling by 1000 before the point), `%`, `‰`, literal text, and up to three
/// `;` sections, in the invariant culture. `None` for what is not supported.
fn custom_format(value: i64, spec: &str) -> Option<String> {
    let sections = custom_sections(spec)?;
    let pick = |k: usize| {
        sections
            .get(k)
            .filter(|s| !s.is_empty())
            .unwrap_or(&sections[0])
    };
    let (section, signed) = if value < 0 && sections.len() > 1 && !sections[1].is_empty() {
        (pick(1), false)
    } else if value == 0 && sections.len() > 2 {
        (pick(2), false)
    } else {
        (pick(0), value < 0)
    };
    // The format's shape, as .NET's NumberToStringFormat reads it.
    let mut digit_count = 0usize;
    let mut decimal_pos: Option<usize> = None;
    let mut first_zero: Option<usize> = None;
    let mut last_zero: Option<usize> = None;
    let mut thousand_pos: Option<usize> = None;
    let mut thousand_count = 0u32;
    let mut grouping = false;
    let mut scale: i32 = 0;
    for &p in section {
        match p {
            Piece::Zero | Piece::Hash => {
                if p == Piece::Zero {
                    first_zero.get_or_insert(digit_count);
                    last_zero = Some(digit_count);
                }
                digit_count += 1;
            }
            Piece::Point => {
                decimal_pos.get_or_insert(digit_count);
            }
            Piece::Comma if digit_count > 0 && decimal_pos.is_none() => {
                if let Some(t) = thousand_pos {
                    if t == digit_count {
                        thousand_count += 1;
                        continue;
                    }
                    grouping = true;
                }
                thousand_pos = Some(digit_count);
                thousand_count = 1;
            }
            Piece::Percent => scale += 2,
            Piece::PerMille => scale += 3,
            _ => {}
        }
    }
    let decimal_pos = decimal_pos.unwrap_or(digit_count);
    if let Some(t) = thousand_pos {
        if t == decimal_pos {
            scale -= 3 * i32::try_from(thousand_count).ok()?;
        } else {
            grouping = true;
        }
    }
    // The scaled magnitude, rounded half away from zero.
    let mut magnitude = i128::from(value).unsigned_abs();
    if scale > 0 {
        magnitude = magnitude.checked_mul(10u128.checked_pow(u32::try_from(scale).ok()?)?)?;
    } else if scale < 0 {
        let divisor = 10u128.checked_pow(scale.unsigned_abs())?;
        magnitude = magnitude / divisor + u128::from(magnitude % divisor * 2 >= divisor);
    }
    if digit_count == 0 && magnitude != 0 {
        // No digit placeholder (a zero section's text is shown as it is).
        return None;
    }
    let digits = if magnitude == 0 {
        String::new()
    } else {
        magnitude.to_string()
    };
    let min_int = first_zero.map_or(0, |z| decimal_pos.saturating_sub(z));
    let digits = format!("{digits:0>min_int$}");
    let int_places = decimal_pos;
    let excess = digits.len().saturating_sub(int_places);
    let lead = int_places.saturating_sub(digits.len());
    // Fraction places shown: every one up to the last `0` (an int's fraction
    // digits are all zero).
    let frac_shown = last_zero.map_or(0, |z| (z + 1).saturating_sub(decimal_pos));
    let mut out = String::new();
    let mut place = 0usize;
    let mut point_done = false;
    let push_digit = |out: &mut String, j: usize| {
        out.push(char::from(digits.as_bytes()[j]));
        let rest = digits.len() - 1 - j;
        if grouping && rest > 0 && rest.is_multiple_of(3) {
            out.push(',');
        }
    };
    for &p in section {
        match p {
            Piece::Zero | Piece::Hash if place < int_places => {
                if place == 0 {
                    for j in 0..excess {
                        push_digit(&mut out, j);
                    }
                }
                if place >= lead {
                    push_digit(&mut out, place - lead + excess);
                }
                place += 1;
            }
            Piece::Zero | Piece::Hash => {
                if place - int_places < frac_shown {
                    out.push('0');
                }
                place += 1;
            }
            Piece::Point if !point_done => {
                point_done = true;
                if frac_shown > 0 {
                    out.push('.');
                }
            }
            Piece::Point | Piece::Comma => {}
            Piece::Percent => out.push('%'),
            Piece::PerMille => out.push('\u{2030}'),
            Piece::Text(t) => out.push(t),
        }
    }
    if signed && magnitude != 0 {
        out.insert(0, '-');
    }
    Some(out)
}

fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn split(s: &str, delims: &[String]) -> Vec<String> {
    let delims: Vec<&String> = delims.iter().filter(|d| !d.is_empty()).collect();
    if delims.is_empty() {
        return vec![s.to_string()];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for d in &delims {
            if let Some(r) = rest.strip_prefix(d.as_str()) {
                out.push(std::mem::take(&mut cur));
                rest = r;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.push(cur);
    out
}

/// `union`: arrays keep the first of equal items in order; objects merge, and
/// nested objects merge recursively (the last value wins otherwise).
fn union(f: &str, a: &[Json], span: Span) -> Result<Json, EvalError> {
    if a.iter().all(|x| x.is_array() || x.is_null()) {
        let mut out: Vec<Json> = Vec::new();
        for x in a {
            if let Json::Array(items) = x {
                for item in items {
                    if !out.contains(item) {
                        out.push(item.clone());
                    }
                }
            }
        }
        return Ok(Json::Array(out));
    }
    if a.iter().all(|x| x.is_object() || x.is_null()) {
        let mut out = Map::new();
        for x in a {
            if let Json::Object(map) = x {
                merge(&mut out, map);
            }
        }
        return Ok(Json::Object(out));
    }
    Err(err(
        format!("{f}() takes arrays or objects, all of one kind"),
        span,
    ))
}

fn merge(into: &mut Map<String, Json>, from: &Map<String, Json>) {
    for (k, v) in from {
        match (into.get_mut(k), v) {
            (Some(Json::Object(old)), Json::Object(new)) => merge(old, new),
            _ => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

fn intersection(f: &str, a: &[Json], span: Span) -> Result<Json, EvalError> {
    match &a[0] {
        Json::Array(first) => {
            let mut out: Vec<Json> = Vec::new();
            for item in first {
                let everywhere = a[1..]
                    .iter()
                    .all(|x| matches!(x, Json::Array(o) if o.contains(item)));
                if everywhere && !out.contains(item) {
                    out.push(item.clone());
                }
            }
            if a[1..].iter().any(|x| !x.is_array()) {
                return Err(err(
                    format!("{f}() takes arrays or objects, all of one kind"),
                    span,
                ));
            }
            Ok(Json::Array(out))
        }
        Json::Object(first) => {
            if a[1..].iter().any(|x| !x.is_object()) {
                return Err(err(
                    format!("{f}() takes arrays or objects, all of one kind"),
                    span,
                ));
            }
            let out = first
                .iter()
                .filter(|(k, v)| a[1..].iter().all(|x| x.get(k.as_str()) == Some(v)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Ok(Json::Object(out))
        }
        other => Err(err(
            format!("{f}() takes arrays or objects, not {}", type_name(other)),
            span,
        )),
    }
}

/// `json(text)`: strict JSON's value, where that is ARM's too.
///
/// ARM's engine is .NET's and parses with a reader (Newtonsoft's `JToken`
/// reader, by every sign) that is more lenient than strict JSON: it takes
/// single-quoted strings, unquoted property names, comments, `NaN` and
/// `Infinity`, and keeps an integer beyond 64 bits exact; a number beyond
/// a double is an infinity or an error depending on the .NET version. Where
/// the text uses any of these ([`lenient_json`]), the evaluator neither
/// claims an error nor computes a value (serde_json would round the big
/// integer): the call is left to the deployment. Other malformed text (`{`,
/// `[1 2]`) fails under any reader, so it stays an error.
fn parse_json(text: &str, span: Span) -> Result<Json, EvalError> {
    let mut shown: String = text.chars().take(60).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    if lenient_json(text) {
        return match serde_json::from_str::<Json>(text.trim()) {
            Ok(v) if !has_big_integer(text) => Ok(v),
            _ => Err(gap(
                format!("json(): '{shown}' reads differently by .NET's lenient JSON reader"),
                span,
            )),
        };
    }
    serde_json::from_str(text.trim()).map_err(|e| {
        if e.to_string().contains("number out of range") {
            gap(format!("json(): '{shown}' is beyond a double"), span)
        } else {
            err(format!("json(): '{shown}' is not valid JSON ({e})"), span)
        }
    })
}

/// Whether `text`, outside its double-quoted strings, has something a
/// lenient .NET JSON reader may read where strict JSON does not, or reads
/// otherwise: a quote `'`, a `/` (comments), a word other than `true`,
/// `false`, `null` (`NaN`, `Infinity`, an unquoted name), a comma before
/// `]`, `}` or another comma, a non-ASCII character, or an integer beyond 64
/// bits.
fn lenient_json(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    let mut word = String::new();
    let mut after_comma = false;
    let mut prev_digit_or_dot = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c.is_ascii_alphabetic() {
            // An exponent inside a number is no word.
            if !(word.is_empty() && prev_digit_or_dot && (c == 'e' || c == 'E')) {
                word.push(c);
            }
        } else if !word.is_empty() {
            if !matches!(word.as_str(), "true" | "false" | "null") {
                return true;
            }
            word.clear();
        }
        prev_digit_or_dot = c.is_ascii_digit() || c == '.';
        match c {
            '"' => in_string = true,
            '\'' | '/' => return true,
            ']' | '}' | ',' if after_comma => return true,
            c if !c.is_ascii() => return true,
            _ => {}
        }
        if c == ',' {
            after_comma = true;
        } else if !c.is_whitespace() {
            after_comma = false;
        }
    }
    (!word.is_empty() && !matches!(word.as_str(), "true" | "false" | "null"))
        || has_big_integer(text)
}

/// Whether `text`, outside its double-quoted strings, has an integer literal
/// beyond 64 bits (serde_json reads it as a rounded double).
fn has_big_integer(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut k = 0;
    while k < bytes.len() {
        let c = bytes[k];
        if in_string {
            match c {
                b'\\' => k += 1,
                b'"' => in_string = false,
                _ => {}
            }
            k += 1;
            continue;
        }
        if c == b'"' {
            in_string = true;
            k += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let start = k;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            let fraction = k < bytes.len() && matches!(bytes[k], b'.' | b'e' | b'E');
            let digits = &text[start..k];
            let negative = start > 0 && bytes[start - 1] == b'-';
            let fits = if negative {
                format!("-{digits}").parse::<i64>().is_ok()
            } else {
                digits.parse::<u64>().is_ok()
            };
            if !fraction && !fits {
                return true;
            }
            // Skip the rest of a number.
            while k < bytes.len()
                && matches!(bytes[k], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
            {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
    false
}

fn utf8(bytes: Vec<u8>, span: Span) -> Result<String, EvalError> {
    String::from_utf8(bytes).map_err(|_| err("the decoded bytes are not UTF-8 text", span))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648).
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 as .NET's `Convert.FromBase64String`, which ARM's
/// `base64ToString` and `dataUriToString` run on: white space (space, tab,
/// CR, LF) is skipped anywhere, the rest must be a multiple of 4 characters,
/// and `=` pads only the end, at most twice.
fn base64_decode(text: &str, span: Span) -> Result<Vec<u8>, EvalError> {
    let bad = || {
        err(
            format!(
                "'{text}' is not valid base64 (its length without white space must be a multiple of 4, with at most two '=' at the end)"
            ),
            span,
        )
    };
    let chars: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .collect();
    if !chars.len().is_multiple_of(4) {
        return Err(bad());
    }
    let padding = chars.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return Err(bad());
    }
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in &chars[..chars.len() - padding] {
        let Some(v) = B64.iter().position(|&x| x == c) else {
            return Err(bad());
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

fn data_uri_to_string(text: &str, span: Span) -> Result<String, EvalError> {
    let bad = || {
        err(
            format!("dataUriToString(): '{text}' is not a data URI"),
            span,
        )
    };
    let rest = text.strip_prefix("data:").ok_or_else(bad)?;
    let (meta, data) = rest.split_once(',').ok_or_else(bad)?;
    if meta.ends_with(";base64") {
        utf8(base64_decode(data, span)?, span)
    } else {
        utf8(percent_decode(data), span)
    }
}

/// `Uri.EscapeDataString`: everything but `A-Za-z0-9-._~` percent-encoded.
fn uri_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(v) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// A URI reference's parts (RFC 3986 appendix B): scheme, authority, path,
/// query and fragment; a part that is absent is `None` (an empty one is
/// `Some("")`).
struct UriParts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn uri_parts(s: &str) -> UriParts<'_> {
    let (rest, fragment) = match s.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (s, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    // A scheme: letters, digits, `+`, `-`, `.` before the first `:`, which
    // comes before any `/`, starting with a letter.
    let (scheme, rest) = match rest.find([':', '/']) {
        Some(k)
            if rest.as_bytes()[k] == b':'
                && rest.as_bytes()[0].is_ascii_alphabetic()
                && rest[..k]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
        {
            (Some(&rest[..k]), &rest[k + 1..])
        }
        _ => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find('/').unwrap_or(r.len());
            (Some(&r[..end]), &r[end..])
        }
        None => (None, rest),
    };
    UriParts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// RFC 3986 §5.2.4 remove_dot_segments.
fn remove_dot_segments(path: &str) -> String {
    let mut input = path;
    let mut out = String::with_capacity(path.len());
    let pop = |out: &mut String| {
        let cut = out.rfind('/').unwrap_or(0);
        out.truncate(cut);
    };
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix("../") {
            input = r;
        } else if let Some(r) = input.strip_prefix("./") {
            input = r;
        } else if input.starts_with("/./") {
            input = &input[2..];
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") {
            input = &input[3..];
            pop(&mut out);
        } else if input == "/.." {
            input = "/";
            pop(&mut out);
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |k| k + start);
            out.push_str(&input[..end]);
            input = &input[end..];
        }
    }
    out
}

/// `uri(base, relative)`: RFC 3986 §5.2 reference resolution, as .NET's
/// `Uri(Uri, string)` does: network-path (`//g`), absolute-path (`/g`),
/// relative-path (`../g`, merged with the base's directory), query-only
/// (`?y`) and fragment-only (`#s`) references, with dot segments removed. The
/// result is not further normalised (no added `/` after a bare authority).
///
/// Open question: whether ARM returns the text of a .NET `System.Uri`, which
/// would also lower-case the scheme and host (`uri('HTTPS://Example.COM/a/',
/// 'b')` as `https://example.com/a/b`), drop a default port and unescape
/// some percent-escapes, is not documented: template-functions-string#uri
/// describes only how the paths combine, and Bicep's tests of Azure's engine
/// (FunctionResolverTests) use lower-case URIs only. So the case and the
/// rest of the text are kept as given.
fn uri(base: &str, relative: &str, span: Span) -> Result<String, EvalError> {
    let b = uri_parts(base);
    let Some(scheme) = b.scheme else {
        return Err(err(format!("uri(): '{base}' is not an absolute URI"), span));
    };
    let r = uri_parts(relative);
    let (scheme, authority, path, query) = if let Some(rs) = r.scheme {
        (rs, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.authority.is_some() {
        (scheme, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        (scheme, b.authority, b.path.to_string(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (scheme, b.authority, remove_dot_segments(r.path), r.query)
    } else {
        let merged = if b.authority.is_some() && b.path.is_empty() {
            format!("/{}", r.path)
        } else {
            let dir = b.path.rfind('/').map_or("", |k| &b.path[..=k]);
            format!("{dir}{}", r.path)
        };
        (scheme, b.authority, remove_dot_segments(&merged), r.query)
    };
    let mut out = format!("{scheme}:");
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    Ok(out)
}

fn environment() -> Json {
    // The public cloud's values, from the `environment()` example output of
    // https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment#environment
    serde_json::json!({
        "name": "AzureCloud",
        "gallery": "https://gallery.azure.com/",
        "graph": "https://graph.windows.net/",
        "portal": "https://portal.azure.com",
        "graphAudience": "https://graph.windows.net/",
        "activeDirectoryDataLake": "https://datalake.azure.net/",
        "batch": "https://batch.core.windows.net/",
        "media": "https://rest.media.azure.net",
        "sqlManagement": "https://management.core.windows.net:8443/",
        "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
        "resourceManager": "https://management.azure.com/",
        "authentication": {
            "loginEndpoint": "https://login.microsoftonline.com/",
            "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
            "tenant": "common",
            "identityProvider": "AAD"
        },
        "suffixes": {
            "acrLoginServer": ".azurecr.io",
            "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
            "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
            "azureFrontDoorEndpointSuffix": "azurefd.net",
            "keyvaultDns": ".vault.azure.net",
            "sqlServerHostname": ".database.windows.net",
            "storage": "core.windows.net"
        }
    })
}

/// `Namespace/type1/type2` and names into `Namespace/type1/name1/type2/name2`.
fn type_and_names(f: &str, ty: &str, names: &[&str], span: Span) -> Result<String, EvalError> {
    // ARM accepts a trailing `/` (`'Microsoft.ApiManagement/service/'` deploys
    // in the API Management quickstart with Log Analytics).
    let segments: Vec<&str> = ty.trim_end_matches('/').split('/').collect();
    if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) {
        return Err(err(
            format!("{f}(): '{ty}' is not a resource type (Namespace/type)"),
            span,
        ));
    }
    let names: Vec<&str> = names.iter().flat_map(|n| n.split('/')).collect();
    if names.len() != segments.len() - 1 {
        return Err(err(
            format!(
                "{f}(): the type '{ty}' needs {} name segment{}, not {}",
                segments.len() - 1,
                if segments.len() == 2 { "" } else { "s" },
                names.len()
            ),
            span,
        ));
    }
    let mut out = segments[0].to_string();
    for (t, n) in segments[1..].iter().zip(&names) {
        out.push('/');
        out.push_str(t);
        out.push('/');
        out.push_str(n);
    }
    Ok(out)
}

fn resource_id(
    ev: &Evaluator<'_>,
    lower: &str,
    f: &str,
    a: &[Json],
    span: Span,
) -> Result<String, EvalError> {
    let ctx = ev.context();
    let strs = (0..a.len())
        .map(|i| want_str(f, a, i, span))
        .collect::<Result<Vec<_>, _>>()?;
    if lower == "extensionresourceid" {
        let ty = type_and_names(f, strs[1], &strs[2..], span)?;
        return Ok(format!("{}/providers/{ty}", strs[0]));
    }
    // The resource type is the first argument with a `/`; those before it
    // are the scope.
    let Some(t) = strs.iter().position(|s| s.contains('/')) else {
        return Err(err(
            format!("{f}(): no argument is a resource type (Namespace/type)"),
            span,
        ));
    };
    let ty = type_and_names(f, strs[t], &strs[t + 1..], span)?;
    let scope = &strs[..t];
    Ok(match lower {
        "resourceid" => match (ev.scope, scope) {
            (_, [sub, rg]) => format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/{ty}"),
            (_, [rg]) => format!(
                "/subscriptions/{}/resourceGroups/{rg}/providers/{ty}",
                ctx.subscription_id
            ),
            (super::TargetScope::ResourceGroup, []) => format!(
                "/subscriptions/{}/resourceGroups/{}/providers/{ty}",
                ctx.subscription_id, ctx.resource_group
            ),
            (super::TargetScope::Subscription, []) => {
                format!("/subscriptions/{}/providers/{ty}", ctx.subscription_id)
            }
            (_, []) => format!("/providers/{ty}"),
            _ => {
                return Err(err(
                    format!(
                        "{f}() takes at most a subscription and a resource group before the type"
                    ),
                    span,
                ));
            }
        },
        "subscriptionresourceid" => match scope {
            [sub] => format!("/subscriptions/{sub}/providers/{ty}"),
            [] => format!("/subscriptions/{}/providers/{ty}", ctx.subscription_id),
            _ => {
                return Err(err(
                    format!("{f}() takes at most a subscription before the type"),
                    span,
                ));
            }
        },
        "tenantresourceid" => match scope {
            [] => format!("/providers/{ty}"),
            _ => return Err(err(format!("{f}() takes the type first"), span)),
        },
        _ => {
            let mg = match scope {
                [mg] => mg.to_string(),
                [] => ctx.management_group.clone().ok_or_else(|| {
                    gap(
                        format!(
                            "{f}(): the management group is not known (give it in the context)"
                        ),
                        span,
                    )
                })?,
                _ => {
                    return Err(err(
                        format!("{f}() takes at most a management group before the type"),
                        span,
                    ));
                }
            };
            format!("/providers/Microsoft.Management/managementGroups/{mg}/providers/{ty}")
        }
    })
}

/// The lambda functions: `map`, `filter`, `sort`, `reduce`, `toObject`,
/// `groupBy`, `mapValues`.
pub(super) fn lambda_call(ev: &mut Evaluator<'_>, lower: &str, c: &ir::Call, span: Span) -> R {
    let f = c.function.name;
    let mut values = Vec::new();
    let mut lambdas: Vec<&Expr> = Vec::new();
    for arg in &c.args {
        if matches!(arg.kind, ExprKind::Lambda(..)) {
            lambdas.push(arg);
            values.push(None);
        } else {
            values.push(Some(ev.eval(arg)?));
        }
    }
    if values
        .iter()
        .flatten()
        .any(|v| matches!(v, Value::Unknown(_)))
    {
        let args = c
            .args
            .iter()
            .zip(&values)
            .map(|(arg, v)| v.as_ref().map_or_else(|| arg.clone(), Value::to_expr))
            .collect();
        return Ok(residual_call(c, args));
    }
    let Some(Some(Value::Known(source))) = values.first().cloned() else {
        return Err(err(format!("{f}() takes a value first"), span));
    };
    let lambda = |i: usize| -> Result<&Expr, EvalError> {
        c.args
            .get(i)
            .filter(|a| matches!(a.kind, ExprKind::Lambda(..)))
            .ok_or_else(|| err(format!("{f}() takes a lambda as argument {}", i + 1), span))
    };
    let params = |e: &Expr| match &e.kind {
        ExprKind::Lambda(p, _) => p.len(),
        _ => 0,
    };
    let items = |v: &Json| -> Result<Vec<Json>, EvalError> {
        match v {
            Json::Array(items) => Ok(items.clone()),
            other => Err(err(
                format!("{f}() takes an array, not {}", type_name(other)),
                span,
            )),
        }
    };
    let known_of = |v: Value, what: &str| -> Result<Json, EvalError> {
        match v {
            Value::Known(v) => Ok(v),
            Value::Unknown(e) => Err(err(
                format!(
                    "{f}(): the {what} `{}` is only known during deployment",
                    super::render(&e)
                ),
                span,
            )),
        }
    };
    let out = match lower {
        "map" | "filter" => {
            let l = lambda(1)?;
            let mut out = Vec::new();
            let mut unknown = false;
            let mut residue = Vec::new();
            for (i, item) in items(&source)?.into_iter().enumerate() {
                let mut args = vec![item.clone()];
                if params(l) > 1 {
                    args.push(Json::from(i as i64));
                }
                let v = ev.apply_lambda(l, args)?;
                if lower == "map" {
                    if let Value::Unknown(_) = v {
                        unknown = true;
                    }
                    residue.push(v.to_expr());
                    if let Value::Known(v) = v {
                        out.push(v);
                    }
                } else {
                    match known_of(v, "filter condition")? {
                        Json::Bool(true) => out.push(item),
                        Json::Bool(false) => {}
                        other => {
                            return Err(err(
                                format!(
                                    "filter()'s lambda must return a bool, not {}",
                                    type_name(&other)
                                ),
                                span,
                            ));
                        }
                    }
                }
            }
            if unknown {
                return Ok(Value::Unknown(Box::new(Expr::new(
                    ExprKind::Array(residue),
                    span,
                ))));
            }
            Json::Array(out)
        }
        "sort" => {
            let l = lambda(1)?;
            let list = items(&source)?;
            let mut failure = None;
            let sorted = merge_sort(list, &mut |x: &Json, y: &Json| {
                if failure.is_some() {
                    return false;
                }
                match ev
                    .apply_lambda(l, vec![x.clone(), y.clone()])
                    .and_then(|v| known_of(v, "comparison"))
                {
                    Ok(Json::Bool(b)) => b,
                    Ok(other) => {
                        failure = Some(err(
                            format!(
                                "sort()'s lambda must return a bool, not {}",
                                type_name(&other)
                            ),
                            span,
                        ));
                        false
                    }
                    Err(e) => {
                        failure = Some(e);
                        false
                    }
                }
            });
            if let Some(e) = failure {
                return Err(e);
            }
            Json::Array(sorted)
        }
        "reduce" => {
            let l = lambda(2)?;
            let Some(Some(initial)) = values.get(1).cloned() else {
                return Err(err("reduce() takes an initial value second", span));
            };
            let mut acc = initial;
            for (i, item) in items(&source)?.into_iter().enumerate() {
                let cur = known_of(acc, "accumulated value")?;
                let mut args = vec![cur, item];
                if params(l) > 2 {
                    args.push(Json::from(i as i64));
                }
                acc = ev.apply_lambda(l, args)?;
                // Only an accumulation nests values without bound.
                if let Value::Known(v) = &acc {
                    ev.check_depth(v, span)?;
                }
            }
            return Ok(acc);
        }
        "toobject" => {
            let key = lambda(1)?;
            let value = if c.args.len() > 2 {
                Some(lambda(2)?)
            } else {
                None
            };
            let mut out = Map::new();
            for item in items(&source)? {
                let k = key_text(
                    known_of(ev.apply_lambda(key, vec![item.clone()])?, "key")?,
                    "toObject()'s key lambda",
                    span,
                )?;
                let v = match value {
                    Some(l) => known_of(ev.apply_lambda(l, vec![item])?, "value")?,
                    None => item,
                };
                out.insert(k, v);
            }
            Json::Object(out)
        }
        "groupby" => {
            let key = lambda(1)?;
            let mut out = Map::new();
            for item in items(&source)? {
                let k = key_text(
                    known_of(ev.apply_lambda(key, vec![item.clone()])?, "key")?,
                    "groupBy()'s lambda",
                    span,
                )?;
                if let Json::Array(group) = out.entry(k).or_insert_with(|| Json::Array(Vec::new()))
                {
                    group.push(item);
                }
            }
            Json::Object(out)
        }
        _ => {
            let l = lambda(1)?;
            let Json::Object(map) = source else {
                return Err(err(
                    format!("mapValues() takes an object, not {}", type_name(&source)),
                    span,
                ));
            };
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(k, known_of(ev.apply_lambda(l, vec![v])?, "value")?);
            }
            Json::Object(out)
        }
    };
    known(out)
}

/// A stable merge sort with a fallible "less than" (no panics on comparators
/// that are not total orders).
fn merge_sort(mut items: Vec<Json>, less: &mut dyn FnMut(&Json, &Json) -> bool) -> Vec<Json> {
    if items.len() <= 1 {
        return items;
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(items, less);
    let right = merge_sort(right, less);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        match (l.peek(), r.peek()) {
            (Some(x), Some(y)) => {
                if less(y, x) {
                    out.extend(r.next());
                } else {
                    out.extend(l.next());
                }
            }
            (Some(_), None) => out.extend(l.by_ref()),
            (None, Some(_)) => out.extend(r.by_ref()),
            (None, None) => break,
        }
    }
    out
}
