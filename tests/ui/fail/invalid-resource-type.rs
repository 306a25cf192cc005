apim_dsl::template! {
    pub const T;
    #[unchecked]
    resource apim "Microsoft.ApiManagement/service" {
        name: "apim",
    }
}

fn main() {}
