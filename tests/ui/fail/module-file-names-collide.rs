mod a {
    apim_dsl::template! {
        pub const DOMAIN;
        param host: string;
        output url: string = concat("https://", host);
    }
}

mod b {
    apim_dsl::template! {
        pub const DOMAIN;
        param host: string;
        output url: string = concat("http://", host);
    }
}

apim_dsl::template! {
    pub const OUTER;
    module first = a::DOMAIN { params: { host: "a.contoso.com" } }
    module second = b::DOMAIN { params: { host: "b.contoso.com" } }
}

fn main() {}
