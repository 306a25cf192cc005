apim_dsl::template! {
    pub const INNER;
    param hostName: string;
    param port: int = 443;
    output url: string = concat("https://", hostName, ":", string(port));
}

apim_dsl::template! {
    pub const OUTER;
    module domain = INNER {
        params: { port: 8443 },
    }
}

fn main() {}
