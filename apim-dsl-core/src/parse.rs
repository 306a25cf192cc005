//! Tokens to [`crate::ast::Template`]: the DSL's grammar, with recovery at each
//! declaration so that one build reports every syntax error.
//!
//! ```text
//! template   := attrs vis "const" IDENT ";" item*
//! attrs      := ( "///" doc | "#[" IDENT ( "(" expr,* ")" )? "]" )*
//! item       := attrs ( param | var | resource | module | output | grant | func )
//! param      := "param" IDENT ":" TYPE ( "=" expr )? ";"
//! var        := "var" IDENT "=" expr ";"
//! resource   := "resource" IDENT STRING "existing"? for_head? ( "if" expr )? object ";"?
//!               (in a body, `resources: [ attrs resource, ... ]` nests children)
//! module     := "module" IDENT "=" PATH for_head? ( "if" expr )? object ";"?
//! output     := "output" IDENT ":" TYPE "=" expr ";"
//! grant      := "grant" IDENT ( "if" expr )? object ";"?
//! func       := "func" IDENT "(" ( IDENT ":" TYPE ),* ")" ":" TYPE "=" expr ";"
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
//!             | ( IDENT | "if" ) "(" expr,* ")"       ARM or user-defined function call
//!             | IDENT "." IDENT "(" expr,* ")"        user-defined function by namespace
//!             | IDENT                                 parameter, variable, resource, ...
//!             | "[" expr,* "]" | "[" for_head ":" expr "]" | "[" ( attrs resource ),* "]"
//!             | "{" ( key ":" expr ),* "}"
//!             | "(" expr ")" | lambda
//! key        := NAME | STRING | "[" expr "]"
//! lambda     := IDENT "=>" expr | "(" IDENT,* ")" "=>" expr
//! ```
//!
//! `NAME` is any identifier, keywords included (`type`, `in`), so that ARM property
//! names can be written as they are.

use crate::ast::{
    Attr, Attrs, ConstPath, Expr, ForHead, Func, FuncParam, Header, Item, Module, Object, Output,
    Param, Resource, Template, Var,
};
use crate::codes;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Error, Ident, LitStr, Result, Token, token};

/// The DSL's keywords.
mod kw {
    syn::custom_keyword!(param);
    syn::custom_keyword!(var);
    syn::custom_keyword!(resource);
    syn::custom_keyword!(module);
    syn::custom_keyword!(output);
    syn::custom_keyword!(existing);
    syn::custom_keyword!(grant);
    syn::custom_keyword!(func);
}

/// Names that start a declaration; error recovery stops in front of them.
const ITEM_KEYWORDS: [&str; 7] = [
    "param", "var", "resource", "module", "output", "grant", "func",
];

/// The result of parsing: the header (when it parsed) and every declaration that
/// parsed, with the syntax errors of the others.
pub struct Parsed {
    /// The tree, or `None` when even the header did not parse.
    pub template: Option<Template>,
    /// Syntax errors, in source order.
    pub errors: Vec<Error>,
}

/// Parses a whole invocation, recovering after each broken declaration.
///
/// Each declaration is first parsed from its own tokens (the invocation cut at
/// each declaration's end), so that syn's buffer (a copy of every token) is one
/// declaration's, not the whole invocation's: for 20,000 resources the whole
/// one was a 17 MB allocation, grown by doubling, that the allocator hands
/// back to the system once freed (issue 14, target 4). When any declaration does not parse that way, the whole
/// invocation is parsed again in one piece, so that every error, and where syn
/// reports an unexpected end, is what parsing in one piece reports.
pub fn parse_template(tokens: proc_macro2::TokenStream) -> Parsed {
    let pieces = split(tokens);
    if let Some(template) = parse_pieces(&pieces) {
        return Parsed {
            template: Some(template),
            errors: Vec::new(),
        };
    }
    parse_whole(pieces.into_iter().collect())
}

