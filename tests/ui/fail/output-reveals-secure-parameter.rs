apim_dsl::template! {
    pub const T;
    #[secure]
    param certificatePassword: string;
    output password: string = certificatePassword;
}

fn main() {}
