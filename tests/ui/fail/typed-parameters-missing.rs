// A required parameter left out of the parameters type is a compile error.
apim_dsl::template! {
    pub const APP;
    param serviceName: string;
    param capacity: int = 1;
    output name: string = concat(serviceName, string(capacity));
}

fn main() {
    let _ = AppParameters { capacity: None };
}
