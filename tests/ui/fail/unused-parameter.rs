// Unused declarations are warnings (Bicep's no-unused-*); denied here to show them.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    param unusedSku: string = "Developer";
    output where_: string = location;
}

fn main() {}
