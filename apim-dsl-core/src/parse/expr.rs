//! Expressions: precedence climbing over Rust tokens, with a depth limit so that
//! no input can make this or a later stage recurse too deep.

use super::parse_for_head;
use crate::ast::{BinOp, Expr, Key, Object, Prop, UnOp};
use crate::codes;
use proc_macro2::Span;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::parse::discouraged::Speculative;
use syn::punctuated::Punctuated;
use syn::{Error, Ident, LitStr, Result, Token, token};

/// How deep an expression may nest (counting each operator of a chain and each
/// `.member` or `[index]` as a level), so that no later stage recurses deeper.
pub const MAX_DEPTH: usize = 100;

thread_local! {
    /// The depth of the expression being parsed, on this thread.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

thread_local! {
    /// Whether the expression being parsed is inside `#[metadata(...)]`, whose
    /// values are literals: the advice for a float differs there.
    static IN_METADATA: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Parses the arguments of `#[metadata(...)]` with `parse`: inside, a float's
/// advice is a string, as `json("1.5")` is not a literal.
pub fn in_metadata<T>(parse: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            IN_METADATA.set(self.0);
        }
    }
    let _restore = Restore(IN_METADATA.replace(true));
    parse()
}

/// The error for a float literal (after `sign`, `-` or nothing), at the
/// literal: inside `#[metadata]`, whose values are literals, the advice is the
/// number as a string, as `json("1.5")` is an expression.
fn float_error(lit: &syn::LitFloat, sign: &str) -> syn::Error {
    let message = if IN_METADATA.get() {
        format!(
            "ARM templates have no floating-point numbers: in `#[metadata]`, write it as a string, `\"{sign}{}\"`",
            lit.base10_digits()
        )
    } else {
        "ARM templates have no floating-point numbers: use an int, a string, or `json(\"1.5\")`"
            .to_string()
    };
    codes::INVALID_LITERAL.error(lit.span(), message)
}

/// Levels taken from [`DEPTH`], given back when dropped (also on errors).
struct Depth(usize);

impl Depth {
    fn enter(input: ParseStream) -> Result<Depth> {
        let mut depth = Depth(0);
        depth.deeper(input)?;
        Ok(depth)
    }

    fn deeper(&mut self, input: ParseStream) -> Result<()> {
        let now = DEPTH.get() + 1;
        if now > MAX_DEPTH {
            return Err(input.error(codes::NESTED_TOO_DEEPLY.message(format!(
                "expression nested too deeply (more than {MAX_DEPTH} levels): split it into variables"
            ))));
        }
        DEPTH.set(now);
        self.0 += 1;
        Ok(())
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        DEPTH.set(DEPTH.get().saturating_sub(self.0));
    }
}

/// Parses one expression (the `expr` rule of the grammar).
pub fn parse_expr(input: ParseStream) -> Result<Expr> {
    let _depth = Depth::enter(input)?;
    let cond = parse_binary(input, 0)?;
    if input.peek(Token![?]) && !input.peek2(Token![?]) {
        let span = input.parse::<Token![?]>()?.span;
        let then = parse_expr(input)?;
        input.parse::<Token![:]>()?;
        let otherwise = parse_expr(input)?;
        return Ok(Expr::Ternary(
            Box::new(cond),
            Box::new(then),
            Box::new(otherwise),
            span,
        ));
    }
    Ok(cond)
}

/// Binary operators by precedence level, lowest first.
const LEVELS: [&[BinOp]; 7] = [
    &[BinOp::Coalesce],
    &[BinOp::Or],
    &[BinOp::And],
    &[BinOp::Eq, BinOp::Ne],
    &[BinOp::Le, BinOp::Ge, BinOp::Lt, BinOp::Gt],
    &[BinOp::Add, BinOp::Sub],
    &[BinOp::Mul, BinOp::Div, BinOp::Mod],
];

fn parse_binary(input: ParseStream, level: usize) -> Result<Expr> {
    let Some(ops) = LEVELS.get(level) else {
        return parse_unary(input);
    };
    let mut lhs = parse_binary(input, level + 1)?;
    let mut depth = Depth(0);
    while let Some(op) = ops
        .iter()
        .copied()
        .find(|op| at_operator(input) && peek_op(input, *op))
    {
        depth.deeper(input)?;
        let span = eat_op(input, op)?;
        let rhs = parse_binary(input, level + 1)?;
        lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs), span);
    }
    Ok(lhs)
}

