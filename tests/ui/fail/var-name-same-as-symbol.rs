apim_dsl::template! {
    pub const T;
    #[name("prefix")]
    var prefix = "api";
    output a: string = prefix;
}

fn main() {}
