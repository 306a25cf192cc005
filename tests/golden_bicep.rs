//! Golden files: the Bicep and the ARM JSON of every example template equal
//! `tests/golden/<stem>.bicep` and `<stem>.json` byte for byte. Bicep is
//! compared as exact text because its layout is part of what the emitter
//! promises (`bicep format` style); the JSON because the output is
//! deterministic.
//!
//! `APIM_DSL_BLESS=1 cargo test --test golden_bicep` writes the files instead of
//! comparing; review the diff before committing it.

#[allow(dead_code)]
#[path = "common/examples.rs"]
mod examples;

use examples::seed;

use apim_dsl::Template;
use apim_dsl_workspace::dump;
use std::path::PathBuf;

/// Compares (or with `APIM_DSL_BLESS=1` writes) the golden Bicep and ARM JSON
/// of `template`.
fn golden(template: &Template) {
    dump(template);
    golden_file(template, "bicep");
    golden_file(template, "json");
}

fn golden_file(template: &Template, extension: &str) {
    let name = format!("{}.{extension}", template.file_stem());
    // The file as `Template::files` writes it: the text and a final newline.
    let actual = template
        .files()
        .into_iter()
        .find(|f| f.path == name)
        .map(|f| f.contents)
        .unwrap_or_else(|| panic!("{} has no {extension} file", template.name()));
    let text = if extension == "bicep" {
        template.bicep()
    } else {
        template.arm_json()
    };
    assert_eq!(actual, format!("{text}\n"));
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(&name);
    if std::env::var_os("APIM_DSL_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &actual).expect("tests/golden is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `APIM_DSL_BLESS=1 cargo test --test golden_bicep` to create it",
            path.display()
        )
    });
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "{} differs from the emitted file at line {}\n--- emitted ---\n{actual}\n--- golden ---\n{expected}\n(APIM_DSL_BLESS=1 rewrites it)",
            path.display(),
            line + 1
        );
    }
}

#[test]
fn apim_with_identity() {
    golden(&seed::APIM_WITH_IDENTITY);
}

#[test]
fn apim_with_key_vault() {
    golden(&seed::APIM_WITH_KEY_VAULT);
}

/// Every template of every example has its golden file, modules included.
#[test]
fn every_example_template() {
    for template in examples::all() {
        golden(&template);
    }
}

#[test]
fn every_example_is_listed() {
    assert_eq!(examples::example_files(), examples::FILES);
}
