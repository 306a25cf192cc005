apim_dsl::template! {
    pub const T;
    param serviceName: string;
    output name: string = variables("serviceName");
}

fn main() {}
