//! Bicep names: the identifier of every declaration and of the loop and lambda
//! variables in scope, and the namespace a shadowed function is called through.
//!
//! Bicep's declaration keywords (`param`, `resource`, `if`, `for`, `existing`,
//! ...) are contextual: its lexer reads them as identifiers, so `param resource
//! string` and `param if string` are valid and such names are kept. But Bicep
//! cannot declare `true`, `false`, `null` (keyword tokens), `az` or `sys` (the
//! function namespaces, BCP084), nor any name outside ASCII `[A-Za-z_][A-Za-z0-9_]*`
//! (Rust allows more). Such a name gets its other characters replaced by `_` and
//! a trailing `_` until it is free. Parameter and output names are the
//! deployment's interface, so for them this is a last resort that keeps the
//! Bicep valid; rejecting such names when checking would be better. Loop and
//! lambda variables are
//! private, so they are also renamed when they would shadow a declaration or an
//! enclosing variable, or read ambiguously (`[for in in xs: ...]`). A call of a
//! function that a name in scope shadows is qualified: `sys.format(...)`.

use super::text::is_identifier;
use crate::ir::Template;
use foldhash::{HashMap, HashMapExt, HashSet};

/// Names that can never be Bicep symbols: the literal keywords, and the two
/// function namespaces (Bicep's BCP084).
const RESERVED: [&str; 5] = ["true", "false", "null", "az", "sys"];

/// Names that loop and lambda variables avoid besides [`RESERVED`]: Bicep grammars
/// misread `[for in in xs: ...]` and `[for if in xs: ...]`.
const RESERVED_LOCALS: [&str; 3] = ["for", "if", "in"];

/// The functions of Bicep's `az` namespace that the ARM function table knows
/// (`list*` actions too); every other function is in `sys`.
const AZ_FUNCTIONS: [&str; 15] = [
    "deployment",
    "environment",
    "extensionResourceId",
    "managementGroup",
    "managementGroupResourceId",
    "pickZones",
    "providers",
    "reference",
    "references",
    "resourceGroup",
    "resourceId",
    "subscription",
    "subscriptionResourceId",
    "tenant",
    "tenantResourceId",
];

/// The names of one template.
pub struct Names {
    /// Parameter, variable, resource, module and function names (one namespace
    /// in Bicep).
    symbols: HashMap<String, String>,
    /// The Bicep names chosen in `symbols` (its values), for the questions
    /// asked per call and per loop: is this name taken?
    chosen: HashSet<String>,
    /// Variables' Bicep names by their ARM names (a variable is read by its
    /// ARM name, which `#[name]` may make a parameter's too).
    vars: HashMap<String, String>,
    /// Function names by index.
    functions: Vec<String>,
    /// Output names by index (their own namespace).
    outputs: Vec<String>,
    /// Loop and lambda variable names in scope, innermost last.
    locals: Vec<String>,
}

impl Names {
    /// Chooses the name of every declaration of `template`.
    pub fn new(template: &Template) -> Self {
        let declared: Vec<&str> = template
            .params
            .iter()
            .map(|p| p.name.as_str())
            .chain(template.vars.iter().map(|v| v.symbol.as_str()))
            .chain(template.resources.iter().map(|r| r.symbol.as_str()))
            .chain(template.modules.iter().map(|m| m.symbol.as_str()))
            .chain(template.functions.iter().map(|f| f.name.as_str()))
            .collect();
        // Bicep has no function namespaces: a function that shares its name
        // with one of another namespace, declared above, takes its namespace
        // as a prefix, camel-cased as Bicep names are (`otherPrefix`; an
        // underscore before `(` is also what some Bicep parsers, such as
        // pycep, fail on). Names that differ only in case are
        // shared too: Bicep rejects two functions so named (BCP353), and
        // compiles both into `__bicep`, where ARM cannot tell them apart.
        let mut shared = Vec::new();
        for (index, f) in template.functions.iter().enumerate() {
            if template.functions[..index]
                .iter()
                .any(|g| g.name.eq_ignore_ascii_case(&f.name))
            {
                shared.push((index, camel_joined(&f.namespace, &f.name)));
            }
        }
        let outputs: Vec<&str> = template.outputs.iter().map(|o| o.name.as_str()).collect();
        let output_names = unique_names(&outputs, &RESERVED[..3]);
        let symbols = unique_names(&declared, &RESERVED);
        let mut chosen: HashSet<String> = symbols.values().cloned().collect();
        let mut functions: Vec<String> = template
            .functions
            .iter()
            .map(|f| {
                symbols
                    .get(&f.name)
                    .cloned()
                    .unwrap_or_else(|| f.name.clone())
            })
            .collect();
        // A prefixed name is new: it avoids every other symbol ignoring case
        // (the outputs' too, and the names kept or chosen before it).
        let mut taken: HashSet<String> = chosen
            .iter()
            .chain(output_names.values())
            .map(|n| n.to_ascii_lowercase())
            .collect();
        for (index, wanted) in shared {
            let base = if is_identifier(&wanted) {
                wanted
            } else {
                sanitize(&wanted)
            };
            let mut name = base.clone();
            let mut number = 2;
            while RESERVED.contains(&name.as_str()) || taken.contains(&name.to_ascii_lowercase()) {
                name = format!("{base}{number}");
                number += 1;
            }
            taken.insert(name.to_ascii_lowercase());
            chosen.insert(name.clone());
            if let Some(slot) = functions.get_mut(index) {
                *slot = name;
            }
        }
        let vars = template
            .vars
            .iter()
            .map(|v| {
                let bicep = symbols
                    .get(&v.symbol)
                    .cloned()
                    .unwrap_or_else(|| v.symbol.clone());
                (v.name.clone(), bicep)
            })
            .collect();
        Names {
            chosen,
            vars,
            functions,
            symbols,
            outputs: outputs
                .iter()
                .map(|n| {
                    output_names
                        .get(*n)
                        .cloned()
                        .unwrap_or_else(|| n.to_string())
                })
                .collect(),
            locals: Vec::new(),
        }
    }

