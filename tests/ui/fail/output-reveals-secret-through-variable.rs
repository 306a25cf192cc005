apim_dsl::template! {
    pub const T;
    #[secure]
    param certificatePassword: string;
    var settings = { password: certificatePassword };
    output config: object = settings;
}

fn main() {}
