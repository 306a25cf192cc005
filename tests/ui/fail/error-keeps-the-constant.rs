// With errors the constant is still defined, so the code using it below gets no
// follow-on error: only the unknown name is reported.
apim_dsl::template! {
    pub const T;
    output o: string = missing;
}

fn main() {
    println!("{}", T.arm_json());
}
