//! Error collection: every stage pushes its errors here so that one build shows
//! every mistake, each at the span of its own token.

pub use crate::codes::{self, Code};
use proc_macro2::{Ident, Span, TokenStream};
use std::fmt::Display;
use syn::Error;

/// A warning: the template compiles, but probably not as meant.
#[derive(Debug, Clone)]
pub struct Warning {
    /// Where.
    pub span: Span,
    /// The lint that names it (and allows or denies it), if one does.
    pub lint: Option<Lint>,
    /// What, and how to fix it or silence it.
    pub message: String,
}

/// The lints: warnings with a name, allowed or denied per declaration
/// (`#[allow(name)]`), per template (`#[allow(name)]`, `#[deny(name)]`,
/// `#[warn(name)]` before `const`) and per crate (`[package.metadata.apim-dsl.lints]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lint {
    /// A parameter, variable or `existing` resource that nothing uses.
    Unused,
    /// Over-broad Key Vault access (`all` permissions, Owner, Contributor, ...).
    BroadAccess,
    /// A custom domain's certificate pinned to one version.
    PinnedCertificate,
    /// An enum value spelled otherwise than the schema spells it.
    EnumSpelling,
    /// `#[unchecked]` on a resource whose type the data knows.
    UselessUnchecked,
    /// A member read in another case than its type spells it
    /// (`resourceGroup().Location`): ARM reads it ignoring case.
    MemberCase,
}

impl Lint {
    /// Every lint, in the order the language reference lists them.
    pub const ALL: [Lint; 6] = [
        Lint::Unused,
        Lint::BroadAccess,
        Lint::PinnedCertificate,
        Lint::EnumSpelling,
        Lint::UselessUnchecked,
        Lint::MemberCase,
    ];

