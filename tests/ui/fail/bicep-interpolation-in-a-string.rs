// `"${name}"` is Bicep interpolation; a DSL string is literal text.
apim_dsl::template! {
    pub const T;
    param prefix: string;
    param names: array;
    var suffix = "apim";
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "${prefix}-${suffix}-id",
        location: "westeurope",
    }
    resource each "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for name in names {
        name: "${name}",
        location: "westeurope",
    }
    output id: string = "${uai.id}";
    output tagged: array = [for n in names: "id-${n}"];
    // Text with `${` that names nothing of the template stays as written.
    output script: string = "echo ${HOME}";
}

fn main() {}
