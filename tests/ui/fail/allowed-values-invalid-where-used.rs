// A parameter's allowed values and default must be valid where it is used.
apim_dsl::template! {
    pub const T;
    #[allowed("Developer", "Standard", "Premuim")]
    param sku: string = "Developer";
    param networkType: string = "Public";
    #[allowed("Proxy", "Portal", "Gateway")]
    param hostType: string;
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
        name: "apim-other",
        location: "westeurope",
        sku: { name: sku, capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {}
