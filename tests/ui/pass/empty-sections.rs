// `#[emptySections(...)]` writes ARM sections without declarations (`"parameters":
// {}`), as hand-written templates keep them; Bicep has no such sections and is
// the same as without the attribute.
apim_dsl::template! {
    #[emptySections("functions", "parameters", "variables", "outputs")]
    pub const KEPT;
    resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-kept",
        location: "westeurope",
    }
}

apim_dsl::template! {
    pub const PLAIN;
    resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-kept",
        location: "westeurope",
    }
}

// A section with declarations is written as it would be anyway.
apim_dsl::template! {
    #[emptySections("parameters")]
    pub const DECLARED;
    param name: string = "id";
    output n: string = name;
}

fn main() {
    let kept: serde_json::Value = serde_json::from_str(KEPT.arm_json()).unwrap();
    assert_eq!(kept["functions"], serde_json::json!([]));
    for section in ["parameters", "variables", "outputs"] {
        assert_eq!(kept[section], serde_json::json!({}), "{section}");
    }
    let plain: serde_json::Value = serde_json::from_str(PLAIN.arm_json()).unwrap();
    for section in ["functions", "parameters", "variables", "outputs"] {
        assert!(plain.get(section).is_none(), "{section}");
    }
    assert_eq!(KEPT.bicep(), PLAIN.bicep());
    let declared: serde_json::Value = serde_json::from_str(DECLARED.arm_json()).unwrap();
    assert_eq!(declared["parameters"]["name"]["defaultValue"], "id");
}
