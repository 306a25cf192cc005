// Lint levels per template: `#[deny(...)]` before `const` makes a lint a
// compile error that names it; `#[allow(...)]` silences one for the whole
// template; a declaration's own `#[allow(...)]` still wins. An unknown lint
// name is an error at the name.
apim_dsl::template! {
    #[deny(broad_access, unused)]
    #[allow(enum_spelling)]
    pub const T;
    param notUsed: string;
    #[allow(unused)]
    param allowedHere: string;
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
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "systemAssigned" },
        properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
    }
}

apim_dsl::template! {
    #[warn(broad_acess)]
    #[deny]
    pub const U;
}

fn main() {}
