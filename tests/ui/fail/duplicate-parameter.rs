apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    param location: string = "westeurope";
    output where_: string = location;
}

fn main() {}
