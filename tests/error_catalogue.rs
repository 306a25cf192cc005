//! The error catalogue (`apim-dsl/src/errors.md`, the docs of `apim_dsl::errors`)
//! against the compiler's codes (`apim_dsl_core::codes::ALL`): one section per
//! code, in order, with the code's name and summary; its wrong example fails
//! with that code and its right example compiles, without warnings.
//!
//! rustdoc compiles the same blocks (`cargo test --doc -p apim-dsl`), but a
//! `compile_fail` block passes whatever the error: this test checks which one.

use apim_dsl_core::codes::{self, Code};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::str::FromStr;

const CATALOGUE: &str = include_str!("../apim-dsl/src/errors.md");
const PRIVATE: &str = include_str!("../apim-dsl/src/private.rs");

/// Codes checked by rustc, in the constants a template defines for its modules
/// (`apim_dsl::__private`): the compiler cannot see the module's template, so
/// their wrong examples compile in `apim_dsl_core::compile` and fail in rustc.
const CHECKED_BY_RUSTC: &[&str] = &["ADSL0510", "ADSL0511"];

/// One `## ADSLnnnn `name`` section of the catalogue.
struct Section<'a> {
    id: &'a str,
    name: &'a str,
    /// The first paragraph line after the heading.
    summary: &'a str,
    /// The fenced blocks: (info string, code), in order.
    blocks: Vec<(&'a str, String)>,
    /// The lines outside blocks, for the `Wrong:` and `Right:` labels.
    prose: Vec<&'a str>,
}

fn sections(text: &str) -> Vec<Section<'_>> {
    let mut sections: Vec<Section> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(fence) = line.strip_prefix("```") {
            // A block of the intro or of a section.
            let mut code = String::new();
            for inner in lines.by_ref() {
                if inner.starts_with("```") {
                    break;
                }
                code.push_str(inner);
                code.push('\n');
            }
            if let Some(section) = sections.last_mut() {
                section.blocks.push((fence, code));
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            let (id, name) = heading
                .split_once(' ')
                .unwrap_or_else(|| panic!("heading `{line}`: expected `## ADSLnnnn `name``"));
            let name = name
                .strip_prefix('`')
                .and_then(|n| n.strip_suffix('`'))
                .unwrap_or_else(|| panic!("heading `{line}`: the name goes in backticks"));
            sections.push(Section {
                id,
                name,
                summary: "",
                blocks: Vec::new(),
                prose: Vec::new(),
            });
            continue;
        }
        if let Some(section) = sections.last_mut() {
            if section.summary.is_empty() && !line.trim().is_empty() {
                section.summary = line;
            }
            section.prose.push(line);
        }
    }
    sections
}

