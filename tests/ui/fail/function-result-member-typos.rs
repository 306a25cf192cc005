// The objects scope and deployment functions return have known members.
apim_dsl::template! {
    pub const T;
    output location: string = resourceGroup().locaton;
    output tenant: string = subscription().tenatId;
    output deployed: string = deployment().nmae;
    output cloud: string = environment().fabric;
}

fn main() {}
