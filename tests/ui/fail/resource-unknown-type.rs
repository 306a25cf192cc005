// A type the type data does not know needs `#[unchecked]`.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/services@2024-05-01" {
        name: "contoso-apim",
    }
}

fn main() {}
