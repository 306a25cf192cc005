//! The ARM template function table: names (matched case-insensitively, as ARM
//! does), arity, argument and result types, and where a function may be used.

use crate::types::Ty;

/// How many arguments a function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Arity {
    /// Between `min` and `max` arguments, inclusive.
    Range(usize, usize),
    /// At least this many.
    AtLeast(usize),
    /// An even number (key/value pairs), zero included.
    Even,
}

impl Arity {
    /// Whether `count` arguments are accepted.
    pub fn accepts(self, count: usize) -> bool {
        match self {
            Arity::Range(min, max) => (min..=max).contains(&count),
            Arity::AtLeast(min) => count >= min,
            Arity::Even => count.is_multiple_of(2),
        }
    }

    /// "2 arguments", "1 to 3 arguments", "at least 2 arguments", ...
    pub fn describe(self) -> String {
        let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
        match self {
            Arity::Range(min, max) if min == max => format!("{min} {}", plural(min)),
            Arity::Range(min, max) => format!("{min} to {max} {}", plural(max)),
            Arity::AtLeast(min) => format!("at least {min} {}", plural(min)),
            Arity::Even => "an even number of arguments (key, value pairs)".to_string(),
        }
    }
}

/// The type of a call's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ret {
    /// Always this type.
    Ty(Ty),
    /// The type of the argument at this position (`concat`, `union`, `take`, ...).
    Arg(usize),
    /// Either of two arguments' types (`if`).
    Either(usize, usize),
    /// The union of every argument's type (`coalesce`).
    AnyArg,
}

/// Where a function may be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// Anywhere.
    Anywhere,
    /// Only in a parameter's default value (`utcNow`, `newGuid`).
    ParamDefault,
    /// Reads deployed state (`reference`, `list*`): not in variables, parameter
    /// defaults, or a resource's name, type, API version, condition or loop count.
    Runtime,
}

/// One ARM template function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Function {
    /// The canonical spelling.
    pub name: &'static str,
    /// Accepted argument counts.
    pub arity: Arity,
    /// Argument types by position; the last one repeats for further arguments.
    pub args: &'static [Ty],
    /// Result type.
    pub ret: Ret,
    /// Where it may be used.
    pub place: Place,
    /// Positions that take a lambda, with the lambda's parameter count range.
    pub lambdas: &'static [(usize, usize, usize)],
}

impl Function {
    /// The expected type of the argument at `index`.
    pub fn arg_type(&self, index: usize) -> Ty {
        match self.args.get(index) {
            Some(ty) => *ty,
            None => self.args.last().copied().unwrap_or(Ty::ANY),
        }
    }

    /// The lambda parameter-count range for the argument at `index`, if it takes one.
    pub fn lambda_at(&self, index: usize) -> Option<(usize, usize)> {
        self.lambdas
            .iter()
            .find(|(pos, _, _)| *pos == index)
            .map(|(_, min, max)| (*min, *max))
    }
}

const S: Ty = Ty::STRING;
const I: Ty = Ty::INT;
const B: Ty = Ty::BOOL;
const O: Ty = Ty::OBJECT;
const A: Ty = Ty::ARRAY;
const ANY: Ty = Ty::ANY;
const SA: Ty = Ty::STRING.or(Ty::ARRAY);
/// What `concat` joins: strings (ints and bools joined as their text, as in the
/// ARM docs' `concat(copyIndex(), 'storage', ...)`,
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources>),
/// or arrays.
const CONCAT: Ty = Ty::STRING.or(Ty::ARRAY).or(Ty::INT).or(Ty::BOOL);
const OA: Ty = Ty::OBJECT.or(Ty::ARRAY);
const SAO: Ty = Ty::STRING.or(Ty::ARRAY).or(Ty::OBJECT);
const SI: Ty = Ty::STRING.or(Ty::INT);
const IA: Ty = Ty::INT.or(Ty::ARRAY);

