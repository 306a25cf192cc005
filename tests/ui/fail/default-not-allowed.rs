apim_dsl::template! {
    pub const T;
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string = "Basic";
    output s: string = sku;
}

fn main() {}
