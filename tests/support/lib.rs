//! Helpers for the integration tests: comparing ARM templates as ARM reads them.
//!
//! ARM ignores white space between the tokens of a template expression
//! (`concat(a,'b')` and `concat(a, 'b')` are the same expression), and compares
//! function names case-insensitively. [`canonical`] rewrites every expression string
//! of a template into one spelling with an ARM expression parser written here,
//! independently of the emitter under test, so that two templates compare equal
//! exactly when ARM would read them the same way.

pub mod agreement;
pub mod bicep;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use serde_json::{Map, Value};

/// A parsed ARM template expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArmExpr {
    /// `'text'`
    Str(String),
    /// `42`, `-1`
    Int(i64),
    /// `name(args)`, name lower-cased (ARM function names are case-insensitive).
    Call(String, Vec<ArmExpr>),
    /// `base.name`
    Member(Box<ArmExpr>, String),
    /// `base[index]`
    Index(Box<ArmExpr>, Box<ArmExpr>),
}

/// Parses the inside of an expression string (without the outer brackets).
pub fn parse_expression(text: &str) -> Result<ArmExpr, String> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    let expr = parser.expr()?;
    parser.skip_ws();
    if parser.at != parser.chars.len() {
        return Err(format!("trailing input at {} in `{text}`", parser.at));
    }
    Ok(expr)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> Result<(), String> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected `{c}` at {}", self.at))
        }
    }

    fn ident(&mut self) -> String {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn expr(&mut self) -> Result<ArmExpr, String> {
        let mut expr = self.primary()?;
        loop {
            self.skip_ws();
            match self.peek() {
                Some('.') => {
                    self.at += 1;
                    self.skip_ws();
                    let name = self.ident();
                    if name.is_empty() {
                        return Err(format!("expected a member name at {}", self.at));
                    }
                    expr = ArmExpr::Member(Box::new(expr), name);
                }
                Some('[') => {
                    self.at += 1;
                    let index = self.expr()?;
                    self.eat(']')?;
                    expr = ArmExpr::Index(Box::new(expr), Box::new(index));
                }
                _ => return Ok(expr),
            }
        }
    }

    fn primary(&mut self) -> Result<ArmExpr, String> {
        self.skip_ws();
        match self.peek() {
            Some('\'') => {
                self.at += 1;
                let mut text = String::new();
                loop {
                    match self.peek() {
                        None => return Err("unterminated string".to_string()),
                        Some('\'') if self.chars.get(self.at + 1) == Some(&'\'') => {
                            text.push('\'');
                            self.at += 2;
                        }
                        Some('\'') => {
                            self.at += 1;
                            return Ok(ArmExpr::Str(text));
                        }
                        Some(c) => {
                            text.push(c);
                            self.at += 1;
                        }
                    }
                }
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let start = self.at;
                self.at += 1;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.at += 1;
                }
                let digits: String = self.chars[start..self.at].iter().collect();
                digits
                    .parse()
                    .map(ArmExpr::Int)
                    .map_err(|e| format!("bad number `{digits}`: {e}"))
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let mut name = self.ident().to_ascii_lowercase();
                // `namespace.name(...)`: a user-defined function.
                if self.peek() == Some('.') {
                    self.at += 1;
                    name = format!("{name}.{}", self.ident().to_ascii_lowercase());
                }
                self.eat('(')?;
                let mut args = Vec::new();
                self.skip_ws();
                if self.peek() == Some(')') {
                    self.at += 1;
                    return Ok(ArmExpr::Call(name, args));
                }
                loop {
                    args.push(self.expr()?);
                    self.skip_ws();
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some(')') => {
                            self.at += 1;
                            return Ok(ArmExpr::Call(name, args));
                        }
                        _ => return Err(format!("expected `,` or `)` at {}", self.at)),
                    }
                }
            }
            other => Err(format!("unexpected {other:?} at {}", self.at)),
        }
    }
}

/// Renders an expression in one canonical spelling.
pub fn render(expr: &ArmExpr) -> String {
    match expr {
        ArmExpr::Str(text) => format!("'{}'", text.replace('\'', "''")),
        ArmExpr::Int(n) => n.to_string(),
        ArmExpr::Call(name, args) => {
            let args: Vec<String> = args.iter().map(render).collect();
            format!("{name}({})", args.join(", "))
        }
        ArmExpr::Member(base, name) => format!("{}.{name}", render(base)),
        ArmExpr::Index(base, index) => format!("{}[{}]", render(base), render(index)),
    }
}

/// Whether a JSON string is an ARM expression (`[...]` but not the `[[` escape).
pub fn is_expression(text: &str) -> bool {
    text.starts_with('[') && text.ends_with(']') && !text.starts_with("[[")
}

