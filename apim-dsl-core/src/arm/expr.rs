//! ARM template expressions (`"[concat('a', parameters('b'))]"`) read into the
//! compiler's expression model, [`crate::ir::Expr`].
//!
//! The grammar is ARM's (Microsoft Learn, "Syntax and expressions in ARM
//! templates"):
//!
//! - a JSON string is an expression when its first character is `[` and its last
//!   `]`; `[[` at the start escapes the bracket (the rest is literal text);
//! - an expression is a string literal (`'text'`, `''` for a quote), an integer, or
//!   a function call `name(args)` / `namespace.name(args)`, followed by any number
//!   of `.property` and `[index]` accesses;
//! - a property name after `.` is read as a name of letters and digits of any
//!   script, `_` and `$`, not starting with a digit (Microsoft documents no
//!   grammar for it; see `Parser::property_name`);
//! - white space between tokens is ignored.
//!
//! The reading is faithful: `parameters('x')`, `variables('x')` and
//! `lambdaVariables('x')` with a literal name become [`ExprKind::Param`],
//! [`ExprKind::Var`] and [`ExprKind::LambdaVar`], `lambda('x', body)` becomes
//! [`ExprKind::Lambda`], and every other call stays the call it was (`true()` is
//! the call `true`, `equals(a, b)` is not turned into `==`), so that
//! [`crate::emit::arm_expr::ExprWriter::render`] writes back the same expression,
//! white space aside.

use crate::functions::{self, USER_FUNCTION};
use crate::ir::{Call, Expr, ExprKind};
use proc_macro2::Span;
use std::fmt;

/// Why an expression did not parse, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the text given to the parser (for a JSON string: in the
    /// string's value, brackets included).
    pub offset: usize,
    /// What is wrong, as a sentence fragment ("expected `)`").
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset + 1)
    }
}

impl std::error::Error for ParseError {}

/// The user-defined functions calls may name, as `(namespace, name)` pairs in
/// the order of [`crate::ir::Template::functions`]; names compare ignoring case.
pub type UserFunctions<'a> = &'a [(String, String)];

/// `name` folded for comparing names as ARM does, ordinal ignoring case
/// (.NET's `OrdinalIgnoreCase`: each character by its simple upper-case
/// mapping), written in lower case where that loses nothing: two names are
/// the same name to ARM exactly when their keys are equal.
pub fn name_key(name: &str) -> String {
    fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    }
    name.chars()
        .map(|c| {
            let upper = single(c.to_uppercase()).unwrap_or(c);
            match single(upper.to_lowercase()) {
                Some(lower) if single(lower.to_uppercase()) == Some(upper) => lower,
                _ => upper,
            }
        })
        .collect()
}

/// Whether ARM reads `a` and `b` as the same name (parameters, variables,
/// functions, copy loops): ordinal, ignoring case.
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || name_key(a) == name_key(b)
}

/// What a JSON string value of a template holds.
#[derive(Debug, Clone)]
pub enum StringValue {
    /// Literal text (after removing the escaping `[` of `"[[...]"`).
    Literal(String),
    /// An expression.
    Expr(Expr),
}

/// Reads a JSON string value of a template: literal text or an expression.
///
/// # Errors
/// A [`ParseError`] for a `"[...]"` string whose expression does not parse; its
/// offset counts from the opening `[`.
pub fn parse_string_value(
    text: &str,
    user_functions: UserFunctions<'_>,
) -> Result<StringValue, ParseError> {
    if !is_expression(text) {
        return Ok(StringValue::Literal(text.to_string()));
    }
    if let Some(rest) = text.strip_prefix("[[") {
        return Ok(StringValue::Literal(format!("[{rest}")));
    }
    let inner = &text[1..text.len() - 1];
    parse_expression(inner, user_functions)
        .map(StringValue::Expr)
        .map_err(|e| ParseError {
            offset: e.offset + 1,
            ..e
        })
}

/// Whether ARM reads this JSON string as an expression (or as a `[[` escape):
/// it starts with `[` and ends with `]`.
pub fn is_expression(text: &str) -> bool {
    text.len() >= 2 && text.starts_with('[') && text.ends_with(']')
}

/// Parses the text between an expression's brackets.
///
/// # Errors
/// The first [`ParseError`]: an unexpected character or end, an unterminated
/// string, an unknown function, a wrong `lambda(...)`, or text after the end.
pub fn parse_expression(text: &str, user_functions: UserFunctions<'_>) -> Result<Expr, ParseError> {
    let mut parser = Parser {
        text,
        pos: 0,
        user_functions,
        depth: 0,
    };
    let expr = parser.expr()?;
    parser.skip_ws();
    if parser.pos < text.len() {
        return Err(parser.error("unexpected text after the end of the expression"));
    }
    Ok(expr)
}

