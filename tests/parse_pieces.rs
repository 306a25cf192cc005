//! `parse::parse_template` parses each declaration from its own tokens and falls
//! back to parsing the invocation in one piece when one does not parse that way
//! (issue 14). This checks, on every `template!` invocation of the examples and
//! of the UI tests (valid and broken), and on edge cases of the cut between
//! declarations, that the result is the one-piece parse's: the same tree (as
//! its `Debug` shows it: identifiers and most tokens with their spans, string
//! literals and a module's path by value) and the same errors at the same
//! places. Both parses read the very same tokens, moved, never lexed again, so
//! a literal's span cannot differ where its value does not. It also checks
//! that the examples' invocations take the first way, by declaration.

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

use apim_dsl_core::parse::{Parsed, parse_by_declaration, parse_template, parse_whole};
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
    assert_eq!(
        pieces, whole,
        "{what}: parsing by declaration differs from parsing in one piece"
    );
}

/// The bodies of `template! { ... }` (after any path) in `tokens`, nested included.
fn invocations(tokens: TokenStream, out: &mut Vec<TokenStream>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        if let TokenTree::Group(group) = tree {
            let named = matches!(
                (
                    i.checked_sub(2).map(|j| &trees[j]),
                    i.checked_sub(1).map(|j| &trees[j]),
                ),
                (Some(TokenTree::Ident(name)), Some(TokenTree::Punct(bang)))
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

/// Every `template!` invocation in the Rust files under `dirs` (relative to the
/// repository), named `file#index`, in file order. A file that does not lex is
/// left out: a UI test may be about exactly that, and rustc stops there.
fn invocations_in(dirs: &[&str]) -> Vec<(String, TokenStream)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let Ok(tokens) = text.parse::<TokenStream>() else {
            continue;
        };
        let mut bodies = Vec::new();
        invocations(tokens, &mut bodies);
        for (i, body) in bodies.into_iter().enumerate() {
            found.push((format!("{}#{i}", file.display()), body));
        }
    }
    found
}

#[test]
fn every_invocation_of_the_examples_and_ui_tests() {
    let found = invocations_in(&["examples", "tests/ui"]);
    // The UI tests alone hold over 200 invocations.
    assert!(found.len() > 200, "only {} invocations found", found.len());
    for (name, body) in found {
        same(body, &name);
    }
}

/// Every invocation of the examples and of the UI tests that must compile is
/// parsed by declaration: the first way is the one taken, not only one that
/// agrees with the fallback.
#[test]
fn valid_invocations_are_parsed_by_declaration() {
    let found = invocations_in(&["examples", "tests/ui/pass"]);
    assert!(found.len() > 20, "only {} invocations found", found.len());
    for (name, body) in found {
        assert!(
            parse_by_declaration(body).is_some(),
            "{name} is parsed in one piece, not by declaration"
        );
    }
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
        // Raw identifiers and the DSL's keywords as names, a `pub(in path)` header.
        "pub(in crate::a) const r#var; resource resource \"T@1\" { } var r#resource = r#module; grant grant { }",
        // Only attributes, and attributes with no declaration after them.
        "#[a] /// doc",
        "const T; var v = 1; #[batchSize(2)] /// doc",
        // A lambda and a ternary just before a body, a `;` inside a group.
        "const T; resource r \"T@1\" if x => {} { } module m = a::B if a ? b : {} { } var v = [1; 2];",
        // A declaration inside braces where a declaration is expected.
        "const T; { var v = 1; } var w = 2;",
    ];
    for case in cases {
        same(case.parse().unwrap(), case);
    }
}

/// How many of the first headers, attributes and declarations are valid.
const VALID_HEADERS: usize = 8;
const VALID_ATTRS: usize = 8;
const VALID_DECLARATIONS: usize = 31;

const HEADERS: [&str; 12] = [
    "const T;",
    "pub const T;",
    "pub(crate) const T;",
    "pub(in crate::infra) const T;",
    "#[targetScope(\"subscription\")] pub(super) const T;",
    "/// The template.\n pub(self) const T;",
    "const resource;",
    "#[a] #[b(1, x)] const r#var;",
    "pub(foo) const T;",
    "pub(in) const T;",
    "const T",
    "const;",
];