/// The template with every expression string (values and keys) re-spelled
/// canonically. A string that looks like an expression but does not parse is an
/// error: ARM would reject the template.
pub fn canonical(value: &Value) -> Result<Value, String> {
    Ok(match value {
        // `[json('30.0')]`, how the DSL (as Bicep) writes a number that is not
        // an integer, is that number as ARM reads it.
        Value::String(text) => match json_of_number(text) {
            Some(number) => number,
            None => Value::String(canonical_string(text)?),
        },
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect::<Result<_, _>>()?),
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                out.insert(canonical_string(key)?, canonical(value)?);
            }
            read_alike(&mut out);
            Value::Object(out)
        }
        // JSON.NET, and so ARM, reads `-0` as the integer 0 (serde_json as -0.0).
        Value::Number(n) if n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) => {
            Value::from(0)
        }
        other => other.clone(),
    })
}

/// What ARM reads alike in a resource, written one way: a nested
/// deployment's `parameters` absent or `{}` and their names in any case, a
/// `dependsOn` name in any case, a copy's `mode` in any case, and `copyIndex('name')` of the resource's own
/// loop `name` as `copyIndex()`, in it and in the resources nested in it (on the rendered text, independently of the
/// importer's own comparison; ASCII case folding keeps byte offsets).
fn read_alike(resource: &mut Map<String, Value>) {
    if !resource.contains_key("type") {
        return;
    }
    if let Some(Value::Object(copy)) = resource.get_mut("copy")
        && let Some(Value::String(mode)) = copy.get_mut("mode")
    {
        *mode = mode.to_lowercase();
    }
    // ARM matches a `dependsOn` name (a resource's or a copy loop's) ignoring
    // case.
    if let Some(Value::Array(entries)) = resource.get_mut("dependsOn") {
        for entry in entries {
            if let Value::String(name) = entry
                && !name.starts_with('[')
            {
                *name = name.to_lowercase();
            }
        }
    }
    let deployment = resource
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"));
    if let (true, Some(Value::Object(properties))) = (deployment, resource.get_mut("properties")) {
        match properties.get_mut("parameters") {
            Some(Value::Object(given)) if given.is_empty() => {
                properties.remove("parameters");
            }
            // ARM matches them to the inner template's names ignoring case.
            Some(Value::Object(given)) => {
                *given = std::mem::take(given)
                    .into_iter()
                    .map(|(name, value)| (name.to_lowercase(), value))
                    .collect();
            }
            _ => {}
        }
    }
    let Some(name) = resource
        .get("copy")
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
        .map(|n| n.to_ascii_lowercase())
    else {
        return;
    };
    fn unnamed(value: &mut Value, name: &str) {
        match value {
            Value::String(text) => {
                for (named, plain) in [
                    (format!("copyindex('{name}')"), "copyindex()"),
                    (format!("copyindex('{name}', "), "copyindex("),
                ] {
                    while let Some(at) = text.to_ascii_lowercase().find(&named) {
                        text.replace_range(at..at + named.len(), plain);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| unnamed(v, name)),
            Value::Object(map) => map.values_mut().for_each(|v| unnamed(v, name)),
            _ => {}
        }
    }
    // The resources nested in it without a `copy` of their own share its
    // loop (ARM deploys them with each of its copies: "Resource iteration in
    // ARM templates"), and read it by name alike.
    fn unnamed_resource(resource: &mut Map<String, Value>, name: &str) {
        for (key, value) in resource.iter_mut() {
            match (key.as_str(), value) {
                ("copy", _) => {}
                ("resources", Value::Array(children)) => {
                    for child in children {
                        if let Value::Object(child) = child
                            && !child.contains_key("copy")
                        {
                            unnamed_resource(child, name);
                        }
                    }
                }
                (_, value) => unnamed(value, name),
            }
        }
    }
    unnamed_resource(resource, &name);
}

/// The number a `[json('<number>')]` expression gives, or `None`.
fn json_of_number(text: &str) -> Option<Value> {
    if !is_expression(text) {
        return None;
    }
    match parse_expression(&text[1..text.len() - 1]).ok()? {
        ArmExpr::Call(name, args) if name == "json" => match args.as_slice() {
            [ArmExpr::Str(inner)] => match serde_json::from_str::<Value>(inner.trim()).ok()? {
                number @ Value::Number(_) => Some(number),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

fn canonical_string(text: &str) -> Result<String, String> {
    if !is_expression(text) {
        return Ok(text.to_string());
    }
    let inner = &text[1..text.len() - 1];
    let expr = parse_expression(inner).map_err(|e| format!("{e} in {text}"))?;
    Ok(format!("[{}]", render(&expr)))
}

/// The first difference between two JSON values, as a JSON path and both sides.
pub fn first_difference(actual: &Value, expected: &Value) -> Option<String> {
    fn walk(path: &str, a: &Value, e: &Value) -> Option<String> {
        match (a, e) {
            (Value::Object(a), Value::Object(e)) => {
                for key in e.keys() {
                    if !a.contains_key(key) {
                        return Some(format!("{path}.{key}: missing"));
                    }
                }
                for (key, value) in a {
                    let inner = format!("{path}.{key}");
                    let found = match e.get(key) {
                        None => Some(format!("{inner}: not expected")),
                        Some(other) => walk(&inner, value, other),
                    };
                    if found.is_some() {
                        return found;
                    }
                }
                None
            }
            (Value::Array(a), Value::Array(e)) if a.len() == e.len() => a
                .iter()
                .zip(e)
                .enumerate()
                .find_map(|(i, (a, e))| walk(&format!("{path}[{i}]"), a, e)),
            _ if a == e => None,
            _ => Some(format!("{path}: {a} != expected {e}")),
        }
    }
    walk("$", actual, expected)
}

/// Asserts that two ARM templates are the same as ARM reads them: equal as JSON
/// values once expressions are canonical (key order and white space aside).
pub fn assert_same_template(actual: &str, expected: &str) {
    let actual: Value = serde_json::from_str(actual).expect("emitted template is JSON");
    let expected: Value = serde_json::from_str(expected).expect("expected template is JSON");
    let actual = canonical(&actual).expect("emitted expressions parse");
    let expected = canonical(&expected).expect("expected expressions parse");
    if let Some(difference) = first_difference(&actual, &expected) {
        panic!("templates differ at {difference}");
    }
}

/// The bodies of every `apim_dsl::template! { ... }` in a Rust source file, as
/// the macro receives them.
pub fn template_invocations(source: &str) -> Vec<TokenStream> {
    fn collect(tokens: TokenStream, found: &mut Vec<TokenStream>) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            if let TokenTree::Group(group) = tree {
                let is_call = i >= 2
                    && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '!')
                    && matches!(&trees[i - 2], TokenTree::Ident(id) if id == "template");
                if is_call && group.delimiter() == Delimiter::Brace {
                    found.push(group.stream());
                } else {
                    collect(group.stream(), found);
                }
            }
        }
    }
    let tokens: TokenStream = source.parse().expect("the file tokenizes");
    let mut found = Vec::new();
    collect(tokens, &mut found);
    found
}

/// Writes a template's files into `$APIM_DSL_EMIT_DIR` when it is set, so that CI
/// can run the external conformance checks on everything the tests emit.
pub fn dump(template: &apim_dsl::Template) {
    if let Some(dir) = std::env::var_os("APIM_DSL_EMIT_DIR") {
        template
            .write_to(dir)
            .expect("APIM_DSL_EMIT_DIR is writable");
    }
}

/// `text` (ARM template JSON) with the `type` of every parameter and output in
/// lower case: ARM reads `secureString` and `securestring` alike, and an
/// imported template may spell them either way.
pub fn types_in_lower_case(text: &str) -> String {
    let mut value: Value = serde_json::from_str(text).expect("JSON");
    for section in ["parameters", "outputs"] {
        if let Some(Value::Object(items)) = value.get_mut(section) {
            for item in items.values_mut() {
                if let Some(Value::String(ty)) = item.get_mut("type") {
                    *ty = ty.to_lowercase();
                }
            }
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_case_do_not_matter() {
        let a = "concat(resourceId('T', variables('n')),'/x')";
        let b = "CONCAT( resourceId('T' , variables('n')) , '/x' )";
        assert_eq!(parse_expression(a), parse_expression(b));
        assert_eq!(
            render(&parse_expression(a).unwrap()),
            "concat(resourceid('T', variables('n')), '/x')"
        );
    }

    #[test]
    fn quotes_and_members() {
        let e = parse_expression("reference(parameters('a'), '2015').identity['principalId'][0]")
            .unwrap();
        assert_eq!(
            render(&e),
            "reference(parameters('a'), '2015').identity['principalId'][0]"
        );
        assert_eq!(parse_expression("'it''s'"), Ok(ArmExpr::Str("it's".into())));
        assert!(parse_expression("concat('a'").is_err());
    }

    #[test]
    fn differences_are_found() {
        let a: Value = serde_json::json!({"x": ["[concat('a','b')]"]});
        let b: Value = serde_json::json!({"x": ["[concat('a', 'b')]"]});
        assert_eq!(
            first_difference(&canonical(&a).unwrap(), &canonical(&b).unwrap()),
            None
        );
        let c: Value = serde_json::json!({"x": ["[concat('a', 'c')]"]});
        assert!(first_difference(&canonical(&a).unwrap(), &canonical(&c).unwrap()).is_some());
        assert!(first_difference(&a, &b).is_some(), "raw strings differ");
        assert_eq!(
            canonical(&Value::from("[[literal]")).unwrap(),
            Value::from("[[literal]")
        );
    }
}
