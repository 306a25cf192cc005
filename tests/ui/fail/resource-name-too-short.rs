apim_dsl::template! {
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv",
        location: "westeurope",
        properties: {
            tenantId: subscription().tenantId,
            sku: { family: "A", name: "standard" },
        },
    }
}

fn main() {}