/// Whether the next token can start a binary operator: a cheap look before the
/// peeks of each operator at each of the seven levels, which mostly fail.
fn at_operator(input: ParseStream) -> bool {
    input.cursor().punct().is_some_and(|(punct, _)| {
        matches!(
            punct.as_char(),
            '?' | '|' | '&' | '=' | '!' | '<' | '>' | '+' | '-' | '*' | '/' | '%'
        )
    })
}

fn peek_op(input: ParseStream, op: BinOp) -> bool {
    match op {
        BinOp::Coalesce => input.peek(Token![?]) && input.peek2(Token![?]),
        BinOp::Or => input.peek(Token![||]),
        BinOp::And => input.peek(Token![&&]),
        BinOp::Eq => input.peek(Token![==]),
        BinOp::Ne => input.peek(Token![!=]),
        BinOp::Le => input.peek(Token![<=]),
        BinOp::Ge => input.peek(Token![>=]),
        BinOp::Lt => input.peek(Token![<]) && !input.peek(Token![<=]),
        BinOp::Gt => input.peek(Token![>]) && !input.peek(Token![>=]),
        BinOp::Add => input.peek(Token![+]),
        BinOp::Sub => input.peek(Token![-]),
        BinOp::Mul => input.peek(Token![*]),
        BinOp::Div => input.peek(Token![/]),
        BinOp::Mod => input.peek(Token![%]),
    }
}

fn eat_op(input: ParseStream, op: BinOp) -> Result<Span> {
    Ok(match op {
        BinOp::Coalesce => {
            let first = input.parse::<Token![?]>()?.span;
            input.parse::<Token![?]>()?;
            first
        }
        BinOp::Or => input.parse::<Token![||]>()?.spans[0],
        BinOp::And => input.parse::<Token![&&]>()?.spans[0],
        BinOp::Eq => input.parse::<Token![==]>()?.spans[0],
        BinOp::Ne => input.parse::<Token![!=]>()?.spans[0],
        BinOp::Le => input.parse::<Token![<=]>()?.spans[0],
        BinOp::Ge => input.parse::<Token![>=]>()?.spans[0],
        BinOp::Lt => input.parse::<Token![<]>()?.span,
        BinOp::Gt => input.parse::<Token![>]>()?.span,
        BinOp::Add => input.parse::<Token![+]>()?.span,
        BinOp::Sub => input.parse::<Token![-]>()?.span,
        BinOp::Mul => input.parse::<Token![*]>()?.span,
        BinOp::Div => input.parse::<Token![/]>()?.span,
        BinOp::Mod => input.parse::<Token![%]>()?.span,
    })
}

fn parse_unary(input: ParseStream) -> Result<Expr> {
    let _depth = Depth::enter(input)?;
    if input.peek(Token![!]) {
        let span = input.parse::<Token![!]>()?.span;
        let operand = parse_unary(input)?;
        return Ok(Expr::Unary(UnOp::Not, Box::new(operand), span));
    }
    if input.peek(Token![-]) {
        let span = input.parse::<Token![-]>()?.span;
        if at_literal(input) && input.peek(syn::LitInt) {
            // `-9223372036854775808` only fits after the negation.
            let lit: syn::LitInt = input.parse()?;
            let value = parse_int(&lit)?;
            let negated = i64::try_from(-value).map_err(|_| {
                codes::INVALID_LITERAL.error(
                    lit.span(),
                    "integer literal out of range for a 64-bit ARM int",
                )
            })?;
            return parse_postfix(input, Expr::Int(negated, span));
        }
        if IN_METADATA.get() && at_literal(input) && input.peek(syn::LitFloat) {
            // The advice is the whole number as a string, its sign included.
            let lit: syn::LitFloat = input.parse()?;
            return Err(float_error(&lit, "-"));
        }
        let operand = parse_unary(input)?;
        return Ok(Expr::Unary(UnOp::Neg, Box::new(operand), span));
    }
    let primary = parse_primary(input)?;
    parse_postfix(input, primary)
}

