apim_dsl::template! {
    pub const T;
    param storageId: string;
    output keys: object = listKeys(storageId, "2023-01-01");
}

fn main() {}
