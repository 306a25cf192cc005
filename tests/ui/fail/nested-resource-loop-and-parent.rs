// A nested resource cannot loop (ARM has no copy there) and its parent is the
// resource it is written in.
apim_dsl::template! {
    pub const T;
    param names: array;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        resources: [
            resource users "users@2024-05-01" for name in names {
                name: name,
                properties: { email: "a@contoso.com", firstName: "A", lastName: "B" },
            },
            resource group "groups@2024-05-01" {
                parent: apim,
                name: "devs",
                properties: { displayName: "Developers" },
            },
        ],
    }
}

fn main() {}