fn parse_postfix(input: ParseStream, mut expr: Expr) -> Result<Expr> {
    let mut depth = Depth(0);
    loop {
        if input.peek(Token![.]) || input.peek(token::Bracket) {
            depth.deeper(input)?;
        }
        if input.peek(Token![.]) {
            input.parse::<Token![.]>()?;
            if !input.peek(Ident::peek_any) {
                return Err(input.error("expected a property name after `.`"));
            }
            let name = input.call(Ident::parse_any)?;
            // `contoso.buildUrl(...)`: a user-defined function by its namespace.
            if let (Expr::Ident(namespace), true) = (&expr, input.peek(token::Paren)) {
                let content;
                syn::parenthesized!(content in input);
                let args =
                    Punctuated::<Expr, Token![,]>::parse_terminated_with(&content, parse_expr)?;
                expr = Expr::NsCall(
                    Box::new((namespace.clone(), name)),
                    args.into_iter().collect(),
                );
                continue;
            }
            expr = Expr::Member(Box::new(expr), name);
        } else if input.peek(token::Bracket) {
            let content;
            let bracket = syn::bracketed!(content in input);
            let index = parse_expr(&content)?;
            if !content.is_empty() {
                return Err(content.error("expected `]`: an index is one expression"));
            }
            expr = Expr::Index(Box::new(expr), Box::new(index), bracket.span.join());
        } else {
            return Ok(expr);
        }
    }
}

fn parse_int(lit: &syn::LitInt) -> Result<i128> {
    if !lit.suffix().is_empty() {
        return Err(codes::INVALID_LITERAL.error(
            lit.span(),
            format!(
                "unexpected suffix `{}`: ARM integers are written without a type suffix",
                lit.suffix()
            ),
        ));
    }
    lit.base10_parse::<i128>().map_err(|_| {
        codes::INVALID_LITERAL.error(
            lit.span(),
            "integer literal out of range for a 64-bit ARM int",
        )
    })
}

const EXPECTED_EXPRESSION: &str = "expected an expression: a string, an integer, `true`, `false`, `null`, `[array]`, `{ object }`, a name or a function call";

/// Whether the next token is a literal. syn's peeks of a literal kind (`LitStr`,
/// `LitInt`, ...) parse one on a fork and build an error when the token is not
/// one, which made them the costliest part of parsing: they are asked only after
/// this cheap look.
fn at_literal(input: ParseStream) -> bool {
    input.cursor().literal().is_some()
}

/// Whether the next token is `true` or `false` (`input.peek(LitBool)`, cheaply).
fn at_bool(input: ParseStream) -> bool {
    input
        .cursor()
        .ident()
        .is_some_and(|(ident, _)| ident == "true" || ident == "false")
}

/// The literal at the cursor, parsed once (syn's peek of a literal kind parses
/// it, and the parse that follows would parse it again), or `None` when the next
/// token is not a literal; the input moves past it only when it is one.
fn literal(input: ParseStream) -> Option<syn::Lit> {
    if !at_literal(input) {
        return None;
    }
    let fork = input.fork();
    let lit = fork.parse::<syn::Lit>().ok()?;
    input.advance_to(&fork);
    Some(lit)
}

/// The string literal at the cursor, parsed once, or `None` (the input then has
/// not moved).
fn string_literal(input: ParseStream) -> Option<LitStr> {
    if !at_literal(input) {
        return None;
    }
    let fork = input.fork();
    match fork.parse::<syn::Lit>() {
        Ok(syn::Lit::Str(lit)) => {
            input.advance_to(&fork);
            Some(lit)
        }
        _ => None,
    }
}

