//! The error catalogue: every error the compiler reports carries a stable code
//! (`ADSL0404`), as Bicep's carry `BCPxxx`, shown at the start of its message.
//! A code names a kind of mistake, not one message: a code stays when a message
//! is reworded, and is never reused for another kind.
//!
//! Each code has an entry in the user documentation (`apim_dsl::errors`) with a
//! template that makes the mistake and the same template corrected; a test
//! compiles both and checks that the first fails with its code and the second
//! does not.
//!
//! | range | stage |
//! |---|---|
//! | `ADSL01xx` | syntax |
//! | `ADSL02xx` | declarations, names, attributes |
//! | `ADSL03xx` | expressions, functions, types |
//! | `ADSL04xx` | resource types and bodies (the type data) |
//! | `ADSL05xx` | the deployment graph: dependencies, parents, scopes, modules |
//! | `ADSL06xx` | identities and Key Vault access |
//! | `ADSL07xx` | ARM's limits and service rules |
//! | `ADSL08xx` | parameters and outputs |
//! | `ADSL09xx` | lints denied |

use proc_macro2::Span;
use std::fmt::Display;
use syn::Error;

/// One kind of error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code as shown: `ADSL` and four digits.
    pub id: &'static str,
    /// A short kebab-case name (`unknown-property`).
    pub name: &'static str,
    /// What the mistake is, in one sentence.
    pub summary: &'static str,
}

impl Code {
    /// `message` prefixed with this code: `ADSL0404: message`.
    pub fn message(self, message: impl Display) -> String {
        format!("{}: {message}", self.id)
    }

    /// An error with this code at `span`.
    pub fn error(self, span: Span, message: impl Display) -> Error {
        Error::new(span, self.message(message))
    }
}

/// The code at the start of a message, if it has one.
pub fn of(message: &str) -> Option<&'static Code> {
    let id = message.split(':').next()?;
    ALL.iter().find(|code| code.id == id)
}

/// The message without its code: `"ADSL0404: x"` gives `"x"`; a message
/// without a code is returned as it is.
pub fn strip(message: &str) -> &str {
    match of(message) {
        Some(code) => message[code.id.len()..].trim_start_matches(": "),
        None => message,
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $constant:ident = $id:literal, $name:literal, $summary:literal;)*) => {
        $(
            $(#[$doc])*
            #[doc = concat!("`", $id, "` (`", $name, "`): ", $summary)]
            pub const $constant: Code = Code { id: $id, name: $name, summary: $summary };
        )*
        /// Every code, in order.
        pub static ALL: &[Code] = &[$($constant),*];
    };
}

