// ARM reads variable names ignoring case ("Syntax and expressions in ARM
// templates"): `COPY` is the `copy` of the variable loops too.
apim_dsl::template! {
    pub const T;
    #[name("COPY")]
    var loud = "c";
    // Named by its symbol, the same.
    var Copy = "d";
    // With another ARM name, a symbol `copy` is no `copy` to ARM.
    #[name("copies")]
    var COPY = "e";
    output a: string = concat(loud, Copy, COPY);
}

fn main() {}
