//! Bicep's string interpolation kept as text: `"${name}"` is, in the DSL (as in
//! ARM JSON), the literal characters `${name}`, deployed as written. When the
//! name between `${` and `}` is one the template declares, it was meant as
//! interpolation: an error that shows the DSL's way to write it. Other text with
//! `${` (a script, a policy) is left alone.
//!
//! Run at the end of name resolution: the string is replaced by an invalid
//! expression, so that later checks (a name's pattern, a loop's names) do not
//! report the same mistake again.

use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Key, Scope, Template, walk};

/// Keys whose values are scripts, where `${VAR}` is the script's own syntax.
const SCRIPT_KEYS: [&str; 4] = ["scriptContent", "arguments", "command", "inlineScript"];

/// Reports string literals that hold `${declared name}` and replaces them; the
/// names so written (meant as uses of those names).
pub fn take(template: &mut Template, diags: &mut Diagnostics) -> Vec<String> {
    // Most templates hold no `${` at all: one walk that reads finds out, and
    // only then are the names gathered (a copy of every declared name, and
    // another walk) and the strings looked at.
    if !any_interpolation(template) {
        return Vec::new();
    }
    let names = declared(template);
    let mut mentioned = Vec::new();
    each_expr(template, &mut |expr| {
        mentioned.extend(take_one(expr, &names, diags));
    });
    // A function's body reads only its own parameters.
    for func in &mut template.functions {
        let own: Vec<String> = func.params.iter().map(|p| p.name.clone()).collect();
        visit(&mut func.body, &mut |expr| {
            take_one(expr, &own, diags);
        });
    }
    mentioned
}

/// Reports and replaces `expr` if it is a string literal that interpolates one
/// of `names`; the names it mentions.
fn take_one(expr: &mut Expr, names: &[String], diags: &mut Diagnostics) -> Vec<String> {
    let ExprKind::Str(text) = &expr.kind else {
        return Vec::new();
    };
    // A script's own `${VAR}` (several lines, or a deployment script's content
    // or arguments) is not Bicep's.
    if text.contains('\n') {
        return Vec::new();
    }
    let Some(found) = interpolated(text).find(|inner| names.iter().any(|n| n == root(inner)))
    else {
        return Vec::new();
    };
    let mentioned = interpolated(text)
        .map(|inner| root(inner).to_string())
        .collect();
    diags.error(codes::BICEP_INTERPOLATION,
        expr.span,
        format!(
            "`${{{found}}}` is Bicep interpolation, but a DSL string is literal text, so this deploys the characters `${{{found}}}`: write {}",
            rewrite(text)
        ),
    );
    expr.kind = ExprKind::Invalid;
    mentioned
}

/// Whether any string literal of the template holds `${`.
fn any_interpolation(template: &Template) -> bool {
    let mut found = false;
    for expr in crate::graph::template_exprs(template) {
        walk(expr, &mut |e| {
            found |= matches!(&e.kind, ExprKind::Str(text) if text.contains("${"));
        });
        if found {
            return true;
        }
    }
    false
}

/// Every name an expression can read: parameters, variables, symbols, loop
/// variables.
fn declared(template: &Template) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    names.extend(template.params.iter().map(|p| p.name.clone()));
    names.extend(template.vars.iter().map(|v| v.symbol.clone()));
    names.extend(template.resources.iter().map(|r| r.symbol.clone()));
    names.extend(template.modules.iter().map(|m| m.symbol.clone()));
    let heads = template
        .resources
        .iter()
        .filter_map(|r| r.copy.as_deref())
        .chain(template.modules.iter().filter_map(|m| m.copy.as_deref()));
    for head in heads {
        names.push(head.item.clone());
        names.extend(head.index.clone());
    }
    for expr in crate::graph::template_exprs(template) {
        walk(expr, &mut |e| {
            if let ExprKind::For(head, _) = &e.kind {
                names.push(head.item.clone());
                names.extend(head.index.clone());
            }
        });
    }
    names
}

