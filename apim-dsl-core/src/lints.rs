//! Lint levels: each lint warns unless allowed or denied, per template
//! (`#[allow(name)]`, `#[warn(name)]`, `#[deny(name)]` before `const`) or per
//! crate, in the declaring crate's `Cargo.toml`:
//!
//! ```toml
//! [package.metadata.apim-dsl.lints]
//! broad_access = "deny"
//! unused = "allow"
//! ```
//!
//! As with rustc, the innermost wins: a declaration's `#[allow(...)]`, then the
//! template's level, then the crate's, then `warn`. A denied lint is an error
//! at the warning's token.

use crate::ast::{Attrs, Expr};
use crate::diag::{Diagnostics, Lint, Warning, codes};
use crate::parse::ident_name;
use proc_macro2::Span;
use std::path::Path;

/// What a lint does when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Level {
    /// Nothing.
    Allow,
    /// A compiler warning (the default).
    Warn,
    /// A compile error.
    Deny,
}

impl Level {
    fn named(name: &str) -> Option<Level> {
        match name {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// Where a level was set, for the error of a denied lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Template,
    Crate,
}

/// The levels set for one template.
#[derive(Debug, Clone, Default)]
pub struct Levels {
    set: Vec<(Lint, Level, Source)>,
}

impl Levels {
    fn level(&self, lint: Lint) -> (Level, Option<Source>) {
        // The template's over the crate's; within one, the last written.
        [Source::Template, Source::Crate]
            .into_iter()
            .find_map(|source| {
                self.set
                    .iter()
                    .rev()
                    .find(|(l, _, s)| *l == lint && *s == source)
                    .map(|(_, level, s)| (*level, Some(*s)))
            })
            .unwrap_or((Level::Warn, None))
    }
}

/// The levels of a template's header attributes and of its crate's
/// `Cargo.toml`. Unknown lint names are errors at their token; `at` is where
/// errors of the `Cargo.toml` table show (the constant's name).
pub fn levels(header: &Attrs, at: Span, diags: &mut Diagnostics) -> Levels {
    let mut levels = Levels::default();
    match crate_levels(&manifest()) {
        Ok(set) => levels.set.extend(
            set.into_iter()
                .map(|(lint, level)| (lint, level, Source::Crate)),
        ),
        Err(message) => diags.error(codes::TEMPLATE_HEADER, at, message),
    }
    for attr in &header.list {
        let Some(level) = Level::named(&ident_name(&attr.name)) else {
            continue;
        };
        let names = known_names();
        let Some(args) = attr.args.as_deref().filter(|a| !a.is_empty()) else {
            diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                attr.name.span(),
                format!(
                    "expected lint names: `#[{}(name, ...)]`, each one of {names}",
                    attr.name
                ),
            );
            continue;
        };
        for arg in args {
            match arg {
                Expr::Ident(ident) if Lint::named(&ident_name(ident)).is_some() => {
                    if let Some(lint) = Lint::named(&ident_name(ident)) {
                        levels.set.push((lint, level, Source::Template));
                    }
                }
                Expr::Ident(ident) => {
                    let name = ident_name(ident);
                    let hint = crate::diag::did_you_mean(&name, Lint::ALL.map(Lint::name));
                    diags.error(
                        codes::ATTRIBUTE_ARGUMENTS,
                        ident.span(),
                        format!("unknown lint `{name}`{hint} (the lints of apim-dsl are {names})"),
                    );
                }
                other => diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    other.span(),
                    format!("expected a lint name, one of {names}"),
                ),
            }
        }
    }
    levels
}