/// The code rustdoc compiles: `# ` hidden-line prefixes removed.
fn unhidden(code: &str) -> String {
    code.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed == "#" {
                ""
            } else if let Some(rest) = trimmed.strip_prefix("# ") {
                rest
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The input of every `template! { ... }` invocation in a block, in order.
fn invocations(id: &str, code: &str) -> Vec<TokenStream> {
    let tokens = TokenStream::from_str(&unhidden(code))
        .unwrap_or_else(|e| panic!("{id}: a block does not lex as Rust: {e}"));
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut found = Vec::new();
    for window in tokens.windows(3) {
        if let [
            TokenTree::Ident(ident),
            TokenTree::Punct(bang),
            TokenTree::Group(body),
        ] = window
            && ident == "template"
            && bang.as_char() == '!'
            && body.delimiter() == Delimiter::Brace
        {
            found.push(body.stream());
        }
    }
    assert!(
        !found.is_empty(),
        "{id}: a block without `apim_dsl::template! {{ ... }}`"
    );
    found
}

/// Every error message of every template of a block (empty when all compile),
/// and every warning.
fn compile_block(id: &str, code: &str) -> (Vec<String>, Vec<String>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for tokens in invocations(id, code) {
        match apim_dsl_core::compile(tokens).output {
            Ok(output) => warnings.extend(output.warnings.into_iter().map(|w| w.message)),
            Err(es) => errors.extend(es.iter().map(|e| e.to_string())),
        }
    }
    (errors, warnings)
}

#[test]
fn every_code_has_one_section_in_order() {
    let sections = sections(CATALOGUE);
    for section in &sections {
        assert!(
            codes::ALL.iter().any(|code| code.id == section.id),
            "errors.md has a section for `{}`, which is not a code of apim_dsl_core::codes::ALL",
            section.id
        );
    }
    let ids: Vec<&str> = sections.iter().map(|s| s.id).collect();
    let expected: Vec<&str> = codes::ALL.iter().map(|c| c.id).collect();
    assert_eq!(
        ids, expected,
        "errors.md must have exactly one section per code, in the order of codes::ALL"
    );
    for (section, code) in sections.iter().zip(codes::ALL) {
        assert_eq!(section.name, code.name, "{}: the heading's name", code.id);
        assert_eq!(
            section.summary, code.summary,
            "{}: the line after the heading is the code's summary, verbatim",
            code.id
        );
    }
}

#[test]
fn every_section_has_a_wrong_and_a_right_example() {
    for section in sections(CATALOGUE) {
        let fences: Vec<&str> = section.blocks.iter().map(|(fence, _)| *fence).collect();
        assert_eq!(
            fences,
            ["rust,compile_fail", "rust"],
            "{}: a section has one `rust,compile_fail` block (wrong) then one `rust` block (right)",
            section.id
        );
        let labels: Vec<&str> = section
            .prose
            .iter()
            .copied()
            .filter(|line| *line == "Wrong:" || *line == "Right:")
            .collect();
        assert_eq!(labels, ["Wrong:", "Right:"], "{}: the labels", section.id);
        for (_, code) in &section.blocks {
            assert!(
                code.contains("# fn main() {}"),
                "{}: a doctest with a template at the top level needs `# fn main() {{}}`",
                section.id
            );
        }
    }
}

fn code_of(id: &str) -> &'static Code {
    codes::ALL.iter().find(|code| code.id == id).unwrap()
}

#[test]
fn wrong_examples_fail_with_their_code() {
    let mut failures = Vec::new();
    for section in sections(CATALOGUE) {
        let code = code_of(section.id);
        let Some((_, wrong)) = section.blocks.first() else {
            continue;
        };
        let (errors, _) = compile_block(code.id, wrong);
        let prefix = format!("{}: ", code.id);
        if CHECKED_BY_RUSTC.contains(&code.id) {
            // The compiler accepts it: the error is rustc's, in the module's constant.
            if !errors.is_empty() {
                failures.push(format!(
                    "{}: the wrong example is checked by rustc, but the compiler already rejects it: {errors:#?}",
                    code.id
                ));
            }
            continue;
        }
        if errors.is_empty() {
            failures.push(format!(
                "{} ({}): the wrong example compiles; it must fail with {}",
                code.id, code.name, code.id
            ));
        } else if !errors.iter().all(|e| e.starts_with(&prefix)) {
            failures.push(format!(
                "{} ({}): the wrong example must fail with {} only, it fails with {errors:#?}",
                code.id, code.name, code.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn right_examples_compile_without_warnings() {
    let mut failures = Vec::new();
    for section in sections(CATALOGUE) {
        let Some((_, right)) = section.blocks.get(1) else {
            continue;
        };
        let (errors, warnings) = compile_block(section.id, right);
        if !errors.is_empty() || !warnings.is_empty() {
            failures.push(format!(
                "{}: the right example must compile without errors or warnings: errors {errors:#?}, warnings {warnings:#?}",
                section.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn codes_checked_by_rustc_are_raised_by_the_module_constants() {
    // Every `"ADSLnnnn: "` the module constants build into a message is a known code...
    let mut raised = Vec::new();
    for (at, _) in PRIVATE.match_indices("\"ADSL") {
        let literal = &PRIVATE[at + 1..];
        let id = &literal[..8];
        assert!(
            literal[8..].starts_with(": \""),
            "apim-dsl/src/private.rs: `{}` is not written as `\"ADSLnnnn: \"`",
            &literal[..literal.len().min(12)]
        );
        assert!(
            codes::ALL.iter().any(|code| code.id == id),
            "apim-dsl/src/private.rs raises `{id}`, which is not a code of apim_dsl_core::codes::ALL"
        );
        raised.push(id);
    }
    // ... and every code the catalogue says rustc checks is among them.
    for id in CHECKED_BY_RUSTC {
        assert!(
            raised.contains(id),
            "{id} is documented as checked by rustc, but apim-dsl/src/private.rs never raises it"
        );
    }
}

#[test]
fn the_parser_of_this_test_finds_hidden_lines_and_invocations() {
    let block = "apim_dsl::template! {\n    pub const T;\n    output s: string = \"{0}\";\n}\n# fn main() {}\n";
    assert_eq!(
        unhidden(block).lines().last(),
        Some("fn main() {}"),
        "hidden lines are unhidden"
    );
    let found = invocations("test", block);
    assert_eq!(found.len(), 1);
    assert!(apim_dsl_core::compile(found[0].clone()).output.is_ok());
}
