apim_dsl::template! {
    pub const T;
    var stamp = utcNow();
    output at: string = stamp;
}

fn main() {}
