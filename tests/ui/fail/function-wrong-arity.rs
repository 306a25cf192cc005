apim_dsl::template! {
    pub const T;
    output id: string = uniqueString();
}

fn main() {}
