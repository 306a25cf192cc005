//! `check` over the deliberately broken templates of `tests/arm-corpus/broken`:
//! each mistake listed in `NAME.expected` (`LINE:COLUMN: fragment`) is reported
//! as an error at that line and column of the JSON value: by default, as
//! `apim-dsl check` reports it, or only with `--strict` where Bicep too
//! reports the mistake as a warning ([`STRICT_ONLY`]).

use apim_dsl_core::arm::import::verify::{Severity, check_template};
use apim_dsl_core::arm::json_pos::PositionIndex;
use std::path::Path;

/// Mistakes `check` does not report where expected yet: (file, line, why).
const NOT_YET: &[(&str, usize, &str)] = &[(
    "keyvault-access-without-identity.json",
    67,
    "reported one line below, at the keyVault object's secretIdentifier",
)];

/// Mistakes that only the type data decides, which Bicep reports as warnings
/// in a resource body (the data can be inaccurate), and so does `check`:
/// they are errors with `--strict` only, and warnings at the same place
/// without it. (file, line, Bicep's code.) The other mistakes fail a
/// deployment whatever the type data says, or are a top-level key no
/// resource takes (an error in Bicep too), and are errors either way.
const STRICT_ONLY: &[(&str, usize, &str)] = &[
    ("apim-missing-required-properties.json", 33, "BCP035"),
    ("apim-missing-required-properties.json", 44, "BCP035"),
    // `identity` inside `properties`; `virtualNetworkType` at the top level
    // (line 40) is a key no resource takes, an error.
    ("apim-properties-in-wrong-place.json", 47, "BCP037"),
    // `properties` without `publisherEmail`; `publisherEmail` at the top
    // level (line 40) is an error.
    ("apim-publisher-email-outside-properties.json", 37, "BCP035"),
    ("apim-sku-name-typo.json", 31, "BCP088"),
    ("apim-sku-name-typo.json", 54, "BCP088"),
    ("apim-unknown-property.json", 68, "BCP037"),
    ("apim-unknown-property.json", 90, "BCP037"),
    ("apim-wrong-value-types.json", 32, "BCP036"),
    ("apim-wrong-value-types.json", 55, "BCP036"),
    ("apim-wrong-value-types.json", 69, "BCP036"),
    // A deployment's `mode` is in the type data of
    // `Microsoft.Resources/deployments`, which Bicep checks the same way.
    ("nested-deployment-scope-and-mode.json", 82, "BCP088"),
    ("unknown-resource-type-and-api-version.json", 26, "BCP081"),
    ("unknown-resource-type-and-api-version.json", 41, "BCP081"),
    ("unknown-resource-type-and-api-version.json", 46, "BCP081"),
];

/// (line, column, severity as reported, message) of each finding of `text`.
fn findings(text: &str, strict: bool) -> Vec<(usize, usize, Severity, String)> {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let index = PositionIndex::new(text);
    check_template(&value)
        .into_iter()
        .filter_map(|f| {
            let at = index.position(&f.path)?;
            Some((at.line, at.column, f.severity_for(strict), f.message))
        })
        .collect()
}

#[test]
fn check_finds_each_deliberate_mistake_at_its_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/arm-corpus/broken");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("the broken corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    let (mut expected, mut found, mut problems) = (0, 0, Vec::new());
    let mut strict_only_seen = 0;
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let (strict, lenient) = (findings(&text, true), findings(&text, false));
        let listed = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        for line in listed.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.splitn(3, ':');
            let want_line: usize = parts.next().unwrap().trim().parse().unwrap();
            let want_column: usize = parts.next().unwrap().trim().parse().unwrap();
            expected += 1;
            let at = |list: &[(usize, usize, Severity, String)], severity| {
                list.iter()
                    .any(|(l, c, s, _)| (*l, *c, *s) == (want_line, want_column, severity))
            };
            let hit = at(&strict, Severity::Error);
            let known = NOT_YET
                .iter()
                .any(|(file, l, _)| *file == name && *l == want_line);
            let strict_only = STRICT_ONLY
                .iter()
                .any(|(file, l, _)| *file == name && *l == want_line);
            match (hit, known) {
                (true, false) => found += 1,
                (false, true) => continue,
                (true, true) => problems.push(format!(
                    "{name}:{want_line}: found now, take it off NOT_YET"
                )),
                (false, false) => problems.push(format!(
                    "{name}:{want_line}:{want_column}: not reported there with --strict; errors: {strict:?}"
                )),
            }
            // Without `--strict`: an error, or a warning at the same place.
            let by_default = if strict_only {
                strict_only_seen += 1;
                at(&lenient, Severity::Warning) && !at(&lenient, Severity::Error)
            } else {
                at(&lenient, Severity::Error)
            };
            if !by_default {
                let want = if strict_only { "a warning" } else { "an error" };
                problems.push(format!(
                    "{name}:{want_line}:{want_column}: not {want} there without --strict; findings: {lenient:?}"
                ));
            }
        }
    }
    eprintln!("check: {found} of {expected} deliberate mistakes at their line and column");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        strict_only_seen,
        STRICT_ONLY.len(),
        "a STRICT_ONLY entry names no mistake"
    );
    assert!(found >= 39, "{found}");
}
