// A module's template is a Rust path: an unknown one is rustc's own error, at the path.
apim_dsl::template! {
    pub const OUTER;
    module domain = inner::MISSING {
        params: {},
    }
}

mod inner {}

fn main() {}
