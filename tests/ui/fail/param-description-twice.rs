// A parameter's doc comment (or `#[description]`) is its
// `metadata.description`: `#[metadata]` may not give another one. Bicep would
// write both and keep `@description`'s; the ARM JSON would keep one.
apim_dsl::template! {
    pub const T;
    /// The service's name.
    #[metadata({ description: "Another text.", owner: "team-a" })]
    param name: string = "apim";
    #[description("The SKU.")]
    #[metadata({ "description": 5 })]
    param sku: string = "Developer";
    /// Without a description in the metadata: fine.
    #[metadata({ owner: "team-a" })]
    param region: string = "westeurope";
    #[metadata({ description: "Only here: fine." })]
    param tier: string = "basic";
    output all: string = concat(name, sku, region, tier);
}

fn main() {}
