// Unused declarations are warnings (Bicep's no-unused-*); denied here to show them.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    param location: string = resourceGroup().location;
    var suffix = uniqueString(resourceGroup().id);
    output where_: string = location;
}

fn main() {}
