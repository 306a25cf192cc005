// ARM's `comments` is known on every resource: kept in the ARM JSON, and a
// `//` comment above the resource in Bicep (whose bodies have no such key).
apim_dsl::template! {
    pub const T;
    param names: array;
    resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-notes",
        location: "westeurope",
        comments: "reference notes",
    }
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in names {
        name: n,
        location: "westeurope",
        comments: concat("identity ", n),
    }
}

fn main() {
    assert!(T.arm_json().contains("\"comments\": \"reference notes\""));
    assert!(T.arm_json().contains("\"comments\": \"[concat('identity ', "));
    assert!(T.bicep().contains("// reference notes\nresource id "));
    assert!(T.bicep().contains("// comments: 'identity ${n}'\nresource ids "));
    assert!(!T.bicep().contains("  comments:"));
}