/// The invocation cut into its header and its declarations, each with its
/// attributes and its ending: a `;`, or for `resource`, `module` and `grant`
/// the braces of the body. A `;` between declarations is a piece of its own.
/// The cuts are only a guess at the grammar: [`parse_pieces`] checks that each
/// piece parses as exactly one declaration.
fn split(tokens: proc_macro2::TokenStream) -> Vec<proc_macro2::TokenStream> {
    let mut pieces = Vec::new();
    let mut piece: Vec<TokenTree> = Vec::new();
    // The piece's first identifier (after its attributes) is its keyword, and
    // says whether the piece ends at its first braces.
    let (mut keyword_seen, mut braced) = (false, false);
    for tree in tokens {
        let end = match &tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => braced && g.delimiter() == Delimiter::Brace,
            TokenTree::Ident(i) if !keyword_seen => {
                keyword_seen = true;
                braced = !pieces.is_empty() && (i == "resource" || i == "module" || i == "grant");
                false
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        };
        piece.push(tree);
        if end {
            pieces.push(piece.drain(..).collect());
            (keyword_seen, braced) = (false, false);
        }
    }
    if !piece.is_empty() {
        pieces.push(piece.into_iter().collect());
    }
    pieces
}

/// The template, when the header and every declaration parse from their own
/// piece, each to its end (syn's `parse2` refuses a piece with tokens left
/// over); `None` otherwise.
fn parse_pieces(pieces: &[proc_macro2::TokenStream]) -> Option<Template> {
    let (first, rest) = pieces.split_first()?;
    let header = parse_header.parse2(first.clone()).ok()?;
    let mut items = Vec::with_capacity(rest.len());
    let declaration = |input: ParseStream| -> Result<Option<Item>> {
        if input.peek(Token![;]) {
            // A `;` after a resource body.
            input.parse::<Token![;]>()?;
            return Ok(None);
        }
        parse_item(input).map(Some)
    };
    for piece in rest {
        if let Some(item) = declaration.parse2(piece.clone()).ok()? {
            items.push(item);
        }
    }
    Some(Template { header, items })
}

/// The template when the header and every declaration parse from their own
/// pieces, as [`parse_template`] tries first; `None` when it falls back to
/// parsing in one piece. Public for the test that checks the examples take
/// the first way, not for use.
#[doc(hidden)]
pub fn parse_by_declaration(tokens: proc_macro2::TokenStream) -> Option<Template> {
    parse_pieces(&split(tokens))
}

/// Parses the invocation in one piece, recovering after each broken declaration:
/// what [`parse_template`] falls back to. Public for the test that compares the
/// two on every invocation of the examples and UI tests, not for use.
#[doc(hidden)]
pub fn parse_whole(tokens: proc_macro2::TokenStream) -> Parsed {
    let mut errors = Vec::new();
    let parser = |input: ParseStream| -> Result<Template> {
        let header = parse_header(input)?;
        let items = parse_items(input, &mut errors);
        Ok(Template { header, items })
    };
    let template = match parser.parse2(tokens) {
        Ok(template) => Some(template),
        Err(error) => {
            errors.push(error);
            None
        }
    };
    Parsed {
        template,
        errors: errors.into_iter().map(with_code).collect(),
    }
}

/// The error with a code at the start of each of its messages: syn's own
/// ("expected `;`") get [`codes::SYNTAX`]; one that syn prefixed ("unexpected
/// end of input, ADSL0102: ...") gets its code moved to the front. The underline
/// is kept: `to_compile_error` starts at the first token of the error's range
/// and ends at its last, and `new_spanned` takes the range back from them.
fn with_code(error: Error) -> Error {
    let mut out: Option<Error> = None;
    for part in error {
        let message = part.to_string();
        let coded = if codes::of(&message).is_some() {
            message
        } else if let Some((code, rest)) = codes::ALL.iter().find_map(|code| {
            let marker = format!(", {}: ", code.id);
            message.find(&marker).map(|at| {
                (
                    code,
                    format!("{}, {}", &message[..at], &message[at + marker.len()..]),
                )
            })
        }) {
            code.message(rest)
        } else {
            codes::SYNTAX.message(message)
        };
        let part = Error::new_spanned(part.to_compile_error(), coded);
        match &mut out {
            Some(all) => all.combine(part),
            None => out = Some(part),
        }
    }
    out.unwrap_or_else(|| codes::SYNTAX.error(proc_macro2::Span::call_site(), "syntax error"))
}

