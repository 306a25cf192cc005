//! A small reader of Bicep declarations, written independently of the emitter, so
//! that tests can compare what a `.bicep` file declares with the ARM JSON of the
//! same template.
//!
//! It tokenizes the whole file (strings with escapes and `${...}` holes, comments,
//! brackets, multi-line arrays and objects) and reads the top-level statements:
//! decorators, `metadata`, `param`, `var`, `resource`, `module` and `output`. From
//! each resource and module it keeps what a reader needs to match it with ARM:
//! type and API version (or module path), `existing`, a loop, a condition, and the
//! `name`/`parent` properties of its body. Anything it does not understand is an
//! error, not a silent skip.

use std::fmt;

/// One piece of a string literal: text, or the source of a `${...}` hole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StrPart {
    /// Literal text, escapes decoded.
    Text(String),
    /// The expression inside `${...}`, as written.
    Hole(String),
}

/// A token with its byte range in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Str(Vec<StrPart>),
    Number(String),
    Punct(String),
    Newline,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

/// A parameter: `@secure()` makes a `string` a `secureString` (and an `object` a
/// `secureObject`), the ARM spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The name.
    pub name: String,
    /// The type, ARM spelling.
    pub ty: String,
    /// The decorator names, in order.
    pub decorators: Vec<String>,
    /// The default value's source, if any.
    pub default: Option<String>,
}

/// A `resource` or `module` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployable {
    /// The symbolic name.
    pub symbol: String,
    /// `Type@apiVersion` for a resource, the path for a module.
    pub target: String,
    /// A module rather than a resource.
    pub module: bool,
    /// Declared `existing`.
    pub existing: bool,
    /// Declared with `[for ...]`.
    pub looped: bool,
    /// Declared with `if (...)`.
    pub conditional: bool,
    /// The source of the body's `name:` value.
    pub name: Option<String>,
    /// The source of the body's `parent:` value.
    pub parent: Option<String>,
    /// The decorator names, in order.
    pub decorators: Vec<String>,
}

/// An `output`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The name.
    pub name: String,
    /// The type, ARM spelling (`@secure()` as for parameters).
    pub ty: String,
}

/// A user-defined function, `func name(a type, ...) type => value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Func {
    /// The name.
    pub name: String,
    /// The parameter types, in order.
    pub params: Vec<String>,
    /// The result type.
    pub output: String,
}

/// The declarations of one Bicep file, each kind in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BicepFile {
    /// `metadata name = ...` names.
    pub metadata: Vec<String>,
    /// Parameters.
    pub params: Vec<Param>,
    /// Variable names.
    pub vars: Vec<String>,
    /// Resources and modules.
    pub deployables: Vec<Deployable>,
    /// Outputs.
    pub outputs: Vec<Output>,
    /// User-defined functions.
    pub functions: Vec<Func>,
}

/// A reading error with its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Byte offset in the source.
    pub at: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.at, self.message)
    }
}

fn error<T>(at: usize, message: impl Into<String>) -> Result<T, Error> {
    Err(Error {
        at,
        message: message.into(),
    })
}

/// The pieces of a single-quoted string starting at `start` (at the quote), and
/// the offset after its closing quote.
fn string_at(src: &str, start: usize) -> Result<(Vec<StrPart>, usize), Error> {
    let bytes = src.as_bytes();
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => {
                if !text.is_empty() || parts.is_empty() {
                    parts.push(StrPart::Text(text));
                }
                return Ok((parts, i + 1));
            }
            b'\n' => return error(i, "new line inside a string"),
            b'\\' => {
                let (decoded, len) = match bytes.get(i + 1) {
                    Some(b'\\') => ('\\', 2),
                    Some(b'\'') => ('\'', 2),
                    Some(b'n') => ('\n', 2),
                    Some(b'r') => ('\r', 2),
                    Some(b't') => ('\t', 2),
                    Some(b'$') => ('$', 2),
                    Some(b'u') => {
                        let close = src[i..].find('}').map(|c| i + c);
                        let code = close
                            .and_then(|c| src.get(i + 3..c))
                            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                            .and_then(char::from_u32);
                        match (code, close) {
                            (Some(c), Some(close)) => (c, close + 1 - i),
                            _ => return error(i, "bad \\u{...} escape"),
                        }
                    }
                    _ => return error(i, "unknown escape"),
                };
                text.push(decoded);
                i += len;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                if !text.is_empty() {
                    parts.push(StrPart::Text(std::mem::take(&mut text)));
                }
                let hole_start = i + 2;
                let mut depth = 0usize;
                let mut j = hole_start;
                loop {
                    match bytes.get(j) {
                        None => return error(i, "unterminated ${...}"),
                        Some(b'\'') => j = string_at(src, j)?.1,
                        Some(b'{') => {
                            depth += 1;
                            j += 1;
                        }
                        Some(b'}') if depth == 0 => break,
                        Some(b'}') => {
                            depth -= 1;
                            j += 1;
                        }
                        Some(_) => j += 1,
                    }
                }
                parts.push(StrPart::Hole(src[hole_start..j].trim().to_string()));
                i = j + 1;
            }
            _ => {
                let c = src[i..].chars().next().unwrap_or('\0');
                text.push(c);
                i += c.len_utf8();
            }
        }
    }
    error(start, "unterminated string")
}

