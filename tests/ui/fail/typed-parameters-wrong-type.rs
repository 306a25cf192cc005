// A value of the wrong type, or outside an `#[allowed]` list's enum, is a
// compile error.
apim_dsl::template! {
    pub const APP;
    param serviceName: string;
    #[allowed("Developer", "Premium")]
    param sku: string = "Developer";
    output name: string = concat(serviceName, sku);
}

fn main() {
    let _ = AppParameters { service_name: 42, sku: Some(AppSku::Basic) };
}
