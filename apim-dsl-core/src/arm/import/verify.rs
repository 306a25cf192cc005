//! Checking an import: the generated text compiled, and its ARM JSON compared
//! with the original as ARM reads both.

use super::{ImportError, Imported};
use crate::arm::expr::{StringValue, parse_string_value};
use crate::arm::json_pos::{index_path, key_path};
use crate::ir::{Expr, ExprKind, Key};
use serde_json::{Map, Value};

/// Compiles the generated text of an import.
///
/// # Errors
/// The text does not tokenize (a bug of the importer): the lexer's message.
pub fn compile(imported: &Imported) -> Result<crate::Compilation, String> {
    let tokens: proc_macro2::TokenStream = imported
        .body_text()
        .parse()
        .map_err(|e: proc_macro2::LexError| format!("the generated text does not tokenize: {e}"))?;
    Ok(crate::compile(tokens))
}

/// The first difference between a template and the one its import compiles to,
/// as ARM reads them: expressions compared parsed (white space, function name
/// case), parameter and output types ignoring case, key order aside. `None`
/// when they are the same.
pub fn first_difference(original: &Value, emitted: &Value) -> Option<ImportError> {
    let original = canonical(original, "$", 0);
    let emitted = canonical(emitted, "$", 0);
    diff("$", &original, &emitted).map(|(path, message)| ImportError { path, message })
}

/// How deep values are compared (serde_json's own limit is 128).
const MAX_DEPTH: usize = 200;

fn canonical(value: &Value, path: &str, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match value {
        Value::String(text) => Value::String(canonical_string(text)),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| canonical(v, &index_path(path, i), depth + 1))
                .collect(),
        ),
        Value::Object(map) => {
            let typed = path.starts_with("$.parameters.") || path.starts_with("$.outputs.");
            let mut out = Map::new();
            for (k, v) in map {
                let at = key_path(path, k);
                let v = match (k.as_str(), v) {
                    ("type", Value::String(t)) if typed && at.matches('.').count() == 3 => {
                        Value::String(t.to_ascii_lowercase())
                    }
                    _ => canonical(v, &at, depth + 1),
                };
                out.insert(canonical_string(k), v);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn canonical_string(text: &str) -> String {
    match parse_string_value(text, &[]) {
        Ok(StringValue::Expr(expr)) => format!("[{}]", render(&expr)),
        // A user-defined function call: compared as written, spaces aside.
        Err(_) if text.starts_with('[') && !text.starts_with("[[") => {
            text.chars().filter(|c| !c.is_whitespace()).collect()
        }
        _ => text.to_string(),
    }
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn render(expr: &Expr) -> String {
    let list = |items: &[Expr]| items.iter().map(render).collect::<Vec<_>>().join(",");
    match &expr.kind {
        ExprKind::Str(text) => quote(text),
        ExprKind::Int(n) => n.to_string(),
        ExprKind::Bool(b) => format!("{b}()"),
        ExprKind::Null | ExprKind::Invalid => "null()".to_string(),
        ExprKind::Param(n) | ExprKind::FuncParam(n) => format!("parameters({})", quote(n)),
        ExprKind::Var(n) => format!("variables({})", quote(n)),
        ExprKind::LambdaVar(n) => format!("lambdavariables({})", quote(n)),
        ExprKind::Call(call) => format!("{}({})", call.name.to_ascii_lowercase(), list(&call.args)),
        ExprKind::Member(base, name) => format!("{}.{name}", render(base)),
        ExprKind::Index(base, index) => format!("{}[{}]", render(base), render(index)),
        ExprKind::Lambda(params, body) => {
            let mut parts: Vec<String> = params.iter().map(|p| quote(p)).collect();
            parts.push(render(body));
            format!("lambda({})", parts.join(","))
        }
        ExprKind::Array(items) => format!("createarray({})", list(items)),
        ExprKind::Object(props) => {
            let parts: Vec<String> = props
                .iter()
                .map(|p| {
                    let k = match &p.key {
                        Key::Lit(k) => quote(k),
                        Key::Expr(e) => render(e),
                    };
                    format!("{k},{}", render(&p.value))
                })
                .collect();
            format!("createobject({})", parts.join(","))
        }
        other => format!("{other:?}"),
    }
}

fn diff(path: &str, original: &Value, emitted: &Value) -> Option<(String, String)> {
    match (original, emitted) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let at = key_path(path, k);
                match b.get(k) {
                    None => return Some((at, "missing from the compiled template".to_string())),
                    Some(w) => {
                        if let Some(found) = diff(&at, v, w) {
                            return Some(found);
                        }
                    }
                }
            }
            b.keys().find(|k| !a.contains_key(*k)).map(|k| {
                (
                    key_path(path, k),
                    format!("the compiled template adds `{k}`: {}", short(&b[k])),
                )
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| diff(&index_path(path, i), v, w)),
        _ if original == emitted => None,
        _ => Some((
            path.to_string(),
            format!(
                "the compiled template has {} instead of {}",
                short(emitted),
                short(original)
            ),
        )),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 160 {
        let cut: String = text.chars().take(160).collect();
        format!("{cut}...")
    } else {
        text
    }
}
