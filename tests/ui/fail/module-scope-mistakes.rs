// A module's scope names where it deploys; its template must be written for
// that scope; its API version must be one of Microsoft.Resources/deployments.
apim_dsl::template! {
    pub const GROUP_LEVEL;
    param x: string;
    output y: string = x;
}

apim_dsl::template! {
    pub const T;
    module a = GROUP_LEVEL { scope: subscription(), params: { x: "1" } }
    module b = GROUP_LEVEL { scope: "rg-other", params: { x: "1" } }
    #[apiVersion("2021-04-02")]
    module c = GROUP_LEVEL { scope: resourceGroup("rg-other"), params: { x: "1" } }
    #[apiVersion("2019-05-01")]
    module d = GROUP_LEVEL { params: { x: "1" } }
}

fn main() {}