/// "`unused`, `broad_access`, ...".
fn known_names() -> String {
    Lint::ALL
        .iter()
        .map(|l| format!("`{}`", l.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The declaring crate's `Cargo.toml` (`CARGO_MANIFEST_DIR`, set by Cargo when
/// the crate compiles), when there is one.
pub fn manifest() -> Option<std::path::PathBuf> {
    let path = Path::new(&std::env::var_os("CARGO_MANIFEST_DIR")?).join("Cargo.toml");
    path.is_file().then_some(path)
}

/// The `[package.metadata.apim-dsl.lints]` table of the manifest at `path`:
/// `name = "level"` lines (or `name = { level = "level" }`, as Cargo's `[lints]`
/// takes), read without a TOML library: keys are lint names, values strings.
///
/// Every template of a crate reads the same file: the last result is kept, by
/// path and modification time (a long-lived macro server, as rust-analyzer's,
/// sees edits).
fn crate_levels(path: &Option<std::path::PathBuf>) -> Result<Vec<(Lint, Level)>, String> {
    type Cached = (
        std::path::PathBuf,
        std::time::SystemTime,
        Result<Vec<(Lint, Level)>, String>,
    );
    static LAST: std::sync::Mutex<Option<Cached>> = std::sync::Mutex::new(None);
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let (Some((cached_path, cached_time, result)), Some(modified)) = (last.as_ref(), modified)
        && cached_path == path
        && *cached_time == modified
    {
        return result.clone();
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(Vec::new());
    };
    let result = parse_table(&text);
    if let Some(modified) = modified {
        *last = Some((path.clone(), modified, result.clone()));
    }
    result
}

/// A line without its `#` comment (a `#` inside a quoted string stays).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') => return &line[..at],
            _ => {}
        }
    }
    line
}

/// A TOML string (basic or literal quotes), without its quotes.
fn unquoted(text: &str) -> Option<&str> {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
}

