// A resource's `#[metadata]` is one object of literal values (Bicep's
// `@metadata` takes a compile-time constant), on a deployed resource, and its
// only `metadata`.
apim_dsl::template! {
    pub const T;
    param owner: string = "team-a";
    #[metadata({ owner: owner })]
    resource a "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-a",
        location: "westeurope",
    }
    #[metadata("team-a")]
    resource b "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-b",
        location: "westeurope",
    }
    #[metadata({ owner: "team-a" })]
    resource c "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-c",
        location: "westeurope",
        metadata: { owner: "team-b" },
    }
    #[metadata({ owner: "team-a" })]
    resource d "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" existing {
        name: "id-d",
    }
    output ids: array = [a.id, b.id, c.id, d.id];
}

fn main() {}
