apim_dsl::template! {
    pub const T;
    resource grant "Microsoft.Authorization/roleAssignments@2022-04-02" existing {
        name: "00000000-0000-0000-0000-000000000000",
    }
}

fn main() {}