const fn f(name: &'static str, arity: Arity, args: &'static [Ty], ret: Ret) -> Function {
    Function {
        name,
        arity,
        args,
        ret,
        place: Place::Anywhere,
        lambdas: &[],
    }
}

const fn placed(function: Function, place: Place) -> Function {
    Function { place, ..function }
}

const fn lambda(function: Function, lambdas: &'static [(usize, usize, usize)]) -> Function {
    Function {
        lambdas,
        ..function
    }
}

use Arity::{AtLeast, Even, Range};

const fn n(count: usize) -> Arity {
    Range(count, count)
}

/// Every ARM template function this project knows, by category as in the ARM docs.
pub static FUNCTIONS: &[Function] = &[
    // Array and object
    f("array", n(1), &[ANY], Ret::Ty(A)),
    f("concat", AtLeast(0), &[CONCAT], Ret::Arg(0)),
    f("contains", n(2), &[SAO, ANY], Ret::Ty(B)),
    f("createArray", AtLeast(0), &[ANY], Ret::Ty(A)),
    f("createObject", Even, &[S, ANY], Ret::Ty(O)),
    f("empty", n(1), &[SAO.or(Ty::NULL)], Ret::Ty(B)),
    f("first", n(1), &[SA], Ret::Ty(ANY)),
    f("indexOf", n(2), &[SA, ANY], Ret::Ty(I)),
    f("intersection", AtLeast(2), &[OA], Ret::Arg(0)),
    f("items", n(1), &[O], Ret::Ty(A)),
    f("json", n(1), &[S], Ret::Ty(ANY)),
    f("last", n(1), &[SA], Ret::Ty(ANY)),
    f("lastIndexOf", n(2), &[SA, ANY], Ret::Ty(I)),
    f("length", n(1), &[SAO], Ret::Ty(I)),
    f("max", AtLeast(1), &[IA], Ret::Ty(I)),
    f("min", AtLeast(1), &[IA], Ret::Ty(I)),
    f("null", n(0), &[], Ret::Ty(Ty::NULL)),
    f("objectKeys", n(1), &[O], Ret::Ty(A)),
    f("range", n(2), &[I], Ret::Ty(A)),
    f("shallowMerge", n(1), &[A], Ret::Ty(O)),
    f("skip", n(2), &[SA, I], Ret::Arg(0)),
    f("take", n(2), &[SA, I], Ret::Arg(0)),
    f("tryGet", AtLeast(2), &[OA, SI], Ret::Ty(ANY)),
    f("union", AtLeast(2), &[OA], Ret::Arg(0)),
    // CIDR
    f("parseCidr", n(1), &[S], Ret::Ty(O)),
    f("cidrSubnet", n(3), &[S, I, I], Ret::Ty(S)),
    f("cidrHost", n(2), &[S, I], Ret::Ty(S)),
    // Comparison
    f("coalesce", AtLeast(1), &[ANY], Ret::AnyArg),
    f("equals", n(2), &[ANY], Ret::Ty(B)),
    f("greater", n(2), &[SI], Ret::Ty(B)),
    f("greaterOrEquals", n(2), &[SI], Ret::Ty(B)),
    f("less", n(2), &[SI], Ret::Ty(B)),
    f("lessOrEquals", n(2), &[SI], Ret::Ty(B)),
    // Date
    f("dateTimeAdd", Range(2, 3), &[S], Ret::Ty(S)),
    f("dateTimeFromEpoch", n(1), &[I], Ret::Ty(S)),
    f("dateTimeToEpoch", n(1), &[S], Ret::Ty(I)),
    placed(
        f("utcNow", Range(0, 1), &[S], Ret::Ty(S)),
        Place::ParamDefault,
    ),
    // Deployment
    f("deployment", n(0), &[], Ret::Ty(O)),
    f("environment", n(0), &[], Ret::Ty(O)),
    f("parameters", n(1), &[S], Ret::Ty(ANY)),
    f("variables", n(1), &[S], Ret::Ty(ANY)),
    // Lambda
    lambda(f("filter", n(2), &[A, ANY], Ret::Ty(A)), &[(1, 1, 2)]),
    lambda(f("map", n(2), &[A, ANY], Ret::Ty(A)), &[(1, 1, 2)]),
    lambda(
        f("reduce", n(3), &[A, ANY, ANY], Ret::Ty(ANY)),
        &[(2, 2, 3)],
    ),
    lambda(f("sort", n(2), &[A, ANY], Ret::Ty(A)), &[(1, 2, 2)]),
    lambda(
        f("toObject", Range(2, 3), &[A, ANY, ANY], Ret::Ty(O)),
        &[(1, 1, 1), (2, 1, 1)],
    ),
    lambda(f("groupBy", n(2), &[A, ANY], Ret::Ty(O)), &[(1, 1, 1)]),
    lambda(f("mapValues", n(2), &[O, ANY], Ret::Ty(O)), &[(1, 1, 1)]),
    // Logical
    f("and", AtLeast(2), &[B], Ret::Ty(B)),
    f("or", AtLeast(2), &[B], Ret::Ty(B)),
    f("not", n(1), &[B], Ret::Ty(B)),
    f("bool", n(1), &[ANY], Ret::Ty(B)),
    f("if", n(3), &[B, ANY, ANY], Ret::Either(1, 2)),
    f("true", n(0), &[], Ret::Ty(B)),
    f("false", n(0), &[], Ret::Ty(B)),
    // Numeric
    f("add", n(2), &[I], Ret::Ty(I)),
    f("sub", n(2), &[I], Ret::Ty(I)),
    f("mul", n(2), &[I], Ret::Ty(I)),
    f("div", n(2), &[I], Ret::Ty(I)),
    f("mod", n(2), &[I], Ret::Ty(I)),
    f("copyIndex", Range(0, 2), &[SI, I], Ret::Ty(I)),
    f("int", n(1), &[SI], Ret::Ty(I)),
    f("float", n(1), &[SI], Ret::Ty(ANY)),
    // Resource
    f("extensionResourceId", AtLeast(3), &[S], Ret::Ty(S)),
    placed(f("listKeys", n(2), &[S], Ret::Ty(O)), Place::Runtime),
    placed(
        f("listAccountSas", n(3), &[S, S, O], Ret::Ty(O)),
        Place::Runtime,
    ),
    f("pickZones", Range(3, 5), &[S, S, S, I, I], Ret::Ty(A)),
    f("providers", Range(1, 2), &[S], Ret::Ty(O)),
    placed(
        f("reference", Range(1, 3), &[S], Ret::Ty(ANY)),
        Place::Runtime,
    ),
    placed(
        f("references", Range(1, 2), &[S], Ret::Ty(A)),
        Place::Runtime,
    ),
    f("resourceId", AtLeast(2), &[S], Ret::Ty(S)),
    f("subscriptionResourceId", AtLeast(2), &[S], Ret::Ty(S)),
    f("tenantResourceId", AtLeast(2), &[S], Ret::Ty(S)),
    f("managementGroupResourceId", AtLeast(2), &[S], Ret::Ty(S)),
    // Scope
    f("managementGroup", Range(0, 1), &[S], Ret::Ty(O)),
    f("resourceGroup", Range(0, 2), &[S], Ret::Ty(O)),
    f("subscription", Range(0, 1), &[S], Ret::Ty(O)),
    f("tenant", n(0), &[], Ret::Ty(O)),
    // String
    f("base64", n(1), &[S], Ret::Ty(S)),
    f("base64ToJson", n(1), &[S], Ret::Ty(ANY)),
    f("base64ToString", n(1), &[S], Ret::Ty(S)),
    f("dataUri", n(1), &[ANY], Ret::Ty(S)),
    f("dataUriToString", n(1), &[S], Ret::Ty(S)),
    f("endsWith", n(2), &[S], Ret::Ty(B)),
    f("format", AtLeast(1), &[S, ANY], Ret::Ty(S)),
    f("guid", AtLeast(1), &[S], Ret::Ty(S)),
    f("join", n(2), &[A, S], Ret::Ty(S)),
    placed(f("newGuid", n(0), &[], Ret::Ty(S)), Place::ParamDefault),
    f("padLeft", Range(2, 3), &[SI, I, S], Ret::Ty(S)),
    f("replace", n(3), &[S], Ret::Ty(S)),
    f("split", n(2), &[S, SA], Ret::Ty(A)),
    f("startsWith", n(2), &[S], Ret::Ty(B)),
    f("string", n(1), &[ANY], Ret::Ty(S)),
    f("substring", Range(1, 3), &[S, I, I], Ret::Ty(S)),
    f("toLower", n(1), &[S], Ret::Ty(S)),
    f("toUpper", n(1), &[S], Ret::Ty(S)),
    f("trim", n(1), &[S], Ret::Ty(S)),
    f("uniqueString", AtLeast(1), &[S], Ret::Ty(S)),
    f("uri", n(2), &[S], Ret::Ty(S)),
    f("uriComponent", n(1), &[S], Ret::Ty(S)),
    f("uriComponentToString", n(1), &[S], Ret::Ty(S)),
];

