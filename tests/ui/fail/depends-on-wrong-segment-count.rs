// A `resourceId` of a child type with one name where the type has two.
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
        parent: apim,
        name: "orders",
        properties: { displayName: "Orders", path: "orders" },
    }
    resource op "Microsoft.ApiManagement/service/apis/operations@2024-05-01" {
        parent: api,
        name: "list",
        properties: { displayName: "List", method: "GET", urlTemplate: "/" },
        dependsOn: [concat("Microsoft.ApiManagement/service/", svc, "/apis")],
    }
}

fn main() {}
