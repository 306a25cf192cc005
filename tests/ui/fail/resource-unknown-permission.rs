apim_dsl::template! {
    pub const T;
    param keyVaultName: string;
    param principalId: string;
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
        name: concat(keyVaultName, "/add"),
        properties: {
            accessPolicies: [{
                tenantId: subscription().tenantId,
                objectId: principalId,
                permissions: { secrets: ["get", "lsit"] },
            }],
        },
    }
}

fn main() {}
