apim_dsl::template! {
    pub const INNER;
    param host: string;
    output url: string = concat("https://", host);
}

apim_dsl::template! {
    pub const OUTER;
    param hosts: array;
    module sites = INNER for h in hosts {
        params: { host: h },
    }
    output url: string = sites.outputs.url;
}

fn main() {}
