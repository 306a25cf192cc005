//! Bicep's file functions run at compile time, relative to this crate's
//! directory: the files' contents become literals in the ARM JSON and the
//! Bicep alike.

use serde_json::{Value, json};

apim_dsl::template! {
    pub const POLICY_FROM_FILE;
    param serviceName: string;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: serviceName }
    resource policy "Microsoft.ApiManagement/service/policies@2024-05-01" {
        parent: apim,
        name: "policy",
        properties: {
            format: "rawxml",
            value: loadTextContent("tests/files/policy.xml"),
        },
    }
    output logo: string = loadFileAsBase64("tests/files/policy.xml");
    output settings: object = loadJsonContent("tests/files/settings.json");
    output region: string = loadJsonContent("tests/files/settings.json", "$.regions[1].name");
    output latin: string = loadTextContent("tests/files/latin1.txt", "iso-8859-1");
}

fn arm() -> Value {
    serde_json::from_str(POLICY_FROM_FILE.arm_json()).expect("ARM JSON")
}

#[test]
fn text_is_inlined_in_arm_and_bicep() {
    let xml = include_str!("files/policy.xml");
    let arm = arm();
    assert_eq!(arm["resources"][0]["properties"]["value"], xml);
    // Bicep gets the same literal: the Bicep file may be written anywhere
    // (OUT_DIR), where a relative `loadTextContent` path would not resolve.
    assert!(!POLICY_FROM_FILE.bicep().contains("loadTextContent"));
    assert!(POLICY_FROM_FILE.bicep().contains("value: '<policies>\\n"));
}

#[test]
fn base64_json_and_encodings() {
    let arm = arm();
    assert_eq!(
        arm["outputs"]["logo"]["value"],
        "PHBvbGljaWVzPgogIDxpbmJvdW5kPgogICAgPGJhc2UgLz4KICAgIDxzZXQtaGVhZGVyIG5hbWU9IngtcG93ZXJlZC1ieSIgZXhpc3RzLWFjdGlvbj0iZGVsZXRlIiAvPgogIDwvaW5ib3VuZD4KPC9wb2xpY2llcz4K"
    );
    assert_eq!(
        arm["outputs"]["settings"]["value"],
        json!({ "tier": "Premium", "regions": [{ "name": "westeurope" }, { "name": "northeurope" }] })
    );
    assert_eq!(arm["outputs"]["region"]["value"], "northeurope");
    assert_eq!(arm["outputs"]["latin"]["value"], "café\n");
}
