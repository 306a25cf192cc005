// `#[allowed(...)]` on an `array` parameter constrains each element.
apim_dsl::template! {
    pub const T;
    #[allowed("1", "2", "3")]
    param zones: array = ["1", "4", "2", "5"];
    output chosen: array = zones;
}

fn main() {}
