// A parameter or a read of deployed state is checked by its type.
apim_dsl::template! {
    pub const T;
    param capacity: string = "1";
    resource other "Microsoft.ApiManagement/service@2024-05-01" existing { name: "other" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: capacity },
        properties: { publisherEmail: "admin@contoso.com", publisherName: other.sku.capacity },
    }
}

fn main() {}
