apim_dsl::template! {
    pub const T;
    #[name("")]
    var empty = "a";
    #[name("copy")]
    var copies = "b";
    output a: string = concat(empty, copies);
}

fn main() {}
