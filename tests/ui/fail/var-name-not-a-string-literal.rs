apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    #[name(location)]
    var where_ = location;
    #[name]
    var region = location;
    output a: string = where_;
    output b: string = region;
}

fn main() {}
