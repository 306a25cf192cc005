//! The type of the constants that `template!` defines.

use crate::write::{self, Written};
use std::io;
use std::path::Path;

/// The type of a parameter or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueType {
    /// `string`
    String,
    /// `secureString`: a string ARM never logs or returns.
    SecureString,
    /// `int`
    Int,
    /// `bool`
    Bool,
    /// `object`
    Object,
    /// `secureObject`: an object ARM never logs or returns.
    SecureObject,
    /// `array`
    Array,
}

impl ValueType {
    /// The ARM spelling (`secureString`, ...).
    pub const fn arm_name(self) -> &'static str {
        match self {
            ValueType::String => "string",
            ValueType::SecureString => "secureString",
            ValueType::Int => "int",
            ValueType::Bool => "bool",
            ValueType::Object => "object",
            ValueType::SecureObject => "secureObject",
            ValueType::Array => "array",
        }
    }
}

/// A parameter of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter {
    name: &'static str,
    ty: ValueType,
    required: bool,
    description: Option<&'static str>,
    constraints: Constraints,
}

/// Bound `i` of `bounds` if bit `i` of `set` says it is given.
const fn bound(set: u8, bounds: [i64; 4], i: usize) -> Option<i64> {
    if set & (1 << i) != 0 {
        Some(bounds[i])
    } else {
        None
    }
}

/// What a parameter's decorators allow: `#[minLength]`, `#[maxLength]`,
/// `#[minValue]`, `#[maxValue]` and `#[allowed]`. Parameter files check values
/// against them when they are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Constraints {
    pub(crate) min_length: Option<i64>,
    pub(crate) max_length: Option<i64>,
    pub(crate) min_value: Option<i64>,
    pub(crate) max_value: Option<i64>,
    /// The allowed values as a JSON array, when every one is a literal.
    pub(crate) allowed: Option<&'static str>,
}

impl Constraints {
    /// No constraints.
    pub const NONE: Constraints = Constraints {
        min_length: None,
        max_length: None,
        min_value: None,
        max_value: None,
        allowed: None,
    };

    /// `#[minLength(n)]`.
    pub const fn min_length(&self) -> Option<i64> {
        self.min_length
    }

    /// `#[maxLength(n)]`.
    pub const fn max_length(&self) -> Option<i64> {
        self.max_length
    }

    /// `#[minValue(n)]`.
    pub const fn min_value(&self) -> Option<i64> {
        self.min_value
    }

    /// `#[maxValue(n)]`.
    pub const fn max_value(&self) -> Option<i64> {
        self.max_value
    }

    /// `#[allowed(...)]` as a JSON array (of the elements' values for an
    /// `array` parameter), when every value is a literal.
    pub const fn allowed_json(&self) -> Option<&'static str> {
        self.allowed
    }
}

impl Parameter {
    #[doc(hidden)]
    pub const fn __new(
        name: &'static str,
        ty: ValueType,
        required: bool,
        description: Option<&'static str>,
    ) -> Self {
        Parameter {
            name,
            ty,
            required,
            description,
            constraints: Constraints::NONE,
        }
    }

    /// The decorators' constraints in the short form `template!` writes:
    /// `set` has bit `i` for each of `bounds` given (minLength, maxLength,
    /// minValue, maxValue), `allowed` is the JSON array of allowed values or
    /// empty.
    #[doc(hidden)]
    pub const fn __constrained(mut self, set: u8, bounds: [i64; 4], allowed: &'static str) -> Self {
        self.constraints = Constraints {
            min_length: bound(set, bounds, 0),
            max_length: bound(set, bounds, 1),
            min_value: bound(set, bounds, 2),
            max_value: bound(set, bounds, 3),
            allowed: if allowed.is_empty() {
                None
            } else {
                Some(allowed)
            },
        };
        self
    }

    /// The parameter's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Its declared type.
    pub const fn ty(&self) -> ValueType {
        self.ty
    }

    /// Whether a deployment must give a value (it has no default).
    pub const fn is_required(&self) -> bool {
        self.required
    }

    /// Its description (the doc comment).
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }

    /// Its decorators' constraints.
    pub const fn constraints(&self) -> &Constraints {
        &self.constraints
    }
}

/// An output of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    name: &'static str,
    ty: ValueType,
}

impl Output {
    #[doc(hidden)]
    pub const fn __new(name: &'static str, ty: ValueType) -> Self {
        Output { name, ty }
    }

    /// The output's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Its declared type.
    pub const fn ty(&self) -> ValueType {
        self.ty
    }
}

/// One file of a template: a relative path and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// Relative path: `apim.json`, `apim.bicep`, `custom-domain.bicep`.
    pub path: String,
    /// The contents, ending with a newline.
    pub contents: String,
}

