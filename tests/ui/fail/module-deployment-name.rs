// Module deployment names: at most 64 of letters, digits, `-`, `_`, `.`, `(`, `)`.
apim_dsl::template! {
    pub const INNER;
    output ok: bool = true;
}

apim_dsl::template! {
    pub const T;
    param env: string;
    module spaced = INNER { name: "deploy inner" }
    module slashed = INNER { name: concat(env, "/inner") }
    module long = INNER { name: "a-deployment-name-that-is-much-longer-than-the-sixty-four-characters-arm-allows" }
    module fine = INNER { name: format("{0}-inner.(1)", env) }
}

fn main() {}
