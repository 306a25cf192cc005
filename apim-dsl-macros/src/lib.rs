//! Procedural macros of [apim-dsl](https://docs.rs/apim-dsl). Depend on `apim-dsl`,
//! which re-exports them with their documentation; this crate is only the entry
//! point into the compiler in `apim-dsl-core`.

use proc_macro::TokenStream;

// Documented only when rustdoc documents this crate (`cfg(doc)`): rustdoc
// inlines the macro into `apim_dsl` from this crate's normal build, where
// these lines would be appended to `apim_dsl::template!`'s own documentation.
#[cfg_attr(
    doc,
    doc = "Declares an ARM template as a constant, in the language described in \
           [`apim_dsl::language`](https://docs.rs/apim-dsl/latest/apim_dsl/language/index.html).\n\n\
           Use it as [`apim_dsl::template!`](https://docs.rs/apim-dsl/latest/apim_dsl/macro.template.html): \
           the `apim-dsl` crate re-exports it and holds the types of the constants it defines."
)]
#[proc_macro]
pub fn template(input: TokenStream) -> TokenStream {
    apim_dsl_core::expand(input.into()).into()
}
