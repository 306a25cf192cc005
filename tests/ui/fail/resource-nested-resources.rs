apim_dsl::template! {
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-contoso",
        location: "westeurope",
        properties: {
            tenantId: subscription().tenantId,
            sku: { family: "A", name: "standard" },
        },
        // ARM's JSON form of a nested child; the DSL writes `resource` declarations.
        resources: [{ type: "secrets", name: "s", properties: { value: "x" } }],
    }
}

fn main() {}
