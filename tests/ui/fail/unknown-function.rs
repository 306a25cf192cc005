apim_dsl::template! {
    pub const T;
    var name = concatt("apiservice", uniqueString(resourceGroup().id));
    output n: string = name;
}

fn main() {}
