//! Chains the stages and quotes the result: `pub const NAME: apim_dsl::Template`
//! holding the emitted text, or, when there are errors, every error next to an
//! empty constant of the same name so that code using it gets no follow-on errors.

use crate::ast::Header;
use crate::check::types::{Types, described};
use crate::diag::Diagnostics;
use crate::emit::arm::MODULE_PLACEHOLDER;
use crate::emit::arm_expr::{MODULE_OUTPUT_MARKER, ModuleOutput, module_output};
use crate::emit::bicep::MODULE_STEM_PLACEHOLDER;
use crate::ir::{self, ParamType};
use crate::{Compilation, Output};
use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};

/// Expands a `template!` invocation.
pub fn expand(tokens: TokenStream) -> TokenStream {
    expansion(crate::compile(tokens))
}

/// The items a compilation expands to (the quoting stage, timed on its own by
/// `cargo bench -p apim-dsl-bench --bench compile`).
pub fn expansion(compilation: Compilation) -> TokenStream {
    let Compilation {
        header,
        params,
        files,
        output,
    } = compilation;
    // Each file read at compile time, included so that editing it rebuilds.
    let files = files.iter().map(|path| {
        quote! { const _: &[u8] = include_bytes!(#path); }
    });
    let files = quote! { #(#files)* };
    let errors = match &output {
        Ok(_) => TokenStream::new(),
        Err(errors) => errors.iter().map(syn::Error::to_compile_error).collect(),
    };
    let Some(header) = header else {
        return quote! { #errors #files };
    };
    let parameters_type = crate::typed::parameters_type(&header, &params);
    // The parts are moved into one stream, not interpolated: `quote!` copies
    // every token of a stream it interpolates, and these are most of the
    // expansion's tokens.
    let mut out = match output {
        Ok(mut output) => {
            let mut out = bind_modules(&header, &mut output.template);
            out.extend(define(&header, &output));
            out
        }
        Err(_) => {
            let Header { vis, name, .. } = &header;
            let docs = doc_attrs(&header, None);
            let name_str = name.to_string();
            let mut out = errors;
            out.extend(quote! {
                #docs
                #vis const #name: ::apim_dsl::Template = ::apim_dsl::Template::__invalid(#name_str);
            });
            out
        }
    };
    out.extend(parameters_type);
    out.extend(files);
    out
}

/// Each module's template path read once, into a hidden constant of type
/// `Template` spanned at the path, which the expansion then uses in its place
/// (a dozen places for a module with parameters and outputs). A path to
/// something that is not a `Template` is then one error at the path, not one
/// per use.
fn bind_modules(header: &Header, template: &mut ir::Template) -> TokenStream {
    let owner = crate::parse::ident_name(&header.name);
    template
        .modules
        .iter_mut()
        .enumerate()
        .map(|(index, module)| {
            let span = module
                .template
                .clone()
                .into_iter()
                .last()
                .map_or_else(proc_macro2::Span::call_site, |token| token.span());
            let binding =
                proc_macro2::Ident::new(&format!("__APIM_DSL_{owner}_MODULE_{index}"), span);
            let path = std::mem::replace(&mut module.template, quote!(#binding));
            quote_spanned! {span=>
                #[doc(hidden)]
                #[allow(non_upper_case_globals)]
                const #binding: ::apim_dsl::Template = #path;
            }
        })
        .collect()
}

/// The file name (without extension) for a constant: `APIM_WITH_IDENTITY` →
/// `apim-with-identity`.
pub fn file_stem(const_name: &str) -> String {
    const_name
        .trim_matches('_')
        .to_ascii_lowercase()
        .replace('_', "-")
}

fn doc_attrs(header: &Header, summary: Option<String>) -> TokenStream {
    let mut lines: Vec<String> = header
        .attrs
        .docs
        .iter()
        .map(|(line, _)| format!(" {line}"))
        .collect();
    if let Some(summary) = summary {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(summary);
    }
    let lines = lines.iter().map(|line| text_literal(line));
    quote! { #(#[doc = #lines])* }
}

fn define(header: &Header, output: &Output) -> TokenStream {
    let Header { vis, name, .. } = header;
    let template = &output.template;
    let name_str = name.to_string();
    let stem = file_stem(&name_str);
    let summary = format!(
        " ARM template `{stem}.json` (and `{stem}.bicep`) from `apim_dsl::template!`: {} parameter(s), {} resource(s), {} output(s).",
        template.params.len(),
        template.resources.iter().filter(|r| !r.existing).count(),
        template.outputs.len()
    );
    let docs = doc_attrs(header, Some(summary));
    let description = option_str(template.description.as_deref());
    let parameters = template.params.iter().map(|p| {
        let param_name = &p.name;
        let ty = value_type(p.ty);
        let required = p.default.is_none();
        let param = match &p.description {
            Some(description) => {
                let description = text_literal(description);
                quote! {
                    ::apim_dsl::__private::described_param(#param_name, #ty, #required, #description)
                }
            }
            None => quote! { ::apim_dsl::__private::param(#param_name, #ty, #required) },
        };
        match constraints(p) {
            Some(constraints) => quote! { #param.__constrained(#constraints) },
            None => param,
        }
    });
    let outputs = template.outputs.iter().map(|o| {
        let output_name = &o.name;
        let ty = value_type(o.ty);
        quote! { ::apim_dsl::__private::output(#output_name, #ty) }
    });
    let modules: Vec<&TokenStream> = template.modules.iter().map(|m| &m.template).collect();
    let arm = spliced(&output.arm, template);
    let bicep = spliced(&output.bicep, template);
    let checks = module_checks(template);
    let caller_access = template
        .resources
        .iter()
        .filter(|r| matches!(r.access, Some((ir::AccessGiven::Caller, _))))
        .map(|r| r.symbol.as_str());
    let warnings = output.warnings.iter().map(|w| {
        // Stable proc macros cannot warn; using a deprecated item at the span
        // can. The item is named after the lint, so that rustc's text names it
        // too: "use of deprecated unit struct `broad_access`: ...".
        let (item, message) = match w.lint {
            Some(lint) => (
                proc_macro2::Ident::new(lint.name(), w.span),
                format!("{} (lint: {})", w.message, lint.name()),
            ),
            None => (
                proc_macro2::Ident::new("apim_dsl_warning", w.span),
                w.message.clone(),
            ),
        };
        quote_spanned! {w.span=>
            const _: () = {
                #[deprecated(note = #message)]
                #[allow(non_camel_case_types)]
                struct #item;
                let _ = #item;
            };
        }
    });
    let parameters = delimited(proc_macro2::Delimiter::Bracket, parameters);
    let outputs = delimited(proc_macro2::Delimiter::Bracket, outputs);
    let parts = proc_macro2::Group::new(
        proc_macro2::Delimiter::Brace,
        quote! {
            name: #name_str,
            file_stem: #stem,
            description: #description,
            arm: #arm,
            bicep: #bicep,
            parameters: &#parameters,
            outputs: &#outputs,
            modules: &[#(&#modules),*],
            caller_access: &[#(#caller_access),*],
        },
    );
    quote! {
        #checks
        #(#warnings)*
        #docs
        #vis const #name: ::apim_dsl::Template = ::apim_dsl::Template::__from_parts(::apim_dsl::__private::Parts #parts);
    }
}

/// `[a, b, ...]` (or `{a, b, ...}`), one group with the items moved into it:
/// `quote!` copies every token of a stream it interpolates, and only the
/// handle of a group.
pub(crate) fn delimited(
    delimiter: proc_macro2::Delimiter,
    items: impl IntoIterator<Item = TokenStream>,
) -> proc_macro2::Group {
    let mut inner = TokenStream::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            inner.extend(quote!(,));
        }
        inner.extend(item);
    }
    proc_macro2::Group::new(delimiter, inner)
}

/// `__constrained(set, [bounds], "allowed")` of a parameter's decorators (see
/// `apim_dsl::Parameter::__constrained`), or `None` without any.
fn constraints(param: &ir::Param) -> Option<TokenStream> {
    // The allowed values as a JSON array, when every one is a literal.
    let allowed: Option<Vec<serde_json::Value>> = param.allowed.as_ref().and_then(|(values, _)| {
        values
            .iter()
            .map(|v| match &v.kind {
                ir::ExprKind::Str(text) => Some(serde_json::Value::from(text.as_str())),
                ir::ExprKind::Int(n) => Some(serde_json::Value::from(*n)),
                ir::ExprKind::Bool(b) => Some(serde_json::Value::from(*b)),
                _ => None,
            })
            .collect()
    });
    let bounds = [
        &param.min_length,
        &param.max_length,
        &param.min_value,
        &param.max_value,
    ];
    if allowed.is_none() && bounds.iter().all(|b| b.is_none()) {
        return None;
    }
    let set = Literal::u8_unsuffixed(
        bounds
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_some())
            .fold(0, |set, (i, _)| set | (1 << i)),
    );
    let bounds = bounds.iter().map(|b| {
        let value = b.as_ref().map_or(0, |b| b.value);
        // A negative number is `-` and a literal, as rustc reads it.
        let literal = Literal::u64_unsuffixed(value.unsigned_abs());
        let sign = (value < 0).then(|| quote!(-));
        quote!(#sign #literal)
    });
    let allowed = allowed.map_or_else(String::new, |values| {
        serde_json::Value::Array(values).to_string()
    });
    Some(quote! { #set, [#(#bounds),*], #allowed })
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { ::core::option::Option::Some(#text) },
        None => quote! { ::core::option::Option::None },
    }
}

/// The number `apim_dsl::__private` knows a value type by (its `VALUE_TYPES`).
fn value_type(ty: ParamType) -> Literal {
    Literal::usize_unsuffixed(match ty {
        ParamType::String => 0,
        ParamType::SecureString => 1,
        ParamType::Int => 2,
        ParamType::Bool => 3,
        ParamType::Object => 4,
        ParamType::SecureObject => 5,
        ParamType::Array => 6,
    })
}

/// A placeholder in emitted text, and what replaces it.
struct Marker {
    /// The text that starts it; a module index follows.
    text: String,
    /// Whether the placeholder is a whole JSON string (its quotes go too).
    quoted: bool,
}

/// The text as a `&'static str` expression. Where it holds module placeholders,
/// rustc splices in what only the inner template's constant knows, by const
/// evaluation: its ARM JSON (re-indented to the placeholder's depth) or its file
/// stem (the path of a Bicep `module`).
fn spliced(text: &str, template: &ir::Template) -> TokenStream {
    let markers = [
        Marker {
            text: format!("\"{MODULE_PLACEHOLDER}"),
            quoted: true,
        },
        Marker {
            text: MODULE_STEM_PLACEHOLDER.to_string(),
            quoted: false,
        },
    ];
    let next = |rest: &str| {
        markers
            .iter()
            .filter_map(|m| rest.find(&m.text).map(|at| (at, m)))
            .min_by_key(|(at, _)| *at)
    };
    // Without modules there are no placeholders (user text cannot hold one:
    // resolve rejects the reserved marker), so the text needs no search.
    let output_at = |rest: &str| rest.find(MODULE_OUTPUT_MARKER);
    if template.modules.is_empty() || (next(text).is_none() && output_at(text).is_none()) {
        let literal = text_literal(text);
        return quote! { #literal };
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let found = next(rest);
        if let Some(at) = output_at(rest).filter(|at| found.is_none_or(|(m, _)| *at < m)) {
            let (before, after) = rest.split_at(at);
            let before_lit = Literal::string(before);
            pieces.push(quote! { ::apim_dsl::__private::Piece::Text(#before_lit) });
            let (output, tail) = module_output(&after[MODULE_OUTPUT_MARKER.len()..]);
            if let Some(ModuleOutput {
                index,
                name,
                plain,
                secure,
            }) = output
            {
                match index.and_then(|i| template.modules.get(i)) {
                    Some(module) => {
                        let path = &module.template;
                        pieces.push(quote! {
                            ::apim_dsl::__private::Piece::Output(&#path, #name, #plain, #secure)
                        });
                    }
                    None => pieces.push(quote! { ::apim_dsl::__private::Piece::Text(#plain) }),
                }
            }
            rest = tail;
            continue;
        }
        let Some((at, marker)) = found else {
            break;
        };
        let (before, after) = rest.split_at(at);
        let digits: String = after[marker.text.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let before_lit = text_literal(before);
        pieces.push(quote! { ::apim_dsl::__private::Piece::Text(#before_lit) });
        let module = digits
            .parse::<usize>()
            .ok()
            .and_then(|i| template.modules.get(i));
        if let Some(module) = module {
            let path = &module.template;
            if marker.quoted {
                let indent = before
                    .rsplit('\n')
                    .next()
                    .map_or(0, |line| line.len() - line.trim_start().len());
                pieces.push(quote! { ::apim_dsl::__private::Piece::Arm(&#path, #indent) });
            } else {
                pieces.push(quote! { ::apim_dsl::__private::Piece::Stem(&#path) });
            }
        }
        let skip = marker.text.len() + digits.len() + usize::from(marker.quoted);
        rest = after.get(skip..).unwrap_or("");
    }
    let rest_lit = text_literal(rest);
    pieces.push(quote! { ::apim_dsl::__private::Piece::Text(#rest_lit) });
    quote! {{
        const PIECES: &[::apim_dsl::__private::Piece] = &[#(#pieces),*];
        const LEN: usize = ::apim_dsl::__private::joined_len(PIECES);
        const BYTES: [u8; LEN] = ::apim_dsl::__private::join::<LEN>(PIECES);
        ::apim_dsl::__private::utf8(&BYTES)
    }}
}

/// U+202A..U+202E and U+2066..U+2069: the characters that change the
/// direction of text, which rustc refuses unescaped in a literal.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A string literal holding `text`, raw (`r#"..."#`) where it can be: escaping
/// kilobytes of JSON character by character was the costliest part of quoting,
/// and rustc reads a raw literal without unescaping it.
pub(crate) fn text_literal(text: &str) -> Literal {
    // A raw string cannot hold a carriage return that ends no line, nor, as
    // rustc's `text_direction_codepoint_in_literal` lint denies, a character
    // that changes the direction of text: those are escaped.
    //
    // The searches go by byte where they can: the macro usually runs as a
    // debug build, where the standard library's byte search (precompiled,
    // optimized) is many times faster than a loop over characters. Every
    // character that changes text direction starts with byte 0xE2 in UTF-8.
    let bytes = text.as_bytes();
    if bytes.contains(&b'\r') || (bytes.contains(&0xE2) && text.contains(is_bidi_control)) {
        return Literal::string(text);
    }
    // One `#` more than the longest run of them after a quote in the text.
    let hashes = if text.contains("\"#") {
        text.match_indices('"')
            .map(|(at, _)| text[at + 1..].bytes().take_while(|b| *b == b'#').count())
            .max()
            .unwrap_or(0)
    } else {
        0
    };
    let fence = "#".repeat(hashes + 1);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// Checks of each module against its inner template's constant, evaluated by
/// rustc: missing, unknown and mistyped parameters, unknown outputs. Each is
/// spanned at the user's token, so that is where the error shows.
fn module_checks(template: &ir::Template) -> TokenStream {
    // Every check names a module; without any, skip building the type
    // checker and the walks over every expression that find module reads.
    if template.modules.is_empty() {
        return TokenStream::new();
    }
    let mut types = Types::new(template);
    let mut checks = Vec::new();
    for (index, module) in template.modules.iter().enumerate() {
        let path = &module.template;
        let symbol = &module.symbol;
        let given: Vec<&str> = module
            .params
            .iter()
            .filter_map(|p| p.key.as_lit())
            .collect();
        checks.push(quote_spanned! {module.span=>
            const _: () = ::apim_dsl::__private::check_module(&#path, #symbol, &[#(#given),*]);
        });
        let scope = module.scope.as_ref().map_or_else(
            || crate::resolve::target_scope_of(&template.schema),
            crate::ir::ModuleScope::target_scope,
        );
        checks.push(quote_spanned! {module.span=>
            const _: () = ::apim_dsl::__private::check_module_scope(&#path, #symbol, #scope);
        });
        let waits = crate::access::module_waits_for_access(template, index);
        checks.push(quote_spanned! {module.span=>
            const _: () = ::apim_dsl::__private::check_module_access(&#path, #symbol, #waits);
        });
        for prop in &module.params {
            let Some(name) = prop.key.as_lit() else {
                continue;
            };
            // Another module's output, whose type only rustc knows.
            if let ir::ExprKind::Member(outputs, output) = &prop.value.kind
                && let ir::ExprKind::Member(source, field) = &outputs.kind
                && field == "outputs"
                && let ir::ExprKind::Module(source) = source.kind
                && let Some(source) = template.modules.get(source)
            {
                let source_path = &source.template;
                let source_symbol = &source.symbol;
                checks.push(quote_spanned! {prop.key_span=>
                    const _: () = ::apim_dsl::__private::check_module_param_from_output(&#path, #symbol, #name, &#source_path, #source_symbol, #output);
                });
            }
            let ty = types.infer(&prop.value, &mut Diagnostics::new());
            let bits = ty.bits();
            let found = described(ty);
            checks.push(quote_spanned! {prop.key_span=>
                const _: () = ::apim_dsl::__private::check_module_param(&#path, #symbol, #name, #bits, #found);
            });
        }
    }
    for (i, a) in template.modules.iter().enumerate() {
        for b in template.modules.iter().skip(i + 1) {
            let (path_a, path_b) = (&a.template, &b.template);
            let (symbol_a, symbol_b) = (&a.symbol, &b.symbol);
            checks.push(quote_spanned! {b.span=>
                const _: () = ::apim_dsl::__private::check_module_stems(&#path_a, &#path_b, #symbol_a, #symbol_b);
            });
        }
    }
    for (module, name, span, ty, what) in crate::check::module_outputs::typed_reads(template) {
        let Some(module) = template.modules.get(module) else {
            continue;
        };
        let path = &module.template;
        let symbol = &module.symbol;
        let bits = ty.bits();
        let expected = described(ty);
        checks.push(quote_spanned! {span=>
            const _: () = ::apim_dsl::__private::check_module_output_type(&#path, #symbol, #name, #bits, #expected, #what);
        });
    }
    for (module, name, span) in crate::check::module_outputs::in_plain_outputs(template) {
        let Some(module) = template.modules.get(module) else {
            continue;
        };
        let path = &module.template;
        let symbol = &module.symbol;
        checks.push(quote_spanned! {span=>
            const _: () = ::apim_dsl::__private::check_module_output_plain(&#path, #symbol, #name);
        });
    }
    for (module, name, span) in module_outputs(template) {
        let Some(module) = template.modules.get(module) else {
            continue;
        };
        let path = &module.template;
        let symbol = &module.symbol;
        checks.push(quote_spanned! {span=>
            const _: () = ::apim_dsl::__private::check_module_output(&#path, #symbol, #name);
        });
    }
    quote! { #(#checks)* }
}

/// Every `module.outputs.name` read in the template.
fn module_outputs(template: &ir::Template) -> Vec<(usize, String, proc_macro2::Span)> {
    let mut found = Vec::new();
    for expr in crate::graph::template_exprs(template) {
        ir::walk(expr, &mut |e| {
            if let ir::ExprKind::Member(base, name) = &e.kind
                && let ir::ExprKind::Member(inner, outputs) = &base.kind
                && outputs == "outputs"
            {
                let module = match &inner.kind {
                    ir::ExprKind::Module(module) => Some(*module),
                    ir::ExprKind::Index(looped, _) => match looped.kind {
                        ir::ExprKind::Module(module) => Some(module),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(module) = module {
                    found.push((module, name.clone(), e.span));
                }
            }
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_kebab_case() {
        assert_eq!(file_stem("APIM_WITH_IDENTITY"), "apim-with-identity");
        assert_eq!(file_stem("Seed"), "seed");
        assert_eq!(file_stem("_PRIVATE_"), "private");
    }

    #[test]
    fn text_literals_hold_the_text_exactly() {
        for text in [
            "",
            "plain",
            "{\n  \"$schema\": \"https://x/deploymentTemplate.json#\"\n}",
            "quote then hashes: \"## and \"#",
            "back\\slash, tab\t, non-ASCII é, braces {}",
            "carriage\r\nreturn",
            "bidi\u{202e}here",
        ] {
            let literal = text_literal(text);
            let parsed: syn::LitStr = syn::parse2(quote! { #literal }).expect("a string literal");
            assert_eq!(parsed.value(), text, "{literal}");
        }
        assert!(text_literal("a\"#b").to_string().starts_with("r##\""));
        assert!(
            !text_literal("bidi\u{202e}")
                .to_string()
                .contains('\u{202e}')
        );
    }

    #[test]
    fn errors_still_define_the_constant() {
        let tokens = quote! {
            pub const BROKEN;
            param p: string = concatt("a");
        };
        let text = expand(tokens).to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(
            text.contains("unknown ARM template function `concatt`"),
            "{text}"
        );
        assert!(
            text.contains(
                "pub const BROKEN : :: apim_dsl :: Template = :: apim_dsl :: Template :: __invalid"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_broken_header_gives_only_errors() {
        let text = expand(quote! { param p: string; }).to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(!text.contains("apim_dsl :: Template"), "{text}");
    }
}
