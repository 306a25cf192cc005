apim_dsl::template! {
    pub const T;
    output marker: string = "__apim_dsl_module_template__0";
}

fn main() {}