fn parse_primary(input: ParseStream) -> Result<Expr> {
    let lit = literal(input);
    if let Some(syn::Lit::Str(lit)) = lit {
        Ok(Expr::Str(lit))
    } else if let Some(syn::Lit::Int(lit)) = lit {
        let value = i64::try_from(parse_int(&lit)?).map_err(|_| {
            codes::INVALID_LITERAL.error(
                lit.span(),
                "integer literal out of range for a 64-bit ARM int",
            )
        })?;
        Ok(Expr::Int(value, lit.span()))
    } else if let Some(syn::Lit::Float(lit)) = lit {
        Err(float_error(&lit, ""))
    } else if let Some(syn::Lit::Char(lit)) = lit {
        Err(codes::BICEP_SYNTAX.error(
            lit.span(),
            format!(
                "strings are double-quoted: \"{}\" (Bicep's single quotes are Rust's character literals)",
                lit.value().escape_default()
            ),
        ))
    } else if let Some(other) = lit {
        // Bicep's `'text'` (rustc has already said a character literal holds
        // one character; this says the DSL's way), a byte string, ...
        let text = other.to_token_stream().to_string();
        match text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
            Some(inner) => Err(codes::BICEP_SYNTAX.error(
                other.span(),
                format!(
                    "strings are double-quoted: \"{}\" (Bicep's single quotes are Rust's character literals)",
                    inner.replace("\\'", "'")
                ),
            )),
            None => Err(Error::new(other.span(), EXPECTED_EXPRESSION)),
        }
    } else if at_bool(input) {
        let lit: syn::LitBool = input.parse()?;
        Ok(Expr::Bool(lit.value, lit.span))
    } else if input.peek(token::Bracket) {
        parse_array(input)
    } else if input.peek(token::Brace) {
        Ok(Expr::Object(parse_object(input)?))
    } else if input.peek(token::Paren) {
        parse_paren_or_lambda(input)
    } else if input.peek(Ident::peek_any) && !input.peek(Ident) && input.peek2(token::Paren) {
        // ARM functions whose names are Rust keywords (`if(cond, a, b)`,
        // `mod(a, b)`), called by name as in a template.
        let ident = input.call(Ident::parse_any)?;
        let content;
        syn::parenthesized!(content in input);
        let args = Punctuated::<Expr, Token![,]>::parse_terminated_with(&content, parse_expr)?;
        Ok(Expr::Call(ident, args.into_iter().collect()))
    } else if input.peek(Ident) {
        let ident: Ident = input.parse()?;
        if input.peek(Token![=>]) {
            let span = input.parse::<Token![=>]>()?.spans[0];
            let body = parse_expr(input)?;
            return Ok(Expr::Lambda(vec![ident], Box::new(body), span));
        }
        if input.peek(token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            let args = Punctuated::<Expr, Token![,]>::parse_terminated_with(&content, parse_expr)?;
            return Ok(Expr::Call(ident, args.into_iter().collect()));
        }
        if ident == "null" {
            return Ok(Expr::Null(ident.span()));
        }
        Ok(Expr::Ident(ident))
    } else {
        Err(input.error(EXPECTED_EXPRESSION))
    }
}

fn parse_paren_or_lambda(input: ParseStream) -> Result<Expr> {
    let fork = input.fork();
    let content;
    syn::parenthesized!(content in fork);
    if fork.peek(Token![=>]) {
        let params = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
        input.advance_to(&fork);
        let span = input.parse::<Token![=>]>()?.spans[0];
        let body = parse_expr(input)?;
        return Ok(Expr::Lambda(
            params.into_iter().collect(),
            Box::new(body),
            span,
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    let inner = parse_expr(&content)?;
    if !content.is_empty() {
        return Err(content.error("expected `)`"));
    }
    Ok(inner)
}

fn parse_array(input: ParseStream) -> Result<Expr> {
    let content;
    let bracket = syn::bracketed!(content in input);
    if content.peek(Token![for]) {
        let head = parse_for_head(&content)?;
        content.parse::<Token![:]>()?;
        let body = parse_expr(&content)?;
        if !content.is_empty() {
            return Err(content.error("expected `]` after the loop body"));
        }
        return Ok(Expr::For(Box::new(head), Box::new(body)));
    }
    if super::at_nested(&content) {
        let list = super::parse_nested(&content)?;
        return Ok(Expr::Resources(list, bracket.span.join()));
    }
    let items = Punctuated::<Expr, Token![,]>::parse_terminated_with(&content, parse_expr)?;
    Ok(Expr::Array(
        items.into_iter().collect(),
        bracket.span.join(),
    ))
}

/// `{ key: value, ... }`
pub fn parse_object(input: ParseStream) -> Result<Object> {
    let content;
    let brace = syn::braced!(content in input);
    let mut props = Vec::new();
    while !content.is_empty() {
        let key = if let Some(lit) = string_literal(&content) {
            Key::Str(lit)
        } else if content.peek(token::Bracket) {
            let inner;
            let bracket = syn::bracketed!(inner in content);
            let expr = parse_expr(&inner)?;
            if !inner.is_empty() {
                return Err(inner.error("expected `]`: a computed key is one expression"));
            }
            Key::Computed(Box::new(expr), bracket.span.join())
        } else if content.peek(Ident::peek_any) {
            Key::Ident(content.call(Ident::parse_any)?)
        } else {
            return Err(content.error("expected a property name, a string key or `[computed key]`"));
        };
        if content.peek(Token![.]) {
            return Err(content.error(codes::BICEP_SYNTAX.message(
                "a key is one name: nest objects (`a: { b: ... }`), or quote a key that holds a dot (`\"a.b\": ...`)",
            )));
        }
        content.parse::<Token![:]>()?;
        let value = parse_expr(&content)?;
        props.push(Prop { key, value });
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(Object {
        span: brace.span.join(),
        props,
    })
}
