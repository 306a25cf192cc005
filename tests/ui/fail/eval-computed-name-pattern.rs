// A computed name known at compile time must still be a valid name of its type.
apim_dsl::template! {
    pub const T;
    var suffix = "_dev";
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: concat("apim", suffix),
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {}
