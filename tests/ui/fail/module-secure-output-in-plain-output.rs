// A module's secure output relayed into a plain output is a secret in an output.
apim_dsl::template! {
    pub const INNER;
    #[secure]
    param password: string;
    output secret: secureString = password;
    output plain: string = "not secret";
}

apim_dsl::template! {
    pub const OUTER;
    #[secure]
    param password: string;
    param names: array;
    module inner = INNER { params: { password: password } }
    module each = INNER for name in names { name: name, params: { password: password } }
    output direct: string = inner.outputs.secret;
    output inObject: object = { value: inner.outputs.secret };
    output oneCopy: string = each[0].outputs.secret;
    // Secure outputs, a plain module output and a length are fine.
    output kept: secureString = inner.outputs.secret;
    output plain: string = inner.outputs.plain;
    output size: int = length(inner.outputs.secret);
}

fn main() {}
