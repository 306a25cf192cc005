// A resource group template cannot deploy a subscription-level type.
apim_dsl::template! {
    pub const T;
    resource group "Microsoft.Resources/resourceGroups@2024-03-01" {
        name: "rg-apim",
        location: "westeurope",
    }
}

fn main() {}
