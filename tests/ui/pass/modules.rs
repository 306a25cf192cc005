// A template used as a module of another, from another Rust module: parameters and
// outputs checked by rustc, the inner template spliced in at compile time.
mod infra {
    apim_dsl::template! {
        /// Reports where a service would live.
        pub const INNER;
        param hostName: string;
        param port: int = 443;
        output url: string = concat("https://", hostName, ":", string(port));
    }
}

apim_dsl::template! {
    pub const OUTER;
    param host: string;
    module domain = infra::INNER {
        name: "domain",
        params: { hostName: host },
    }
    output url: string = domain.outputs.url;
}

fn main() {
    let arm: serde_json::Value = serde_json::from_str(OUTER.arm_json()).unwrap();
    let inner: serde_json::Value = serde_json::from_str(infra::INNER.arm_json()).unwrap();
    assert_eq!(arm["resources"][0]["properties"]["template"], inner);
    assert_eq!(
        arm["outputs"]["url"]["value"],
        "[reference(resourceId('Microsoft.Resources/deployments', 'domain'), '2021-04-01').outputs.url.value]"
    );
    assert_eq!(OUTER.modules()[0].name(), "INNER");
}
