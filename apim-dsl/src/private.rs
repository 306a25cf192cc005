//! Support for the code `template!` generates. Not public API.

use crate::template::{Output, Parameter, Template, ValueType};

/// The fields of a [`Template`], filled in by the macro.
pub struct Parts {
    pub name: &'static str,
    pub file_stem: &'static str,
    pub description: Option<&'static str>,
    pub arm: &'static str,
    pub bicep: &'static str,
    pub parameters: &'static [Parameter],
    pub outputs: &'static [Output],
    pub modules: &'static [&'static Template],
    /// The Key Vaults marked `#[access(caller)]`: the template that deploys this
    /// one as a module must give their access first.
    pub caller_access: &'static [&'static str],
}

/// The value types by the number `template!` writes for each (this order is
/// `apim_dsl_core::expand`'s): short calls keep every expansion small.
const VALUE_TYPES: [ValueType; 7] = [
    ValueType::String,
    ValueType::SecureString,
    ValueType::Int,
    ValueType::Bool,
    ValueType::Object,
    ValueType::SecureObject,
    ValueType::Array,
];

/// A parameter without a description.
pub const fn param(name: &'static str, ty: usize, required: bool) -> Parameter {
    Parameter::__new(name, VALUE_TYPES[ty], required, None)
}

/// A parameter with a description.
pub const fn described_param(
    name: &'static str,
    ty: usize,
    required: bool,
    description: &'static str,
) -> Parameter {
    Parameter::__new(name, VALUE_TYPES[ty], required, Some(description))
}

/// An output.
pub const fn output(name: &'static str, ty: usize) -> Output {
    Output::__new(name, VALUE_TYPES[ty])
}

/// A piece of a template's text: literal text, a module's ARM JSON spliced in at
/// an indentation depth, or a module's file stem (for Bicep's `module` path).
pub enum Piece {
    Text(&'static str),
    Arm(&'static Template, usize),
    Stem(&'static Template),
    /// A module output read: the template, the output's name, and how to read it
    /// when it is plain (`reference(...).outputs.x.value`) or secure
    /// (`listOutputsWithSecureValues(...).x`, as Bicep reads it).
    Output(&'static Template, &'static str, &'static str, &'static str),
}

/// Whether `template` declares output `name` secure.
const fn secure_output(template: &Template, name: &str) -> bool {
    let outputs = template.outputs();
    let mut i = 0;
    while i < outputs.len() {
        if same(outputs[i].name(), name) {
            return matches!(
                outputs[i].ty(),
                ValueType::SecureString | ValueType::SecureObject
            );
        }
        i += 1;
    }
    false
}

/// The text an output read stands for.
const fn output_text(
    template: &Template,
    name: &str,
    plain: &'static str,
    secure: &'static str,
) -> &'static str {
    if secure_output(template, name) {
        secure
    } else {
        plain
    }
}

/// The byte length of `text` with `indent` spaces after each newline.
const fn indented_len(text: &str, indent: usize) -> usize {
    let bytes = text.as_bytes();
    let mut len = bytes.len();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            len += indent;
        }
        i += 1;
    }
    len
}

/// The length of the joined pieces.
pub const fn joined_len(pieces: &[Piece]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < pieces.len() {
        len += match &pieces[i] {
            Piece::Text(text) => text.len(),
            Piece::Arm(template, indent) => indented_len(template.arm_json(), *indent),
            Piece::Stem(template) => template.file_stem().len(),
            Piece::Output(template, name, plain, secure) => {
                output_text(template, name, plain, secure).len()
            }
        };
        i += 1;
    }
    len
}

