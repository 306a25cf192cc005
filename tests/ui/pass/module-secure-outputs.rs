// A module's secure output is read the way Bicep reads it,
// `listOutputsWithSecureValues(...)`: `reference()` cannot see it.
apim_dsl::template! {
    pub const INNER;
    #[secure]
    param password: string;
    output secret: secureString = password;
    output plain: string = "visible";
}

apim_dsl::template! {
    pub const OUTER;
    #[secure]
    param password: string;
    module inner = INNER { params: { password: password } }
    output secret: secureString = inner.outputs.secret;
    output plain: string = inner.outputs.plain;
}

fn main() {
    let arm: serde_json::Value = serde_json::from_str(OUTER.arm_json()).unwrap();
    assert_eq!(
        arm["outputs"]["secret"]["value"],
        "[listOutputsWithSecureValues(resourceId('Microsoft.Resources/deployments', 'inner'), '2022-09-01').secret]"
    );
    assert_eq!(
        arm["outputs"]["plain"]["value"],
        "[reference(resourceId('Microsoft.Resources/deployments', 'inner'), '2021-04-01').outputs.plain.value]"
    );
}
