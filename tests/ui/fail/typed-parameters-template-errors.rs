// A template with errors still defines its parameters type: code that fills it
// in gets no follow-on errors, only the template's own.
apim_dsl::template! {
    pub const BROKEN;
    param serviceName: string;
    output name: string = concat(serviceName, unknownName);
}

fn main() {
    let _ = BrokenParameters { service_name: "x".to_string() };
}
