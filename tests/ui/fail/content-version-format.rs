// `contentVersion` is four numbers separated by dots.
apim_dsl::template! {
    #[contentVersion("1.0")]
    pub const T;
}

apim_dsl::template! {
    #[contentVersion("v1.0.0.0")]
    pub const U;
}

fn main() {}
