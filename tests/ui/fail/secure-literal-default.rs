apim_dsl::template! {
    pub const T;
    #[secure]
    param certificatePassword: string = "P@ssw0rd!";
    output ok: bool = empty(certificatePassword);
}

fn main() {}
