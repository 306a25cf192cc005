//! Tokens to [`crate::ast::Template`]: the DSL's grammar, with recovery at each
//! declaration so that one build reports every syntax error.
//!
//! ```text
//! template   := attrs vis "const" IDENT ";" item*
//! attrs      := ( "///" doc | "#[" IDENT ( "(" expr,* ")" )? "]" )*
//! item       := attrs ( param | var | resource | module | output | grant )
//! param      := "param" IDENT ":" TYPE ( "=" expr )? ";"
//! var        := "var" IDENT "=" expr ";"
//! resource   := "resource" IDENT STRING "existing"? for_head? ( "if" expr )? object ";"?
//! module     := "module" IDENT "=" PATH for_head? ( "if" expr )? object ";"?
//! output     := "output" IDENT ":" TYPE "=" expr ";"
//! grant      := "grant" IDENT object ";"?
//! for_head   := "for" ( IDENT | "(" IDENT "," IDENT ")" ) "in" expr
//! TYPE       := string | int | bool | object | array | secureString | secureObject
//!
//! expr       := coalesce ( "?" expr ":" expr )?
//! coalesce   := or ( "??" or )*
//! or         := and ( "||" and )*
//! and        := equality ( "&&" equality )*
//! equality   := relation ( ( "==" | "!=" ) relation )*
//! relation   := additive ( ( "<" | "<=" | ">" | ">=" ) additive )*
//! additive   := multiply ( ( "+" | "-" ) multiply )*
//! multiply   := unary ( ( "*" | "/" | "%" ) unary )*
//! unary      := ( "!" | "-" ) unary | postfix
//! postfix    := primary ( "." NAME | "[" expr "]" )*
//! primary    := STRING | INT | "true" | "false" | "null"
//!             | IDENT "(" expr,* ")"                  ARM function call
//!             | IDENT                                 parameter, variable, resource, ...
//!             | "[" expr,* "]" | "[" for_head ":" expr "]"
//!             | "{" ( key ":" expr ),* "}"
//!             | "(" expr ")" | lambda
//! key        := NAME | STRING | "[" expr "]"
//! lambda     := IDENT "=>" expr | "(" IDENT,* ")" "=>" expr
//! ```
//!
//! `NAME` is any identifier, keywords included (`type`, `in`), so that ARM property
//! names can be written as they are.

use crate::ast::{
    Attr, Attrs, BinOp, Expr, ForHead, Header, Item, Key, Module, Object, Output, Param, Prop,
    Resource, Template, UnOp, Var,
};
use proc_macro2::{Delimiter, Span, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Error, Ident, LitStr, Path, Result, Token, Visibility, token};

/// The DSL's keywords.
mod kw {
    syn::custom_keyword!(param);
    syn::custom_keyword!(var);
    syn::custom_keyword!(resource);
    syn::custom_keyword!(module);
    syn::custom_keyword!(output);
    syn::custom_keyword!(existing);
    syn::custom_keyword!(grant);
}

/// Names that start a declaration; error recovery stops in front of them.
const ITEM_KEYWORDS: [&str; 6] = ["param", "var", "resource", "module", "output", "grant"];

/// The result of parsing: the header (when it parsed) and every declaration that
/// parsed, with the syntax errors of the others.
pub struct Parsed {
    /// The tree, or `None` when even the header did not parse.
    pub template: Option<Template>,
    /// Syntax errors, in source order.
    pub errors: Vec<Error>,
}

/// Parses a whole invocation, recovering after each broken declaration.
pub fn parse_template(tokens: proc_macro2::TokenStream) -> Parsed {
    let mut errors = Vec::new();
    let parser = |input: ParseStream| -> Result<Template> {
        let header = parse_header(input)?;
        let items = parse_items(input, &mut errors);
        Ok(Template { header, items })
    };
    match parser.parse2(tokens) {
        Ok(template) => Parsed {
            template: Some(template),
            errors,
        },
        Err(error) => {
            errors.push(error);
            Parsed {
                template: None,
                errors,
            }
        }
    }
}

/// The text of an identifier without its `r#` prefix.
pub fn ident_name(ident: &Ident) -> String {
    ident.unraw().to_string()
}

fn parse_header(input: ParseStream) -> Result<Header> {
    let attrs = parse_attrs(input)?;
    let vis: Visibility = input.parse()?;
    if !input.peek(Token![const]) {
        return Err(input.error(
            "expected `const NAME;` first: the name of the generated constant, e.g. `pub const APIM_TEMPLATE;`",
        ));
    }
    input.parse::<Token![const]>()?;
    let name: Ident = input.parse()?;
    input.parse::<Token![;]>()?;
    Ok(Header {
        attrs,
        vis: quote::ToTokens::into_token_stream(vis),
        name,
    })
}