/// The pieces joined into exactly `N` bytes (`N` from [`joined_len`]).
pub const fn join<const N: usize>(pieces: &[Piece]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < pieces.len() {
        let (text, indent) = match &pieces[i] {
            Piece::Text(text) => (*text, 0),
            Piece::Arm(template, indent) => (template.arm_json(), *indent),
            Piece::Stem(template) => (template.file_stem(), 0),
            Piece::Output(template, name, plain, secure) => {
                (output_text(template, name, plain, secure), 0)
            }
        };
        let bytes = text.as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            out[at] = bytes[j];
            at += 1;
            if bytes[j] == b'\n' {
                let mut k = 0;
                while k < indent {
                    out[at] = b' ';
                    at += 1;
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    out
}

/// The joined bytes as text (always UTF-8: joined from `&str`s at line breaks).
pub const fn utf8(bytes: &'static [u8]) -> &'static str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("apim-dsl: spliced template text is not UTF-8"),
    }
}

/// A message assembled at compile time, for the module checks below (a `const`
/// panic can only print a `&str`, not format one). Each starts with its code in
/// the compiler's error catalogue (`apim_dsl_core::codes`; `tests/error_catalogue.rs`
/// checks that the codes written here exist there).
struct Message {
    buf: [u8; 512],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            buf: [0; 512],
            len: 0,
        }
    }

    const fn push(mut self, text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut i = 0;
        // Stop at a character boundary when full, so the text stays UTF-8.
        while i < bytes.len() && self.len < self.buf.len() - 4 {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 && self.len < self.buf.len() {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    const fn names(mut self, names: &[&str]) -> Self {
        let mut i = 0;
        while i < names.len() {
            if i > 0 {
                self = self.push(", ");
            }
            self = self.push("`").push(names[i]).push("`");
            i += 1;
        }
        if names.is_empty() {
            self = self.push("none");
        }
        self
    }

    const fn text(&self) -> &str {
        let (text, _) = self.buf.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => text,
            Err(_) => "apim-dsl: invalid module",
        }
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The value types of a parameter as the bits of the compiler's type sets
/// (string 1, int 2, bool 4, object 8, array 16).
const fn type_bits(ty: ValueType) -> u8 {
    match ty {
        ValueType::String | ValueType::SecureString => 1,
        ValueType::Int => 2,
        ValueType::Bool => 4,
        ValueType::Object | ValueType::SecureObject => 8,
        ValueType::Array => 16,
    }
}

const fn described(ty: ValueType) -> &'static str {
    match ty {
        ValueType::String => "a string",
        ValueType::SecureString => "a secureString",
        ValueType::Int => "an int",
        ValueType::Bool => "a bool",
        ValueType::Object => "an object",
        ValueType::SecureObject => "a secureObject",
        ValueType::Array => "an array",
    }
}

/// Whether `template` is the stand-in of a `template!` with errors: those errors
/// are reported there, and checking a module of it would only repeat them, once
/// per parameter and output.
const fn invalid(template: &Template) -> bool {
    template.arm_json().is_empty()
}

/// Every required parameter of `template` is among `given`.
pub const fn check_module(template: &Template, module: &str, given: &[&str]) {
    if invalid(template) {
        return;
    }
    let params = template.parameters();
    let mut i = 0;
    while i < params.len() {
        let param = &params[i];
        let mut found = false;
        let mut j = 0;
        while j < given.len() {
            if same(param.name(), given[j]) {
                found = true;
            }
            j += 1;
        }
        if param.is_required() && !found {
            let message = Message::new()
                .push("ADSL0510: ")
                .push("module `")
                .push(module)
                .push("` needs parameter `")
                .push(param.name())
                .push("` (")
                .push(described(param.ty()))
                .push(") of template `")
                .push(template.name())
                .push("`: add it to `params`");
            panic!("{}", message.text());
        }
        i += 1;
    }
}

/// `template` has a parameter `name` that accepts a value of the types `bits`.
pub const fn check_module_param(
    template: &Template,
    module: &str,
    name: &str,
    bits: u8,
    found: &str,
) {
    if invalid(template) {
        return;
    }
    let params = template.parameters();
    let mut i = 0;
    while i < params.len() {
        let param = &params[i];
        if same(param.name(), name) {
            if type_bits(param.ty()) & bits == 0 {
                let message = Message::new()
                    .push("ADSL0510: ")
                    .push("module `")
                    .push(module)
                    .push("` passes ")
                    .push(found)
                    .push(" to parameter `")
                    .push(name)
                    .push("`, which is ")
                    .push(described(param.ty()));
                panic!("{}", message.text());
            }
            return;
        }
        i += 1;
    }
    let mut names = [""; 64];
    let mut k = 0;
    while k < params.len() && k < names.len() {
        names[k] = params[k].name();
        k += 1;
    }
    let (names, _) = names.split_at(k);
    let message = Message::new()
        .push("ADSL0510: ")
        .push("template `")
        .push(template.name())
        .push("` of module `")
        .push(module)
        .push("` has no parameter `")
        .push(name)
        .push("`; its parameters are ")
        .names(names);
    panic!("{}", message.text());
}

/// `template` has an output `name`.
pub const fn check_module_output(template: &Template, module: &str, name: &str) {
    if invalid(template) {
        return;
    }
    let outputs = template.outputs();
    let mut names = [""; 64];
    let mut i = 0;
    while i < outputs.len() {
        if same(outputs[i].name(), name) {
            return;
        }
        if i < names.len() {
            names[i] = outputs[i].name();
        }
        i += 1;
    }
    let count = if outputs.len() < names.len() {
        outputs.len()
    } else {
        names.len()
    };
    let (names, _) = names.split_at(count);
    let message = Message::new()
        .push("ADSL0511: ")
        .push("template `")
        .push(template.name())
        .push("` of module `")
        .push(module)
        .push("` has no output `")
        .push(name)
        .push("`; its outputs are ")
        .names(names);
    panic!("{}", message.text());
}

/// Two modules whose templates have the same file stem must be the same template
/// (their Bicep would be written to one file).
pub const fn check_module_stems(a: &Template, b: &Template, module_a: &str, module_b: &str) {
    if invalid(a) || invalid(b) {
        return;
    }
    if same(a.file_stem(), b.file_stem()) && !same(a.arm_json(), b.arm_json()) {
        let message = Message::new()
            .push("ADSL0507: ")
            .push("modules `")
            .push(module_a)
            .push("` and `")
            .push(module_b)
            .push("` use different templates that are both written as `")
            .push(a.file_stem())
            .push(".bicep`: rename one of the constants");
        panic!("{}", message.text());
    }
}

/// A module of a template that leaves Key Vault access to its caller
/// (`#[access(caller)]`) waits for a grant or an access policy of the caller.
pub const fn check_module_access(template: &Template, module: &str, waits: bool) {
    if invalid(template) || waits {
        return;
    }
    let vaults = template.caller_access();
    if vaults.is_empty() {
        return;
    }
    let message = Message::new()
.push("ADSL0603: ")
        .push("template `")
        .push(template.name())
        .push("` leaves the access to Key Vault ")
        .names(vaults)
        .push(" to the template that deploys it (`#[access(caller)]`), but module `")
        .push(module)
        .push("` waits for no grant or access policy: give the identity access in this template and add it to `")
        .push(module)
        .push("`'s `dependsOn`");
    panic!("{}", message.text());
}

/// The target scope a template is written for, from its `$schema`: the Bicep
/// `targetScope` names (`resourceGroup` unless the schema names another).
const fn target_scope(arm: &str) -> &'static str {
    if contains(arm, "subscriptionDeploymentTemplate") {
        "subscription"
    } else if contains(arm, "managementGroupDeploymentTemplate") {
        "managementGroup"
    } else if contains(arm, "tenantDeploymentTemplate") {
        "tenant"
    } else {
        "resourceGroup"
    }
}

/// Whether `needle` occurs in the first 512 bytes of `haystack` (where an ARM
/// template's `$schema` is).
const fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let end = if h.len() < 512 { h.len() } else { 512 };
    let mut start = 0;
    while start + n.len() <= end {
        let mut i = 0;
        while i < n.len() && h[start + i] == n[i] {
            i += 1;
        }
        if i == n.len() {
            return true;
        }
        start += 1;
    }
    false
}

/// A module deploys its template at the scope the template is written for
/// (`#[targetScope]` of the inner template): a resource group module takes a
/// resource group template, `scope: subscription(...)` a subscription one.
pub const fn check_module_scope(template: &Template, module: &str, scope: &str) {
    if invalid(template) {
        return;
    }
    let written = target_scope(template.arm_json());
    if same(written, scope) {
        return;
    }
    let message = Message::new()
        .push("ADSL0403: ")
        .push("module `")
        .push(module)
        .push("` deploys to a ")
        .push(scope)
        .push(", but template `")
        .push(template.name())
        .push("` is written for a ")
        .push(written)
        .push(": give the module `scope: ")
        .push(written)
        .push("(...)` or declare the template `#[targetScope(\"")
        .push(scope)
        .push("\")]`");
    panic!("{}", message.text());
}

/// A plain output of the caller does not relay output `name` of a module when
/// that output is secure.
pub const fn check_module_output_plain(template: &Template, module: &str, name: &str) {
    if invalid(template) || !secure_output(template, name) {
        return;
    }
    let message = Message::new()
.push("ADSL0803: ")
        .push("output `")
        .push(name)
        .push("` of module `")
        .push(module)
        .push("` is secure, and this output reveals it: deployment history shows outputs in plain text; remove it or declare the output `secureString`/`secureObject`");
    panic!("{}", message.text());
}

/// Output `name` of a module, read where a value of the types `bits` is
/// required, is declared with one of them.
pub const fn check_module_output_type(
    template: &Template,
    module: &str,
    name: &str,
    bits: u8,
    expected: &str,
    what: &str,
) {
    if invalid(template) {
        return;
    }
    let outputs = template.outputs();
    let mut i = 0;
    while i < outputs.len() {
        if same(outputs[i].name(), name) {
            if type_bits(outputs[i].ty()) & bits == 0 {
                let message = Message::new()
                    .push("ADSL0511: ")
                    .push("output `")
                    .push(name)
                    .push("` of module `")
                    .push(module)
                    .push("` is ")
                    .push(described(outputs[i].ty()))
                    .push(", but ")
                    .push(what)
                    .push(" needs ")
                    .push(expected)
                    .push(": convert it (`string(...)`, `int(...)`)");
                panic!("{}", message.text());
            }
            return;
        }
        i += 1;
    }
}

/// A module's parameter given another module's output: the output's declared
/// type must be one the parameter takes.
pub const fn check_module_param_from_output(
    template: &Template,
    module: &str,
    name: &str,
    source: &Template,
    source_module: &str,
    output: &str,
) {
    if invalid(template) || invalid(source) {
        return;
    }
    let outputs = source.outputs();
    let mut i = 0;
    while i < outputs.len() {
        if same(outputs[i].name(), output) {
            let ty = outputs[i].ty();
            let params = template.parameters();
            let mut j = 0;
            while j < params.len() {
                if same(params[j].name(), name) {
                    if type_bits(params[j].ty()) & type_bits(ty) == 0 {
                        let message = Message::new()
                            .push("ADSL0510: ")
                            .push("module `")
                            .push(module)
                            .push("` passes `")
                            .push(source_module)
                            .push(".outputs.")
                            .push(output)
                            .push("`, which is ")
                            .push(described(ty))
                            .push(", to parameter `")
                            .push(name)
                            .push("`, which is ")
                            .push(described(params[j].ty()));
                        panic!("{}", message.text());
                    }
                    return;
                }
                j += 1;
            }
            return;
        }
        i += 1;
    }
}

pub use crate::typed::{Given, ToParam, allowed, parameter_file};
pub use serde_json::Value;

/// The parameters struct of a template, from the short form `template!` writes
/// (so that the macro's expansion stays small): each field's type is one of
/// `string`, `int`, `bool`, `object`, `array`, `secret`, `enum E`, `enums E`,
/// with `?` in front when the parameter has a default.
#[macro_export]
#[doc(hidden)]
macro_rules! __parameters {
    (
        $vis:vis struct $name:ident for $template:ident {
            $( $(#[$field_attr:meta])* $field:ident : [$($ty:tt)+] ),* $(,)?
        }
    ) => {
        #[doc = ::core::concat!(
            " The parameters of [`", ::core::stringify!($template), "`]: a field per parameter ",
            "(`Option` where the template has a default), an enum per `#[allowed]` list, ",
            "[`apim_dsl::Secret`] for secure ones. `to_parameter_file()` checks the values ",
            "against the decorators and gives the [`apim_dsl::ParameterFile`] that writes ",
            "`*.parameters.json` and `.bicepparam`."
        )]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(dead_code)]
        $vis struct $name { $( $(#[$field_attr])* pub $field: $crate::__parameter_type!($($ty)+), )* }

        #[allow(dead_code)]
        impl $name {
            /// The parameter file of these values, each checked against its
            /// parameter's decorators (lengths, bounds, allowed values) and Key
            /// Vault references.
            pub fn to_parameter_file(
                &self,
            ) -> ::core::result::Result<$crate::ParameterFile, $crate::ParameterError> {
                $crate::__private::parameter_file(&$template, &[$(&self.$field),*])
            }
        }
    };
}

/// A field type of [`__parameters!`].
#[macro_export]
#[doc(hidden)]
macro_rules! __parameter_type {
    (string) => { ::std::string::String };
    (int) => { i64 };
    (bool) => { bool };
    (object) => { $crate::__private::Value };
    (array) => { ::std::vec::Vec<$crate::__private::Value> };
    (secret) => { $crate::Secret };
    (enum $name:ident) => { $name };
    (enums $name:ident) => { ::std::vec::Vec<$name> };
    (? $($ty:tt)+) => { ::core::option::Option<$crate::__parameter_type!($($ty)+)> };
}

/// The enum of an `#[allowed]` list: `Variant = Str("value")` or `Variant = Int(1)`.
#[macro_export]
#[doc(hidden)]
macro_rules! __allowed {
    (
        $(#[$attr:meta])* $vis:vis enum $name:ident {
            $( $variant:ident = $kind:ident($value:literal) ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(dead_code)]
        $vis enum $name { $( #[doc = ::core::concat!("`", ::core::stringify!($value), "`")] $variant, )* }

        impl $crate::AllowedValue for $name {
            const VALUES: &'static [$crate::AllowedLiteral] = &[$($crate::AllowedLiteral::$kind($value)),*];
            fn index(self) -> usize {
                self as usize
            }
        }

        impl $crate::__private::ToParam for $name {
            fn to_param(&self) -> $crate::__private::Given<'_> {
                $crate::__private::allowed(self)
            }
        }
    };
}