/// An ARM template (with its Bicep equivalent) declared with [`template!`](crate::template),
/// checked and emitted at compile time.
///
/// ```
/// apim_dsl::template! {
///     /// Where things go.
///     pub const LOCATION_ONLY;
///     param location: string = resourceGroup().location;
///     output region: string = location;
/// }
///
/// assert_eq!(LOCATION_ONLY.name(), "LOCATION_ONLY");
/// assert_eq!(LOCATION_ONLY.file_stem(), "location-only");
/// let json: serde_json::Value = serde_json::from_str(LOCATION_ONLY.arm_json()).unwrap();
/// assert_eq!(json["outputs"]["region"]["value"], "[parameters('location')]");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Template {
    name: &'static str,
    file_stem: &'static str,
    description: Option<&'static str>,
    arm: &'static str,
    bicep: &'static str,
    parameters: &'static [Parameter],
    outputs: &'static [Output],
    modules: &'static [&'static Template],
    caller_access: &'static [&'static str],
}

impl Template {
    #[doc(hidden)]
    pub const fn __from_parts(parts: crate::__private::Parts) -> Self {
        Template {
            name: parts.name,
            file_stem: parts.file_stem,
            description: parts.description,
            arm: parts.arm,
            bicep: parts.bicep,
            parameters: parts.parameters,
            outputs: parts.outputs,
            modules: parts.modules,
            caller_access: parts.caller_access,
        }
    }

    /// The stand-in that a `template!` with errors defines next to its errors, so
    /// that code using the constant compiles on; never seen by a program that runs.
    #[doc(hidden)]
    pub const fn __invalid(name: &'static str) -> Self {
        Template {
            name,
            file_stem: "",
            description: None,
            arm: "",
            bicep: "",
            parameters: &[],
            outputs: &[],
            modules: &[],
            caller_access: &[],
        }
    }

    /// The constant's name (`APIM_WITH_IDENTITY`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The file name without extension (`apim-with-identity`).
    pub const fn file_stem(&self) -> &'static str {
        self.file_stem
    }

    /// The template's description (its doc comment), also in `metadata.description`.
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }

    /// The ARM template JSON, two-space indented, without a final newline. Module
    /// templates are inline.
    pub const fn arm_json(&self) -> &'static str {
        self.arm
    }

    /// The Bicep source of the main file (modules are separate files: see
    /// [`files`](Self::files)).
    pub const fn bicep(&self) -> &'static str {
        self.bicep
    }

    /// The parameters, in declaration order.
    pub const fn parameters(&self) -> &'static [Parameter] {
        self.parameters
    }

    /// The outputs, in declaration order.
    pub const fn outputs(&self) -> &'static [Output] {
        self.outputs
    }

    /// The templates used as modules, in declaration order.
    pub const fn modules(&self) -> &'static [&'static Template] {
        self.modules
    }

    /// The Key Vaults whose access this template leaves to the template that
    /// deploys it as a module (`#[access(caller)]`).
    pub const fn caller_access(&self) -> &'static [&'static str] {
        self.caller_access
    }

    /// The parameter named `name`.
    pub fn parameter(&self, name: &str) -> Option<&'static Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// Every file of the template: `<stem>.json`, `<stem>.bicep`, and one
    /// `<stem>.bicep` per module (recursively, each once), next to the main file as
    /// the main file's `module` declarations expect. (The ARM JSON needs no module
    /// files: it holds their templates inline.)
    pub fn files(&self) -> Vec<TemplateFile> {
        let mut files = vec![TemplateFile {
            path: format!("{}.json", self.file_stem),
            contents: format!("{}\n", self.arm),
        }];
        if !self.bicep.is_empty() {
            files.push(TemplateFile {
                path: format!("{}.bicep", self.file_stem),
                contents: format!("{}\n", self.bicep),
            });
        }
        let mut pending: Vec<&Template> = self.modules.to_vec();
        while let Some(module) = pending.pop() {
            let path = format!("{}.bicep", module.file_stem);
            if module.bicep.is_empty() || files.iter().any(|f| f.path == path) {
                continue;
            }
            files.push(TemplateFile {
                path,
                contents: format!("{}\n", module.bicep),
            });
            pending.extend(module.modules.iter().copied());
        }
        files
    }

    /// Values for the parameters, to write as `<stem>.parameters.json`: see
    /// [`ParameterFile`](crate::ParameterFile).
    pub fn parameter_file(&self) -> crate::ParameterFile {
        crate::ParameterFile::new(*self)
    }

    /// Writes [`files`](Self::files) into `dir` (created if missing). Each file is
    /// written atomically (a temporary file renamed over it), and only when its
    /// contents changed, so that a `build.rs` does not trigger needless rebuilds.
    pub fn write_to(&self, dir: impl AsRef<Path>) -> io::Result<Vec<Written>> {
        write::write_files(dir.as_ref(), &self.files())
    }
}