fn parse_items(input: ParseStream, errors: &mut Vec<Error>) -> Vec<Item> {
    let mut items = Vec::new();
    while !input.is_empty() {
        if input.peek(Token![;]) {
            // A `;` after a resource body, or what is left after recovery.
            let _ = input.parse::<Token![;]>();
            continue;
        }
        let fork = input.fork();
        match parse_item(&fork) {
            Ok(item) => {
                input.advance_to(&fork);
                items.push(item);
            }
            Err(error) => {
                errors.push(error);
                skip_item(input);
            }
        }
    }
    items
}

/// Skips a broken declaration: up to and including its `;` or body braces, or up to
/// the next declaration keyword or attribute.
fn skip_item(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        let mut first = true;
        while let Some((tree, next)) = rest.token_tree() {
            match &tree {
                TokenTree::Punct(p) if p.as_char() == ';' => return Ok(((), next)),
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    return Ok(((), next));
                }
                TokenTree::Punct(p) if p.as_char() == '#' && !first => return Ok(((), rest)),
                TokenTree::Ident(i)
                    if !first && ITEM_KEYWORDS.contains(&i.to_string().as_str()) =>
                {
                    return Ok(((), rest));
                }
                _ => {}
            }
            first = false;
            rest = next;
        }
        Ok(((), rest))
    });
}

fn parse_item(input: ParseStream) -> Result<Item> {
    let attrs = parse_attrs(input)?;
    let lookahead = input.lookahead1();
    if lookahead.peek(kw::param) {
        let kw = input.parse::<kw::param>()?.span;
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty = parse_type_name(input)?;
        let default = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(parse_expr(input)?)
        } else {
            None
        };
        input.parse::<Token![;]>()?;
        Ok(Item::Param(Param {
            attrs,
            kw,
            name,
            ty,
            default,
        }))
    } else if lookahead.peek(kw::var) {
        input.parse::<kw::var>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let value = parse_expr(input)?;
        input.parse::<Token![;]>()?;
        Ok(Item::Var(Var { attrs, name, value }))
    } else if lookahead.peek(kw::resource) {
        input.parse::<kw::resource>()?;
        let symbol: Ident = input.parse()?;
        let type_lit: LitStr = input.parse().map_err(|e| {
            Error::new(
                e.span(),
                "expected the resource type and API version as a string, e.g. \"Microsoft.ApiManagement/service@2024-05-01\"",
            )
        })?;
        let existing = if input.peek(kw::existing) {
            Some(input.parse::<kw::existing>()?.span)
        } else {
            None
        };
        let for_loop = parse_opt_for(input)?;
        let condition = parse_opt_if(input)?;
        let body = parse_body(input)?;
        Ok(Item::Resource(Resource {
            attrs,
            symbol,
            type_lit,
            existing,
            for_loop,
            condition,
            body,
        }))
    } else if lookahead.peek(kw::module) {
        let kw = input.parse::<kw::module>()?.span;
        let symbol: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let template = Path::parse_mod_style(input)?;
        let for_loop = parse_opt_for(input)?;
        let condition = parse_opt_if(input)?;
        let body = parse_body(input)?;
        Ok(Item::Module(Module {
            attrs,
            kw,
            symbol,
            template,
            for_loop,
            condition,
            body,
        }))
    } else if lookahead.peek(kw::output) {
        input.parse::<kw::output>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty = parse_type_name(input)?;
        input.parse::<Token![=]>()?;
        let value = parse_expr(input)?;
        input.parse::<Token![;]>()?;
        Ok(Item::Output(Output {
            attrs,
            name,
            ty,
            value,
        }))
    } else if lookahead.peek(kw::grant) {
        input.parse::<kw::grant>()?;
        let symbol: Ident = input.parse()?;
        let body = parse_body(input)?;
        Ok(Item::Grant(crate::ast::Grant {
            attrs,
            symbol,
            body,
        }))
    } else {
        Err(lookahead.error())
    }
}

fn parse_type_name(input: ParseStream) -> Result<Ident> {
    if input.peek(Ident::peek_any) {
        input.call(Ident::parse_any)
    } else {
        Err(input.error(
            "expected a type: `string`, `int`, `bool`, `object`, `array`, `secureString` or `secureObject`",
        ))
    }
}

fn parse_body(input: ParseStream) -> Result<Object> {
    if !input.peek(token::Brace) {
        return Err(input.error("expected `{`: the body of the declaration"));
    }
    parse_object(input)
}

fn parse_opt_for(input: ParseStream) -> Result<Option<ForHead>> {
    if input.peek(Token![for]) {
        Ok(Some(parse_for_head(input)?))
    } else {
        Ok(None)
    }
}

fn parse_opt_if(input: ParseStream) -> Result<Option<Expr>> {
    if input.peek(Token![if]) {
        input.parse::<Token![if]>()?;
        Ok(Some(parse_expr(input)?))
    } else {
        Ok(None)
    }
}

