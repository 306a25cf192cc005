// The child name of an access policy is the operation: add, remove or replace.
apim_dsl::template! {
    pub const T;
    param keyVaultName: string;
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
        name: concat(keyVaultName, "/adds"),
        properties: { accessPolicies: [] },
    }
}

fn main() {}
