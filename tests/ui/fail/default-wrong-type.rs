apim_dsl::template! {
    pub const T;
    param skuCount: int = "1";
    output count: int = skuCount;
}

fn main() {}