/// The text of an identifier without its `r#` prefix.
pub fn ident_name(ident: &Ident) -> String {
    // One string, not `unraw()`'s string, new identifier and second string: this
    // runs for every name the later stages read.
    let text = ident.to_string();
    match text.strip_prefix("r#") {
        Some(name) => name.to_string(),
        None => text,
    }
}

/// The value of a string literal: [`syn::LitStr::value`], without unescaping
/// the text where it has nothing to unescape.
///
/// syn reads a literal's value character by character each time it is asked
/// (once already when the literal is parsed); in the unoptimized build cargo
/// makes of a proc macro that was a tenth of resolving a template. A literal
/// written `"..."` with no `\` and no carriage return inside has exactly its
/// text between the quotes as its value; any other (escapes, a raw string, a
/// suffix) is read by syn.
pub fn lit_value(lit: &syn::LitStr) -> String {
    let repr = lit.token().to_string();
    match repr
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        // Byte searches: the standard library's, optimized even when the
        // macro is not.
        Some(text)
            if !text.as_bytes().contains(&b'\\')
                && !text.as_bytes().contains(&b'\r')
                && !text.as_bytes().contains(&b'"') =>
        {
            text.to_string()
        }
        _ => lit.value(),
    }
}

/// `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)` or nothing,
/// as Rust writes the visibility of an item.
fn parse_visibility(input: ParseStream) -> Result<TokenStream> {
    let mut tokens = TokenStream::new();
    if !input.peek(Token![pub]) {
        return Ok(tokens);
    }
    input.parse::<Token![pub]>()?.to_tokens(&mut tokens);
    if let Some((TokenTree::Group(group), _)) = input.cursor().token_tree()
        && group.delimiter() == Delimiter::Parenthesis
    {
        let inner: Vec<TokenTree> = group.stream().into_iter().collect();
        let restricted = match inner.as_slice() {
            [TokenTree::Ident(word)] => {
                matches!(word.to_string().as_str(), "crate" | "self" | "super")
            }
            [TokenTree::Ident(word), rest @ ..] if word == "in" => !rest.is_empty(),
            _ => false,
        };
        if !restricted {
            return Err(Error::new(
                group.span(),
                "expected `crate`, `self`, `super` or `in path` in `pub(...)`",
            ));
        }
        input.parse::<TokenTree>()?.to_tokens(&mut tokens);
    }
    Ok(tokens)
}

/// A module's template: the path of a constant, `crate::infra::VAULT`. As in
/// Rust, `crate`, `self` and `Self` can only start it and `super` only follow
/// `self` or `super` at its start; it ends with the constant's name.
fn parse_const_path(input: ParseStream) -> Result<ConstPath> {
    let mut tokens = TokenStream::new();
    if input.peek(Token![::]) {
        input.parse::<Token![::]>()?.to_tokens(&mut tokens);
    }
    // Whether every segment so far was `self` or `super` (`super` may follow).
    let mut only_relative = tokens.is_empty();
    let mut first = tokens.is_empty();
    loop {
        let starter = input.cursor().ident().and_then(|(ident, _)| {
            ["crate", "self", "super", "Self"]
                .into_iter()
                .find(|word| ident == word)
        });
        let segment = match starter {
            Some(word) => {
                let ident = input.call(Ident::parse_any)?;
                let allowed = first || (word == "super" && only_relative);
                if !allowed {
                    return Err(Error::new(
                        ident.span(),
                        format!("`{word}` can only start a path (`{word}::...`), not follow `::`"),
                    ));
                }
                only_relative &= matches!(word, "self" | "super");
                if !input.peek(Token![::]) {
                    return Err(Error::new(
                        ident.span(),
                        format!(
                            "expected the path of a template's constant (`crate::infra::VAULT`): `{word}` is not a constant"
                        ),
                    ));
                }
                ident
            }
            // Other keywords cannot be segments: syn's error names them.
            None => {
                only_relative = false;
                input.parse::<Ident>()?
            }
        };
        segment.to_tokens(&mut tokens);
        first = false;
        if !input.peek(Token![::]) {
            return Ok(ConstPath {
                tokens,
                last: segment,
            });
        }
        input.parse::<Token![::]>()?.to_tokens(&mut tokens);
    }
}

