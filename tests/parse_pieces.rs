//! `parse::parse_template` parses each declaration from its own tokens and falls
//! back to parsing the invocation in one piece when one does not parse that way
//! (issue 14). This checks, on every `template!` invocation of the examples and
//! of the UI tests (valid and broken), and on edge cases of the cut between
//! declarations, that the result is the one-piece parse's: the same tree, token
//! spans included, and the same errors at the same places.

use apim_dsl_core::parse::{Parsed, parse_template, parse_whole};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::path::Path;

/// The tree and the errors, spans included, as text.
fn shown(parsed: &Parsed) -> String {
    let errors: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("{:?} {e}", e.span().byte_range()))
        .collect();
    format!("{:#?}\n{errors:#?}", parsed.template)
}

fn same(body: TokenStream, what: &str) {
    let pieces = shown(&parse_template(body.clone()));
    let whole = shown(&parse_whole(body));
    assert!(
        pieces == whole,
        "{what}: parsing by declaration differs from parsing in one piece"
    );
}

/// The bodies of `template! { ... }` (after any path) in `tokens`, nested included.
fn invocations(tokens: TokenStream, out: &mut Vec<TokenStream>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        if let TokenTree::Group(group) = tree {
            let named = matches!(
                (i.checked_sub(2).map(|j| &trees[j]), &trees[i - 1.min(i)]),
                (Some(TokenTree::Ident(name)), TokenTree::Punct(bang))
                    if name == "template" && bang.as_char() == '!'
            );
            if named && group.delimiter() == Delimiter::Brace {
                out.push(group.stream());
            } else {
                invocations(group.stream(), out);
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_invocation_of_the_examples_and_ui_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "tests/ui"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut count = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // A UI test may not lex (that is what it tests): rustc stops there.
        let Ok(tokens) = text.parse::<TokenStream>() else {
            continue;
        };
        let mut bodies = Vec::new();
        invocations(tokens, &mut bodies);
        for (i, body) in bodies.into_iter().enumerate() {
            same(body, &format!("{}#{i}", file.display()));
            count += 1;
        }
    }
    // The UI tests alone hold over 200 invocations.
    assert!(count > 200, "only {count} invocations found");
}

#[test]
fn cuts_between_declarations() {
    let cases = [
        // `;` after bodies, doubled, and at the end.
        "const T; resource a \"T@1\" { name: \"a\" }; ; grant g { principal: a, scope: a };",
        // Braces in a declaration that ends at `;`, and a condition with braces.
        "const T; param p: object = { a: { b: 1 } }; var v = [{}, {}]; resource r \"T@1\" if {a: true}.a { name: \"r\" }",
        // Attributes and doc comments before declarations and the header.
        "/// doc\n#[targetScope(\"subscription\")] pub(crate) const T; /// a\n#[batchSize(2)] resource r \"T@1\" for i in range(0, 2) { name: \"r\" }",
        // A module, a function and an output.
        "const T; module m = crate::X { name: \"m\" } func f(a: string): string = a; output o: string = f(\"x\");",
        // Broken: a missing `;` before the next declaration, before the end, and
        // a missing body.
        "const T; param p: string resource r \"T@1\" { name: \"r\" }",
        "const T; var v = 1",
        "const T; resource r \"T@1\" existing",
        "const T; grant g",
        // Broken header, empty input, only a header.
        "const T resource r \"T@1\" { }",
        "",
        "pub const T;",
        // A stray token between declarations, and Bicep's decorator.
        "const T; var a = 1; + var b = 2;",
        "const T; @description(\"x\") param p: string;",
        // A keyword that is not a declaration's.
        "const T; let x = 1;",
        // A raw identifier where a keyword is expected.
        "const T; r#resource r \"T@1\" { name: \"r\" }",
    ];
    for case in cases {
        same(case.parse().unwrap(), case);
    }
}
