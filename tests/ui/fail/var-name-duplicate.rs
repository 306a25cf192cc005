apim_dsl::template! {
    pub const T;
    var prefix = "api";
    #[name("prefix")]
    var other = "web";
    #[name("PREFIX")]
    var third = "app";
    output a: string = concat(prefix, other, third);
}

fn main() {}
