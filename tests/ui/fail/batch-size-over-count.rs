// ARM refuses a batch size above the copy count ("The copy batch size must
// be a non-negative integer value and cannot exceed the copy count"): each
// loop whose count is known at compile time is checked, resources and
// modules alike; a count only the deployment knows is not.
apim_dsl::template! {
    pub const T;
    param n: int = 2;
    #[batchSize(5)]
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 3) {
        name: concat("id-", string(i)),
        location: "westeurope",
    }
    #[batchSize(2)]
    resource none "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 0) {
        name: concat("none-", string(i)),
        location: "westeurope",
    }
    #[batchSize(2)]
    resource one "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for name in ["solo"] {
        name: name,
        location: "westeurope",
    }
    #[batchSize(3)]
    resource fits "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 3) {
        name: concat("fits-", string(i)),
        location: "westeurope",
    }
    #[batchSize(9)]
    resource unknown "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, n) {
        name: concat("unknown-", string(i)),
        location: "westeurope",
    }
}

fn main() {}