/// Any other `list*` function (`listSecrets`, `listConnectionStrings`, ...): ARM
/// accepts every name starting with `list` as a resource action.
pub static LIST_ACTION: Function = placed(
    f("list", Range(2, 3), &[S, S, O], Ret::Ty(ANY)),
    Place::Runtime,
);

/// What a call of a user-defined function points [`crate::ir::Call::function`]
/// at: its real signature is in [`crate::ir::Template::functions`].
pub static USER_FUNCTION: Function = f("", AtLeast(0), &[ANY], Ret::Ty(ANY));

/// A function found by name, with the spelling to emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a> {
    /// The function's definition.
    pub function: &'static Function,
    /// Its canonical spelling, or the user's for a `list*` action.
    pub spelling: &'a str,
}

/// Finds a function by name, case-insensitively as ARM does.
pub fn lookup(name: &str) -> Option<Found<'_>> {
    if let Some(function) = FUNCTIONS.iter().find(|f| f.name.eq_ignore_ascii_case(name)) {
        return Some(Found {
            function,
            spelling: function.name,
        });
    }
    let is_list = name.len() > 4
        && name
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("list"));
    is_list.then_some(Found {
        function: &LIST_ACTION,
        spelling: name,
    })
}

/// The names of every known function, for "did you mean" suggestions.
pub fn names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|f| f.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_canonical() {
        let found = lookup("UNIQUESTRING").map(|f| f.spelling);
        assert_eq!(found, Some("uniqueString"));
        assert_eq!(
            lookup("resourceGroup").map(|f| f.function.arity),
            Some(Range(0, 2))
        );
        assert!(lookup("concatt").is_none());
    }

    #[test]
    fn list_actions_keep_their_spelling() {
        let found = lookup("listSecrets").map(|f| (f.spelling, f.function.place));
        assert_eq!(found, Some(("listSecrets", Place::Runtime)));
        assert_eq!(lookup("listKeys").map(|f| f.function.arity), Some(n(2)));
        assert!(lookup("list").is_none());
    }

    #[test]
    fn arity_and_argument_types() {
        assert!(Even.accepts(0) && Even.accepts(4) && !Even.accepts(3));
        assert!(AtLeast(2).accepts(9) && !AtLeast(2).accepts(1));
        assert_eq!(n(1).describe(), "1 argument");
        assert_eq!(Range(1, 3).describe(), "1 to 3 arguments");
        let format = lookup("format").map(|f| f.function);
        assert_eq!(format.map(|f| f.arg_type(0)), Some(Ty::STRING));
        assert_eq!(format.map(|f| f.arg_type(5)), Some(Ty::ANY));
        let map = lookup("map").map(|f| f.function);
        assert_eq!(map.and_then(|f| f.lambda_at(1)), Some((1, 2)));
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let mut seen: Vec<String> = names().map(str::to_ascii_lowercase).collect();
        let count = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), count);
    }
}