/// Reads the lint levels of `[package.metadata.apim-dsl.lints]`, one
/// `name = "level"` (or `name = { level = "level" }`, `name.level = "level"`)
/// per line. The table written another way (`lints = { ... }` under
/// `[package.metadata.apim-dsl]`, dotted keys under `[package.metadata]`) is an
/// error rather than silently ignored: a `deny` there would do nothing.
fn parse_table(text: &str) -> Result<Vec<(Lint, Level)>, String> {
    const TABLE: &str = "[package.metadata.apim-dsl.lints]";
    let mut levels = Vec::new();
    let mut table = String::new();
    for line in text.lines() {
        let line = without_comment(line).trim();
        if line.starts_with('[') {
            table = line.replace([' ', '"', '\''], "");
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let key = line
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .replace(['"', '\''], "");
        let elsewhere = (table == "[package.metadata.apim-dsl]" && key.starts_with("lints"))
            || (table == "[package.metadata]" && key.starts_with("apim-dsl"))
            || (table == "[package]" && key.starts_with("metadata.apim-dsl"));
        if elsewhere {
            return Err(format!(
                "Cargo.toml: apim-dsl reads its lint levels from a `{TABLE}` table, one `lint_name = \"level\"` per line; `{line}` in `{table}` would be ignored"
            ));
        }
        if table != TABLE {
            continue;
        }
        let wrong = || {
            format!(
                "Cargo.toml, {TABLE}: expected `lint_name = \"allow\"` (or \"warn\", \"deny\"), found `{line}`; the lints are {}",
                known_names()
            )
        };
        let (key, value) = line.split_once('=').ok_or_else(wrong)?;
        let key = key.trim();
        let key = unquoted(key).unwrap_or(key);
        // `name.level = "deny"`, as TOML allows for `name = { level = "deny" }`.
        let key = key.strip_suffix(".level").map_or(key, str::trim);
        let value = value.trim();
        // `{ level = "deny" }` as Cargo's `[lints]` takes it.
        let value = value
            .strip_prefix('{')
            .and_then(|v| v.strip_suffix('}'))
            .and_then(|v| v.split_once('='))
            .filter(|(k, _)| k.trim() == "level")
            .map_or(value, |(_, v)| v.trim());
        let level = unquoted(value).and_then(Level::named).ok_or_else(wrong)?;
        let lint = Lint::named(key).ok_or_else(wrong)?;
        levels.push((lint, level));
    }
    Ok(levels)
}

/// The warnings that stay warnings; denied ones become errors in `diags`.
pub fn apply(warnings: Vec<Warning>, levels: &Levels, diags: &mut Diagnostics) -> Vec<Warning> {
    let mut kept = Vec::new();
    for warning in warnings {
        let Some(lint) = warning.lint else {
            kept.push(warning);
            continue;
        };
        match levels.level(lint) {
            (Level::Allow, _) => {}
            (Level::Warn, _) => kept.push(warning),
            (Level::Deny, source) => {
                let by = match source {
                    Some(Source::Crate) => "`[package.metadata.apim-dsl.lints]` in Cargo.toml",
                    _ => "the template's `#[deny(...)]`",
                };
                diags.error(
                    codes::DENIED_LINT,
                    warning.span,
                    format!(
                        "{} [lint `{}`, denied by {by}]",
                        warning.message,
                        lint.name()
                    ),
                );
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cargo_table_is_read() {
        let toml = r#"
[package]
name = "infra"

[package.metadata.apim-dsl.lints]
broad_access = "deny"   # a comment
unused = { level = "allow" }

[dependencies]
unused = "warn"
"#;
        assert_eq!(
            parse_table(toml),
            Ok(vec![
                (Lint::BroadAccess, Level::Deny),
                (Lint::Unused, Level::Allow)
            ])
        );
        let wrong = parse_table("[package.metadata.apim-dsl.lints]\nbroad = \"deny\"\n");
        assert!(wrong.is_err_and(|e| e.contains("found `broad = \"deny\"`")));
        assert!(parse_table("[package.metadata.apim-dsl.lints]\nunused = \"loud\"\n").is_err());
    }

    #[test]
    fn every_toml_spelling_of_the_table_is_read_or_refused() {
        // Quoted table names, single quotes, dotted `.level`, a `#` in a string.
        let toml = "[package.metadata.\"apim-dsl\".lints]\nunused = 'deny'\nbroad_access.level = \"allow\"\npinned_certificate = { level = \"warn\" } # x\n";
        assert_eq!(
            parse_table(toml),
            Ok(vec![
                (Lint::Unused, Level::Deny),
                (Lint::BroadAccess, Level::Allow),
                (Lint::PinnedCertificate, Level::Warn),
            ])
        );
        // The other ways to write the same table would be silently ignored: refused.
        for toml in [
            "[package.metadata.apim-dsl]\nlints = { unused = \"deny\" }\n",
            "[package.metadata]\napim-dsl.lints.unused = \"deny\"\n",
            "[package]\nmetadata.apim-dsl.lints.unused = \"deny\"\n",
        ] {
            let error = parse_table(toml).expect_err(toml);
            assert!(error.contains("would be ignored"), "{error}");
        }
        // Other metadata is none of ours.
        assert_eq!(
            parse_table("[package.metadata.docs.rs]\nall-features = true\n"),
            Ok(Vec::new())
        );
    }

    #[test]
    fn the_manifest_is_read_from_the_crate_directory() {
        let dir = std::env::temp_dir().join(format!("apim-dsl-lints-{}", std::process::id()));
        let path = dir.join("Cargo.toml");
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            std::fs::write(
                &path,
                "[package.metadata.apim-dsl.lints]\nenum_spelling = \"deny\"\n",
            )
        });
        assert!(written.is_ok());
        assert_eq!(
            crate_levels(&Some(path)),
            Ok(vec![(Lint::EnumSpelling, Level::Deny)])
        );
        assert_eq!(crate_levels(&None), Ok(Vec::new()));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_template_wins_over_the_crate() {
        let levels = Levels {
            set: vec![
                (Lint::Unused, Level::Deny, Source::Crate),
                (Lint::Unused, Level::Warn, Source::Template),
                (Lint::BroadAccess, Level::Deny, Source::Crate),
            ],
        };
        assert_eq!(
            levels.level(Lint::Unused),
            (Level::Warn, Some(Source::Template))
        );
        assert_eq!(
            levels.level(Lint::BroadAccess),
            (Level::Deny, Some(Source::Crate))
        );
        assert_eq!(levels.level(Lint::EnumSpelling), (Level::Warn, None));
    }
}