const ATTRS: [&str; 12] = [
    "/// doc\n",
    "/** block */",
    "#[doc = \"x\"]",
    "#[batchSize(2)]",
    "#[description(\"a; b\")]",
    "#[metadata(\"k\", 1)]",
    "#[secure]",
    "#[resource]",
    "#[metadata(1.5)]",
    "#[a(1 2)]",
    "#![inner]",
    "@description(\"x\")",
];

/// Declarations, most as the grammar has them, with a `;` or a body at the end
/// (which the generator sometimes drops or doubles). `r5` and `r6` hold braces
/// before their body, so that they are parsed in one piece.
const DECLARATIONS: [&str; 34] = [
    "param p: string;",
    "param q: int = 1 + 2 * 3 - -4 % 5;",
    "param o: object = { a: { b: [1, 2] }, \"c\": null, [k]: v };",
    "param s: secureString;",
    "var v = p ?? \"x\";",
    "var w = a ? { x: 1 } : [for i in range(0, 2): i];",
    "var l = map(xs, x => x.name);",
    "var l2 = reduce(xs, 0, (acc, x) => acc + x);",
    "var k = if(true, 1, 2) == mod(3, 2);",
    "var m = contoso.buildUrl(\"h\").path[0];",
    "var n = -9223372036854775808;",
    "var c = !a && b || c != d && e <= f;",
    "var z = {}.a[{ b: 1 }.b];",
    "var e = x => { a: 1 };",
    "var r#resource = r#module;",
    "output o: string = f(\"x\");",
    "output p: object = { resources: [resource c \"c@1\" { name: \"c\" }] };",
    "func f(a: string, b: int = 1): string = concat(a, \"x\");",
    "func g(): array = [for (x, i) in xs: { i: i }];",
    "resource r \"T@1\" { name: \"r\" }",
    "resource r2 \"T@1\" existing { name: \"r\" }",
    "resource r3 \"T@1\" for i in range(0, 2) { name: \"r\" }",
    "resource r4 \"T@1\" for (x, i) in xs if x.on { name: x.name }",
    "resource r5 \"T@1\" if {a: true}.a { name: \"r\" }",
    "resource r6 \"T@1\" for x in {a: [1]}.a { name: \"r\" }",
    "resource r7 \"T@1\" { name: \"p\", resources: [ resource c \"c@1\" { name: \"c\" }, #[batchSize(1)] resource d \"d@1\" existing { } ] }",
    "resource r8 \"T@1\" if x => 1 { }",
    "module m = crate::X { name: \"m\" }",
    "module m2 = super::super::Y for i in xs if i > 1 { name: \"m\" }",
    "module m3 = ::a::b::C if a ? b : c { }",
    "grant g if x { principal: a, scope: a }",
    "param b string;",
    "var type = 1;",
    "resource r9 \"T@1\" = { }",
];

/// Tokens and pieces of declarations that belong nowhere in particular.
const STRAYS: [&str; 42] = [
    ";",
    ";",
    ";;",
    "+",
    "{ }",
    "{ name: \"x\" }",
    "( )",
    "[ ]",
    "[1; 2]",
    "{ a; b }",
    "resource",
    "module",
    "grant",
    "var",
    "param",
    "output",
    "func",
    "r#resource",
    "r#grant",
    "existing",
    "if",
    "for x in",
    "in",
    "=",
    "=>",
    "?",
    "??",
    "::",
    ":",
    ",",
    ".",
    "#",
    "\"T@1\"",
    "1",
    "1.5",
    "'a'",
    "b\"x\"",
    "x",
    "let x = 1;",
    "const U;",
    "pub",
    "x => {}",
];

