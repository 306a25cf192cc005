//! `check` over the deliberately broken templates of `tests/arm-corpus/broken`:
//! each mistake listed in `NAME.expected` (`LINE:COLUMN: fragment`) is reported
//! as an error at that line and column of the JSON value.

use apim_dsl_core::arm::import::verify::{Severity, check_template};
use apim_dsl_core::arm::json_pos::PositionIndex;
use std::path::Path;

/// Mistakes `check` does not report where expected yet: (file, line, why).
const NOT_YET: &[(&str, usize, &str)] = &[(
    "keyvault-access-without-identity.json",
    67,
    "reported one line below, at the keyVault object's secretIdentifier",
)];

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
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let index = PositionIndex::new(&text);
        let errors: Vec<(usize, usize, String)> = check_template(&value)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| {
                let at = index.position(&f.path)?;
                Some((at.line, at.column, f.message))
            })
            .collect();
        let listed = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        for line in listed.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.splitn(3, ':');
            let want_line: usize = parts.next().unwrap().trim().parse().unwrap();
            let want_column: usize = parts.next().unwrap().trim().parse().unwrap();
            expected += 1;
            let hit = errors
                .iter()
                .any(|(l, c, _)| *l == want_line && *c == want_column);
            let known = NOT_YET
                .iter()
                .any(|(file, l, _)| *file == name && *l == want_line);
            match (hit, known) {
                (true, false) => found += 1,
                (false, true) => {}
                (true, true) => problems.push(format!(
                    "{name}:{want_line}: found now, take it off NOT_YET"
                )),
                (false, false) => problems.push(format!(
                    "{name}:{want_line}:{want_column}: not reported there; errors: {errors:?}"
                )),
            }
        }
    }
    eprintln!("check: {found} of {expected} deliberate mistakes at their line and column");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(found >= 39, "{found}");
}
