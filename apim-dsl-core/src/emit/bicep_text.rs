//! The lexical side of Bicep: identifiers, string literals and escapes,
//! interpolation (and when `concat` may become one), and the `bicep format`
//! layout of blocks and lists.

use crate::functions::Ret;
use crate::ir::{BinOp, Expr, ExprKind, ParamType, Template};
use crate::types::Ty;

/// Object keys and members written quoted although they look like identifiers:
/// the literal keywords, and `for`, which a Bicep grammar takes for a loop.
const QUOTED_KEYS: [&str; 4] = ["true", "false", "null", "for"];

/// Whether `name` is a Bicep identifier (ASCII only, unlike Rust's).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A single-quoted Bicep string literal. Only `\\ \' \n \r \t \$` and `\u{..}`
/// are escapes in Bicep; `$` needs one only where `{` follows.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    push_escaped(&mut out, text);
    out.push('\'');
    out
}

fn push_escaped(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// An object key: bare where it is an identifier, quoted otherwise.
pub fn key(text: &str) -> String {
    if is_identifier(text) && !QUOTED_KEYS.contains(&text) {
        text.to_string()
    } else {
        quote(text)
    }
}

/// `.name`, or `['name']` where the name is no identifier.
pub fn accessor(name: &str) -> String {
    if is_identifier(name) && !QUOTED_KEYS.contains(&name) {
        format!(".{name}")
    } else {
        format!("[{}]", quote(name))
    }
}

/// Two spaces per level, as `bicep format` indents.
pub fn indent(level: usize) -> String {
    "  ".repeat(level)
}

/// `{ ... }` from rendered `key: value` entries, one per line at `level + 1`.
pub fn block(entries: &[(String, String)], level: usize) -> String {
    if entries.is_empty() {
        return "{}".to_string();
    }
    let mut out = String::from("{\n");
    for (key, value) in entries {
        out.push_str(&format!("{}{key}: {value}\n", indent(level + 1)));
    }
    out.push_str(&indent(level));
    out.push('}');
    out
}

/// An array item that starts with the name `for` or `resource` (a parameter so
/// named) would read as a loop or a nested resource declaration: parenthesized.
pub fn guard_item(item: String) -> String {
    let starts_with = |word: &str| {
        item.strip_prefix(word)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    };
    if starts_with("for") || starts_with("resource") {
        format!("({item})")
    } else {
        item
    }
}

/// `[ ... ]` from rendered items, one per line at `level + 1`.
pub fn list(items: &[String], level: usize) -> String {
    if items.is_empty() {
        return "[]".to_string();
    }
    let mut out = String::from("[\n");
    for item in items {
        out.push_str(&format!("{}{item}\n", indent(level + 1)));
    }
    out.push_str(&indent(level));
    out.push(']');
    out
}

/// A piece of an interpolated string.
pub enum Part {
    /// Literal text.
    Lit(String),
    /// A rendered expression, written `${...}`.
    Hole(String),
}

/// `'text${hole}text'`, adjacent literal pieces merged before escaping so that a
/// `$` and a `{` from two pieces are still escaped.
pub fn interpolate(parts: Vec<Part>) -> String {
    let mut merged: Vec<Part> = Vec::new();
    for part in parts {
        match (merged.last_mut(), part) {
            (Some(Part::Lit(text)), Part::Lit(more)) => text.push_str(&more),
            (_, part) => merged.push(part),
        }
    }
    let mut out = String::from("'");
    for part in &merged {
        match part {
            Part::Lit(text) => push_escaped(&mut out, text),
            Part::Hole(expr) => {
                out.push_str("${");
                out.push_str(expr);
                out.push('}');
            }
        }
    }
    out.push('\'');
    out
}

/// Whether `concat(args)` joins strings, so that it may become an
/// interpolation: no argument is certainly something else, and either every
/// one is certainly a string or one is a string literal (ARM's `concat` cannot
/// mix strings with arrays, so a literal decides). Arrays stay `concat(...)`.
pub fn joins_strings(template: &Template, args: &[Expr]) -> bool {
    let kinds: Vec<Option<bool>> = args.iter().map(|a| text_kind(template, a, 0)).collect();
    !args.is_empty()
        && !kinds.contains(&Some(false))
        && (kinds.iter().all(|k| *k == Some(true)) || args.iter().any(|a| a.as_str().is_some()))
}

/// `Some(true)` when `expr` is certainly a string, `Some(false)` when it is
/// certainly not, `None` when its type is known only at deployment.
pub fn text_kind(template: &Template, expr: &Expr, depth: usize) -> Option<bool> {
    let same = |a: Option<bool>, b: Option<bool>| if a == b { a } else { None };
    match &expr.kind {
        ExprKind::Str(_) | ExprKind::Resource(_) | ExprKind::Module(_) => Some(true),
        ExprKind::Param(name) => template
            .params
            .iter()
            .find(|p| p.name == *name)
            .map(|p| p.ty.plain() == ParamType::String),
        ExprKind::Var(name) if depth <= template.vars.len() => template
            .vars
            .iter()
            .find(|v| v.name == *name)
            .and_then(|v| text_kind(template, &v.value, depth + 1)),
        ExprKind::Member(base, name) => (matches!(base.kind, ExprKind::Resource(_))
            && matches!(name.as_str(), "id" | "name" | "type" | "apiVersion"))
        .then_some(true),
        ExprKind::Ternary(_, a, b) | ExprKind::Binary(BinOp::Coalesce, a, b) => {
            same(text_kind(template, a, depth), text_kind(template, b, depth))
        }
        ExprKind::Call(call) if call.user.is_some() => call
            .user
            .and_then(|i| template.functions.get(i))
            .map(|f| f.output == ParamType::String),
        ExprKind::Call(call) => match call.function.ret {
            Ret::Ty(Ty::ANY) => None,
            Ret::Ty(ty) => Some(ty == Ty::STRING),
            Ret::Arg(i) => call.args.get(i).and_then(|a| text_kind(template, a, depth)),
            Ret::Either(a, b) => {
                let kind = |i: usize| call.args.get(i).and_then(|a| text_kind(template, a, depth));
                same(kind(a), kind(b))
            }
            Ret::AnyArg => call
                .args
                .iter()
                .map(|a| text_kind(template, a, depth))
                .reduce(same)
                .flatten(),
        },
        ExprKind::Int(_)
        | ExprKind::Bool(_)
        | ExprKind::Null
        | ExprKind::Array(_)
        | ExprKind::Object(_)
        | ExprKind::LoopIndex(_)
        | ExprKind::Unary(..)
        | ExprKind::Binary(..)
        | ExprKind::Lambda(..)
        | ExprKind::For(..) => Some(false),
        _ => None,
    }
}
