apim_dsl::template! {
    pub const T;
    var suffix = uniqueString(resourceGroup().id);
    param name: string = concat("apim-", suffix);
    output n: string = name;
}

fn main() {}
