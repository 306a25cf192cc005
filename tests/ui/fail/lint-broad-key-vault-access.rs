// Over-broad Key Vault access is a warning; denied here to show it.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "add",
        properties: {
            accessPolicies: [{
                tenantId: subscription().tenantId,
                objectId: identity.properties.principalId,
                permissions: { secrets: ["all"] },
            }],
        },
    }
}

fn main() {}
