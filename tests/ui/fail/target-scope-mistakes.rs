// A subscription template: no `resourceGroup()`, no resource-group-only types,
// and only the four scopes Bicep knows.
apim_dsl::template! {
    #[targetScope("subscription")]
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-contoso",
        location: resourceGroup().location,
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" } },
    }
}

apim_dsl::template! {
    #[targetScope("subscriptions")]
    pub const U;
}

fn main() {}
