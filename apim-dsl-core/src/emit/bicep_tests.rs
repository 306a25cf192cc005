//! Unit tests of the Bicep emitter: DSL snippets in, exact Bicep text out.

use crate::compile;
use proc_macro2::TokenStream;

/// The Bicep of a template, or the compile errors.
fn bicep(tokens: TokenStream) -> String {
    match compile(tokens).output {
        Ok(output) => output.bicep,
        Err(errors) => {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("template did not compile: {messages:?}")
        }
    }
}

#[test]
fn smoke() {
    let text = bicep(quote::quote! {
        pub const T;
        param a: string;
        output b: string = a;
    });
    assert_eq!(text, "param a string\n\noutput b string = a");
}
