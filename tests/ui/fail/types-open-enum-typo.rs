// An open enum takes values the type data does not list, but not a typo of one it does.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
    resource logger "Microsoft.ApiManagement/service/loggers@2024-05-01" {
        parent: apim,
        name: "insights",
        properties: { loggerType: "applicationInsight" },
    }
}

fn main() {}
