apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    output where_: string = location;
    output where_: string = concat(location, "-2");
}

fn main() {}
