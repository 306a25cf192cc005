// `#[allowed(...)]` on an `array` parameter lists the values each element may
// take (as in ARM and Bicep): a default that is a subset is valid, so is `[]`.
apim_dsl::template! {
    pub const ZONES;
    #[allowed("1", "2", "3")]
    param zones: array = ["1", "3"];
    #[allowed("1", "2", "3")]
    param none: array = [];
    #[allowed(80, 443)]
    param ports: array;
    output chosen: array = concat(zones, none, ports);
}

fn main() {
    let arm: serde_json::Value = serde_json::from_str(ZONES.arm_json()).unwrap();
    assert_eq!(arm["parameters"]["zones"]["allowedValues"], serde_json::json!(["1", "2", "3"]));
}