fn parse_header(input: ParseStream) -> Result<Header> {
    let attrs = parse_attrs(input)?;
    let vis = parse_visibility(input)?;
    if !input.peek(Token![const]) {
        return Err(input.error(
            "expected `const NAME;` first: the name of the generated constant, e.g. `pub const APIM_TEMPLATE;`",
        ));
    }
    input.parse::<Token![const]>()?;
    let name: Ident = input.parse()?;
    input.parse::<Token![;]>()?;
    Ok(Header { attrs, vis, name })
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
    if input.peek(Token![@]) {
        return Err(bicep_decorator(input));
    }
    let lookahead = input.lookahead1();
    if lookahead.peek(kw::param) {
        let kw = input.parse::<kw::param>()?.span;
        let name: Ident = input.parse()?;
        type_colon(input, "param")?;
        let ty = parse_type_name(input)?;
        let default = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(parse_expr(input)?)
        } else {
            None
        };
        end_of_declaration(input)?;
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
        end_of_declaration(input)?;
        Ok(Item::Var(Var { attrs, name, value }))
    } else if lookahead.peek(kw::resource) {
        parse_resource(input, attrs).map(Item::Resource)
    } else if lookahead.peek(kw::module) {
        let kw = input.parse::<kw::module>()?.span;
        let symbol: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let template = parse_const_path(input)?;
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
        type_colon(input, "output")?;
        let ty = parse_type_name(input)?;
        input.parse::<Token![=]>()?;
        let value = parse_expr(input)?;
        end_of_declaration(input)?;
        Ok(Item::Output(Output {
            attrs,
            name,
            ty,
            value,
        }))
    } else if lookahead.peek(kw::grant) {
        input.parse::<kw::grant>()?;
        let symbol: Ident = input.parse()?;
        let condition = parse_opt_if(input)?;
        let body = parse_body(input)?;
        Ok(Item::Grant(crate::ast::Grant {
            attrs,
            symbol,
            condition,
            body,
        }))
    } else if lookahead.peek(kw::func) {
        parse_func(input, attrs).map(Item::Func)
    } else {
        Err(lookahead.error())
    }
}

