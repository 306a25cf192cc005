apim_dsl::template! {
    pub const T;
    #[name("region")]
    param location: string = resourceGroup().location;
    #[name("where")]
    output where_: string = location;
}

fn main() {}
