// Without `parent:`, a child's name starts with its parent's.
apim_dsl::template! {
    pub const T;
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        name: "add",
        properties: { accessPolicies: [] },
    }
}

fn main() {}
