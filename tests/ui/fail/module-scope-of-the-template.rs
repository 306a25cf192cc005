// A module deploys its template at the scope the template is written for.
apim_dsl::template! {
    pub const GROUP_LEVEL;
    param x: string;
    output y: string = x;
}

apim_dsl::template! {
    pub const T;
    module a = GROUP_LEVEL { scope: subscription(), params: { x: "1" } }
}

fn main() {}