/// How deep expressions may nest before the parser gives up (a guard against
/// stack exhaustion on hostile input; real templates stay far below).
const MAX_DEPTH: usize = 200;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    user_functions: UserFunctions<'a>,
    depth: usize,
}

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::call_site())
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            offset: self.pos,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, want: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(want) {
            self.pos += want.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, want: char) -> Result<(), ParseError> {
        if self.eat(want) {
            Ok(())
        } else {
            Err(self.error(match self.peek() {
                Some(c) => format!("expected `{want}`, found `{c}`"),
                None => format!("expected `{want}`, found the end of the expression"),
            }))
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("expressions nest more than {MAX_DEPTH} deep")));
        }
        let mut expr = self.primary()?;
        let depth = self.depth;
        loop {
            self.skip_ws();
            // Each access nests the expression one level deeper.
            if matches!(self.peek(), Some('.' | '[')) {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.error(format!("expressions nest more than {MAX_DEPTH} deep")));
                }
            }
            match self.peek() {
                Some('.') => {
                    self.pos += 1;
                    self.skip_ws();
                    let Some(name) = self.property_name() else {
                        return Err(self.error("expected a property name after `.`"));
                    };
                    expr = node(ExprKind::Member(Box::new(expr), name));
                }
                Some('[') => {
                    self.pos += 1;
                    let index = self.expr()?;
                    self.expect(']')?;
                    expr = node(ExprKind::Index(Box::new(expr), Box::new(index)));
                }
                _ => break,
            }
        }
        self.depth = depth - 1;
        Ok(expr)
    }

    fn identifier(&mut self) -> Option<String> {
        let rest = &self.text[self.pos..];
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '_' || first == '$') {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(rest.len());
        self.pos += len;
        Some(rest[..len].to_string())
    }

    /// A property name after `.`: letters and digits of any script (Rust's
    /// `char::is_alphanumeric`, Unicode's Alphabetic and Numeric), `_` and
    /// `$`, not starting with a digit: `.größe`, `.名前`.
    ///
    /// Microsoft documents no grammar for it (templates/template-expressions
    /// shows only `.location`), and its own tools disagree:
    /// Azure/PSRule.Rules.Azure (`ExpressionStream.CaptureProperty`) reads
    /// everything up to `(`, `)`, `[`, `]`, `,`, `'` or a space as the name,
    /// and Azure/arm-ttk's expression pattern everything but `.`, `[`, `]`
    /// and white space, while microsoft/vscode-azurearmtools' tokenizer
    /// (`TLE.ts`) ends a name at a letter beyond ASCII. So a name of letters
    /// and digits in any script is read, rather than reported as an error
    /// the deployment may not give; what ARM makes of one beyond ASCII is
    /// left to the deployment by the evaluator (`eval`'s member access).
    /// Other characters (`-`, `:`) still end the name, as before.
    fn property_name(&mut self) -> Option<String> {
        let rest = &self.text[self.pos..];
        let first = rest.chars().next()?;
        if !(first.is_alphabetic() || first == '_' || first == '$') {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(rest.len());
        self.pos += len;
        Some(rest[..len].to_string())
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        self.skip_ws();
        match self.peek() {
            Some('\'') => self.string().map(|s| node(ExprKind::Str(s))),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => self.number(),
            Some(_) => self.call(),
            None => Err(self.error("expected an expression, found the end")),
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(quote) = rest.find('\'') else {
                self.pos = start;
                return Err(self.error("this string is not closed (`'` missing)"));
            };
            text.push_str(&rest[..quote]);
            self.pos += quote + 1;
            if self.text[self.pos..].starts_with('\'') {
                text.push('\'');
                self.pos += 1;
            } else {
                return Ok(text);
            }
        }
    }

    fn number(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        if matches!(self.peek(), Some('-' | '+')) {
            self.pos += 1;
        }
        let digits = self.text[self.pos..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.text.len() - self.pos);
        if digits == 0 {
            return Err(self.error("expected digits"));
        }
        self.pos += digits;
        if self.peek() == Some('.')
            && self.text[self.pos + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Err(self.error("ARM expressions have no decimal numbers (write `json('1.5')`)"));
        }
        let literal = &self.text[start..self.pos];
        literal
            .parse::<i64>()
            .map(|n| node(ExprKind::Int(n)))
            .map_err(|_| ParseError {
                offset: start,
                message: format!("`{literal}` does not fit in a 64-bit integer"),
            })
    }

    fn call(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        let Some(first) = self.identifier() else {
            let found = self.peek().unwrap_or(' ');
            return Err(self.error(format!(
                "expected a function call, a string or a number, found `{found}`"
            )));
        };
        // `namespace.name(` is a user-defined function; `name(...).x` a member.
        let mut namespace = None;
        let mut name = first;
        let save = self.pos;
        if self.peek() == Some('.') {
            self.pos += 1;
            match self.identifier() {
                Some(second) if self.peek_after_ws() == Some('(') => {
                    namespace = Some(name);
                    name = second;
                }
                _ => self.pos = save,
            }
        }
        if !self.eat('(') {
            return Err(ParseError {
                offset: start,
                message: format!(
                    "`{name}` is not a value: ARM expressions call functions \
                     (`{name}()`), or quote text (`'{name}'`)"
                ),
            });
        }
        let args = self.args()?;
        match namespace {
            Some(namespace) => self.user_call(start, namespace, name, args),
            None => self.builtin_call(start, name, args),
        }
    }

    fn peek_after_ws(&self) -> Option<char> {
        self.text[self.pos..].trim_start().chars().next()
    }

    fn args(&mut self) -> Result<Vec<Expr>, ParseError> {
        let mut args = Vec::new();
        if self.eat(')') {
            return Ok(args);
        }
        loop {
            args.push(self.expr()?);
            if self.eat(')') {
                return Ok(args);
            }
            if !self.eat(',') {
                return Err(self.error(match self.peek() {
                    Some(c) => format!("expected `,` or `)` after an argument, found `{c}`"),
                    None => "expected `,` or `)` after an argument, found the end".to_string(),
                }));
            }
        }
    }

    fn user_call(
        &self,
        start: usize,
        namespace: String,
        name: String,
        args: Vec<Expr>,
    ) -> Result<Expr, ParseError> {
        let index = self
            .user_functions
            .iter()
            .position(|(ns, n)| same_name(ns, &namespace) && same_name(n, &name));
        match index {
            Some(i) => Ok(node(ExprKind::Call(Box::new(Call {
                function: &USER_FUNCTION,
                name: self.user_functions[i].1.clone(),
                args,
                user: Some(i),
            })))),
            None => Err(ParseError {
                offset: start,
                message: format!(
                    "`{namespace}.{name}` is not a user-defined function of this template"
                ),
            }),
        }
    }

    fn builtin_call(
        &self,
        start: usize,
        name: String,
        args: Vec<Expr>,
    ) -> Result<Expr, ParseError> {
        let literal_name = |args: &[Expr]| match args {
            [
                Expr {
                    kind: ExprKind::Str(s),
                    ..
                },
            ] => Some(s.clone()),
            _ => None,
        };
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "parameters" | "variables" | "lambdavariables" => {
                if let Some(text) = literal_name(&args) {
                    return Ok(node(match lower.as_str() {
                        "parameters" => ExprKind::Param(text),
                        "variables" => ExprKind::Var(text),
                        _ => ExprKind::LambdaVar(text),
                    }));
                }
            }
            "lambda" => return lambda(start, args),
            _ => {}
        }
        let Some(found) = functions::lookup(&name) else {
            return Err(ParseError {
                offset: start,
                message: format!("`{name}` is not an ARM template function"),
            });
        };
        if !found.function.arity.accepts(args.len()) {
            return Err(ParseError {
                offset: start,
                message: format!(
                    "`{}` takes {}, not {}",
                    found.spelling,
                    found.function.arity.describe(),
                    args.len()
                ),
            });
        }
        Ok(node(ExprKind::Call(Box::new(Call {
            function: found.function,
            name: found.spelling.to_string(),
            args,
            user: None,
        }))))
    }
}

/// `lambda('a', 'b', body)`: parameter names as string literals, the body last.
fn lambda(start: usize, mut args: Vec<Expr>) -> Result<Expr, ParseError> {
    let error = |message: &str| ParseError {
        offset: start,
        message: message.to_string(),
    };
    let Some(body) = args.pop() else {
        return Err(error(
            "`lambda` takes its parameter names and then its body",
        ));
    };
    let mut params = Vec::with_capacity(args.len());
    for arg in args {
        match arg.kind {
            ExprKind::Str(name) => params.push(name),
            _ => return Err(error("`lambda`'s parameter names must be string literals")),
        }
    }
    if params.is_empty() {
        return Err(error(
            "`lambda` needs at least one parameter name before its body",
        ));
    }
    Ok(node(ExprKind::Lambda(params, Box::new(body))))
}

#[cfg(test)]
#[path = "expr_tests.rs"]
mod tests;