/// A random invocation: a header and declarations with attributes, and, unless
/// `clean`, broken ones among them, missing or doubled ends, words left out and
/// stray tokens. The first `VALID_*` entries of each list are valid.
fn random_invocation(rng: &mut Rng, clean: bool) -> String {
    let pick = |rng: &mut Rng, from: &[&'static str], valid: usize| -> String {
        if clean {
            from[rng.below(valid)].to_string()
        } else {
            rng.pick(from).to_string()
        }
    };
    let mut parts: Vec<String> = Vec::new();
    let header_at = if clean || rng.chance(90) {
        0
    } else {
        rng.below(4)
    };
    let count = rng.below(7);
    for i in 0..=count {
        if i == header_at && (clean || rng.chance(95)) {
            parts.push(pick(rng, &HEADERS, VALID_HEADERS));
        }
        if i == count {
            break;
        }
        for _ in 0..rng.below(3).saturating_sub(rng.below(2)) {
            parts.push(pick(rng, &ATTRS, VALID_ATTRS));
        }
        if !clean && rng.chance(12) {
            parts.push(rng.pick(&STRAYS).to_string());
            continue;
        }
        let declaration = pick(rng, &DECLARATIONS, VALID_DECLARATIONS);
        let mut words: Vec<&str> = declaration.split(' ').collect();
        let op = match clean {
            // A `;` after a body is valid.
            true if declaration.ends_with('}') && rng.chance(30) => 1,
            true => 9,
            false => rng.below(10),
        };
        match op {
            // The end (`;` or the body's `}`) dropped or doubled.
            0 => {
                let last = words.pop().unwrap_or("");
                words.push(last.strip_suffix(';').unwrap_or(last));
            }
            1 => words.push(";"),
            // A word left out (which may leave a bracket unclosed: the input
            // then does not lex and is skipped) or a stray one put in.
            2 if !words.is_empty() => {
                words.remove(rng.below(words.len()));
            }
            3 => {
                let at = rng.below(words.len() + 1);
                words.insert(at, rng.pick(&STRAYS));
            }
            _ => {}
        }
        parts.push(words.join(" "));
    }
    if !clean && rng.chance(5) {
        // Attributes with no declaration after them.
        parts.push(rng.pick(&ATTRS).to_string());
    }
    let joint = if rng.chance(50) { " " } else { "\n" };
    parts.join(joint)
}

/// The invocation with a few of its token trees, at the top level or inside a
/// group, removed, repeated, moved, or put in an invisible group.
fn mutated(rng: &mut Rng, tokens: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if trees.is_empty() {
        return TokenStream::new();
    }
    for _ in 0..1 + rng.below(2) {
        let at = rng.below(trees.len());
        match rng.below(5) {
            // An invisible group, as `macro_rules!` passes a `$e:expr`: the cut
            // does not look into it, syn's cursor does.
            4 => {
                let to = (at + rng.below(3)).min(trees.len());
                let inner: TokenStream = trees.drain(at..to).collect();
                let group = proc_macro2::Group::new(Delimiter::None, inner);
                trees.insert(at, TokenTree::Group(group));
            }
            0 if trees.len() > 1 => {
                trees.remove(at);
            }
            1 => {
                let copy = trees[rng.below(trees.len())].clone();
                trees.insert(at, copy);
            }
            2 => {
                let to = rng.below(trees.len());
                trees.swap(at, to);
            }
            _ => {
                if let TokenTree::Group(group) = &trees[at] {
                    let mut inner =
                        proc_macro2::Group::new(group.delimiter(), mutated(rng, group.stream()));
                    inner.set_span(group.span());
                    trees[at] = TokenTree::Group(inner);
                }
            }
        }
    }
    trees.into_iter().collect()
}

#[test]
fn random_invocations() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut compared, mut clean, mut unlexed) = (0, 0, 0);
    for round in 0..3000 {
        let text = random_invocation(&mut rng, round % 2 == 0);
        let Ok(tokens) = text.parse::<TokenStream>() else {
            unlexed += 1;
            continue;
        };
        let variants = [tokens.clone(), mutated(&mut rng, tokens)];
        for (i, body) in variants.into_iter().enumerate() {
            let whole = parse_whole(body.clone());
            clean += usize::from(whole.errors.is_empty() && whole.template.is_some());
            same(body.clone(), &format!("round {round}, variant {i}: {body}"));
            compared += 1;
        }
    }
    // Both ways of parsing are taken often: by declaration (the invocation
    // parses without an error) and in one piece.
    assert!(
        clean > 1000 && compared - clean > 1000 && unlexed < 300,
        "{compared} compared, {clean} without an error, {unlexed} did not lex"
    );
}
