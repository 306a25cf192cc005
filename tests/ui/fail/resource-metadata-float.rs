// A float in `#[metadata]`: ARM templates have no float literals, and
// `json("1.5")` is not a literal, so the advice is a string.
apim_dsl::template! {
    pub const T;
    #[metadata({ owner: "team-a", ratio: 1.5 })]
    resource a "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-a",
        location: "westeurope",
    }
}

fn main() {}
