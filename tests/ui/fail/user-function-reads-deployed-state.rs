apim_dsl::template! {
    pub const T;
    func keys(id: string): object = listKeys(id, "2023-01-01");
    func state(id: string): object = reference(id);
    output k: object = union(keys("x"), state("y"));
}

fn main() {}
