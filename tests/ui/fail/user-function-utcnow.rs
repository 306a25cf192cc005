apim_dsl::template! {
    pub const T;
    func stamp(prefix: string): string = concat(prefix, utcNow());
    output s: string = stamp("deploy-");
}

fn main() {}