codes! {
    SYNTAX = "ADSL0101", "syntax",
        "The declaration does not follow the DSL's grammar.";
    BICEP_SYNTAX = "ADSL0102", "bicep-syntax",
        "Bicep's spelling of something the DSL writes differently (decorators, single quotes, `param x string`, `= {`).";
    INVALID_LITERAL = "ADSL0103", "invalid-literal",
        "A literal ARM cannot hold: a floating-point number, an integer beyond 64 bits or with a type suffix.";
    NESTED_TOO_DEEPLY = "ADSL0104", "nested-too-deeply",
        "An expression nested deeper than the compiler follows.";

    UNKNOWN_NAME = "ADSL0201", "unknown-name",
        "A name that no parameter, variable, resource, module, loop or lambda of the template declares.";
    DUPLICATE_NAME = "ADSL0202", "duplicate-name",
        "Two declarations (or two parameters of a function, or two outputs) with the same name.";
    RESERVED_NAME = "ADSL0203", "reserved-name",
        "A name ARM or Bicep reserves, or that Bicep cannot spell.";
    UNKNOWN_ATTRIBUTE = "ADSL0204", "unknown-attribute",
        "An attribute that does not exist on this kind of declaration, or is given twice.";
    ATTRIBUTE_ARGUMENTS = "ADSL0205", "attribute-arguments",
        "An attribute with the wrong arguments.";
    UNKNOWN_TYPE = "ADSL0206", "unknown-type",
        "A parameter, output or function type that is not one of ARM's.";
    TEMPLATE_HEADER = "ADSL0207", "template-header",
        "A wrong template-level setting: target scope, schema, contentVersion or metadata.";

    UNKNOWN_FUNCTION = "ADSL0301", "unknown-function",
        "A call of a function that is neither an ARM template function nor a user-defined one, or a function used as a value.";
    ARGUMENT_COUNT = "ADSL0302", "argument-count",
        "A function called with too few or too many arguments.";
    TYPE_MISMATCH = "ADSL0303", "type-mismatch",
        "A value of the wrong type for an argument, an operator, an index or a declared type.";
    LAMBDA = "ADSL0304", "lambda",
        "A lambda where none is taken, with the wrong number of parameters, or missing where one is required.";
    FUNCTION_DEFINITION = "ADSL0305", "function-definition",
        "A user-defined function ARM or Bicep would reject: its namespace, name, parameters, types or what its body reads.";
    FUNCTION_RECURSION = "ADSL0306", "function-recursion",
        "User-defined functions that call themselves or each other in a cycle.";
    DEPLOY_TIME_ONLY = "ADSL0307", "deploy-time-only",
        "A function or member whose value only exists in some places (deployed state, `copyIndex`, `utcNow`) used elsewhere.";
    INVALID_MEMBER = "ADSL0308", "invalid-member",
        "A member or index a resource, module, identity or loop does not have.";
    REFERENCE_FORM = "ADSL0309", "reference-form",
        "A `reference(...)` read that fails at deployment: the wrong form for the member read, or a resource reading itself.";
    LOOP_PLACEMENT = "ADSL0310", "loop-placement",
        "A `[for ...]` loop where ARM cannot write one.";
    RESERVED_TEXT = "ADSL0311", "reserved-text",
        "Text the compiler reserves for its own markers.";
    DUPLICATE_KEY = "ADSL0312", "duplicate-key",
        "An object literal with the same key twice.";
    BICEP_INTERPOLATION = "ADSL0313", "bicep-interpolation",
        "`${...}` in a string: Bicep interpolation, which the DSL deploys as literal text.";
    UNKNOWN_RESULT_MEMBER = "ADSL0314", "unknown-result-member",
        "A member that a function's result never has.";
    NO_BICEP_EQUIVALENT = "ADSL0315", "no-bicep-equivalent",
        "An ARM form that Bicep cannot write, so the two outputs could not agree.";
    FAILS_AT_DEPLOYMENT = "ADSL0316", "fails-at-deployment",
        "An expression known at compile time whose evaluation fails, as the deployment would: a missing `format` argument, `int` of text, division by zero, an index out of range, invalid JSON, a `range` too long.";
    LOAD_FILE = "ADSL0317", "load-file",
        "A file that `loadTextContent`, `loadFileAsBase64` or `loadJsonContent` cannot read as asked: missing, not text in its encoding, not JSON, too large, or named by something other than a literal.";

    UNKNOWN_RESOURCE_TYPE = "ADSL0401", "unknown-resource-type",
        "A resource type that Azure does not have (or that is written in the wrong form).";
    UNKNOWN_API_VERSION = "ADSL0402", "unknown-api-version",
        "An API version the resource type does not have.";
    WRONG_SCOPE = "ADSL0403", "wrong-scope",
        "A resource or function used at a deployment scope where it does not exist.";
    UNKNOWN_PROPERTY = "ADSL0404", "unknown-property",
        "A property the resource type does not have at that place.";
    MISSING_PROPERTY = "ADSL0405", "missing-property",
        "A required property left out.";
    READ_ONLY_PROPERTY = "ADSL0406", "read-only-property",
        "A property Azure sets, written in a template.";
    WRONG_VALUE_TYPE = "ADSL0407", "wrong-value-type",
        "A property value of the wrong JSON type.";
    INVALID_ENUM_VALUE = "ADSL0408", "invalid-enum-value",
        "A value that is not one of the property's allowed values.";
    OUT_OF_BOUNDS = "ADSL0409", "out-of-bounds",
        "A value, length or item count outside what the property accepts.";
    PATTERN_MISMATCH = "ADSL0410", "pattern-mismatch",
        "A string that does not match the pattern the property requires.";
    INVALID_RESOURCE_NAME = "ADSL0411", "invalid-resource-name",
        "A resource name that breaks its type's naming rules (characters, length, fixed names).";
    NAME_SEGMENTS = "ADSL0412", "name-segments",
        "A resource name or `resourceId(...)` with the wrong number of `/`-separated segments for its type.";
    INVALID_READ = "ADSL0413", "invalid-read",
        "A read of a property that Azure never returns (write-only) or the type does not have.";
    TYPE_DATA_OVERRIDE = "ADSL0414", "type-data-override",
        "`#[accept]` where it accepts nothing (a needless `#[unchecked]` is only a warning).";
    EXCLUSIVE_PROPERTIES = "ADSL0415", "exclusive-properties",
        "Properties that exclude each other given together, or none of a required set given.";
    BODY_SHAPE = "ADSL0416", "body-shape",
        "A resource or module body whose top-level keys ARM does not take in that form.";
    PARAMETER_FEEDS_PROPERTY = "ADSL0417", "parameter-feeds-property",
        "An allowed value or default of a parameter that the property it feeds rejects.";

    DEPENDENCY_CYCLE = "ADSL0501", "dependency-cycle",
        "Declarations that depend on themselves, directly or in a cycle.";
    INVALID_DEPENDENCY = "ADSL0502", "invalid-dependency",
        "A `dependsOn` entry that names nothing this template deploys.";
    INVALID_PARENT = "ADSL0503", "invalid-parent",
        "A `parent` of the wrong type, declared with a loop, or in another resource group.";
    INVALID_SCOPE = "ADSL0504", "invalid-scope",
        "A `scope` that is not a single resource of this deployment, or an extension scope on a type that takes none.";
    CONDITION_NOT_CARRIED = "ADSL0505", "condition-not-carried",
        "A resource deployed under a condition, used where that condition may be false.";
    DUPLICATE_RESOURCE = "ADSL0506", "duplicate-resource",
        "Resources or deployments ARM cannot tell apart (names equal ignoring case).";
    INVALID_MODULE = "ADSL0507", "invalid-module",
        "A module (nested deployment) written in a form ARM rejects or that is unsafe, that deploys the template being declared (which would nest without end), or whose template's file name another module's takes.";
    SAME_NAME_IN_LOOP = "ADSL0508", "same-name-in-loop",
        "A loop whose copies would all get the same name in the same scope.";
    EXISTING_RESOURCE = "ADSL0509", "existing-resource",
        "An `existing` resource used as if this template deployed it.";
    /// Checked where the module's template is known: by `rustc`, in the
    /// constant the macro defines (`apim_dsl::__private`).
    MODULE_PARAMETERS = "ADSL0510", "module-parameters",
        "A module that leaves out a required parameter of its template, or passes one the template does not have or of the wrong type.";
    /// Checked by `rustc`, like [`MODULE_PARAMETERS`].
    MODULE_OUTPUTS = "ADSL0511", "module-outputs",
        "A read of a module output that its template does not have, or of the wrong type for where it is used.";

    IDENTITY_SHAPE = "ADSL0601", "identity-shape",
        "An `identity` whose type and attached user-assigned identities disagree.";
    MISSING_IDENTITY = "ADSL0602", "missing-identity",
        "A read of an identity the resource does not have, with one not attached to it, or of the wrong identity value (a principal id for a client id).";
    VAULT_ACCESS = "ADSL0603", "vault-access",
        "A Key Vault read by an identity that is given no (or the wrong, or too late) access.";
    SECRET_REFERENCE = "ADSL0604", "secret-reference",
        "A Key Vault secret reference that is not a secret URI.";
    INVALID_GRANT = "ADSL0605", "invalid-grant",
        "A `grant` without its principal, scope or a known role.";

    TEMPLATE_LIMIT = "ADSL0701", "template-limit",
        "More of something than ARM allows in one template (resources, parameters, copies, expression length, ...).";
    INVALID_TAGS = "ADSL0702", "invalid-tags",
        "Tags that Azure rejects: too many, too long, or with characters it does not allow.";
    SERVICE_TIER = "ADSL0703", "service-tier",
        "An API Management feature the chosen tier does not have.";
    DEPLOYMENT_NAME = "ADSL0704", "deployment-name",
        "A nested deployment name ARM rejects.";

    ALLOWED_VALUES = "ADSL0801", "allowed-values",
        "`#[allowed]` values that are not literals of the parameter's type, or a default outside them.";
    PARAMETER_CONSTRAINT = "ADSL0802", "parameter-constraint",
        "A parameter constraint that does not apply to its type, contradicts another, or that its default breaks.";
    SECRET_EXPOSED = "ADSL0803", "secret-exposed",
        "A secret stored in the template or revealed by an output.";

    DENIED_LINT = "ADSL0901", "denied-lint",
        "A lint's warning that the template or the crate denies (`#[deny(name)]`, `[package.metadata.apim-dsl.lints]`).";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = ALL.iter().map(|c| c.id).collect();
        let mut names: Vec<&str> = ALL.iter().map(|c| c.name).collect();
        for code in ALL {
            assert!(
                code.id.len() == 8 && code.id.starts_with("ADSL"),
                "{code:?}"
            );
            assert!(code.id[4..].bytes().all(|b| b.is_ascii_digit()), "{code:?}");
            assert!(
                code.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{code:?}"
            );
            assert!(code.summary.ends_with('.'), "{code:?}");
        }
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!((ids.len(), names.len()), (count, count));
    }

    #[test]
    fn a_message_names_its_code() {
        let message = UNKNOWN_PROPERTY.message("`foo` is not a property");
        assert_eq!(message, "ADSL0404: `foo` is not a property");
        assert_eq!(of(&message), Some(&UNKNOWN_PROPERTY));
        assert_eq!(of("no code here"), None);
        assert_eq!(strip(&message), "`foo` is not a property");
        assert_eq!(strip("no code here"), "no code here");
    }
}
