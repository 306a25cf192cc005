apim_dsl::template! {
    pub const T;
    #[minValue(1)]
    #[maxValue(4)]
    param skuCount: int = 12;
    output count: int = skuCount;
}

fn main() {}
