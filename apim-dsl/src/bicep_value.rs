//! JSON values written as Bicep literals, laid out as `bicep format` lays them
//! out (two-space indent, one element or property per line).

use serde_json::Value;

/// Writes `value` at nesting depth `indent` (in steps of two spaces).
pub(crate) fn write(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // Bicep has integer literals only; other numbers go through `json()`.
        Value::Number(n) if n.is_i64() || n.is_u64() => out.push_str(&n.to_string()),
        Value::Number(n) => {
            out.push_str("json(");
            write_str(&n.to_string(), out);
            out.push(')');
        }
        Value::String(text) => write_str(text, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for item in items {
                pad(indent + 1, out);
                write(item, indent + 1, out);
                out.push('\n');
            }
            pad(indent, out);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push_str("{\n");
            for (key, item) in map {
                pad(indent + 1, out);
                if is_identifier(key) {
                    out.push_str(key);
                } else {
                    write_str(key, out);
                }
                out.push_str(": ");
                write(item, indent + 1, out);
                out.push('\n');
            }
            pad(indent, out);
            out.push('}');
        }
    }
}

/// A single-quoted Bicep string: `\` `'` and `${` escaped, as are line breaks,
/// tabs and other control characters.
pub(crate) fn write_str(text: &str, out: &mut String) {
    out.push('\'');
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
    out.push('\'');
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn pad(indent: usize, out: &mut String) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bicep(value: &Value) -> String {
        let mut out = String::new();
        write(value, 0, &mut out);
        out
    }

    #[test]
    fn values_are_bicep_literals() {
        assert_eq!(bicep(&json!("it's ${x} \\ \n")), r"'it\'s \${x} \\ \n'");
        assert_eq!(bicep(&json!("$ {")), "'$ {'");
        assert_eq!(bicep(&json!(1.5)), "json('1.5')");
        assert_eq!(bicep(&json!([])), "[]");
        assert_eq!(
            bicep(&json!({ "a": [1, { "odd-key": null }], "b": {} })),
            "{\n  a: [\n    1\n    {\n      'odd-key': null\n    }\n  ]\n  b: {}\n}"
        );
    }
}
