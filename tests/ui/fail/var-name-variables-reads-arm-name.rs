apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    #[name("location")]
    var location_var = location;
    // `variables(...)` takes the ARM name: `variables("location")`.
    output a: string = variables("location_var");
}

fn main() {}
