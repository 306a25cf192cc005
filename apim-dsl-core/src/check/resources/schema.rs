//! The shape of the resource type table: static property trees with the API
//! versions each property and enum value exists in, built with `const fn`s so that
//! every table file reads as data.
//!
//! A property or value carries the first (`since`) and last (`until`) API version
//! that has it, taken from Microsoft's published schemas. Between the two it is
//! accepted in every version, even one whose schema happens to lack it: a rare
//! preview that dropped a property must not turn a valid template into an error.

use super::patterns::Pattern;

/// One resource type: its API versions, the keys of its body and the rules that
/// need more than one property.
#[derive(Debug)]
pub struct ResourceType {
    /// `Microsoft.ApiManagement/service`.
    pub name: &'static str,
    /// Every known API version, newest first.
    pub versions: &'static [&'static str],
    /// The body's keys (`location`, `sku`, `properties`, ...).
    pub body: &'static [Prop],
    /// What a literal name (its own, last segment) must look like.
    pub name_rule: NameRule,
    /// Checks across several properties.
    pub rules: &'static [Rule],
}

impl ResourceType {
    /// Whether `version` is one of the type's API versions.
    pub fn has_version(&self, version: &str) -> bool {
        self.versions.contains(&version)
    }

    /// How many `/`-separated segments a full name has (`vault/add` has 2).
    pub fn name_segments(&self) -> usize {
        self.name.split('/').count().saturating_sub(1)
    }
}

/// Constraints on the last segment of a resource name.
#[derive(Debug)]
pub struct NameRule {
    /// Minimum length in characters.
    pub min_len: usize,
    /// Maximum length in characters.
    pub max_len: Option<usize>,
    /// The shape the name must have.
    pub pattern: Option<&'static Pattern>,
    /// The only names allowed (compared ignoring case), when not empty.
    pub values: &'static [&'static str],
}

impl NameRule {
    /// No constraint.
    pub const ANY: NameRule = NameRule {
        min_len: 1,
        max_len: None,
        pattern: None,
        values: &[],
    };
}

/// A check that involves more than one property.
#[derive(Debug)]
#[non_exhaustive]
pub enum Rule {
    /// In the object at `path`, exactly one (`required`) or at most one of `names`.
    OneOf {
        /// Keys from the body root to the object.
        path: &'static [&'static str],
        /// The mutually exclusive keys.
        names: &'static [&'static str],
        /// Whether one of them must be present.
        required: bool,
    },
    /// `sku.capacity` within the bounds of the literal `sku.name`.
    Capacity(&'static [Tier]),
}

/// The capacity a sku allows.
#[derive(Debug)]
pub struct Tier {
    /// The sku name.
    pub sku: &'static str,
    /// Fewest units.
    pub min: i64,
    /// Most units.
    pub max: i64,
}

