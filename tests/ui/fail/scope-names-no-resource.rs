// An extension resource's scope written as a string for a vault this template
// does not declare: Bicep could not express it either.
apim_dsl::template! {
    pub const T;
    param vaultName: string;
    resource lock "Microsoft.Authorization/locks@2020-05-01" {
        name: "no-delete",
        scope: format("Microsoft.KeyVault/vaults/{0}", vaultName),
        properties: { level: "CanNotDelete" },
    }
}

fn main() {}
