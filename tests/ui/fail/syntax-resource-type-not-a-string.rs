apim_dsl::template! {
    pub const T;
    resource apim Microsoft.ApiManagement {
        name: "apim",
    }
}

fn main() {}
