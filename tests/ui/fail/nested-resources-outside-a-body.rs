// Nested resources are written in a resource body's `resources`, nowhere else.
apim_dsl::template! {
    pub const T;
    output groups: array = [
        resource group "groups@2024-05-01" {
            name: "devs",
            properties: { displayName: "Developers" },
        },
    ];
}

fn main() {}
