//! Chains the stages and quotes the result: `pub const NAME: apim_dsl::Template`
//! holding the emitted text, or, when there are errors, every error next to an
//! empty constant of the same name so that code using it gets no follow-on errors.

use crate::ast::Header;
use crate::emit::arm::MODULE_PLACEHOLDER;
use crate::ir::{self, ParamType};
use crate::{Compilation, Output};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// Expands a `template!` invocation.
pub fn expand(tokens: TokenStream) -> TokenStream {
    let Compilation { header, output } = crate::compile(tokens);
    let errors = match &output {
        Ok(_) => TokenStream::new(),
        Err(errors) => errors.iter().map(syn::Error::to_compile_error).collect(),
    };
    let Some(header) = header else {
        return errors;
    };
    match output {
        Ok(output) => define(&header, &output),
        Err(_) => {
            let Header { vis, name, .. } = &header;
            let docs = doc_attrs(&header, None);
            let name_str = name.to_string();
            quote! {
                #errors
                #docs
                #vis const #name: ::apim_dsl::Template = ::apim_dsl::Template::__invalid(#name_str);
            }
        }
    }
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
        let description = option_str(p.description.as_deref());
        quote! { ::apim_dsl::Parameter::__new(#param_name, #ty, #required, #description) }
    });
    let outputs = template.outputs.iter().map(|o| {
        let output_name = &o.name;
        let ty = value_type(o.ty);
        quote! { ::apim_dsl::Output::__new(#output_name, #ty) }
    });
    let modules: Vec<&TokenStream> = template.modules.iter().map(|m| &m.template).collect();
    let arm = spliced(&output.arm, MODULE_PLACEHOLDER, template);
    let bicep = Literal::string(&output.bicep);
    quote! {
        #docs
        #vis const #name: ::apim_dsl::Template = ::apim_dsl::Template::__from_parts(::apim_dsl::__private::Parts {
            name: #name_str,
            file_stem: #stem,
            description: #description,
            arm: #arm,
            bicep: #bicep,
            parameters: &[#(#parameters),*],
            outputs: &[#(#outputs),*],
            modules: &[#(&#modules),*],
        });
    }
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { ::core::option::Option::Some(#text) },
        None => quote! { ::core::option::Option::None },
    }
}

fn value_type(ty: ParamType) -> TokenStream {
    let variant = format_ident!(
        "{}",
        match ty {
            ParamType::String => "String",
            ParamType::SecureString => "SecureString",
            ParamType::Int => "Int",
            ParamType::Bool => "Bool",
            ParamType::Object => "Object",
            ParamType::SecureObject => "SecureObject",
            ParamType::Array => "Array",
        }
    );
    quote! { ::apim_dsl::ValueType::#variant }
}

/// The text as a `&'static str` expression. Where it holds module placeholders
/// (`"__apim_dsl_module_template__N"`), the inner template's own text is spliced
/// in at compile time, re-indented to the placeholder's depth, by const evaluation.
fn spliced(text: &str, placeholder: &str, template: &ir::Template) -> TokenStream {
    let quoted = format!("\"{placeholder}");
    if !text.contains(&quoted) {
        let literal = Literal::string(text);
        return quote! { #literal };
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&quoted) {
        let (before, after) = rest.split_at(at);
        let digits: String = after[quoted.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let indent = before
            .rsplit('\n')
            .next()
            .map_or(0, |line| line.len() - line.trim_start().len());
        let before_lit = Literal::string(before);
        pieces.push(quote! { ::apim_dsl::__private::Piece::Text(#before_lit) });
        let index: usize = digits.parse().unwrap_or(usize::MAX);
        if let Some(module) = template.modules.get(index) {
            let path = &module.template;
            pieces.push(quote! { ::apim_dsl::__private::Piece::Arm(&#path, #indent) });
        }
        // Skip the placeholder, its digits and its closing quote.
        rest = after.get(quoted.len() + digits.len() + 1..).unwrap_or("");
    }
    let rest_lit = Literal::string(rest);
    pieces.push(quote! { ::apim_dsl::__private::Piece::Text(#rest_lit) });
    quote! {{
        const PIECES: &[::apim_dsl::__private::Piece] = &[#(#pieces),*];
        const LEN: usize = ::apim_dsl::__private::joined_len(PIECES);
        const BYTES: [u8; LEN] = ::apim_dsl::__private::join::<LEN>(PIECES);
        ::apim_dsl::__private::utf8(&BYTES)
    }}
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
