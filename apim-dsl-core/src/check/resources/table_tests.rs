//! The table itself: consistent versions, unique names, and the lookups that other
//! checks use.

use super::schema::{Kind, Prop, Req, ResourceType, version_key};
use super::*;

/// Every version a table entry mentions (`since`, `until`, required ranges) for
/// the props under `props`.
fn mentioned(props: &[Prop], out: &mut Vec<(String, &'static str)>, path: &str) {
    let mut seen = Vec::new();
    for prop in props {
        let here = format!("{path}.{}", prop.name);
        assert!(!seen.contains(&prop.name), "duplicate property {here}");
        seen.push(prop.name);
        for version in [prop.since, prop.until].into_iter().flatten() {
            out.push((here.clone(), version));
        }
        if let Req::Since(version) | Req::Until(version) = prop.required {
            out.push((here.clone(), version));
        }
        kind_versions(&prop.kind, out, &here);
    }
}

fn kind_versions(kind: &Kind, out: &mut Vec<(String, &'static str)>, path: &str) {
    match kind {
        Kind::Object(props) => mentioned(props, out, path),
        Kind::Array(item, _) | Kind::Map(item) => kind_versions(item, out, path),
        Kind::Str(text) => {
            for value in text.values {
                if let Some(version) = value.since {
                    out.push((format!("{path}={}", value.name), version));
                }
            }
        }
        Kind::Int(..) | Kind::Bool | Kind::Any => {}
    }
}

#[test]
fn versions_are_newest_first_and_unique() {
    for ty in TYPES {
        for pair in ty.versions.windows(2) {
            if let [newer, older] = pair {
                assert!(
                    version_key(newer) > version_key(older),
                    "{}: `{newer}` is listed before `{older}`",
                    ty.name
                );
            }
        }
    }
}

#[test]
fn every_version_in_the_table_is_a_known_version_of_its_type() {
    for ty in TYPES {
        let mut out = Vec::new();
        mentioned(ty.body, &mut out, "");
        for (path, version) in out {
            assert!(
                ty.has_version(version),
                "{}: {path} names version `{version}`, which the type does not list",
                ty.name
            );
        }
    }
}

#[test]
fn the_seed_versions_and_the_newest_stable_ones_are_known() {
    let expected = [
        ("Microsoft.ApiManagement/service", "2017-03-01"),
        ("Microsoft.ApiManagement/service", "2024-05-01"),
        ("Microsoft.KeyVault/vaults/accessPolicies", "2015-06-01"),
        ("Microsoft.KeyVault/vaults/accessPolicies", "2026-02-01"),
        ("Microsoft.KeyVault/vaults", "2026-02-01"),
        ("Microsoft.KeyVault/vaults/secrets", "2026-02-01"),
        (
            "Microsoft.ManagedIdentity/userAssignedIdentities",
            "2024-11-30",
        ),
        ("Microsoft.Authorization/roleAssignments", "2022-04-01"),
        ("Microsoft.Resources/deployments", "2017-05-10"),
        ("Microsoft.Resources/deployments", "2025-04-01"),
    ];
    for (ty, version) in expected {
        let entry: &ResourceType = lookup(ty).expect("known type");
        assert!(entry.has_version(version), "{ty}@{version}");
    }
}

#[test]
fn known_types_are_exact() {
    assert!(is_known_type("Microsoft.KeyVault/vaults"));
    assert!(!is_known_type("Microsoft.KeyVault/Vaults"));
    assert!(!is_known_type("Microsoft.Web/sites"));
    assert_eq!(TYPES.len(), 7);
}

#[test]
fn property_names_of_the_body_and_below() {
    let apim = "Microsoft.ApiManagement/service";
    let body = property_names(apim, "2024-05-01", &[]).expect("known");
    assert_eq!(
        body,
        [
            "location",
            "tags",
            "sku",
            "identity",
            "properties",
            "zones",
            "comments"
        ]
    );
    let old = property_names(apim, "2017-03-01", &[]).expect("known");
    assert!(!old.contains(&"zones"));
    let properties = property_names(apim, "2024-05-01", &["properties"]).expect("known");
    assert!(properties.contains(&"publisherEmail"));
    assert!(properties.contains(&"hostnameConfigurations"));
    assert!(properties.contains(&"publicNetworkAccess"));
    assert!(!properties.contains(&"gatewayUrl"));
    assert!(!properties.contains(&"vpnType"));
    let hostnames = property_names(
        apim,
        "2024-05-01",
        &["properties", "hostnameConfigurations"],
    );
    assert_eq!(
        hostnames.as_deref().map(|n| n.contains(&"keyVaultId")),
        Some(true)
    );
    let readable = readable_property_names(apim, "2024-05-01", &["identity"]).expect("known");
    assert_eq!(
        readable,
        ["type", "userAssignedIdentities", "principalId", "tenantId"]
    );
    assert_eq!(
        property_names(apim, "2024-05-01", &["identity"]).expect("known"),
        ["type", "userAssignedIdentities"]
    );
}

#[test]
fn property_names_are_none_for_free_form_and_unknown() {
    let apim = "Microsoft.ApiManagement/service";
    assert_eq!(property_names(apim, "2024-05-01", &["tags"]), None);
    assert_eq!(
        property_names(apim, "2024-05-01", &["properties", "customProperties"]),
        None
    );
    assert_eq!(
        property_names(apim, "2024-05-01", &["properties", "publisherEmail"]),
        None
    );
    assert_eq!(property_names(apim, "2024-05-01", &["nope"]), None);
    assert_eq!(property_names(apim, "1999-01-01", &[]), None);
    assert_eq!(
        property_names("Microsoft.Web/sites", "2022-03-01", &[]),
        None
    );
    let deployments = "Microsoft.Resources/deployments";
    assert_eq!(
        property_names(deployments, "2017-05-10", &["properties", "template"]),
        None
    );
    assert_eq!(
        property_names(deployments, "2017-05-10", &["properties", "templateLink"]),
        Some(vec!["uri", "contentVersion"])
    );
}
