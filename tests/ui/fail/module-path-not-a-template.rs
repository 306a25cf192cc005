// A module's template path naming something that is not a template constant
// is one error at the path, however many places the expansion reads it in
// (parameters, outputs, access checks); code using the outer template gets none.
mod infra {
    pub const NOT_A_TEMPLATE: u8 = 1;
}

apim_dsl::template! {
    pub const OUTER;
    module settings = infra::NOT_A_TEMPLATE {
        params: { name: "x", count: 2 },
    }
    output first: string = settings.outputs.first;
}

// `self` alone names a module, not a constant: one error at `self`.
apim_dsl::template! {
    pub const SELF_PATH;
    module settings = self {
        params: { name: "x" },
    }
}

// A template that deploys itself, by name or through `self::`: one error at
// the path, not rustc's cycle through the expansion's constants.
apim_dsl::template! {
    pub const ITSELF;
    module again = ITSELF {
        params: {},
    }
}

apim_dsl::template! {
    pub const ITSELF_TOO;
    module again = self::ITSELF_TOO {
        params: {},
    }
}

fn main() {
    let _ = OUTER.arm_json();
    let _ = OuterParameters {};
    let _ = SELF_PATH.arm_json();
    let _ = ITSELF.arm_json();
    let _ = ITSELF_TOO.arm_json();
}