    /// The name written in `#[allow(...)]` and shown in the warning.
    pub const fn name(self) -> &'static str {
        match self {
            Lint::Unused => "unused",
            Lint::BroadAccess => "broad_access",
            Lint::PinnedCertificate => "pinned_certificate",
            Lint::EnumSpelling => "enum_spelling",
            Lint::UselessUnchecked => "useless_unchecked",
            Lint::MemberCase => "member_case",
        }
    }

    /// The lint named `name`.
    pub fn named(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// Why Bicep only warns of an error of the compiler: `apim-dsl check`
/// reports such an error as a warning unless `--strict` (the macro, always
/// as an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Leniency {
    /// Bicep's type data alone decides it: a property it does not list, or
    /// lists as read-only or required, a value of another type or outside its
    /// enum, a type or API version it does not have, a `list*` function it
    /// does not list for the type. The data comes from the
    /// providers' API descriptions and can be inaccurate, so Bicep reports
    /// these in a resource body as warnings (BCP035, BCP036, BCP037, BCP073,
    /// BCP088, BCP081) and Azure may deploy the value as written.
    TypeData,
    /// A rule of Bicep's linter, a warning by default: the rule's name.
    Linter(&'static str),
    /// ARM deploys it, and only the Bicep the macro also writes has no form
    /// for it (a function Bicep lacks, `variables(...)` with a computed name):
    /// a template kept as ARM JSON loses nothing.
    NoBicep,
}

/// Collects the errors (and warnings) of one template (serde's `Ctxt`).
#[derive(Default)]
pub struct Diagnostics {
    errors: Vec<Error>,
    warnings: Vec<Warning>,
    /// The errors Bicep only warns of: (index in `errors`, why).
    lenient: Vec<(usize, Leniency)>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error of kind `code` at `span` (the message is shown after the
    /// code: `ADSL0404: message`).
    pub fn error(&mut self, code: Code, span: Span, message: impl Display) {
        self.errors.push(code.error(span, message));
    }

    /// Records an error of kind `code` at `span` that Bicep only warns of,
    /// for `leniency`'s reason (see [`Leniency`]).
    pub fn lenient_error(
        &mut self,
        code: Code,
        span: Span,
        message: impl Display,
        leniency: Leniency,
    ) {
        self.lenient.push((self.errors.len(), leniency));
        self.error(code, span, message);
    }

    /// Records a warning at `span` that no lint names (so it can be neither
    /// allowed nor denied): prefer [`lint`](Self::lint).
    pub fn warn(&mut self, span: Span, message: impl Display) {
        self.warnings.push(Warning {
            span,
            lint: None,
            message: message.to_string(),
        });
    }

    /// Records a warning of `lint` at `span`.
    pub fn lint(&mut self, span: Span, lint: Lint, message: impl Display) {
        self.warnings.push(Warning {
            span,
            lint: Some(lint),
            message: message.to_string(),
        });
    }

    /// The warnings recorded so far.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Records an error of kind `code` that underlines everything from `first`
    /// to `last`.
    pub fn error_range(&mut self, code: Code, first: Span, last: Span, message: impl Display) {
        self.errors.push(range_error(code, first, last, message));
    }

    /// Records an already built error.
    pub fn push(&mut self, error: Error) {
        self.errors.push(error);
    }

    /// Records several errors.
    pub fn extend(&mut self, errors: impl IntoIterator<Item = Error>) {
        self.errors.extend(errors);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many errors were recorded.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The recorded errors, in the order they were found.
    pub fn into_errors(self) -> Vec<Error> {
        self.errors
    }

    /// The recorded errors, in the order they were found, each with why
    /// Bicep only warns of it, if it does.
    pub fn into_errors_with_leniency(self) -> Vec<(Error, Option<Leniency>)> {
        // Recorded in the order of the errors.
        let mut lenient = self.lenient.into_iter().peekable();
        self.errors
            .into_iter()
            .enumerate()
            .map(|(i, error)| {
                (
                    error,
                    lenient.next_if(|(at, _)| *at == i).map(|(_, why)| why),
                )
            })
            .collect()
    }
}

/// An error whose underline runs from `first` to `last`. On stable Rust a span
/// cannot be joined, but `Error::new_spanned` keeps the first and last token spans.
pub fn range_error(code: Code, first: Span, last: Span, message: impl Display) -> Error {
    let mut tokens = TokenStream::new();
    tokens.extend([
        proc_macro2::TokenTree::Ident(Ident::new("a", first)),
        proc_macro2::TokenTree::Ident(Ident::new("b", last)),
    ]);
    Error::new_spanned(tokens, code.message(message))
}

/// The candidate closest to `name`, when one is close enough to be a likely typo:
/// equal ignoring case, or within an edit distance of a third of its length (so a
/// one- or two-letter name only matches names that differ from it in case).
///
/// A stand-in (`__stand_in3_my_x`, which `check` writes for a name that is
/// no identifier) is compared by the name it stands in for, `my_x`: the
/// prefix every stand-in shares would otherwise make any two alike.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = stand_in_for(name).to_ascii_lowercase();
    let limit = stand_in_for(name).chars().count() / 3;
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let other = stand_in_for(candidate).to_ascii_lowercase();
        let distance = if other == lower {
            0
        } else {
            edit_distance(&lower, &other)
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// How every stand-in identifier starts: `check` names what the template
/// names as no identifier is (`my-param`) `__stand_in0_my_param`.
pub(crate) const STAND_IN_PREFIX: &str = "__stand_in";

/// The name a stand-in is made from (`my_x` of `__stand_in3_my_x`), or `name`
/// itself when it is none.
fn stand_in_for(name: &str) -> &str {
    name.strip_prefix(STAND_IN_PREFIX)
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .and_then(|rest| rest.strip_prefix('_'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
}

/// ", did you mean `x`" or nothing: the tail of an "unknown name" message.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match suggest(name, candidates) {
        Some(candidate) => format!(", did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(prev2[j - 2] + 1);
            }
            row[j] = best;
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["skuCount", "sku", "publisherEmail"];
        assert_eq!(suggest("skuCont", names), Some("skuCount"));
        assert_eq!(suggest("SKU", names), Some("sku"));
        assert_eq!(suggest("publisherEmial", names), Some("publisherEmail"));
        assert_eq!(suggest("location", names), None);
        assert_eq!(did_you_mean("zzz", names), "");
    }

    /// Stand-ins share a long prefix: they are compared by the names they
    /// stand in for, `ab_c` and `zz_z` (before, `__stand_in1_zz_z` was "close"
    /// to `__stand_in0_ab_c`, and `zz-z` got "did you mean `ab-c`?").
    #[test]
    fn stand_ins_are_compared_by_their_names() {
        assert_eq!(suggest("__stand_in1_zz_z", ["__stand_in0_ab_c"]), None);
        assert_eq!(
            suggest("__stand_in1_my_lop", ["__stand_in0_my_loop_"]),
            Some("__stand_in0_my_loop_")
        );
        assert_eq!(suggest("__stand_in2_x_y", ["xy"]), Some("xy"));
        assert_eq!(stand_in_for("__stand_in"), "__stand_in");
        assert_eq!(stand_in_for("__stand_in12_a"), "a");
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(edit_distance("concat", "conact"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn collects_in_order() {
        let mut diags = Diagnostics::new();
        diags.error(codes::SYNTAX, Span::call_site(), "first");
        diags.error_range(
            codes::TYPE_MISMATCH,
            Span::call_site(),
            Span::call_site(),
            "second",
        );
        assert_eq!(diags.len(), 2);
        let messages: Vec<String> = diags
            .into_errors()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(messages, ["ADSL0101: first", "ADSL0303: second"]);
    }

    #[test]
    fn lenient_errors_keep_their_reason_in_order() {
        let mut diags = Diagnostics::new();
        diags.error(codes::SYNTAX, Span::call_site(), "first");
        diags.lenient_error(
            codes::UNKNOWN_PROPERTY,
            Span::call_site(),
            "second",
            Leniency::TypeData,
        );
        diags.push(codes::SYNTAX.error(Span::call_site(), "third"));
        let found: Vec<(String, Option<Leniency>)> = diags
            .into_errors_with_leniency()
            .into_iter()
            .map(|(e, why)| (e.to_string(), why))
            .collect();
        assert_eq!(
            found,
            [
                ("ADSL0101: first".to_string(), None),
                ("ADSL0404: second".to_string(), Some(Leniency::TypeData)),
                ("ADSL0101: third".to_string(), None),
            ]
        );
    }
}
