// A `'Type/name'` dependency whose type is declared but whose name is not.
apim_dsl::template! {
    pub const T;
    param svc: string;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: svc,
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
    }
    resource api "Microsoft.ApiManagement/service/apis@2024-05-01" {
        name: concat(svc, "/orders"),
        properties: { displayName: "Orders", path: "orders" },
        dependsOn: [concat("Microsoft.ApiManagement/service/", svc, "-prod")],
    }
}

fn main() {}