/// `func name(a: type, ...): type = body;`, after its attributes.
fn parse_func(input: ParseStream, attrs: Attrs) -> Result<Func> {
    let kw = input.parse::<kw::func>()?.span;
    let name: Ident = input.parse()?;
    if !input.peek(token::Paren) {
        return Err(input.error(
            "expected `(`: a function's parameters, e.g. `func buildUrl(host: string): string = ...;`",
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    let mut params = Vec::new();
    while !content.is_empty() {
        let name: Ident = content.parse()?;
        content.parse::<Token![:]>()?;
        let ty = parse_type_name(&content)?;
        let default = if content.peek(Token![=]) {
            content.parse::<Token![=]>()?;
            Some(parse_expr(&content)?)
        } else {
            None
        };
        params.push(FuncParam { name, ty, default });
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    if !input.peek(Token![:]) {
        return Err(input.error(
            "expected `:` and the result type after the parameters, e.g. `): string = ...`",
        ));
    }
    input.parse::<Token![:]>()?;
    let output = parse_type_name(input)?;
    input.parse::<Token![=]>()?;
    let body = parse_expr(input)?;
    end_of_declaration(input)?;
    Ok(Func {
        attrs,
        kw,
        name,
        params,
        output,
        body,
    })
}

/// `resource sym "Type@version" existing? for_head? ("if" expr)? object`, after
/// its attributes.
fn parse_resource(input: ParseStream, attrs: Attrs) -> Result<Resource> {
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
    Ok(Resource {
        attrs,
        symbol,
        type_lit,
        existing,
        for_loop,
        condition,
        body,
    })
}

/// The inside of `resources: [ ... ]` in a resource's body: nested resources,
/// each with its own attributes, separated by commas.
pub fn parse_nested(input: ParseStream) -> Result<Vec<Resource>> {
    let mut list = Vec::new();
    while !input.is_empty() {
        let attrs = parse_attrs(input)?;
        if !input.peek(kw::resource) {
            return Err(input.error("expected `resource`: `resources` holds nested resources, `resource child \"apis@2024-05-01\" { ... }`"));
        }
        list.push(parse_resource(input, attrs)?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(list)
}

/// Whether a bracketed list starts with a nested resource.
pub fn at_nested(input: ParseStream) -> bool {
    input.peek(kw::resource) || input.peek(Token![#])
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

/// `@description(...)` and Bicep's other decorators, at their `@`: the DSL's
/// way is an attribute or a doc comment.
fn bicep_decorator(input: ParseStream) -> Error {
    let at = input
        .cursor()
        .punct()
        .map_or_else(|| input.span(), |(p, _)| p.span());
    let fork = input.fork();
    let _ = fork.parse::<Token![@]>();
    let name = fork
        .call(Ident::parse_any)
        .map(|i| i.to_string())
        .unwrap_or_default();
    let way = match name.as_str() {
        "description" => "a description is a `///` doc comment above the declaration".to_string(),
        "secure" => "a secure parameter has the type `secureString` or `secureObject`".to_string(),
        "" => "decorators are attributes: `#[name(...)]`".to_string(),
        _ => format!("decorators are attributes: `#[{name}(...)]`"),
    };
    codes::BICEP_SYNTAX.error(at, format!("`@` is Bicep's decorator syntax: {way}"))
}

/// The `;` that ends a `param`, `var` or `output`, with a hint when it is
/// missing before the next declaration (Bicep ends declarations with a new line).
fn end_of_declaration(input: ParseStream) -> Result<()> {
    if input.peek(Token![;]) {
        return input.parse::<Token![;]>().map(|_| ());
    }
    let next_item = input.peek(Token![#])
        || input.peek(Token![@])
        || input.is_empty()
        || input
            .cursor()
            .ident()
            .is_some_and(|(i, _)| ITEM_KEYWORDS.contains(&i.to_string().as_str()));
    if next_item {
        Err(input.error(codes::BICEP_SYNTAX.message("expected `;` at the end of the declaration (Bicep ends a declaration with a new line; the DSL, like Rust, with `;`)")))
    } else {
        input.parse::<Token![;]>().map(|_| ())
    }
}

/// The `:` between a declaration's name and its type, with a hint for Bicep's
/// `param name type`.
fn type_colon(input: ParseStream, keyword: &str) -> Result<()> {
    if !input.peek(Token![:]) && input.peek(Ident::peek_any) {
        return Err(input.error(codes::BICEP_SYNTAX.message(format!(
            "expected `:` between the name and the type: `{keyword} name: type` (Bicep writes `{keyword} name type`)"
        ))));
    }
    input.parse::<Token![:]>().map(|_| ())
}

fn parse_body(input: ParseStream) -> Result<Object> {
    if input.peek(Token![=]) && input.peek2(token::Brace) {
        return Err(input.error(codes::BICEP_SYNTAX.message(
            "no `=` before the body: `resource sym \"Type@version\" { ... }` (Bicep writes `= {`)",
        )));
    }
    if !input.peek(token::Brace) {
        return Err(input.error("expected `{`: the body of the declaration"));
    }
    parse_object(input)
}

fn parse_opt_for(input: ParseStream) -> Result<Option<Box<ForHead>>> {
    if input.peek(Token![for]) {
        Ok(Some(Box::new(parse_for_head(input)?)))
    } else {
        Ok(None)
    }
}

fn parse_opt_if(input: ParseStream) -> Result<Option<Box<Expr>>> {
    if input.peek(Token![if]) {
        input.parse::<Token![if]>()?;
        Ok(Some(Box::new(parse_expr(input)?)))
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
            let parse = || Punctuated::<Expr, Token![,]>::parse_terminated_with(&args, parse_expr);
            let list = if name == "metadata" {
                expr::in_metadata(parse)?
            } else {
                parse()?
            };
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

mod expr;

pub use expr::{MAX_DEPTH, parse_expr, parse_object};

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