/// `uai` of `uai.id` or `ids[0].name`.
fn root(inner: &str) -> &str {
    inner.split(['.', '[']).next().unwrap_or(inner).trim()
}

/// The texts between `${` and `}`.
fn interpolated(text: &str) -> impl Iterator<Item = &str> {
    text.split("${")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(inner, _)| inner.trim()))
}

/// The string as a `concat(...)` of its literal parts and the names.
fn rewrite(text: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("${") {
        let Some((inner, tail)) = after.split_once('}') else {
            break;
        };
        if !before.is_empty() {
            parts.push(format!("{before:?}"));
        }
        parts.push(inner.trim().to_string());
        rest = tail;
    }
    if !rest.is_empty() {
        // Quoted as a Rust string literal is, quotes and backslashes escaped.
        parts.push(format!("{rest:?}"));
    }
    match parts.as_slice() {
        [single] => format!("`{single}`"),
        _ => format!("`concat({})`", parts.join(", ")),
    }
}

/// Calls `f` on every expression of the template, inner ones too.
fn each_expr(template: &mut Template, f: &mut dyn FnMut(&mut Expr)) {
    for param in &mut template.params {
        if let Some(default) = &mut param.default {
            visit(default, f);
        }
    }
    for var in &mut template.vars {
        visit(&mut var.value, f);
    }
    for resource in &mut template.resources {
        visit(&mut resource.name, f);
        if let Some(condition) = &mut resource.condition {
            visit(condition, f);
        }
        if let Some(head) = &mut resource.copy {
            visit(&mut head.source, f);
        }
        if let Some(Scope::Expr(scope)) = &mut resource.scope {
            visit(scope, f);
        }
        for prop in &mut resource.body {
            visit(&mut prop.value, f);
        }
    }
    for module in &mut template.modules {
        visit(&mut module.name, f);
        if let Some(condition) = &mut module.condition {
            visit(condition, f);
        }
        if let Some(head) = &mut module.copy {
            visit(&mut head.source, f);
        }
        for prop in &mut module.params {
            visit(&mut prop.value, f);
        }
    }
    for output in &mut template.outputs {
        visit(&mut output.value, f);
    }
}

fn visit(expr: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    f(expr);
    match &mut expr.kind {
        ExprKind::Array(items) => items.iter_mut().for_each(|e| visit(e, f)),
        ExprKind::Object(props) => props.iter_mut().for_each(|p| {
            if let Key::Expr(key) = &mut p.key {
                visit(key, f);
            }
            if !p.key.as_lit().is_some_and(|k| SCRIPT_KEYS.contains(&k)) {
                visit(&mut p.value, f);
            }
        }),
        ExprKind::Call(call) => call.args.iter_mut().for_each(|e| visit(e, f)),
        ExprKind::Member(base, _) | ExprKind::Unary(_, base) | ExprKind::Lambda(_, base) => {
            visit(base, f)
        }
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            visit(a, f);
            visit(b, f);
        }
        ExprKind::Ternary(a, b, c) => {
            visit(a, f);
            visit(b, f);
            visit(c, f);
        }
        ExprKind::For(head, body) => {
            visit(&mut head.source, f);
            visit(body, f);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{interpolated, rewrite, root};

    #[test]
    fn finds_names_and_rewrites_them_as_concat() {
        let found: Vec<&str> = interpolated("${a}-${ b.c }-${").collect();
        assert_eq!(found, ["a", "b.c"]);
        assert_eq!(root("ids[0].name"), "ids");
        assert_eq!(rewrite("${name}"), "`name`");
        assert_eq!(rewrite("pre-${a}-${b}"), "`concat(\"pre-\", a, \"-\", b)`");
        assert_eq!(rewrite("${a}.suffix"), "`concat(a, \".suffix\")`");
    }
}