    /// The Bicep name of a parameter, variable, resource or module.
    pub fn symbol(&self, name: &str) -> String {
        self.symbols
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The Bicep name of the variable ARM names `name`.
    pub fn var(&self, name: &str) -> String {
        self.vars
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.symbol(name))
    }

    /// The Bicep name of `outputs[index]`.
    pub fn output(&self, index: usize) -> String {
        self.outputs.get(index).cloned().unwrap_or_default()
    }

    /// The Bicep name of `functions[index]`.
    pub fn function_symbol(&self, index: usize) -> String {
        self.functions.get(index).cloned().unwrap_or_default()
    }

    /// Brings a loop or lambda variable into scope and returns its Bicep name.
    pub fn local(&mut self, name: &str) -> String {
        let mut chosen = if is_identifier(name) {
            name.to_string()
        } else {
            sanitize(name)
        };
        while RESERVED.contains(&chosen.as_str())
            || RESERVED_LOCALS.contains(&chosen.as_str())
            || self.chosen.contains(&chosen)
            || self.locals.contains(&chosen)
        {
            chosen.push('_');
        }
        self.locals.push(chosen.clone());
        chosen
    }

    /// Takes the `count` innermost variables out of scope.
    pub fn pop_locals(&mut self, count: usize) {
        self.locals
            .truncate(self.locals.len().saturating_sub(count));
    }

    /// The function name to call: qualified with its namespace where a
    /// declaration or a variable in scope has the same name.
    pub fn function(&self, name: &str) -> String {
        let shadowed = self.chosen.contains(name) || self.locals.iter().any(|l| l == name);
        if !shadowed {
            return name.to_string();
        }
        let az = AZ_FUNCTIONS.contains(&name)
            || (name.len() > 4
                && name
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("list")));
        format!("{}.{name}", if az { "az" } else { "sys" })
    }
}

/// `name` with every character Bicep does not accept in an identifier replaced.
fn sanitize(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// A Bicep name for each of `names` (unique among them), keeping every name that
/// is a valid identifier outside `reserved`.
fn unique_names(names: &[&str], reserved: &[&str]) -> HashMap<String, String> {
    let valid = |n: &str| is_identifier(n) && !reserved.contains(&n);
    let mut taken: Vec<String> = names
        .iter()
        .filter(|n| valid(n))
        .map(|n| n.to_string())
        .collect();
    let mut out = HashMap::new();
    for name in names {
        let chosen = if valid(name) {
            name.to_string()
        } else {
            let mut candidate = sanitize(name);
            while reserved.contains(&candidate.as_str()) || taken.contains(&candidate) {
                candidate.push('_');
            }
            taken.push(candidate.clone());
            candidate
        };
        out.insert(name.to_string(), chosen);
    }
    out
}

/// `namespace` and `name` as one camel-cased name: `other` and `prefix` give
/// `otherPrefix`, `other` and `Prefix` the same, `other` and `PREFIX`
/// `otherPREFIX`.
fn camel_joined(namespace: &str, name: &str) -> String {
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    format!(
        "{namespace}{}{}",
        first.map(String::from).unwrap_or_default(),
        chars.as_str()
    )
}
