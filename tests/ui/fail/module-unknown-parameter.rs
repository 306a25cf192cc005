apim_dsl::template! {
    pub const INNER;
    param hostName: string;
    output url: string = concat("https://", hostName);
}

apim_dsl::template! {
    pub const OUTER;
    module domain = INNER {
        params: { hostName: "api.contoso.com", hostname: "typo" },
    }
}

fn main() {}
