// Two parameters that would make one field of the parameters type (`skuName`
// and `sku_name` are both `sku_name`) are an error at the second.
apim_dsl::template! {
    pub const APP;
    param skuName: string;
    param sku_name: string;
    output names: array = [skuName, sku_name];
}

fn main() {}