const PUNCTS: [&str; 24] = [
    "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "::", "=", "<", ">", "!", "?", ":", ".", ",",
    "(", ")", "[", "]", "{", "}", "@",
];
const OPERATORS: [&str; 5] = ["+", "-", "*", "/", "%"];

fn tokenize(src: &str) -> Result<Vec<Token>, Error> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let tok = match c {
            b'\n' => {
                i += 1;
                Tok::Newline
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = match src[i + 2..].find("*/") {
                    Some(n) => i + 2 + n + 2,
                    None => return error(i, "unterminated comment"),
                };
                continue;
            }
            b'\'' => {
                if src[i..].starts_with("'''") {
                    return error(i, "multi-line strings are not read");
                }
                let (parts, end) = string_at(src, i)?;
                i = end;
                Tok::Str(parts)
            }
            c if c.is_ascii_digit() => {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                Tok::Number(src[start..i].to_string())
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                Tok::Ident(src[start..i].to_string())
            }
            _ => {
                let rest = &src[i..];
                let Some(p) = PUNCTS
                    .iter()
                    .chain(OPERATORS.iter())
                    .find(|p| rest.starts_with(**p))
                else {
                    return error(i, format!("unexpected character {:?}", rest.chars().next()));
                };
                i += p.len();
                Tok::Punct(p.to_string())
            }
        };
        tokens.push(Token { tok, start, end: i });
    }
    Ok(tokens)
}

