apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    param unusedSku: string = "Developer";
    output where_: string = location;
}

fn main() {}
