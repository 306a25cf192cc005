apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    var suffix = uniqueString(resourceGroup().id);
    output where_: string = location;
}

fn main() {}
