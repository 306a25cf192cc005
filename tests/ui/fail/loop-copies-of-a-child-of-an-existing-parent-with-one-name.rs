// A resource nested in a looped `existing` parent is deployed once for each
// of the parent's copies: its full name holds the parent's, so the loop
// variable must be in the parent's name or in its own. An `existing` parent
// is only read, so its own name is not checked.
apim_dsl::template! {
    pub const T;
    param names: array;
    // One parent name: every copy of `api` would be `contoso/orders`.
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing for n in names {
        name: "contoso",
        resources: [
            resource api "apis@2024-05-01" {
                name: "orders",
                properties: { displayName: "Orders", path: "orders" },
            },
        ],
    }
    // A parent name per copy: fine.
    resource byName "Microsoft.ApiManagement/service@2024-05-01" existing for n in names {
        name: n,
        resources: [
            resource byNameApi "apis@2024-05-01" {
                name: "orders",
                properties: { displayName: "Orders", path: "orders" },
            },
        ],
    }
}

fn main() {}
