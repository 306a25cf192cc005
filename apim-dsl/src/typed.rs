//! Support for the parameters types that `template!` defines next to each
//! template constant: the enums of `#[allowed]` lists, and the conversion of a
//! parameters value into a [`ParameterFile`].

use crate::parameters::{ParameterError, ParameterFile};
use crate::secret::Secret;
use crate::template::Template;
use serde_json::Value;

/// An allowed value of a parameter, as written in `#[allowed(...)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AllowedLiteral {
    /// A string.
    Str(&'static str),
    /// An integer.
    Int(i64),
}

impl AllowedLiteral {
    fn to_value(self) -> Value {
        match self {
            AllowedLiteral::Str(text) => Value::from(text),
            AllowedLiteral::Int(number) => Value::from(number),
        }
    }
}

/// The enum `template!` defines for a parameter with `#[allowed(...)]`: one
/// variant per allowed value, in the order written.
pub trait AllowedValue: Copy {
    /// The allowed values, in the variants' order.
    const VALUES: &'static [AllowedLiteral];

    /// The position of this variant (and its value in [`VALUES`](Self::VALUES)).
    fn index(self) -> usize;

    /// The value this variant stands for.
    fn value(self) -> AllowedLiteral {
        Self::VALUES[self.index()]
    }
}

/// What one field of a parameters type gives: nothing (a default applies), a
/// JSON value, or a secret.
#[doc(hidden)]
#[non_exhaustive]
pub enum Given<'a> {
    Absent,
    Value(Value),
    Secret(&'a Secret),
}

/// A field type of a parameters type.
#[doc(hidden)]
pub trait ToParam {
    fn to_param(&self) -> Given<'_>;
}

impl ToParam for String {
    fn to_param(&self) -> Given<'_> {
        Given::Value(Value::from(self.as_str()))
    }
}

impl ToParam for i64 {
    fn to_param(&self) -> Given<'_> {
        Given::Value(Value::from(*self))
    }
}

impl ToParam for bool {
    fn to_param(&self) -> Given<'_> {
        Given::Value(Value::from(*self))
    }
}

impl ToParam for Value {
    fn to_param(&self) -> Given<'_> {
        Given::Value(self.clone())
    }
}

impl ToParam for Secret {
    fn to_param(&self) -> Given<'_> {
        Given::Secret(self)
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> Given<'_> {
        self.as_ref().map_or(Given::Absent, ToParam::to_param)
    }
}

impl<T: ToParam> ToParam for Vec<T> {
    fn to_param(&self) -> Given<'_> {
        let items = self
            .iter()
            .filter_map(|item| match item.to_param() {
                Given::Value(value) => Some(value),
                Given::Absent | Given::Secret(_) => None,
            })
            .collect();
        Given::Value(Value::Array(items))
    }
}

/// An enum's value, for its `ToParam` impl.
#[doc(hidden)]
pub fn allowed<'a, T: AllowedValue>(value: &T) -> Given<'a> {
    Given::Value(value.value().to_value())
}

/// The parameter file of `template` with `fields` (one per parameter, in
/// declaration order), each checked as [`ParameterFile`] checks it.
#[doc(hidden)]
pub fn parameter_file(
    template: &Template,
    fields: &[&dyn ToParam],
) -> Result<ParameterFile, ParameterError> {
    let mut file = template.parameter_file();
    for (parameter, field) in template.parameters().iter().zip(fields) {
        file = match field.to_param() {
            Given::Absent => file,
            Given::Value(value) => file.value(parameter.name(), value)?,
            Given::Secret(secret) => file.secret(parameter.name(), secret)?,
        };
    }
    Ok(file)
}