fn parse_for_head(input: ParseStream) -> Result<ForHead> {
    let kw = input.parse::<Token![for]>()?.span;
    let (item, index) = if input.peek(token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        let item: Ident = content.parse()?;
        content.parse::<Token![,]>()?;
        let index: Ident = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("expected `)`: a loop binds `(item, index)`"));
        }
        (item, Some(index))
    } else {
        (input.parse()?, None)
    };
    input.parse::<Token![in]>()?;
    let source = Box::new(parse_expr(input)?);
    Ok(ForHead {
        kw,
        item,
        index,
        source,
    })
}

/// Doc comments (`#[doc = "..."]`) and `#[name(args)]` attributes.
pub fn parse_attrs(input: ParseStream) -> Result<Attrs> {
    let mut attrs = Attrs::default();
    while input.peek(Token![#]) {
        input.parse::<Token![#]>()?;
        let content;
        syn::bracketed!(content in input);
        let name = content.call(Ident::parse_any)?;
        if name == "doc" && content.peek(Token![=]) {
            content.parse::<Token![=]>()?;
            let lit: LitStr = content.parse()?;
            let text = lit.value();
            let text = text.strip_prefix(' ').unwrap_or(&text).to_string();
            attrs.docs.push((text, lit.span()));
        } else if content.peek(token::Paren) {
            let args;
            syn::parenthesized!(args in content);
            let list = Punctuated::<Expr, Token![,]>::parse_terminated_with(&args, parse_expr)?;
            attrs.list.push(Attr {
                name,
                args: Some(list.into_iter().collect()),
            });
        } else {
            attrs.list.push(Attr { name, args: None });
        }
        if !content.is_empty() {
            return Err(content.error("expected `]` or `(arguments)` after the attribute name"));
        }
    }
    Ok(attrs)
}

/// How deep an expression may nest (counting each operator of a chain and each
/// `.member` or `[index]` as a level), so that no later stage recurses deeper.
pub const MAX_DEPTH: usize = 100;

thread_local! {
    /// The depth of the expression being parsed, on this thread.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
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
            return Err(input.error(format!(
                "expression nested too deeply (more than {MAX_DEPTH} levels): split it into variables"
            )));
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
    while let Some(op) = ops.iter().copied().find(|op| peek_op(input, *op)) {
        depth.deeper(input)?;
        let span = eat_op(input, op)?;
        let rhs = parse_binary(input, level + 1)?;
        lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs), span);
    }
    Ok(lhs)
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
        if input.peek(syn::LitInt) {
            // `-9223372036854775808` only fits after the negation.
            let lit: syn::LitInt = input.parse()?;
            let value = parse_int(&lit)?;
            let negated = i64::try_from(-value).map_err(|_| {
                Error::new(
                    lit.span(),
                    "integer literal out of range for a 64-bit ARM int",
                )
            })?;
            return parse_postfix(input, Expr::Int(negated, span));
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
        return Err(Error::new(
            lit.span(),
            format!(
                "unexpected suffix `{}`: ARM integers are written without a type suffix",
                lit.suffix()
            ),
        ));
    }
    lit.base10_parse::<i128>().map_err(|_| {
        Error::new(
            lit.span(),
            "integer literal out of range for a 64-bit ARM int",
        )
    })
}

fn parse_primary(input: ParseStream) -> Result<Expr> {
    if input.peek(LitStr) {
        Ok(Expr::Str(input.parse()?))
    } else if input.peek(syn::LitInt) {
        let lit: syn::LitInt = input.parse()?;
        let value = i64::try_from(parse_int(&lit)?).map_err(|_| {
            Error::new(
                lit.span(),
                "integer literal out of range for a 64-bit ARM int",
            )
        })?;
        Ok(Expr::Int(value, lit.span()))
    } else if input.peek(syn::LitBool) {
        let lit: syn::LitBool = input.parse()?;
        Ok(Expr::Bool(lit.value, lit.span))
    } else if input.peek(syn::LitFloat) {
        let lit: syn::LitFloat = input.parse()?;
        Err(Error::new(
            lit.span(),
            "ARM templates have no floating-point numbers: use an int, a string, or `json(\"1.5\")`",
        ))
    } else if input.peek(token::Bracket) {
        parse_array(input)
    } else if input.peek(token::Brace) {
        Ok(Expr::Object(parse_object(input)?))
    } else if input.peek(token::Paren) {
        parse_paren_or_lambda(input)
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
        Err(input.error(
            "expected an expression: a string, an integer, `true`, `false`, `null`, `[array]`, `{ object }`, a name or a function call",
        ))
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
        return Ok(Expr::For(head, Box::new(body)));
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
        let key = if content.peek(LitStr) {
            Key::Str(content.parse()?)
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

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
