// A relative type nested in its parent names the resource by one name segment
// per type segment (`blobServices/containers`: `default/logs`), and the
// legacy extension form's relative type by the extension type's namespace and
// the name too (`providers/locks`: `Microsoft.Authorization/nodelete`); a
// relative type has no empty segment. A fully qualified type nested here
// (another provider's, a grandchild's) is the resource it names, with its full
// name, as ARM reads it.
apim_dsl::template! {
    pub const T;
    resource st "Microsoft.Storage/storageAccounts@2023-01-01" {
        name: "stcontoso",
        location: "westeurope",
        sku: { name: "Standard_LRS" },
        kind: "StorageV2",
        resources: [
            resource logs "blobServices/containers@2023-01-01" {
                name: "logs",
            },
            resource data "blobServices//containers@2023-01-01" {
                name: "default/data",
            },
            resource lock "providers/locks@2016-09-01" {
                name: "nodelete",
                properties: { level: "CanNotDelete" },
            },
            // Fully qualified: taken as written, with the full name.
            resource kept "Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01" {
                name: "stcontoso/default/kept",
            },
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
                name: "kv-contoso",
                location: "westeurope",
                properties: {
                    tenantId: subscription().tenantId,
                    sku: { family: "A", name: "standard" },
                    accessPolicies: [],
                },
            },
        ],
    }
}

fn main() {}
