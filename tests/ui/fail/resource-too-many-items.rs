// One access policy operation adds at most 16 entries.
apim_dsl::template! {
    pub const T;
    param keyVaultName: string;
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        name: concat(keyVaultName, "/add"),
        properties: { accessPolicies: [
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000000", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000001", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000002", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000003", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000004", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000005", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000006", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000007", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000008", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000009", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000010", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000011", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000012", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000013", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000014", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000015", permissions: { secrets: ["get"] } },
            { tenantId: subscription().tenantId, objectId: "00000000-0000-0000-0000-000000000016", permissions: { secrets: ["get"] } },
        ] },
    }
}

fn main() {}
