apim_dsl::template! {
    pub const T;
    resorce apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
    }
}

fn main() {}
