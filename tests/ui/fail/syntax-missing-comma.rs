apim_dsl::template! {
    pub const T;
    var tags = { env: "prod" owner: "me" };
    output t: object = tags;
}

fn main() {}
