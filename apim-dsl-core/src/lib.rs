//! The apim-dsl compiler as a normal library: the tokens of a `template!`
//! invocation in, checked ARM template JSON and Bicep out, or every error found,
//! each at the span of the offending token.
//!
//! The `apim-dsl-macros` crate is a thin shell around [`expand()`]; benches, fuzzers,
//! tests and tools call [`compile`] directly. One module per stage:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | parse | [`parse`] | tokens → [`ast::Template`] (syntax errors, with recovery) |
//! | resolve | [`resolve`] | ast → [`ir::Template`] (unknown, duplicate, unused names; functions) |
//! | check | [`check`] | ir → errors (graph, types, resource types, limits) |
//! | emit | [`emit`] | ir → ARM JSON, Bicep |
//! | expand | [`mod@expand`] | all of the above → the `const` items |
//!
//! Beside them, [`arm`] reads ARM template expressions into the same model, and
//! [`eval`] evaluates them without network (also `check`'s compile-time
//! evaluation), up to `eval::snapshot()` (feature `snapshot`): the resources an ARM template would
//! deploy, in the JSON shape of `bicep snapshot`.
//!
//! ```
//! let tokens: proc_macro2::TokenStream = quote::quote! {
//!     pub const DEMO;
//!     param location: string = resourceGroup().location;
//!     output where_: string = location;
//! };
//! let output = apim_dsl_core::compile(tokens).output.expect("no errors");
//! assert!(output.arm.contains("\"defaultValue\": \"[resourceGroup().location]\""));
//! ```

pub mod access;
pub mod arm;
pub mod ast;
pub mod check;
pub mod codes;
pub mod diag;
pub mod emit;
pub mod eval;
pub mod expand;
pub mod functions;
pub mod graph;
pub mod ir;
pub mod lints;
pub mod parse;
pub mod resolve;
pub mod roles;
pub mod typed;
pub mod types;

pub use expand::expand;

/// The messages of the errors a template compiles with (none when it compiles),
/// for the unit tests of every stage; without their codes (`ADSL0404: `), which
/// the error catalogue's own tests check (`tests/error_catalogue.rs`).
#[cfg(test)]
pub(crate) fn compile_errors(tokens: TokenStream) -> Vec<String> {
    match compile(tokens).output {
        Ok(_) => Vec::new(),
        Err(errors) => uncoded(&errors),
    }
}

/// The errors' messages without their codes.
#[cfg(test)]
pub(crate) fn uncoded(errors: &[syn::Error]) -> Vec<String> {
    errors
        .iter()
        .map(|e| codes::strip(&e.to_string()).to_string())
        .collect()
}
use proc_macro2::TokenStream;

/// What one compilation produced.
pub struct Compilation {
    /// The header (constant name and visibility), when it parsed: the constant is
    /// defined even when the rest has errors.
    pub header: Option<ast::Header>,
    /// The parameters, as the parameters type sees them (read from the syntax
    /// tree, so that the type is defined even when the template has errors).
    pub params: Vec<typed::TypedParam>,
    /// The files the template reads at compile time (absolute paths): the
    /// expansion includes them so that editing one rebuilds.
    pub files: Vec<String>,
    /// The emitted template, or every error found.
    pub output: Result<Output, Vec<syn::Error>>,
}

/// A successfully compiled template.
pub struct Output {
    /// The checked template.
    pub template: ir::Template,
    /// ARM template JSON (module templates still as placeholders; see [`mod@expand`]).
    pub arm: String,
    /// Bicep source.
    pub bicep: String,
    /// Warnings (security lints): the template is valid but probably not as meant.
    pub warnings: Vec<diag::Warning>,
}

/// Runs every stage on the tokens of one `template!` invocation.
///
/// Syntax errors stop the pipeline after parsing (names in a declaration that did
/// not parse would only cause follow-on errors); otherwise every error of every
/// later stage is reported together.
pub fn compile(tokens: TokenStream) -> Compilation {
    let parsed = parse::parse_template(tokens);
    let header = parsed.template.as_ref().map(|t| t.header.clone());
    let params = parsed
        .template
        .as_ref()
        .map(typed::collect)
        .unwrap_or_default();
    let mut diags = diag::Diagnostics::new();
    diags.extend(parsed.errors);
    let template = match parsed.template {
        Some(template) if diags.is_empty() => template,
        _ => {
            return Compilation {
                header,
                params,
                files: Vec::new(),
                output: Err(diags.into_errors()),
            };
        }
    };
    let levels = lints::levels(
        &template.header.attrs,
        template.header.name.span(),
        &mut diags,
    );
    // Resolution consumes the syntax tree, declaration by declaration.
    let template = resolve::resolve(template, &mut diags);
    check::check(&template, &mut diags);
    if let Some(header) = &header {
        typed::collisions(header, &params, &mut diags);
    }
    let warnings = diags.take_warnings();
    let warnings = lints::apply(warnings, &levels, &mut diags);
    let mut files = template.files.clone();
    // The crate's lint levels are read from it: editing them rebuilds.
    files.extend(lints::manifest().map(|p| p.display().to_string()));
    if !diags.is_empty() {
        return Compilation {
            header,
            params,
            files,
            output: Err(diags.into_errors()),
        };
    }
    let arm = emit::arm::arm_json(&template);
    let bicep = emit::bicep::bicep(&template);
    Compilation {
        header,
        params,
        files,
        output: Ok(Output {
            template,
            arm,
            bicep,
            warnings,
        }),
    }
}
