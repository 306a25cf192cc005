// With `parent:`, the name is the child's own segment only.
apim_dsl::template! {
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: "kv-contoso",
    }
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "kv-contoso/add",
        properties: { accessPolicies: [] },
    }
}

fn main() {}
