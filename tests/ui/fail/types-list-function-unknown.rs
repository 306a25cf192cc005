// `list*` calls are checked against the type's resource functions.
apim_dsl::template! {
    pub const T;
    resource storage "Microsoft.Storage/storageAccounts@2023-05-01" existing { name: "stcontoso" }
    output keys: secureObject = listKey(storage.id, "2023-05-01");
}

fn main() {}
