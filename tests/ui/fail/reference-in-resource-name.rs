apim_dsl::template! {
    pub const T;
    param serviceId: string;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: reference(serviceId, "2024-05-01").name,
        location: "westeurope",
    }
}

fn main() {}