/// Splits the tokens into top-level statements: new lines inside brackets do not
/// end a statement. Unbalanced brackets are an error.
fn statements(tokens: Vec<Token>) -> Result<Vec<Vec<Token>>, Error> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for token in tokens {
        if let Tok::Punct(p) = &token.tok {
            match p.as_str() {
                "(" => stack.push((')', token.start)),
                "[" => stack.push((']', token.start)),
                "{" => stack.push(('}', token.start)),
                ")" | "]" | "}" => match stack.pop() {
                    Some((close, _)) if p.starts_with(close) => {}
                    _ => return error(token.start, format!("unbalanced `{p}`")),
                },
                _ => {}
            }
        }
        if token.tok == Tok::Newline && stack.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(token);
        }
    }
    if let Some((close, at)) = stack.pop() {
        return error(at, format!("missing `{close}`"));
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

fn ident(tokens: &[Token], at: usize) -> Result<String, Error> {
    match tokens.get(at) {
        Some(Token {
            tok: Tok::Ident(name),
            ..
        }) => Ok(name.clone()),
        Some(other) => error(other.start, "expected a name"),
        None => error(tokens.last().map_or(0, |t| t.end), "expected a name"),
    }
}

fn plain_string(tokens: &[Token], at: usize) -> Result<String, Error> {
    match tokens.get(at).map(|t| &t.tok) {
        Some(Tok::Str(parts)) => match parts.as_slice() {
            [StrPart::Text(text)] => Ok(text.clone()),
            _ => error(tokens[at].start, "expected a string without interpolation"),
        },
        _ => error(
            tokens.get(at).map_or(0, |t| t.start),
            "expected a string literal",
        ),
    }
}

fn is_punct(token: Option<&Token>, p: &str) -> bool {
    matches!(token, Some(Token { tok: Tok::Punct(q), .. }) if q == p)
}

/// The source of a value: from token `at` to the end of the statement.
fn source(src: &str, tokens: &[Token], at: usize) -> Option<String> {
    let first = tokens.get(at)?;
    let last = tokens.last()?;
    Some(src[first.start..last.end].to_string())
}

/// The type of a `param` or `output`, `@secure()` applied.
fn typed(decorators: &[String], ty: &str) -> String {
    match (decorators.iter().any(|d| d == "secure"), ty) {
        (true, "string") => "secureString".to_string(),
        (true, "object") => "secureObject".to_string(),
        _ => ty.to_string(),
    }
}

/// The value of the top-level property `key` of the first object in `tokens`
/// (the declaration's body), as source text up to the end of its line.
fn body_property(src: &str, tokens: &[Token], key: &str) -> Option<String> {
    let open = tokens.iter().position(|t| is_punct(Some(t), "{"))?;
    let mut depth = 0usize;
    let mut at = open;
    while let Some(token) = tokens.get(at) {
        match &token.tok {
            Tok::Punct(p) if ["(", "[", "{"].contains(&p.as_str()) => depth += 1,
            Tok::Punct(p) if [")", "]", "}"].contains(&p.as_str()) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return None;
                }
            }
            Tok::Ident(name) if depth == 1 && name == key && is_punct(tokens.get(at + 1), ":") => {
                let start = tokens.get(at + 2)?.start;
                let line_end = src[start..].find('\n').map_or(src.len(), |n| start + n);
                return Some(src[start..line_end].trim_end().to_string());
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// Reads the declarations of a Bicep file.
pub fn read(src: &str) -> Result<BicepFile, Error> {
    let mut file = BicepFile::default();
    let mut decorators: Vec<String> = Vec::new();
    for stmt in statements(tokenize(src)?)? {
        let Some(first) = stmt.first() else { continue };
        if is_punct(Some(first), "@") {
            decorators.push(ident(&stmt, 1)?);
            if !is_punct(stmt.get(2), "(") || !is_punct(stmt.last(), ")") {
                return error(first.start, "a decorator is `@name(...)` on its own line");
            }
            continue;
        }
        let keyword = ident(&stmt, 0)?;
        let taken = std::mem::take(&mut decorators);
        match keyword.as_str() {
            "metadata" => {
                file.metadata.push(ident(&stmt, 1)?);
                if !is_punct(stmt.get(2), "=") {
                    return error(first.start, "expected `metadata name = value`");
                }
            }
            "targetScope" => {}
            "func" => {
                if !is_punct(stmt.get(2), "(") {
                    return error(
                        first.start,
                        "expected `func name(a type, ...) type => value`",
                    );
                }
                let mut params = Vec::new();
                let mut at = 3;
                while !is_punct(stmt.get(at), ")") {
                    ident(&stmt, at)?;
                    params.push(ident(&stmt, at + 1)?);
                    at += 2;
                    if is_punct(stmt.get(at), ",") {
                        at += 1;
                    }
                }
                file.functions.push(Func {
                    name: ident(&stmt, 1)?,
                    params,
                    output: ident(&stmt, at + 1)?,
                });
            }
            "param" => {
                let ty = typed(&taken, &ident(&stmt, 2)?);
                let default = match stmt.get(3) {
                    None => None,
                    Some(t) if is_punct(Some(t), "=") => source(src, &stmt, 4),
                    Some(t) => return error(t.start, "expected `=` or the end of the parameter"),
                };
                file.params.push(Param {
                    name: ident(&stmt, 1)?,
                    ty,
                    decorators: taken,
                    default,
                });
            }
            "var" => {
                if !is_punct(stmt.get(2), "=") || stmt.len() < 4 {
                    return error(first.start, "expected `var name = value`");
                }
                file.vars.push(ident(&stmt, 1)?);
            }
            "output" => {
                if !is_punct(stmt.get(3), "=") || stmt.len() < 5 {
                    return error(first.start, "expected `output name type = value`");
                }
                file.outputs.push(Output {
                    name: ident(&stmt, 1)?,
                    ty: typed(&taken, &ident(&stmt, 2)?),
                });
            }
            "resource" | "module" => {
                let module = keyword == "module";
                let existing =
                    matches!(stmt.get(3).map(|t| &t.tok), Some(Tok::Ident(e)) if e == "existing");
                let eq = 3 + usize::from(existing);
                if !is_punct(stmt.get(eq), "=") {
                    return error(
                        first.start,
                        format!("expected `=` in the {keyword} declaration"),
                    );
                }
                let value = stmt.get(eq + 1..).unwrap_or_default();
                let looped = is_punct(value.first(), "[")
                    && matches!(value.get(1).map(|t| &t.tok), Some(Tok::Ident(f)) if f == "for");
                let conditional = value.windows(2).any(|w| {
                    matches!(&w[0].tok, Tok::Ident(i) if i == "if") && is_punct(Some(&w[1]), "(")
                });
                file.deployables.push(Deployable {
                    symbol: ident(&stmt, 1)?,
                    target: plain_string(&stmt, 2)?,
                    module,
                    existing,
                    looped,
                    conditional,
                    name: body_property(src, value, "name"),
                    parent: body_property(src, value, "parent"),
                    decorators: taken,
                });
            }
            other => return error(first.start, format!("unknown declaration `{other}`")),
        }
    }
    if !decorators.is_empty() {
        return error(src.len(), "decorators without a declaration");
    }
    Ok(file)
}

/// The pieces of a Bicep string expression (`'a${b}c'`), or `None` for anything
/// else; a bare name `x` reads as one hole.
pub fn string_parts(expr: &str) -> Option<Vec<StrPart>> {
    let expr = expr.trim();
    if expr.starts_with('\'') {
        let (parts, end) = string_at(expr, 0).ok()?;
        return (end == expr.len()).then_some(parts);
    }
    let mut chars = expr.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    identifier.then(|| vec![StrPart::Hole(expr.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "metadata description = 'd'

@description('a ${x} \\'b\\'')
@secure()
param key string

param tags object = {
  a: [
    1
  ]
}

var v = '${key}-x' // comment

/* block
comment */
@batchSize(1)
resource r 'Microsoft.Web/sites@2022-03-01' = [for (x, i) in range(0, 2): if (i > 0) {
  parent: p
  name: 'site-${x}'
  properties: {
    name: 'inner'
  }
}]

resource p 'Microsoft.Web/serverfarms@2022-03-01' existing = {
  name: 'plan'
}

module m 'm.bicep' = {
  name: 'm'
}

@secure()
output o object = {}
";

    #[test]
    fn reads_every_kind_of_declaration() {
        let file = read(SAMPLE).unwrap();
        assert_eq!(file.metadata, ["description"]);
        assert_eq!(file.params.len(), 2);
        assert_eq!(file.params[0].name, "key");
        assert_eq!(file.params[0].ty, "secureString");
        assert_eq!(file.params[0].decorators, ["description", "secure"]);
        assert_eq!(file.params[1].ty, "object");
        assert!(file.params[1].default.as_deref().unwrap().starts_with('{'));
        assert_eq!(file.vars, ["v"]);
        let r = &file.deployables[0];
        assert_eq!(r.target, "Microsoft.Web/sites@2022-03-01");
        assert!(r.looped && r.conditional && !r.existing && !r.module);
        assert_eq!(r.name.as_deref(), Some("'site-${x}'"));
        assert_eq!(r.parent.as_deref(), Some("p"));
        assert_eq!(r.decorators, ["batchSize"]);
        let p = &file.deployables[1];
        assert!(p.existing && !p.looped && !p.conditional);
        assert!(file.deployables[2].module);
        assert_eq!(file.outputs[0].ty, "secureObject");
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        assert!(read("param x string\nresource r = {\n").is_err());
        assert!(read("var v = 'unterminated\n").is_err());
        assert!(read("var v = [\n  1\n").is_err());
        assert!(read("frobnicate x\n").is_err());
        assert!(read("@description('x')\n").is_err());
        assert!(read("resource r 'T/t@2020-01-01' {\n}\n").is_err());
    }

    #[test]
    fn strings_split_into_text_and_holes() {
        assert_eq!(
            string_parts("'a${b}\\'c'"),
            Some(vec![
                StrPart::Text("a".into()),
                StrPart::Hole("b".into()),
                StrPart::Text("'c".into())
            ])
        );
        assert_eq!(
            string_parts("name"),
            Some(vec![StrPart::Hole("name".into())])
        );
        assert_eq!(string_parts("f(x)"), None);
        assert_eq!(
            string_parts("'${resourceId('T', n)}/x'"),
            Some(vec![
                StrPart::Hole("resourceId('T', n)".into()),
                StrPart::Text("/x".into())
            ])
        );
    }
}
