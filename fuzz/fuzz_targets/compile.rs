//! Any text that tokenizes as Rust goes through the whole compiler (parse,
//! resolve, check, emit, expand); a panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else {
        return;
    };
    let _ = apim_dsl_core::expand(tokens);
});
