// ARM reads property names in any case; the function's documentation and the
// type data spell each one way: a warning, denied here to show it, and kept
// as written with `#[allow(member_case)]` on the template.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    resource ws "Microsoft.OperationalInsights/workspaces@2020-08-01" {
        name: "ws-contoso",
        location: resourceGroup().Location,
        properties: { sku: { name: "PerGB2018" } },
    }
    output customer: string = ws.properties.CustomerId;
}

apim_dsl::template! {
    #[allow(member_case)]
    pub const PORTED;
    output region: string = resourceGroup().Location;
}

fn main() {}