/// Whether a property must be present.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Req {
    /// Optional.
    No,
    /// Always required.
    Yes,
    /// Required from this API version on.
    Since(&'static str),
    /// Required up to and including this API version.
    Until(&'static str),
}

/// One property of an object.
#[derive(Debug)]
pub struct Prop {
    /// The key.
    pub name: &'static str,
    /// The value's type and constraints.
    pub kind: Kind,
    /// Whether it must be present.
    pub required: Req,
    /// The first API version that has it.
    pub since: Option<&'static str>,
    /// The last API version that has it.
    pub until: Option<&'static str>,
    /// Set by Azure: readable (`apim.identity.principalId`) but never written.
    pub read_only: bool,
}

impl Prop {
    /// Also required.
    pub const fn required(mut self) -> Self {
        self.required = Req::Yes;
        self
    }

    /// Required from API version `version` on.
    pub const fn required_since(mut self, version: &'static str) -> Self {
        self.required = Req::Since(version);
        self
    }

    /// Required up to API version `version`.
    pub const fn required_until(mut self, version: &'static str) -> Self {
        self.required = Req::Until(version);
        self
    }

    /// Exists from API version `version` on.
    pub const fn since(mut self, version: &'static str) -> Self {
        self.since = Some(version);
        self
    }

    /// Exists up to API version `version`.
    pub const fn until(mut self, version: &'static str) -> Self {
        self.until = Some(version);
        self
    }

    /// Whether the property exists in API version `version`.
    pub fn in_version(&self, version: &str) -> bool {
        within(version, self.since, self.until)
    }

    /// Whether the property must be present in API version `version`.
    pub fn is_required(&self, version: &str) -> bool {
        match self.required {
            Req::No => false,
            Req::Yes => true,
            Req::Since(first) => within(version, Some(first), None),
            Req::Until(last) => within(version, None, Some(last)),
        }
    }
}

/// A writable property.
pub const fn prop(name: &'static str, kind: Kind) -> Prop {
    Prop {
        name,
        kind,
        required: Req::No,
        since: None,
        until: None,
        read_only: false,
    }
}

/// A property that Azure sets: an error to write, fine to read.
pub const fn read_only(name: &'static str, kind: Kind) -> Prop {
    Prop {
        read_only: true,
        ..prop(name, kind)
    }
}

/// The type of a property value.
#[derive(Debug)]
#[non_exhaustive]
pub enum Kind {
    /// A string, maybe an enum or with a length or shape.
    Str(Text),
    /// An integer, maybe bounded.
    Int(Option<i64>, Option<i64>),
    /// `true` or `false`.
    Bool,
    /// An object with these properties and no others.
    Object(&'static [Prop]),
    /// An object with any keys whose values are all of one kind (`tags`).
    Map(&'static Kind),
    /// An array of one kind, with at most this many items.
    Array(&'static Kind, Option<usize>),
    /// Anything: free-form JSON (`customProperties`, a nested `template`).
    Any,
}

/// Constraints on a string.
#[derive(Debug)]
pub struct Text {
    /// The allowed values (compared ignoring case, as ARM does), when not empty.
    pub values: &'static [Value],
    /// Minimum length in characters.
    pub min_len: usize,
    /// Maximum length in characters.
    pub max_len: Option<usize>,
    /// The shape the value must have.
    pub pattern: Option<&'static Pattern>,
}

/// A string of any value.
pub const STRING: Kind = Kind::Str(Text {
    values: &[],
    min_len: 0,
    max_len: None,
    pattern: None,
});

/// An integer of any value.
pub const INT: Kind = Kind::Int(None, None);

/// Free-form JSON.
pub const ANY: Kind = Kind::Any;

/// A string of at most `max` characters.
pub const fn max_len(max: usize) -> Kind {
    Kind::Str(Text {
        values: &[],
        min_len: 0,
        max_len: Some(max),
        pattern: None,
    })
}

/// A string of shape `pattern`.
pub const fn pattern(pattern: &'static Pattern) -> Kind {
    Kind::Str(Text {
        values: &[],
        min_len: 0,
        max_len: None,
        pattern: Some(pattern),
    })
}

/// One of `values`.
pub const fn one_of(values: &'static [Value]) -> Kind {
    Kind::Str(Text {
        values,
        min_len: 0,
        max_len: None,
        pattern: None,
    })
}

/// An integer from `min` to `max`, both included.
pub const fn int_range(min: i64, max: i64) -> Kind {
    Kind::Int(Some(min), Some(max))
}

/// An object with `props`.
pub const fn object(props: &'static [Prop]) -> Kind {
    Kind::Object(props)
}

/// An array of `item`.
pub const fn array(item: &'static Kind) -> Kind {
    Kind::Array(item, None)
}

/// An array of at most `max` items.
pub const fn array_max(item: &'static Kind, max: usize) -> Kind {
    Kind::Array(item, Some(max))
}

/// An object of any keys with values of one kind.
pub const fn map(value: &'static Kind) -> Kind {
    Kind::Map(value)
}

/// An allowed string value.
#[derive(Debug)]
pub struct Value {
    /// The spelling the schema gives.
    pub name: &'static str,
    /// The first API version that accepts it.
    pub since: Option<&'static str>,
}

impl Value {
    /// Accepted from API version `version` on.
    pub const fn since(mut self, version: &'static str) -> Self {
        self.since = Some(version);
        self
    }

    /// The first API version that accepts the value, when `version` is older
    /// than it; `None` when `version` accepts it.
    pub fn first_after(&self, version: &str) -> Option<&'static str> {
        self.since
            .filter(|first| !within(version, Some(first), None))
    }
}

/// The names of the values that API version `version` accepts, in order.
pub fn names_at(values: &[Value], version: &str) -> Vec<&'static str> {
    values
        .iter()
        .filter(|v| v.first_after(version).is_none())
        .map(|v| v.name)
        .collect()
}

/// An allowed string value, in every API version.
pub const fn v(name: &'static str) -> Value {
    Value { name, since: None }
}

/// Whether `version` lies between `since` and `until` (both included).
pub fn within(version: &str, since: Option<&str>, until: Option<&str>) -> bool {
    let key = version_key(version);
    since.is_none_or(|first| key >= version_key(first))
        && until.is_none_or(|last| key <= version_key(last))
}

/// Orders API versions by date; a preview comes before the stable version of the
/// same date, which is how Azure releases them.
pub fn version_key(version: &str) -> (&str, bool) {
    let date = version.get(..10).unwrap_or(version);
    (date, !version.ends_with("-preview"))
}

/// Two spellings of an enum value that ARM treats as the same: case aside, and
/// white space around the commas of a list (`SystemAssigned,UserAssigned`).
///
/// Compared in place: every enum value of every resource comes through here,
/// against each listed value in turn.
pub fn same_value(a: &str, b: &str) -> bool {
    let mut left = a.split(',');
    let mut right = b.split(',');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.trim().eq_ignore_ascii_case(y.trim()) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_by_date_then_preview_first() {
        assert!(version_key("2019-12-01") > version_key("2019-12-01-preview"));
        assert!(version_key("2019-12-01-preview") > version_key("2019-01-01"));
        assert!(within("2024-05-01", Some("2017-03-01"), None));
        assert!(!within("2016-10-10", Some("2017-03-01"), None));
        assert!(within("2016-10-10", None, Some("2016-10-10")));
        assert!(!within("2017-03-01", None, Some("2016-10-10")));
    }

    #[test]
    fn enum_values_compare_as_arm_does() {
        assert!(same_value("SystemAssigned", "systemAssigned"));
        assert!(same_value(
            "SystemAssigned, UserAssigned",
            "systemassigned,UserAssigned"
        ));
        assert!(!same_value("SystemAssigned", "System Assigned"));
        assert!(!same_value("Premium", "PremiumV2"));
        assert!(!same_value("SystemAssigned", "SystemAssigned,UserAssigned"));
        assert!(!same_value("SystemAssigned,", "SystemAssigned"));
        assert!(same_value(" a , B ", "A,b"));
        assert!(same_value("", ""));
        assert!(!same_value("", ","));
    }
}
