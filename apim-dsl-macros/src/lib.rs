//! Procedural macros of [apim-dsl](https://docs.rs/apim-dsl). Depend on `apim-dsl`,
//! which re-exports them with their documentation; this crate is only the entry
//! point into the compiler in `apim-dsl-core`.

use proc_macro::TokenStream;

/// Declares an ARM template; see `apim_dsl::template!` for the documentation.
#[proc_macro]
pub fn template(input: TokenStream) -> TokenStream {
    apim_dsl_core::expand(input.into()).into()
}
