apim_dsl::template! {
    pub const T;
    var pick = x => x.name;
    output p: object = pick;
}

fn main() {}
