// One build reports every mistake, each under its own token.
apim_dsl::template! {
    pub const T;
    param serviceName: string;

    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(servceName, "-id"),
        location: "westeurope",
    }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: "westeurope",
        sku: { name: "Premum", capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherNam: "Contoso" },
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-contoso",
        location: "westeurope",
        properties: {
            tenantId: subscription().tenantId,
            sku: { family: "A", name: "standard" },
            softDeleteRetentionInDays: 365,
        },
    }
}

fn main() {}
