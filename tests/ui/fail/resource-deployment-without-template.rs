apim_dsl::template! {
    pub const T;
    resource nested "Microsoft.Resources/deployments@2022-09-01" {
        name: "nested",
        properties: { mode: "Incremental" },
    }
}

fn main() {}
