//! One environment of the app: its identity and its API gateway, each a module
//! declared in another Rust module of this crate.

use apim_dsl::{ParameterError, TemplateFile};

apim_dsl::template! {
    /// Everything the app needs in one resource group.
    pub const APP_ENVIRONMENT;

    /// The environment's short name
    #[allowed("dev", "prod")]
    param environment: string;

    module identity = crate::identity::APP_IDENTITY {
        params: { identityName: concat("id-app-", environment) },
    }

    module gateway = crate::gateway::APP_GATEWAY {
        params: { serviceName: concat("apim-app-", environment) },
    }

    output gatewayUrl: string = gateway.outputs.gatewayUrl;
    output identityClientId: string = identity.outputs.clientId;
}

/// The parameter files of the development environment
/// (`app-environment.parameters.json` and `app-environment.bicepparam`), from
/// the typed parameters the macro defines: a missing parameter or a value
/// outside `#[allowed]` is a compile error.
pub fn dev_parameters() -> Result<Vec<TemplateFile>, ParameterError> {
    AppEnvironmentParameters {
        environment: AppEnvironmentEnvironment::Dev,
    }
    .to_parameter_file()?
    .to_files()
}
