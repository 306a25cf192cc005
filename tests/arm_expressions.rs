//! Every expression of every ARM template in the repository (the goldens, which
//! the compiler wrote; the public quickstarts of `tests/roundtrip` and the ARM
//! corpus of `tests/arm-corpus/valid`, written by hand) reads into the compiler's
//! expression model and writes back the same, white space between tokens aside.

use apim_dsl_core::arm::expr::{StringValue, parse_string_value};
use apim_dsl_core::emit::arm_expr::ExprWriter;
use apim_dsl_core::ir::{Func, ParamType, Template};
use proc_macro2::Span;
use serde_json::Value;
use std::path::Path;

/// Removes white space outside string literals.
fn squeeze(text: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    for c in text.chars() {
        if c == '\'' {
            in_string = !in_string;
        }
        if in_string || !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The `(namespace, name)` of every user-defined function of a template.
fn user_functions(template: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for namespace in template["functions"].as_array().into_iter().flatten() {
        let ns = namespace["namespace"].as_str().unwrap_or_default();
        for name in namespace["members"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|m| m.0)
        {
            out.push((ns.to_string(), name.clone()));
        }
    }
    out
}

fn visit(value: &Value, check: &mut dyn FnMut(&str)) {
    match value {
        Value::String(text) => check(text),
        Value::Array(items) => items.iter().for_each(|v| visit(v, check)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            check(k);
            visit(v, check);
        }),
        _ => {}
    }
}

fn check_template(path: &Path, template: &Value, count: &mut usize) {
    let functions = user_functions(template);
    let mut ir = Template::default();
    for (namespace, name) in &functions {
        ir.functions.push(Func {
            name: name.clone(),
            span: Span::call_site(),
            namespace: namespace.clone(),
            params: Vec::new(),
            output: ParamType::String,
            output_span: Span::call_site(),
            body: apim_dsl_core::ir::Expr::str("", Span::call_site()),
            description: None,
            typed: true,
        });
    }
    visit(template, &mut |text| {
        if !apim_dsl_core::arm::expr::is_expression(text) {
            return;
        }
        match parse_string_value(text, &functions) {
            Ok(StringValue::Expr(expr)) => {
                *count += 1;
                let written = format!("[{}]", ExprWriter::new(&ir).render(&expr));
                assert_eq!(squeeze(&written), squeeze(text), "{}", path.display());
            }
            Ok(StringValue::Literal(_)) => {}
            Err(e) => panic!("{}: {text}: {e}", path.display()),
        }
    });
}

#[test]
fn every_expression_in_the_repository_reads_and_writes_back_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    let mut files = 0;
    for dir in ["tests/golden", "tests/roundtrip", "tests/arm-corpus/valid"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                let template: Value = serde_json::from_str(&text).unwrap();
                check_template(&path, &template, &mut count);
                files += 1;
            }
        }
    }
    eprintln!("{files} templates, {count} expressions");
    assert!(files >= 50, "only {files} templates found");
    assert!(count >= 1000, "only {count} expressions found");
}
