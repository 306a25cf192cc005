//! The committed data of apim-dsl-types is what the generator makes of Bicep's
//! type data. Where `../shared/azure-types` exists (the subset of bicep-types-az
//! this project is given), the generator runs on it: every provider whose files
//! it holds completely must come out byte for byte as committed, and every file
//! it holds must be listed, with the same git blob id, in the committed
//! manifest. Without the folder the test says so and passes: the project must
//! build and test without `../shared`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn types_crate() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../apim-dsl-types")
}

/// `namespace → {(blob id, path)}` of a manifest's text.
fn by_namespace(manifest: &str) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let (id, path) = line.split_once(char::is_whitespace).expect("`id  path`");
        let path = path.trim().to_string();
        let namespace = path.split('/').nth(2).expect("generated/<group>/<ns>/...");
        out.entry(namespace.to_string())
            .or_default()
            .insert((id.to_string(), path));
    }
    out
}

#[test]
fn committed_data_matches_the_shared_type_data() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/azure-types");
    if !shared.join("generated").is_dir() {
        eprintln!("{} not present: staleness not checked", shared.display());
        return;
    }
    let committed_manifest =
        std::fs::read_to_string(types_crate().join("data/types.manifest")).unwrap();
    let committed = by_namespace(&committed_manifest);
    let commit = apim_dsl_typegen::commit_from_readme(&shared).expect("README names a commit");
    assert!(
        apim_dsl_types::SOURCE.ends_with(&format!("@{commit}")),
        "data from {}, shared type data at {commit}: regenerate (apim-dsl-types/README.md)",
        apim_dsl_types::SOURCE
    );
    let output = apim_dsl_typegen::generate(&shared, apim_dsl_types::SOURCE).unwrap();
    // The generator's own manifest of the shared files equals the shared one.
    let shared_manifest = std::fs::read_to_string(shared.join("types.manifest")).unwrap();
    let generated: String = output
        .manifest
        .iter()
        .map(|(id, path)| format!("{id}  {path}\n"))
        .collect();
    assert_eq!(by_namespace(&generated), by_namespace(&shared_manifest));
    let mut compared = 0;
    for (namespace, files) in by_namespace(&generated) {
        let all = committed
            .get(&namespace)
            .unwrap_or_else(|| panic!("{namespace} missing from the committed data"));
        assert!(
            files.is_subset(all),
            "{namespace}: shared files differ from the committed manifest: regenerate"
        );
        if files == *all {
            let blob = std::fs::read(types_crate().join(format!("data/{namespace}.bin"))).unwrap();
            assert!(
                blob == output.blobs[&namespace],
                "data/{namespace}.bin is stale: regenerate (apim-dsl-types/README.md)"
            );
            compared += 1;
        }
    }
    // ApiManagement, KeyVault, ManagedIdentity, Authorization, Resources, ...
    assert!(compared >= 10, "only {compared} providers compared");
}

#[test]
fn generation_is_deterministic() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/azure-types/generated/keyvault");
    if !shared.is_dir() {
        return;
    }
    let first = apim_dsl_typegen::generate(&shared, "x").unwrap();
    let second = apim_dsl_typegen::generate(&shared, "x").unwrap();
    assert_eq!(first.files, second.files);
}
