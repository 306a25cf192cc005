// ARM reads variable names ignoring case ("Syntax and expressions in ARM
// templates"): `COPY` is the `copy` of the variable loops too.
apim_dsl::template! {
    pub const T;
    #[name("COPY")]
    var loud = "c";
    output a: string = loud;
}

fn main() {}
