//! Compile-time behaviour of `template!`: `pass/` must compile; each `fail/` case
//! must fail with exactly the error in its `.stderr`, caret under the offending
//! token. Regenerate with `TRYBUILD=overwrite cargo test --test ui` and review.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
