// A parameter's allowed values and default must be valid where it is used.
apim_dsl::template! {
    pub const T;
    #[allowed("Developer", "Standard", "Premuim")]
    param sku: string = "Developer";
    param networkType: string = "Public";
    #[allowed("Proxy", "Portal", "Gateway")]
    param hostType: string;
    // Capacity and names have bounds and shapes too.
    #[allowed(-1, 1, 2)]
    param units: int = 1;
    param serviceName: string = "1-starts-with-a-digit";
    #[allowed("kv", "kv-contoso")]
    param vaultName: string;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: sku, capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            virtualNetworkType: networkType,
            hostnameConfigurations: [{ type: hostType, hostName: "api.contoso.com" }],
        },
    }
    // Used twice: reported once.
    resource other "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: "westeurope",
        sku: { name: sku, capacity: units },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: vaultName,
        location: "westeurope",
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true },
    }
}

fn main() {}
