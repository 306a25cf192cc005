// `#[allow(...)]` before `const` silences a lint for the whole template:
// with every warning denied, this compiles.
#![deny(warnings)]

apim_dsl::template! {
    #[allow(unused, enum_spelling)]
    pub const QUIET;
    param notUsed: string;
    var alsoNotUsed = 1;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "systemAssigned" },
        properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {
    assert!(QUIET.arm_json().contains("systemAssigned"));
}
