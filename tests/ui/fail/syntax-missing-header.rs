apim_dsl::template! {
    param name: string;
}

fn main() {}
