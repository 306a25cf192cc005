//! ARM template JSON to DSL source: the `template!` that compiles back to the
//! same template (parsed values equal; white space inside expressions, key
//! order, the case of parameter types, and the case of function names and of
//! the parameters, variables and loops an expression names aside: ARM reads
//! them ignoring case, "Syntax and expressions in ARM templates").
//!
//! Every expression is read with [`crate::arm::expr`] into the compiler's
//! expression model and printed back as DSL source. What the DSL cannot
//! express exactly is an [`ImportError`] naming the JSON path and why, never a
//! silent loss. The generated text comes with a [`SourceMap`] from its byte
//! ranges to the JSON paths they were printed from, so that the compiler's
//! errors on the text can be reported at the JSON (`apim-dsl check`).

pub mod parameters;
mod print;
mod shared_loops;
mod symbolic;
pub mod verify;

use super::expr::{ParseError, StringValue, name_key, same_name};
use super::json_pos::{index_path, key_path};
use crate::ir::{Call, Expr, ExprKind};
use print::{Names, Printer, ident, is_plain_name, key, string};
use proc_macro2::Span;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

/// How many calls, accesses and indexes one imported expression may hold
/// (outside its strings): far above what templates write, and low enough that
/// no input nests deep enough to exhaust the stack of the printer, the
/// checks, or the drop of the expression (the DSL reads 100 levels).
const MAX_EXPR_STEPS: usize = 500;

/// [`super::expr::parse_string_value`], refusing an expression with more than
/// [`MAX_EXPR_STEPS`] calls, accesses and indexes before it is parsed.
pub(crate) fn parse_string_value(
    text: &str,
    functions: super::expr::UserFunctions<'_>,
) -> Result<StringValue, ParseError> {
    if super::expr::is_expression(text) && !text.starts_with("[[") {
        Ok(match parse_counted(text, functions)? {
            StringValue::Expr(expr) => StringValue::Expr(fold_names(expr)),
            literal => literal,
        })
    } else {
        super::expr::parse_string_value(text, functions)
    }
}

/// The names ARM compares ignoring case, as their [`name_key`]: those of
/// `parameters('P')`, `variables('V')` and `copyIndex('loop')`. The importer
/// resolves them to their declarations, and the comparison of a round trip
/// reads `parameters('p')` and `parameters('P')` as ARM does, the same.
fn fold_names(expr: Expr) -> Expr {
    map_expr(expr, &mut |e| {
        let kind = match &e.kind {
            ExprKind::Param(name) if name_key(name) != *name => ExprKind::Param(name_key(name)),
            ExprKind::Var(name) if name_key(name) != *name => ExprKind::Var(name_key(name)),
            ExprKind::Call(call)
                if copy_index_loop_name(call).is_some_and(|n| name_key(n) != n) =>
            {
                let mut call = call.clone();
                let name = call.args[0].as_str().map(name_key).unwrap_or_default();
                call.args[0] = Expr::new(ExprKind::Str(name), call.args[0].span);
                call.args = call.args.into_iter().map(fold_names).collect();
                ExprKind::Call(call)
            }
            _ => return None,
        };
        Some(Expr::new(kind, e.span))
    })
}

/// The loop name of ARM's `copyIndex('name', ...)`: its first argument, when
/// a string.
fn copy_index_loop_name(call: &Call) -> Option<&str> {
    if call.user.is_none() && call.name.eq_ignore_ascii_case("copyIndex") {
        call.args.first().and_then(Expr::as_str)
    } else {
        None
    }
}

/// [`super::expr::parse_string_value`] of an expression, refusing one with
/// more than [`MAX_EXPR_STEPS`] calls, accesses and indexes before it is
/// parsed.
fn parse_counted(
    text: &str,
    functions: super::expr::UserFunctions<'_>,
) -> Result<StringValue, ParseError> {
    {
        let mut steps = 0;
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '\'' => quoted = !quoted,
                '(' | '[' | '.' if !quoted => steps += 1,
                _ => {}
            }
        }
        if steps > MAX_EXPR_STEPS {
            return Err(ParseError {
                offset: 0,
                message: format!(
                    "the expression holds more than {MAX_EXPR_STEPS} calls, accesses and indexes"
                ),
            });
        }
    }
    super::expr::parse_string_value(text, functions)
}

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The name of the constant (`pub const NAME;`).
    pub const_name: String,
    /// Rewrite recognised patterns into the idiomatic form (`apim.id`,
    /// `apim.identity.principalId`, `parent:`), dropping the `dependsOn` they
    /// imply.
    pub symbolic: bool,
    /// Read the template for `check` only: a constant written as an expression
    /// (`"[true()]"`, `"['x']"`, `"[1]"`) becomes the JSON value it evaluates to,
    /// which ARM reads the same, where an import refuses it (the DSL would write
    /// the value, not the expression).
    pub for_checking: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            const_name: "TEMPLATE".to_string(),
            symbolic: false,
            for_checking: false,
        }
    }
}

/// Something of the template the DSL cannot express exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The JSON path of the value (`$.resources[0].copy.count`).
    pub path: String,
    /// Why.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ImportError {}

/// Byte ranges of the generated text and the JSON paths printed there.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: Vec<(Range<usize>, String)>,
}

impl SourceMap {
    /// The JSON path of the innermost value printed at `offset`.
    pub fn path_at(&self, offset: usize) -> Option<&str> {
        self.entries
            .iter()
            .filter(|(range, _)| range.start <= offset && offset < range.end.max(range.start + 1))
            .min_by_key(|(range, _)| range.end - range.start)
            .map(|(_, path)| path.as_str())
    }

    /// Every entry, in the order printed.
    pub fn entries(&self) -> &[(Range<usize>, String)] {
        &self.entries
    }
}

/// An imported template.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The Rust source: one `apim_dsl::template! { ... }`.
    pub source: String,
    /// The byte range of the macro's input (inside the braces) in `source`.
    pub body: Range<usize>,
    /// Where each JSON value was printed.
    pub source_map: SourceMap,
    /// The `#[accept("...")]` paths printed: range, resource path, accepted path.
    accept_ranges: Vec<(Range<usize>, String, String)>,
    /// The JSON paths of the resources, nested ones included.
    resource_paths: Vec<String>,
    /// The modules: the path of each inner template, the constant it is
    /// imported as, and the inner template, in declaration order.
    pub modules: Vec<(String, String, Value)>,
    /// For checking: each stand-in identifier and the name it stands in for
    /// (`my_param`, `my-param`), so that messages can name the original.
    pub stand_ins: Vec<(String, String)>,
}

impl Imported {
    /// The macro's input: what [`crate::compile`] takes, as text.
    pub fn body_text(&self) -> &str {
        &self.source[self.body.clone()]
    }

    /// The `#[accept]` printed at `offset` of the body text: its resource's
    /// path and the accepted path.
    fn accept_at(&self, offset: usize) -> Option<(&str, &str)> {
        let offset = offset + self.body.start;
        self.accept_ranges
            .iter()
            .find(|(range, _, _)| range.contains(&offset))
            .map(|(_, resource, path)| (resource.as_str(), path.as_str()))
    }

    /// The innermost resource holding `path`, and the rest of the path below it
    /// (`properties.x`).
    fn resource_relative<'p>(&self, path: &'p str) -> Option<(&str, &'p str)> {
        self.resource_paths
            .iter()
            .filter_map(|r| {
                let rest = path.strip_prefix(r.as_str())?;
                if rest.is_empty() {
                    return Some((r.as_str(), rest));
                }
                Some((r.as_str(), rest.strip_prefix('.')?))
            })
            .max_by_key(|(r, _)| r.len())
    }

    /// The JSON path printed at `offset` of the body text.
    pub fn path_at_body_offset(&self, offset: usize) -> Option<&str> {
        self.source_map.path_at(offset + self.body.start)
    }
}

/// Imports the JSON text of a template.
///
/// # Errors
/// Invalid JSON, or everything the DSL cannot express, each with its JSON path.
pub fn import_text(text: &str, options: &Options) -> Result<Imported, Vec<ImportError>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![ImportError {
            path: "$".to_string(),
            message: format!("not JSON: {e}"),
        }]
    })?;
    import_template(&value, options)
}

/// Imports a template.
///
/// # Errors
/// Everything the DSL cannot express exactly, each with its JSON path.
pub fn import_template(template: &Value, options: &Options) -> Result<Imported, Vec<ImportError>> {
    import_with(template, options, &Marks::default(), &mut Constants::new())
}

/// `#[accept]` paths by resource path.
type Accepts = std::collections::BTreeMap<String, Vec<String>>;

/// Paths of the resources imported with `#[unchecked]`.
type Unchecked = std::collections::BTreeSet<String>;

/// What an import writes on declarations beside the template's own text,
/// where the compiler asks for it (see `verify::import_checked`).
#[derive(Default)]
struct Marks {
    /// `#[accept]` paths by resource path.
    accepts: Accepts,
    /// `#[allow]` lints by declaration path.
    allows: Accepts,
    /// Resources whose type or API version the type data lacks.
    unchecked: Unchecked,
}

/// The names of the constants an output declares.
type Constants = std::collections::BTreeSet<String>;

/// Imports `template` with these marks (`#[accept]`, `#[allow]`, `#[unchecked]`); its modules'
/// constants differ from `constants`, to which they are added.
fn import_with(
    template: &Value,
    options: &Options,
    marks: &Marks,
    constants: &mut Constants,
) -> Result<Imported, Vec<ImportError>> {
    let Value::Object(root) = template else {
        return Err(vec![ImportError {
            path: "$".to_string(),
            message: "a template is a JSON object".to_string(),
        }]);
    };
    let mut importer = Importer::new(root, options);
    importer.variables = root
        .get("variables")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    importer.params = root
        .get("parameters")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    importer.accepts = marks.accepts.clone();
    importer.allows = marks.allows.clone();
    importer.unchecked = marks.unchecked.clone();
    importer.constants.extend(constants.iter().cloned());
    let (source, body) = importer.template(root);
    constants.extend(std::mem::take(&mut importer.constants));
    if !importer.errors.is_empty() {
        return Err(importer.errors);
    }
    Ok(Imported {
        source,
        body,
        source_map: SourceMap {
            entries: importer.map,
        },
        accept_ranges: importer.accept_ranges,
        resource_paths: importer.resource_paths,
        modules: importer.modules,
        stand_ins: importer
            .scope
            .stand_ins
            .into_iter()
            .map(|(_, name, stand_in)| (stand_in, name))
            .collect(),
    })
}

/// A loop being printed: its variables and how ARM wrote it.
#[derive(Debug, Clone)]
struct LoopCtx {
    id: usize,
    /// `copyIndex('name')`'s name, `None` for `copyIndex()`.
    copy_name: Option<String>,
    /// What the loop goes over: an array, or `range(start, count)` for a
    /// counted loop (whose item is `copyIndex(start)`).
    source: Expr,
    item: String,
    index: String,
}

/// A role assignment `--symbolic` writes as a `grant`.
struct GrantForm {
    /// The symbol of the scope.
    scope: String,
    /// The symbol of the identity (or of the resource with a system identity).
    principal: String,
    /// The role: a built-in role's name, else its definition's GUID.
    role: String,
}

/// The names the printer resolves.
#[derive(Default)]
struct Scope {
    /// Parameters and variables by [`name_key`], with their declared spelling.
    params: HashMap<String, String>,
    vars: HashMap<String, String>,
    functions: Vec<(String, String)>,
    /// Loops by id: item and index names.
    loops: HashMap<usize, (String, String)>,
    /// Resource symbols by index (symbolic mode).
    symbols: Vec<String>,
    /// Inside a function: its parameters.
    func_params: Option<Vec<String>>,
    /// Variables written with `#[name]`, by [`name_key`]: their ARM name and
    /// symbol (see [`Importer::rename_variables`]).
    renamed_vars: HashMap<String, (String, String)>,
    /// For checking: (kind, name, stand-in) for each name that is not an
    /// identifier (see [`Importer::stand_in_names`]).
    stand_ins: Vec<(&'static str, String, String)>,
}

impl Scope {
    /// The stand-in for a name of this kind (compared as ARM does, ignoring
    /// case), if it has one.
    fn stand_in(&self, kind: &str, name: &str) -> Option<&str> {
        self.stand_ins
            .iter()
            .find(|(k, n, _)| *k == kind && same_name(n, name))
            .map(|(_, _, stand_in)| stand_in.as_str())
    }

    /// A name of this kind as the DSL writes it: its stand-in, or the
    /// identifier that spells it.
    fn spelled(&self, kind: &str, name: &str) -> Option<String> {
        self.stand_in(kind, name)
            .map(str::to_string)
            .or_else(|| ident(name))
    }

    /// A parameter or variable by its name, or by `function('name')` where a
    /// lambda's or loop's variable of the same name hides it or the name is not
    /// a Rust identifier.
    fn declared(
        &self,
        name: &str,
        lambdas: &[String],
        declared: &HashMap<String, String>,
        what: &str,
        function: &str,
    ) -> Result<String, String> {
        // ARM reads `parameters('p')` as the parameter `P`: the DSL writes the
        // declared spelling.
        let Some(name) = declared.get(&name_key(name)) else {
            return Err(format!(
                "the template has no {what} `{name}` (names compare ignoring case)"
            ));
        };
        let name = name.as_str();
        let hidden = lambdas.iter().any(|l| l == name)
            || self.loops.values().any(|(i, x)| i == name || x == name);
        match ident(name) {
            Some(text) if !hidden => Ok(text),
            _ => Ok(format!("{function}({})", string(name))),
        }
    }
}

impl Names for Scope {
    fn param(&self, name: &str, lambdas: &[String]) -> Result<String, String> {
        if let Some(params) = &self.func_params {
            let own = params.iter().find(|p| same_name(p, name));
            return if let Some(name) = own.filter(|p| !lambdas.contains(p)) {
                // A name no identifier spells is refused at its declaration.
                Ok(self
                    .spelled("function parameter", name)
                    .unwrap_or_else(|| name.clone()))
            } else {
                Err(format!(
                    "a function reads only its own parameters, not `{name}`"
                ))
            };
        }
        self.declared(name, lambdas, &self.params, "parameter", "parameters")
    }

    fn var(&self, name: &str, lambdas: &[String]) -> Result<String, String> {
        if let Some((arm, symbol)) = self.renamed_vars.get(&name_key(name)) {
            let hidden = lambdas.iter().any(|l| l == symbol)
                || self.loops.values().any(|(i, x)| i == symbol || x == symbol);
            // `variables("...")` reads the ARM name.
            return Ok(if hidden {
                format!("variables({})", string(arm))
            } else {
                symbol.clone()
            });
        }
        self.declared(name, lambdas, &self.vars, "variable", "variables")
    }

    fn loop_var(&self, id: usize, index: bool) -> Option<String> {
        self.loops
            .get(&id)
            .map(|(item, i)| if index { i.clone() } else { item.clone() })
    }

    fn resource(&self, index: usize) -> Option<String> {
        self.symbols.get(index).cloned()
    }

    fn lambda_param(&self, name: &str) -> Option<String> {
        self.spelled("lambda parameter", name)
    }

    fn function(&self, index: usize) -> Option<(String, String)> {
        // A name no identifier spells is refused at its declaration: written
        // as it is here, not refused again at each call.
        let (namespace, name) = self.functions.get(index)?;
        Some((
            self.spelled("namespace", namespace)
                .unwrap_or_else(|| namespace.clone()),
            self.spelled("function", name)
                .unwrap_or_else(|| name.clone()),
        ))
    }
}

/// Where a JSON value is printed, for the keys that mean something there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Plain data.
    Plain,
    /// Inside a resource's `properties` or a variable: `copy` arrays are loops.
    Copies,
}

struct Importer<'o> {
    options: &'o Options,
    out: String,
    indent: usize,
    map: Vec<(Range<usize>, String)>,
    errors: Vec<ImportError>,
    scope: Scope,
    /// Names declared (lower case): parameters, variables, outputs, functions,
    /// symbols.
    taken: HashSet<String>,
    /// For [`Importer::fresh`]: per base, where its numbered names stop being
    /// taken (1 for the base itself).
    fresh_from: HashMap<String, usize>,
    /// The template's own `apiProfile` or `apiVersion` key, if any (not
    /// supported), for the message on a resource without `apiVersion`.
    template_api: Option<String>,
    /// The loops around the value being printed.
    loops: Vec<LoopCtx>,
    /// The top-level resources' types, names as written and copy loop names.
    declared_resources: Vec<(String, String, Option<String>)>,
    /// The first of `declared_resources` by each copy loop name's and each
    /// unlooped resource name's [`name_key`], for `ambiguous_name` (asked
    /// of every `dependsOn` entry: a search each was quadratic).
    declared_by_copy: HashMap<String, usize>,
    declared_by_name: HashMap<String, usize>,
    /// The copy name of the resource loop being printed: its
    /// `copyIndex('name')` is the DSL's `copyIndex()`.
    resource_loop: Option<String>,
    next_loop: usize,
    /// Resource copy names (lower case) to their symbols.
    copy_symbols: HashMap<String, String>,
    /// Symbolic mode: the resources of the template, flattened, with their
    /// paths, symbols and rewrites.
    symbolic: Option<symbolic::Plan>,
    /// `#[accept]` paths to print, by resource path.
    accepts: Accepts,
    /// `#[allow]` lints to print, by declaration path.
    allows: Accepts,
    /// The resources (by path) to print with `#[unchecked]`: their type or
    /// API version is one the type data lacks, which ARM deploys anyway.
    unchecked: Unchecked,
    accept_ranges: Vec<(Range<usize>, String, String)>,
    resource_paths: Vec<String>,
    /// The template's `variables`, for role GUIDs held in one (symbolic mode).
    variables: Map<String, Value>,
    /// Symbolic mode: whether expressions are being rewritten (in resources
    /// and outputs), and the resource being printed.
    rewriting: bool,
    current: Option<usize>,
    /// The modules printed: path of the inner template, its constant, the
    /// inner template.
    modules: Vec<(String, String, Value)>,
    /// Every resource's symbol and name, planned before printing.
    plan: symbolic::Plan,
    /// `existing` resources to declare before the resource at a path:
    /// symbol, `Type@version`, name.
    existing: Vec<(String, String, String, Expr)>,
    /// The modules' paths, symbols and names, planned before printing.
    module_symbols: Vec<(String, String, Option<Expr>)>,
    /// The template's `$schema`, which says its target scope.
    schema: String,
    /// The parameters' declared types, by [`name_key`].
    param_types: HashMap<String, crate::ir::ParamType>,
    /// The template's `parameters`, for their defaults.
    params: Map<String, Value>,
    /// The constants of the output so far (this template's, its modules',
    /// and those of the templates imported before it): a module's is another.
    constants: Constants,
}

const INDENT: &str = "    ";

/// How every stand-in identifier starts (see [`Importer::stand_in_names`]).
pub(crate) use crate::diag::STAND_IN_PREFIX;

/// The parameter names of the lambdas in a template's expressions, and the
/// names `lambdaVariables()` reads (one that names no parameter is checked
/// under a stand-in too, and reported as a name not found, as any other).
fn lambda_parameters(root: &Map<String, Value>, functions: &[(String, String)]) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack: Vec<&Value> = root.values().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::String(text) if text.to_ascii_lowercase().contains("lambda") => {
                if let Ok(StringValue::Expr(expr)) = parse_string_value(text, functions) {
                    crate::ir::walk(&expr, &mut |e| match &e.kind {
                        ExprKind::Lambda(params, _) => names.extend(params.iter().cloned()),
                        ExprKind::LambdaVar(name) => names.push(name.clone()),
                        _ => {}
                    });
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    names
}

/// Every key and string of a template, each in lower case and as ARM folds
/// names ([`name_key`]), for finding whether a text occurs anywhere in it.
fn template_text(root: &Map<String, Value>) -> String {
    let mut text = String::new();
    let mut add = |s: &str| {
        text.push_str(&s.to_lowercase());
        text.push('\0');
        text.push_str(&name_key(s));
        text.push('\0');
    };
    let mut stack: Vec<&Value> = root.values().collect();
    for key in root.keys() {
        add(key);
    }
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => add(s),
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => {
                for (key, value) in map {
                    add(key);
                    stack.push(value);
                }
            }
            _ => {}
        }
    }
    text
}

impl<'o> Importer<'o> {
    fn new(root: &Map<String, Value>, options: &'o Options) -> Self {
        let mut importer = Importer {
            options,
            out: String::new(),
            indent: 0,
            map: Vec::new(),
            errors: Vec::new(),
            scope: Scope::default(),
            taken: HashSet::new(),
            fresh_from: HashMap::new(),
            loops: Vec::new(),
            template_api: ["apiProfile", "apiVersion"]
                .into_iter()
                .find(|k| root.contains_key(*k))
                .map(str::to_string),
            resource_loop: None,
            declared_resources: Vec::new(),
            declared_by_copy: HashMap::new(),
            declared_by_name: HashMap::new(),
            next_loop: 0,
            copy_symbols: HashMap::new(),
            symbolic: None,
            accepts: Accepts::new(),
            allows: Accepts::new(),
            unchecked: Unchecked::new(),
            accept_ranges: Vec::new(),
            resource_paths: Vec::new(),
            variables: Map::new(),
            rewriting: false,
            current: None,
            modules: Vec::new(),
            module_symbols: Vec::new(),
            plan: symbolic::Plan::default(),
            existing: Vec::new(),
            constants: Constants::from([options.const_name.clone()]),
            param_types: HashMap::new(),
            schema: root
                .get("$schema")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            params: Map::new(),
        };
        importer.collect_names(root);
        importer
    }

    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(ImportError {
            path: path.to_string(),
            message: message.into(),
        });
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str(INDENT);
        }
    }

    /// Starts a line at the current indentation (after a `\n`).
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str(INDENT);
        }
        self.out.push_str(text);
    }

    fn record(&mut self, start: usize, path: &str) {
        let end = self.out.len();
        self.map.push((start..end, path.to_string()));
    }

    /// Every declared name, so that generated names (symbols, loop variables)
    /// differ from them, and the user-defined functions for the expression
    /// parser.
    fn collect_names(&mut self, root: &Map<String, Value>) {
        // The names that are not identifiers, for stand-ins when checking.
        let mut odd: Vec<(&'static str, String)> = Vec::new();
        let mut note = |kind: &'static str, name: &str| {
            if ident(name).is_none() {
                odd.push((kind, name.to_string()));
            }
        };
        if let Some(Value::Object(params)) = root.get("parameters") {
            let mut seen = HashMap::new();
            for name in params.keys() {
                let path = key_path("$.parameters", name);
                self.distinct(&mut seen, name, &path, "parameter");
                note("parameter", name);
                self.scope.params.insert(name_key(name), name.clone());
                self.taken.insert(name.to_ascii_lowercase());
                let ty = params[name].get("type").and_then(Value::as_str);
                if let Some(ty) = ty.and_then(crate::ir::ParamType::from_name) {
                    self.param_types.insert(name_key(name), ty);
                }
            }
        }
        // A name ARM keeps apart but the DSL's symbols share (a variable or a
        // loop named as a parameter): `check` names it by a stand-in (an
        // import reports the duplicate).
        let mut shared = Vec::new();
        // A variable named as a parameter, or by no identifier: written with
        // `#[name("...")]` and a fresh symbol (see `rename_variables`).
        let mut renamed: Vec<String> = Vec::new();
        if let Some(Value::Object(vars)) = root.get("variables") {
            let params = root.get("parameters").and_then(Value::as_object);
            let mut shared_with_param = |name: &str| {
                if ident(name).is_none() || params.is_some_and(|p| p.contains_key(name)) {
                    renamed.push(name.to_string());
                }
            };
            let mut seen = HashMap::new();
            for (name, value) in vars {
                if name == "copy" {
                    let at = key_path("$.variables", name);
                    for (i, entry) in value.as_array().into_iter().flatten().enumerate() {
                        if let Some(name) = entry.get("name").and_then(Value::as_str) {
                            let path = key_path(&index_path(&at, i), "name");
                            self.distinct(&mut seen, name, &path, "variable");
                            shared_with_param(name);
                            self.scope.vars.insert(name_key(name), name.to_string());
                            self.taken.insert(name.to_ascii_lowercase());
                        }
                    }
                } else {
                    let path = key_path("$.variables", name);
                    self.distinct(&mut seen, name, &path, "variable");
                    shared_with_param(name);
                    self.scope.vars.insert(name_key(name), name.clone());
                    self.taken.insert(name.to_ascii_lowercase());
                }
            }
        }
        if let Some(Value::Object(outputs)) = root.get("outputs") {
            let mut seen = HashMap::new();
            for name in outputs.keys() {
                let path = key_path("$.outputs", name);
                self.distinct(&mut seen, name, &path, "output");
                note("output", name);
                self.taken.insert(name.to_ascii_lowercase());
            }
        }
        let mut odd_namespaces = Vec::new();
        if let Some(Value::Array(functions)) = root.get("functions") {
            let mut seen = HashMap::new();
            for (i, entry) in functions.iter().enumerate() {
                let namespace = entry.get("namespace").and_then(Value::as_str).unwrap_or("");
                // A namespace is also written where a name is read
                // (`ns.name(...)`): a keyword (`type`) needs one too.
                if !namespace.is_empty() && ident(namespace).as_deref() != Some(namespace) {
                    odd_namespaces.push(("namespace", namespace.to_string()));
                }
                self.taken.insert(namespace.to_ascii_lowercase());
                if let Some(Value::Object(members)) = entry.get("members") {
                    let at = key_path(&index_path("$.functions", i), "members");
                    for (name, member) in members {
                        let path = key_path(&at, name);
                        let full = format!("{namespace}.{name}");
                        self.distinct(&mut seen, &full, &path, "function");
                        note("function", name);
                        self.scope
                            .functions
                            .push((namespace.to_string(), name.clone()));
                        self.taken.insert(name.to_ascii_lowercase());
                        let params = member.get("parameters").and_then(Value::as_array);
                        for param in params.into_iter().flatten() {
                            if let Some(name) = param.get("name").and_then(Value::as_str) {
                                note("function parameter", name);
                                self.taken.insert(name.to_ascii_lowercase());
                            }
                        }
                    }
                }
            }
        }
        // Resource loops' names, which name the resources (their symbols).
        let mut resources: Vec<&Value> = match root.get("resources") {
            Some(Value::Array(list)) => list.iter().collect(),
            _ => Vec::new(),
        };
        // A loop named as a parameter or variable: ARM keeps the two apart,
        // the DSL's symbols share one namespace.
        while let Some(resource) = resources.pop() {
            let copy = resource.get("copy").and_then(|c| c.get("name"));
            if let Some(name) = copy.and_then(Value::as_str) {
                note("loop", name);
                if self.options.for_checking && self.taken.contains(&name.to_ascii_lowercase()) {
                    shared.push(("loop", name.to_string()));
                }
                self.taken.insert(name.to_ascii_lowercase());
            }
            if let Some(Value::Array(children)) = resource.get("resources") {
                resources.extend(children.iter());
            }
        }
        self.rename_variables(renamed);
        odd.extend(shared);
        odd.extend(odd_namespaces);
        // After every declared name is taken, functions' included.
        if self.options.for_checking {
            odd.extend(
                lambda_parameters(root, &self.scope.functions)
                    .into_iter()
                    .filter(|name| ident(name).is_none())
                    .map(|name| ("lambda parameter", name)),
            );
            self.stand_in_names(odd, root);
        }
    }

    /// A symbol for each variable whose ARM name the DSL cannot declare as
    /// it is: one a parameter also has (ARM keeps `parameters('x')` and
    /// `variables('x')` apart, the DSL's symbols are one namespace, as Bicep's
    /// are), or one no identifier spells (`subnet-id`). The variable is
    /// written `#[name("<ARM name>")] var <symbol> = ...;` and read by its
    /// symbol. The symbol is fresh ([`Importer::fresh`]), after every declared
    /// name is taken: the name with `_var` after it for a parameter's (as
    /// Bicep's decompiler names it, `location_var`), else the name with `_`
    /// for each character an identifier cannot have (`var_` before one that
    /// starts with no letter, `_var` after a keyword).
    fn rename_variables(&mut self, names: Vec<String>) {
        for name in names {
            if self.scope.renamed_vars.contains_key(&name_key(&name)) {
                continue;
            }
            let base = match ident(&name) {
                Some(_) => format!("{name}_var"),
                None => {
                    let mut base: String = name
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect();
                    if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
                        base.insert_str(0, "var_");
                    }
                    // A keyword (`self`, `type`) is no plain symbol.
                    if ident(&base).is_none_or(|i| i.starts_with("r#")) {
                        base.push_str("_var");
                    }
                    base
                }
            };
            let symbol = self.fresh(&base);
            self.taken.insert(symbol.to_ascii_lowercase());
            self.scope
                .renamed_vars
                .insert(name_key(&name), (name, symbol));
        }
    }

    /// An error for a name that differs from one declared before it only in
    /// case: ARM reads names ignoring case, and rejects such a template.
    fn distinct(&mut self, seen: &mut HashMap<String, String>, name: &str, path: &str, what: &str) {
        match seen.get(&name_key(name)) {
            Some(first) => {
                let message = if first == name {
                    format!("the {what} `{name}` is declared twice")
                } else {
                    format!(
                        "the {what} `{name}` differs from the {what} `{first}` only in case: ARM reads names ignoring case and rejects the template (rename one)"
                    )
                };
                self.error(path, message);
            }
            None => {
                seen.insert(name_key(name), name.to_string());
            }
        }
    }

    /// A fresh name starting with `base` that no declaration or loop uses:
    /// `base`, else `base2`, `base3`, ...
    ///
    /// Names are only ever added to `taken`, so the ones found taken for a
    /// base stay taken: the next question about the same base starts at the
    /// first that was not (a template of many resources named alike asked
    /// about each name again, quadratic in their number).
    fn fresh(&mut self, base: &str) -> String {
        let base = if ident(base).is_some_and(|i| !i.starts_with("r#")) {
            base.to_string()
        } else {
            "item".to_string()
        };
        let numbered = |n: usize| {
            if n < 2 {
                base.clone()
            } else {
                format!("{base}{n}")
            }
        };
        let mut n = self.fresh_from.get(&base).copied().unwrap_or(1);
        let mut first_not_taken = None;
        let candidate = loop {
            let candidate = numbered(n);
            if !self.taken.contains(&candidate.to_ascii_lowercase()) {
                first_not_taken.get_or_insert(n);
                if !self
                    .loops
                    .iter()
                    .any(|l| l.item == candidate || l.index == candidate)
                {
                    break candidate;
                }
            }
            n = n.max(1) + 1;
        };
        if let Some(first) = first_not_taken {
            self.fresh_from.insert(base, first);
        }
        candidate
    }

    fn template(&mut self, root: &Map<String, Value>) -> (String, Range<usize>) {
        self.push("apim_dsl::template! {");
        let body_start = self.out.len();
        self.indent = 1;
        self.push("\n");
        const KNOWN: [&str; 8] = [
            "$schema",
            "contentVersion",
            "metadata",
            "parameters",
            "variables",
            "functions",
            "resources",
            "outputs",
        ];
        for key in root.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
            let message = match key.as_str() {
                "definitions" => "user-defined types (`definitions`) have no DSL form yet",
                "languageVersion" => {
                    "symbolic-name templates (`languageVersion` 2.0) are not supported"
                }
                "apiProfile" => {
                    "a template-level `apiProfile` is not supported: give each resource its `apiVersion`"
                }
                "apiVersion" => {
                    "a template-level `apiVersion` is not supported: give each resource its `apiVersion`"
                }
                _ => "this template key has no DSL form",
            };
            let path = key_path("$", key);
            self.error(&path, message);
        }
        let start = self.out.len();
        let mut metadata = match root.get("metadata") {
            Some(Value::Object(map)) => map.clone(),
            Some(_) => {
                self.error("$.metadata", "`metadata` is an object");
                Map::new()
            }
            None => Map::new(),
        };
        if let Some(Value::String(description)) = metadata.get("description").cloned() {
            self.describe_json(&description, "$.metadata.description");
            metadata.shift_remove("description");
        }
        for (key, attr) in [("$schema", "schema"), ("contentVersion", "contentVersion")] {
            let path = key_path("$", key);
            match root.get(key) {
                Some(Value::String(text)) => {
                    let start = self.out.len();
                    self.line(&format!("#[{attr}({})]", string(text)));
                    self.record(start, &path);
                    self.push("\n");
                }
                Some(_) => self.error(&path, format!("`{key}` is a string")),
                None => self.error(
                    "$",
                    format!("the template has no `{key}`; the DSL always writes one (add it)"),
                ),
            }
        }
        // The template's own lints (`member_case`: a member read in another
        // case than its type spells it, as ARM reads it).
        self.allow_attr("$");
        if !metadata.is_empty() {
            self.line("#[metadata(");
            self.value_inline_object(&metadata, "$.metadata");
            self.push(")]\n");
        }
        // `"parameters": {}` and the like, as hand-written templates keep
        // them: the DSL writes a section without declarations only so.
        let empty: Vec<String> = crate::resolve::EMPTY_SECTIONS
            .iter()
            .filter(|section| match root.get(**section) {
                Some(Value::Object(map)) => map.is_empty(),
                Some(Value::Array(items)) => items.is_empty(),
                _ => false,
            })
            .map(|section| string(section))
            .collect();
        if !empty.is_empty() {
            self.line(&format!("#[emptySections({})]\n", empty.join(", ")));
        }
        let name = self.options.const_name.clone();
        self.line(&format!("pub const {name};\n"));
        self.record(start, "$");
        if let Some(functions) = root.get("functions") {
            self.functions(functions);
        }
        type Declare = fn(&mut Importer<'_>, &str, &Value);
        let sections: [(&str, Declare); 2] = [
            ("parameters", |importer, name, value| {
                importer.param(name, value)
            }),
            ("variables", |importer, name, value| {
                importer.var(name, value)
            }),
        ];
        for (section, declare) in sections {
            match root.get(section) {
                Some(Value::Object(entries)) => {
                    for (name, value) in entries {
                        self.push("\n");
                        declare(self, name, value);
                    }
                }
                Some(_) => self.error(&key_path("$", section), format!("`{section}` is an object")),
                None => {}
            }
        }
        match root.get("resources") {
            Some(Value::Array(resources)) => {
                self.plan_symbols(resources, root.get("variables"));
                for (i, resource) in resources.iter().enumerate() {
                    self.push("\n");
                    self.resource(resource, &index_path("$.resources", i), None);
                    self.push("\n");
                }
            }
            Some(Value::Object(_)) => self.error(
                "$.resources",
                "`resources` is an object of symbolic names: symbolic-name templates (`languageVersion` 2.0) are not supported",
            ),
            Some(_) => self.error("$.resources", "`resources` is an array"),
            None => self.error("$", "the template has no `resources`; add `\"resources\": []`"),
        }
        if let Some(outputs) = root.get("outputs") {
            match outputs {
                Value::Object(outputs) => {
                    self.rewriting = true;
                    for (name, output) in outputs {
                        self.push("\n");
                        self.output(name, output);
                    }
                    self.rewriting = false;
                }
                _ => self.error("$.outputs", "`outputs` is an object"),
            }
        }
        let body_end = self.out.len();
        self.push("}\n");
        (std::mem::take(&mut self.out), body_start..body_end)
    }

    /// The doc comment for a template's, parameter's, output's, function's or module's
    /// `metadata.description` as written in the JSON (at `path`): escaped
    /// (`[[x]`) it is the text `[x]`, as Bicep's `@description` and the DSL
    /// write it. One shaped like an expression (`[x]`) is refused: written
    /// back it would be escaped, and no literal description reads as it.
    ///
    /// `check` reads it as the text it is: a description changes no check.
    fn describe_json(&mut self, description: &str, path: &str) {
        match literal_text(description) {
            Some(text) => self.describe(&text),
            None if self.options.for_checking => self.describe(description),
            None => self.error(
                path,
                format!(
                    "a description shaped like an expression ({}) has no DSL form: the DSL, as Bicep's `@description`, writes a description starting with `[` and ending with `]` escaped (`[[...]`); escape it in the template, or reword it",
                    string(description)
                ),
            ),
        }
    }

    /// The doc comment for a description: `///` where it reads back as the same
    /// text, else `#[description("...")]`.
    fn describe(&mut self, description: &str) {
        let plain = !description.is_empty()
            && description.trim() == description
            && !description
                .chars()
                .any(|c| c.is_control() || print::is_bidi_control(c))
            && !description.contains("  ");
        if plain {
            self.line(&format!("/// {description}\n"));
        } else {
            self.line(&format!("#[description({})]\n", string(description)));
        }
    }

    /// For checking: an identifier for each name that is not one (`my-param`
    /// becomes `__stand_in0_my_param`): parameters, variables, outputs,
    /// user-defined functions, their namespaces and parameters, and resource
    /// loops (whose names are their symbols). A stand-in differs from every
    /// name of the template ignoring case, and occurs in none of its text
    /// (keys and strings), so that messages can be given the original names
    /// back by their text without changing anything else. ARM takes such
    /// names; the DSL, like Bicep, names things by identifiers.
    fn stand_in_names(&mut self, names: Vec<(&'static str, String)>, root: &Map<String, Value>) {
        if names.is_empty() {
            return;
        }
        let text = template_text(root);
        for (kind, name) in names {
            // One stand-in per name, as ARM reads names ignoring case.
            if self.scope.stand_in(kind, &name).is_some() {
                continue;
            }
            let sanitized: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let mut candidate = format!(
                "{STAND_IN_PREFIX}{}_{sanitized}",
                self.scope.stand_ins.len()
            );
            while ident(&candidate).is_none()
                || self.taken.contains(&candidate.to_ascii_lowercase())
                || text.contains(&candidate.to_ascii_lowercase())
            {
                candidate.push('_');
            }
            self.taken.insert(candidate.to_ascii_lowercase());
            match kind {
                "parameter" => {
                    self.scope.params.insert(name_key(&name), candidate.clone());
                }
                "variable" => {
                    self.scope.vars.insert(name_key(&name), candidate.clone());
                }
                _ => {}
            }
            self.scope.stand_ins.push((kind, name, candidate));
        }
    }

    fn name_ident(&mut self, name: &str, path: &str, what: &str) -> String {
        if let Some(stand_in) = self.scope.stand_in(what, name) {
            return stand_in.to_string();
        }
        match ident(name) {
            Some(text) => text,
            None => {
                self.error(
                    path,
                    format!("the {what} name `{name}` is not a Rust identifier, which the DSL's {what}s are named by"),
                );
                "invalid".to_string()
            }
        }
    }

    /// A variable's symbol, after `#[name("<ARM name>")]` where the two differ.
    fn var_symbol(&mut self, name: &str, path: &str) -> String {
        match self.scope.renamed_vars.get(&name_key(name)).cloned() {
            Some((_, symbol)) => {
                self.line(&format!("#[name({})]\n", string(name)));
                symbol
            }
            None => self.name_ident(name, path, "variable"),
        }
    }

    fn param(&mut self, name: &str, param: &Value) {
        let path = key_path("$.parameters", name);
        let Value::Object(param) = param else {
            self.error(&path, "a parameter is an object");
            return;
        };
        let start = self.out.len();
        let mut ty_name = "string";
        let mut metadata: Option<Map<String, Value>> = None;
        for (key, value) in param {
            let at = key_path(&path, key);
            match key.as_str() {
                "type" => match value.as_str().and_then(crate::ir::ParamType::from_name) {
                    Some(ty) => ty_name = ty.name(),
                    None => self.error(&at, format!("unknown parameter type {value}")),
                },
                "metadata" => match value {
                    Value::Object(map) => metadata = Some(map.clone()),
                    _ => self.error(&at, "`metadata` is an object"),
                },
                "defaultValue" | "allowedValues" => {}
                "minLength" | "maxLength" | "minValue" | "maxValue" => {
                    if value.as_i64().is_none() {
                        self.error(&at, format!("`{key}` is an integer"));
                    }
                }
                _ => self.error(
                    &at,
                    format!("the parameter property `{key}` has no DSL form"),
                ),
            }
        }
        if let Some(mut metadata) = metadata {
            if let Some(Value::String(description)) = metadata.get("description").cloned() {
                self.describe_json(
                    &description,
                    &key_path(&key_path(&path, "metadata"), "description"),
                );
                metadata.shift_remove("description");
            }
            if !metadata.is_empty() {
                self.line("#[metadata(");
                self.value_inline_object(&metadata, &key_path(&path, "metadata"));
                self.push(")]\n");
            }
        }
        if let Some(allowed) = param.get("allowedValues") {
            let at = key_path(&path, "allowedValues");
            match allowed {
                Value::Array(values) if !values.is_empty() => {
                    let start = self.out.len();
                    self.line("#[allowed(");
                    for (i, v) in values.iter().enumerate() {
                        if i > 0 {
                            self.push(", ");
                        }
                        let text = self.inline(v, &index_path(&at, i));
                        let s = self.out.len();
                        self.push(&text);
                        self.record(s, &index_path(&at, i));
                    }
                    self.push(")]");
                    self.record(start, &at);
                    self.push("\n");
                }
                _ => self.error(&at, "`allowedValues` is a non-empty array"),
            }
        }
        for key in ["minLength", "maxLength", "minValue", "maxValue"] {
            if let Some(n) = param.get(key).and_then(Value::as_i64) {
                let start = self.out.len();
                self.line(&format!("#[{key}({n})]"));
                self.record(start, &key_path(&path, key));
                self.push("\n");
            }
        }
        self.allow_attr(&path);
        let name_text = self.name_ident(name, &path, "parameter");
        self.line(&format!("param {name_text}: {ty_name}"));
        if let Some(default) = param.get("defaultValue") {
            self.push(" = ");
            self.value(default, &key_path(&path, "defaultValue"), Place::Plain);
        }
        self.push(";\n");
        self.record(start, &path);
    }

    fn var(&mut self, name: &str, value: &Value) {
        let path = key_path("$.variables", name);
        if name == "copy" {
            let Value::Array(entries) = value else {
                self.error(&path, "a variable `copy` is an array of loops");
                return;
            };
            for (i, entry) in entries.iter().enumerate() {
                if i > 0 {
                    self.push("\n");
                }
                let at = index_path(&path, i);
                let start = self.out.len();
                let Some(name) = entry.get("name").and_then(Value::as_str) else {
                    self.error(&at, "a `copy` loop has a `name`");
                    continue;
                };
                // A loop nothing reads is unused too.
                self.allow_attr(&at);
                let name_text = self.var_symbol(name, &key_path(&at, "name"));
                self.line(&format!("var {name_text} = "));
                self.copy_loop(entry, &at, Some(name), Place::Copies);
                self.push(";\n");
                self.record(start, &at);
            }
            return;
        }
        let start = self.out.len();
        self.allow_attr(&path);
        let name_text = self.var_symbol(name, &path);
        self.line(&format!("var {name_text} = "));
        self.value(value, &path, Place::Copies);
        self.push(";\n");
        self.record(start, &path);
    }

    fn output(&mut self, name: &str, output: &Value) {
        let path = key_path("$.outputs", name);
        let Value::Object(output) = output else {
            self.error(&path, "an output is an object");
            return;
        };
        // The DSL's outputs have no `condition`: `check` leaves such an output
        // out (nothing reads an output) so that the rest is checked.
        if self.options.for_checking && output.contains_key("condition") {
            return;
        }
        let start = self.out.len();
        let mut ty_name = "string";
        for (key, value) in output {
            let at = key_path(&path, key);
            match key.as_str() {
                "type" => match value.as_str().and_then(crate::ir::ParamType::from_name) {
                    Some(ty) => ty_name = ty.name(),
                    None => self.error(&at, format!("unknown output type {value}")),
                },
                "metadata" => match value.as_object() {
                    Some(map)
                        if map.len() == 1
                            && map.get("description").is_some_and(Value::is_string) => {}
                    _ => self.error(
                        &at,
                        "an output's `metadata` holds only its `description` in the DSL",
                    ),
                },
                "value" | "copy" => {}
                _ => self.error(&at, format!("the output property `{key}` has no DSL form")),
            }
        }
        if let Some(Value::String(description)) =
            output.get("metadata").and_then(|m| m.get("description"))
        {
            self.describe_json(
                description,
                &key_path(&key_path(&path, "metadata"), "description"),
            );
        }
        let name_text = self.name_ident(name, &path, "output");
        self.line(&format!("output {name_text}: {ty_name} = "));
        match (output.get("value"), output.get("copy")) {
            (Some(value), None) => self.value(value, &key_path(&path, "value"), Place::Plain),
            (None, Some(copy)) => {
                self.copy_loop(copy, &key_path(&path, "copy"), None, Place::Plain)
            }
            _ => {
                self.error(&path, "an output has a `value` or a `copy`");
                self.push("null");
            }
        }
        self.push(";\n");
        self.record(start, &path);
    }

    fn functions(&mut self, functions: &Value) {
        let Value::Array(entries) = functions else {
            self.error("$.functions", "`functions` is an array");
            return;
        };
        for (i, entry) in entries.iter().enumerate() {
            let at = index_path("$.functions", i);
            let namespace = match entry.get("namespace") {
                Some(Value::String(ns))
                    if let Some(stand_in) = self.scope.stand_in("namespace", ns) =>
                {
                    stand_in.to_string()
                }
                Some(Value::String(ns)) if is_plain_name(ns) => ns.clone(),
                _ => {
                    self.error(&at, "a function namespace is a name");
                    continue;
                }
            };
            let Some(Value::Object(members)) = entry.get("members") else {
                self.error(&at, "a function namespace has `members`");
                continue;
            };
            for (name, member) in members {
                let path = key_path(&key_path(&at, "members"), name);
                self.push("\n");
                self.function(&namespace, name, member, &path);
            }
        }
    }

    fn function(&mut self, namespace: &str, name: &str, member: &Value, path: &str) {
        let start = self.out.len();
        let Value::Object(member) = member else {
            self.error(path, "a function is an object");
            return;
        };
        for key in member.keys() {
            if !matches!(key.as_str(), "parameters" | "output" | "metadata") {
                self.error(
                    &key_path(path, key),
                    format!("the function property `{key}` has no DSL form"),
                );
            }
        }
        match member.get("metadata") {
            None => {}
            Some(Value::Object(map)) if map.len() == 1 => {
                if let Some(Value::String(description)) = map.get("description") {
                    self.describe_json(
                        description,
                        &key_path(&key_path(path, "metadata"), "description"),
                    );
                } else {
                    self.error(
                        &key_path(path, "metadata"),
                        "a function's `metadata` holds only its `description` in the DSL",
                    );
                }
            }
            Some(_) => self.error(
                &key_path(path, "metadata"),
                "a function's `metadata` holds only its `description` in the DSL",
            ),
        }
        if namespace != "__bicep" {
            self.line(&format!("#[namespace({})]\n", string(namespace)));
        }
        let mut params = Vec::new();
        let mut texts = Vec::new();
        if let Some(list) = member.get("parameters") {
            for (i, p) in list.as_array().into_iter().flatten().enumerate() {
                let at = index_path(&key_path(path, "parameters"), i);
                let (Some(pname), Some(ty)) = (
                    p.get("name").and_then(Value::as_str),
                    p.get("type")
                        .and_then(Value::as_str)
                        .and_then(crate::ir::ParamType::from_name),
                ) else {
                    self.error(&at, "a function parameter has a `name` and a `type`");
                    continue;
                };
                let ptext = self.name_ident(pname, &at, "function parameter");
                texts.push((at, format!("{ptext}: {}", ty.name())));
                params.push(pname.to_string());
            }
        }
        let Some(Value::Object(output)) = member.get("output") else {
            self.error(path, "a function has an `output`");
            return;
        };
        let ty = output
            .get("type")
            .and_then(Value::as_str)
            .and_then(crate::ir::ParamType::from_name);
        let Some(ty) = ty else {
            self.error(
                &key_path(path, "output"),
                "a function's output has a `type`",
            );
            return;
        };
        let name_text = self.name_ident(name, path, "function");
        // Each parameter where its path is, for the messages about it.
        self.line(&format!("func {name_text}("));
        for (i, (at, text)) in texts.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            let start = self.out.len();
            self.push(text);
            self.record(start, at);
        }
        self.push(&format!("): {} = ", ty.name()));
        self.scope.func_params = Some(params);
        match output.get("value") {
            Some(value) => self.value(
                value,
                &key_path(&key_path(path, "output"), "value"),
                Place::Plain,
            ),
            None => self.error(
                &key_path(path, "output"),
                "a function's output has a `value`",
            ),
        }
        self.scope.func_params = None;
        self.push(";\n");
        self.record(start, path);
    }

    /// A `copy` loop (`{ name?, count, input }`) as `[for ...: input]`.
    fn copy_loop(&mut self, copy: &Value, path: &str, name: Option<&str>, place: Place) {
        let Value::Object(copy) = copy else {
            self.error(path, "a `copy` is an object");
            self.push("null");
            return;
        };
        for (key, value) in copy {
            if matches!(key.as_str(), "name" | "count" | "input") {
                continue;
            }
            if key == "mode" || key == "batchSize" {
                // A `mode` ("serial", "parallel") and a `batchSize` order a
                // resource or module loop's deployments; this loop's values
                // are the same either way, and `check` checks the rest (ARM
                // deploys the quickstart `101-machine-learning-service-create-aci`,
                // whose variable loop has `"mode": "serial"`).
                let known = match key.as_str() {
                    "mode" => value.as_str().is_some_and(|m| {
                        ["serial", "parallel"]
                            .iter()
                            .any(|k| m.eq_ignore_ascii_case(k))
                    }),
                    _ => value.as_i64().is_some_and(|n| n >= 0),
                };
                if known && self.options.for_checking {
                    continue;
                }
                self.error(
                    &key_path(path, key),
                    format!("`{key}` orders the deployments of a resource or module loop (Microsoft Learn, \"Resource iteration in ARM templates\"); a property's, variable's or output's `copy` is `name`, `count` and `input` (\"Property iteration\", \"Variable iteration\", \"Output iteration in ARM templates\"), and the DSL's loop has no `{key}`: remove it"),
                );
                continue;
            }
            self.error(
                &key_path(path, key),
                format!("`{key}` has no DSL form in this loop"),
            );
        }
        let Some(input) = copy.get("input") else {
            self.error(path, "a `copy` loop has an `input`");
            self.push("null");
            return;
        };
        let start = match copy_offset(input, name, &self.scope.functions) {
            Ok(start) => start,
            Err(starts) => {
                let list: Vec<String> = starts.iter().map(i64::to_string).collect();
                let call = name.map_or("copyIndex(n)".to_string(), |name| {
                    format!("copyIndex('{name}', n)")
                });
                self.error(
                    &key_path(path, "input"),
                    format!(
                        "this loop's `{call}` adds the offsets {}: the DSL writes one, the start of `range(n, count)`, whose item is that `{call}`",
                        list.join(" and ")
                    ),
                );
                0
            }
        };
        let Some(source) = self.loop_source(copy.get("count"), start, &key_path(path, "count"))
        else {
            self.push("null");
            return;
        };
        // A property loop's `count` may read its resource's index too.
        let source = self.resource_copy_index(source);
        let id = self.next_loop;
        self.next_loop += 1;
        let item = self.fresh("item");
        let index = self.fresh("i");
        let ctx = LoopCtx {
            id,
            copy_name: name.map(str::to_string),
            source,
            item: item.clone(),
            index: index.clone(),
        };
        let uses_index = value_uses_index(input, &ctx, &self.scope.functions);
        self.scope.loops.insert(id, (item.clone(), index.clone()));
        self.loops.push(ctx.clone());
        let mut printer_scope_source = {
            let mut printer = Printer::new(&self.scope);
            let text = printer.expr(&ctx.source);
            (text, printer.error)
        };
        if let Some(message) = printer_scope_source.1.take() {
            self.error(&key_path(path, "count"), message);
        }
        let head = if uses_index {
            format!("({item}, {index})")
        } else {
            item
        };
        self.push(&format!("[for {head} in {}: ", printer_scope_source.0));
        self.value(input, &key_path(path, "input"), place);
        self.push("]");
        self.loops.pop();
        self.scope.loops.remove(&id);
    }

    /// The array a loop goes over: `array` for a `count` of `[length(array)]`,
    /// else `range(start, count)`, which the DSL writes back as that `count` with
    /// `copyIndex(start)` for the item.
    fn loop_source(&mut self, count: Option<&Value>, start: i64, path: &str) -> Option<Expr> {
        let parsed = match count {
            Some(Value::String(text)) => parse_string_value(text, &self.scope.functions).ok(),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(|n| StringValue::Expr(Expr::new(ExprKind::Int(n), Span::call_site()))),
            _ => None,
        };
        match parsed {
            Some(StringValue::Expr(Expr {
                kind: ExprKind::Call(mut call),
                ..
            })) if call.name == "length"
                && call.args.len() == 1
                && start == 0
                // `length(range(0, 3))` stays a count: the DSL writes a loop
                // over `range(k, n)` as `count: n`.
                && call.args.first().and_then(range_start).is_none()
                // ARM's `length` measures objects and strings too, which the
                // DSL does not loop over: `range(0, length(x))` counts them.
                && call.args.first().is_some_and(|x| self.is_array(x)) =>
            {
                call.args.pop()
            }
            Some(StringValue::Expr(count)) => {
                let range = crate::functions::lookup("range")?;
                let start = Expr::new(ExprKind::Int(start), Span::call_site());
                Some(Expr::new(
                    ExprKind::Call(Box::new(Call {
                        function: range.function,
                        name: range.spelling.to_string(),
                        args: vec![start, count],
                        user: None,
                    })),
                    Span::call_site(),
                ))
            }
            _ => {
                self.error(
                    path,
                    format!(
                        "a loop's `count` is an integer or an expression; this one is {}",
                        count.map_or("missing".to_string(), Value::to_string)
                    ),
                );
                None
            }
        }
    }

    /// Whether `expr` is known to be an array: an array literal, a parameter
    /// declared `array`, a call of a function whose result is always an
    /// array (`createArray`, `range`, `split`, `items`, ...), or a value the
    /// template writes as one ([`Importer::written_value`]: a variable, a
    /// `copy` variable, a member or element of a variable or of a
    /// parameter's default). ARM's `length` also measures objects and
    /// strings, over which a loop does not go.
    fn is_array(&self, expr: &Expr) -> bool {
        /// The functions whose result is an array whatever their arguments.
        const ARRAY_RESULTS: [&str; 11] = [
            "array",
            "createArray",
            "filter",
            "flatten",
            "items",
            "map",
            "objectKeys",
            "pickZones",
            "range",
            "sort",
            "split",
        ];
        match &expr.kind {
            ExprKind::Array(_) => true,
            ExprKind::Param(name)
                if self.param_types.get(&name_key(name)) == Some(&crate::ir::ParamType::Array) =>
            {
                true
            }
            ExprKind::Call(call) if call.user.is_none() => ARRAY_RESULTS
                .iter()
                .any(|f| call.name.eq_ignore_ascii_case(f)),
            _ => matches!(self.written_value(expr, 0), Some(Value::Array(_))),
        }
    }

    /// The JSON the template writes for `expr`, where it writes one: a
    /// variable's value (an expression's, followed), a `copy` variable (an
    /// array, its items unknown: `[]`), a parameter's `defaultValue`, and
    /// their members and elements (an element at a computed index, the
    /// first one when every element is of one JSON kind).
    fn written_value(&self, expr: &Expr, depth: usize) -> Option<Value> {
        if depth > 32 {
            return None;
        }
        match &expr.kind {
            ExprKind::Param(name) => {
                let declared = self.scope.params.get(&name_key(name))?;
                self.params.get(declared)?.get("defaultValue").cloned()
            }
            ExprKind::Var(name) => {
                let copies = self.variables.get("copy").and_then(Value::as_array);
                let copied = copies.into_iter().flatten().any(|entry| {
                    entry
                        .get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| same_name(n, name))
                });
                if copied {
                    return Some(Value::Array(Vec::new()));
                }
                let (_, value) = self
                    .variables
                    .iter()
                    .find(|(k, _)| *k != "copy" && same_name(k, name))?;
                match value {
                    Value::String(text) => match parse_string_value(text, &self.scope.functions) {
                        Ok(StringValue::Expr(e)) => self.written_value(&e, depth + 1),
                        _ => Some(value.clone()),
                    },
                    other => Some(other.clone()),
                }
            }
            ExprKind::Member(base, name) => {
                let base = self.written_value(base, depth + 1)?;
                base.as_object()?
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            }
            ExprKind::Index(base, index) => {
                let base = self.written_value(base, depth + 1)?;
                match (&base, &index.kind) {
                    (Value::Array(items), ExprKind::Int(i)) => {
                        items.get(usize::try_from(*i).ok()?).cloned()
                    }
                    (Value::Object(map), ExprKind::Str(key)) => map
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(key))
                        .map(|(_, v)| v.clone()),
                    (Value::Array(items), _) => {
                        let first = items.first()?;
                        let kind = std::mem::discriminant(first);
                        items
                            .iter()
                            .all(|v| std::mem::discriminant(v) == kind)
                            .then(|| first.clone())
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A value printed inline (one line), for attributes.
    fn inline(&mut self, value: &Value, path: &str) -> String {
        match value {
            Value::Array(items) => {
                let texts: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.inline(v, &index_path(path, i)))
                    .collect();
                format!("[{}]", texts.join(", "))
            }
            Value::Object(map) => {
                if map.is_empty() {
                    return "{}".to_string();
                }
                let mut parts = Vec::new();
                for (k, v) in map {
                    let at = key_path(path, k);
                    let key_text = self.key_text(k, &at);
                    let text = self.inline(v, &at);
                    parts.push(format!("{key_text}: {text}"));
                }
                format!("{{ {} }}", parts.join(", "))
            }
            other => self.scalar(other, path),
        }
    }

    fn value_inline_object(&mut self, map: &Map<String, Value>, path: &str) {
        let start = self.out.len();
        let text = self.inline(&Value::Object(map.clone()), path);
        self.push(&text);
        self.record(start, path);
    }

    /// An object key: a name, a string, or `[expr]` for an expression key.
    fn key_text(&mut self, k: &str, path: &str) -> String {
        match parse_string_value(k, &self.scope.functions) {
            Ok(StringValue::Literal(text)) => key(&text),
            Ok(StringValue::Expr(expr)) => {
                let text = self.expr_text(expr, path);
                format!("[{text}]")
            }
            Err(e) => {
                self.error(path, format!("the key `{k}` does not parse: {e}"));
                string(k)
            }
        }
    }

    /// A JSON scalar as DSL text.
    fn scalar(&mut self, value: &Value, path: &str) -> String {
        match value {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => match n.as_i64() {
                Some(n) => n.to_string(),
                // `-0`, which JSON.NET reads as the integer 0 (serde_json
                // keeps the sign as a float, and cannot tell `-0` from `-0.0`,
                // which JSON.NET keeps a float: read as 0 too). A positive
                // float zero (`0.0`) is a float, refused below.
                None if n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) => {
                    "0".to_string()
                }
                // Another number (`30.0`, `1.5e3`), which ARM reads as a
                // float (JSON.NET's `JTokenType.Float`) and the DSL, like
                // Bicep, writes only as `json('30.0')`: the expression gives
                // the same float, where ARM evaluates expressions (Bicep's
                // decompiler writes floats so). Where it does not (metadata,
                // a parameter's `allowedValues` and bounds), the expression
                // would stay text: refused there.
                None if evaluated_place(path) => format!("json({})", string(&n.to_string())),
                None => {
                    self.error(
                        path,
                        format!("`{n}` is not a 64-bit integer, and ARM does not evaluate expressions here, so the DSL's only way to write it (`json('{n}')`, as Bicep writes floats) would not be this value"),
                    );
                    "0".to_string()
                }
            },
            Value::String(text) => self.string_value(text, path),
            Value::Array(_) | Value::Object(_) => self.inline(value, path),
        }
    }

    fn string_value(&mut self, text: &str, path: &str) -> String {
        match parse_string_value(text, &self.scope.functions) {
            Ok(StringValue::Literal(literal)) => string(&literal),
            Ok(StringValue::Expr(expr)) => {
                let constant = match &expr.kind {
                    ExprKind::Str(_) | ExprKind::Int(_) => true,
                    ExprKind::Call(call) => {
                        matches!(call.name.as_str(), "true" | "false" | "null")
                            && call.args.is_empty()
                            && call.user.is_none()
                    }
                    _ => false,
                };
                if constant && self.options.for_checking {
                    return match &expr.kind {
                        ExprKind::Str(text) => string(text),
                        ExprKind::Int(n) => n.to_string(),
                        ExprKind::Call(call) => call.name.clone(),
                        _ => "null".to_string(),
                    };
                }
                if constant {
                    self.error(
                        path,
                        format!("the expression `{text}` is a constant: the DSL writes constants as JSON values, not as expressions"),
                    );
                }
                self.expr_text(expr, path)
            }
            Err(e) => {
                self.error(path, format!("the expression does not parse: {e}"));
                string(text)
            }
        }
    }

    /// An expression as DSL text, loop variables and symbolic rewrites applied.
    fn expr_text(&mut self, expr: Expr, path: &str) -> String {
        let mut expr = self.resource_copy_index(expr);
        for ctx in self.loops.iter().rev() {
            expr = rewrite_loop(expr, ctx);
        }
        if let (Some(plan), true) = (&self.symbolic, self.rewriting) {
            expr = plan.rewrite(expr, self.current);
        }
        let mut printer = Printer::new(&self.scope);
        let text = printer.expr(&expr);
        if let Some(message) = printer.error {
            self.error(path, message);
        }
        text
    }

    /// A resource loop's `copyIndex('name', k)` as `copyIndex(k)`, the DSL's
    /// spelling, in the resource and in the loops of its properties: ARM's
    /// `copyIndex()` without a name counts the resource's loop there too
    /// (template-functions-numeric#copyindex: "If no value is provided for
    /// loopName, the current resource type iteration is used"), and the DSL
    /// emits the resource's index so. Inside a property loop of the same name,
    /// `copyIndex('name')` is that loop's, as the innermost loop of a name
    /// is.
    fn resource_copy_index(&self, expr: Expr) -> Expr {
        match &self.resource_loop {
            Some(name)
                if !self
                    .loops
                    .iter()
                    .any(|l| l.copy_name.as_deref().is_some_and(|n| same_name(n, name))) =>
            {
                unnamed_copy_index(expr, name)
            }
            _ => expr,
        }
    }

    /// A JSON value at the current position, objects and long arrays over
    /// several lines.
    fn value(&mut self, value: &Value, path: &str, place: Place) {
        let start = self.out.len();
        match value {
            Value::Object(map) if !map.is_empty() => self.object(map, path, place),
            Value::Array(items) if !items.is_empty() => {
                let simple = items.iter().all(|v| !v.is_object() && !v.is_array());
                let texts: Option<Vec<String>> = simple.then(|| {
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| self.scalar(v, &index_path(path, i)))
                        .collect()
                });
                let inline_len: usize = texts
                    .as_ref()
                    .map_or(usize::MAX, |t| t.iter().map(|s| s.len() + 2).sum());
                if let (Some(texts), true) = (texts, inline_len < 80) {
                    self.push("[");
                    for (i, text) in texts.iter().enumerate() {
                        if i > 0 {
                            self.push(", ");
                        }
                        let s = self.out.len();
                        self.push(text);
                        self.record(s, &index_path(path, i));
                    }
                    self.push("]");
                } else {
                    // Errors of the scalars were recorded when measuring: print
                    // again without recording them twice.
                    let errors = self.errors.len();
                    self.push("[");
                    self.indent += 1;
                    for (i, item) in items.iter().enumerate() {
                        self.newline();
                        self.value(item, &index_path(path, i), place);
                        self.push(",");
                    }
                    self.indent -= 1;
                    self.newline();
                    self.push("]");
                    if simple {
                        let mut seen = HashSet::new();
                        let mut kept = Vec::new();
                        for e in self.errors.drain(..) {
                            if seen.insert((e.path.clone(), e.message.clone())) {
                                kept.push(e);
                            }
                        }
                        self.errors = kept;
                        let _ = errors;
                    }
                }
            }
            other => {
                let text = self.scalar(other, path);
                self.push(&text);
            }
        }
        self.record(start, path);
    }

    fn object(&mut self, map: &Map<String, Value>, path: &str, place: Place) {
        self.push("{");
        self.indent += 1;
        for (k, v) in map {
            let at = key_path(path, k);
            if k == "copy" && place == Place::Copies && is_copy_array(v) {
                for (i, entry) in v.as_array().into_iter().flatten().enumerate() {
                    let entry_path = index_path(&at, i);
                    let name = entry.get("name").and_then(Value::as_str).unwrap_or("");
                    self.newline();
                    let start = self.out.len();
                    let key_text = key(name);
                    self.push(&format!("{key_text}: "));
                    self.copy_loop(entry, &entry_path, Some(name), place);
                    self.push(",");
                    self.record(start, &entry_path);
                }
                continue;
            }
            self.newline();
            let start = self.out.len();
            let key_text = self.key_text(k, &at);
            self.push(&format!("{key_text}: "));
            self.value(v, &at, place);
            self.push(",");
            self.record(start, &at);
        }
        self.indent -= 1;
        self.newline();
        self.push("}");
    }

    /// Symbols for the resources: a copy loop's name, else the last segment
    /// of the type, numbered when taken.
    fn plan_symbols(&mut self, resources: &[Value], variables: Option<&Value>) {
        for (i, resource) in resources.iter().enumerate() {
            if is_module(resource) {
                let name = resource.get("name").and_then(Value::as_str).unwrap_or("");
                let base = if is_plain_name(name) {
                    name
                } else {
                    "deployment"
                };
                // A module loop's name is its symbol, as a resource loop's
                // (the DSL writes the symbol as `copy.name`).
                let looped = resource
                    .get("copy")
                    .and_then(|c| c.get("name"))
                    .and_then(Value::as_str);
                let symbol = match looped {
                    Some(loop_name) => match self.scope.spelled("loop", loop_name) {
                        Some(text) => text,
                        None => {
                            let at = key_path(&index_path("$.resources", i), "copy");
                            self.error(
                                &key_path(&at, "name"),
                                format!("the loop name `{loop_name}` becomes the module's symbol, and is not a Rust identifier"),
                            );
                            "invalid".to_string()
                        }
                    },
                    None => self.fresh_symbol(base),
                };
                let parsed =
                    parse_string_value(name, &self.scope.functions)
                        .ok()
                        .map(|v| match v {
                            StringValue::Literal(text) => {
                                Expr::str(text, proc_macro2::Span::call_site())
                            }
                            StringValue::Expr(expr) => expr,
                        });
                // A `dependsOn` entry naming one copy of a module loop stays
                // as written: its symbol is the whole loop.
                let parsed = parsed.filter(|_| looped.is_none());
                self.module_symbols
                    .push((index_path("$.resources", i), symbol, parsed));
            }
        }
        for (i, resource) in resources.iter().enumerate() {
            let copy = resource
                .get("copy")
                .and_then(|c| c.get("name"))
                .and_then(Value::as_str);
            if let Some(name) = copy {
                // ARM takes loops sharing a name (`check` checks them under
                // names of their own: `shared_loops`); the DSL's loop symbol
                // is its copy name, one per loop, so the names would not
                // come back.
                if self.copy_symbols.contains_key(&name_key(name)) {
                    let at = key_path(&index_path("$.resources", i), "copy");
                    self.error(
                        &key_path(&at, "name"),
                        format!("the loop name `{name}` is also an earlier loop's: ARM takes a name several loops share (a `dependsOn` naming it waits for all of them), but the DSL names each loop by its own symbol, its copy name; rename the loop (and add its new name where a `dependsOn` names the shared one)"),
                    );
                }
                self.taken.insert(name.to_ascii_lowercase());
                // The loop's name is its symbol, which a `dependsOn` printed
                // before the loop (ARM allows it anywhere) names too.
                if let Some(text) = self.scope.spelled("loop", name) {
                    self.copy_symbols.insert(name_key(name), text);
                }
            }
            let field = |k: &str| resource.get(k).and_then(Value::as_str).unwrap_or("");
            self.declared_resources.push((
                field("type").to_string(),
                field("name").to_string(),
                copy.map(str::to_string),
            ));
        }
        for (i, (_, name, copy)) in self.declared_resources.iter().enumerate() {
            match copy {
                Some(copy) => self.declared_by_copy.entry(name_key(copy)).or_insert(i),
                None => self.declared_by_name.entry(name_key(name)).or_insert(i),
            };
        }
        // Every resource's symbol, before printing: a `dependsOn` may name a
        // resource declared after it.
        let functions = self.scope.functions.clone();
        let kind = crate::eval::TargetScope::from_schema(&self.schema);
        let mut plan = symbolic::Plan::new(resources, kind, &functions, &mut |base| {
            self.fresh_symbol(base)
        });
        plan.set_variables(variables);
        let scope = &self.scope;
        plan.rename_symbols(&|symbol| scope.stand_in("loop", symbol).map(str::to_string));
        // A module is named by the symbol it was given above: a read of its
        // outputs (`reference(<its id>).outputs.x.value`) is that symbol's.
        for (path, symbol, _) in &self.module_symbols {
            if let Some(index) = plan.index_of(path) {
                let secure_outputs = resources
                    .iter()
                    .enumerate()
                    .find(|(i, _)| index_path("$.resources", *i) == *path)
                    .and_then(|(_, r)| r.pointer("/properties/template/outputs"))
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(_, o)| is_secure_output(o))
                    .map(|(n, _)| n.to_ascii_lowercase())
                    .collect();
                plan.set_module(index, symbol, secure_outputs);
            }
        }
        self.scope.symbols = plan.symbols();
        if self.options.symbolic {
            self.symbolic = Some(plan.clone());
        }
        self.plan = plan;
        self.plan_existing(resources);
    }

    /// An `existing` declaration for each resource a role assignment's (or
    /// other extension resource's) `scope` names that the template does not
    /// deploy: the DSL's `scope` names a declared resource, and an `existing`
    /// one adds nothing to the ARM JSON.
    fn plan_existing(&mut self, resources: &[Value]) {
        for (i, resource) in resources.iter().enumerate() {
            let Some(scope) = resource.get("scope") else {
                continue;
            };
            let Some((ty, names)) = symbolic::scope_target(scope, &self.scope.functions) else {
                continue;
            };
            let declared = self.plan.find(&ty, &names).is_some()
                || self
                    .existing
                    .iter()
                    .any(|(_, _, t, n)| t.eq_ignore_ascii_case(&ty) && n.same_as(&names[0]));
            if declared || names.len() != 1 {
                continue;
            }
            let Some(version) = apim_dsl_types::versions(&ty)
                .into_iter()
                .find(|v| !v.ends_with("-preview"))
            else {
                continue;
            };
            let last = ty.rsplit('/').next().unwrap_or("scope").to_string();
            let base = last
                .strip_suffix('s')
                .filter(|b| !b.is_empty())
                .unwrap_or(&last)
                .to_string();
            let symbol = self.fresh_symbol(&base);
            let Some(name) = names.into_iter().next() else {
                continue;
            };
            self.existing.push((
                index_path("$.resources", i),
                symbol,
                format!("{ty}@{version}"),
                name,
            ));
        }
    }

    fn fresh_symbol(&mut self, base: &str) -> String {
        let symbol = self.fresh(base);
        self.taken.insert(symbol.to_ascii_lowercase());
        symbol
    }

    fn resource_symbol(
        &mut self,
        resource: &Map<String, Value>,
        path: &str,
        index: Option<usize>,
    ) -> String {
        if let Some(name) = resource
            .get("copy")
            .and_then(|copy| copy.get("name"))
            .and_then(Value::as_str)
        {
            if let Some(text) = self.scope.spelled("loop", name) {
                self.copy_symbols.insert(name_key(name), text.clone());
                return text;
            }
            // A module's is reported where modules are planned.
            if !is_module(&Value::Object(resource.clone())) {
                self.error(
                    &key_path(&key_path(path, "copy"), "name"),
                    format!("the loop name `{name}` becomes the resource's symbol, and is not a Rust identifier"),
                );
            }
            return "invalid".to_string();
        }
        if let Some(symbol) = index.and_then(|i| self.plan.symbol_at(i)) {
            return symbol;
        }
        let ty = resource
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("resource");
        let last = ty.rsplit('/').next().unwrap_or("resource");
        let base = if is_plain_name(last) {
            last
        } else {
            "resource"
        };
        self.fresh_symbol(base)
    }

    /// A resource's or module's `copy` (`{ name, count, mode?, batchSize? }`)
    /// as the DSL's loop head (`for item in source`) and its attributes
    /// (`#[batchSize(n)]` for `mode: "Serial"`, `#[batchSize(1)]` for
    /// `mode: "Serial"` without a `batchSize`, nothing for
    /// `mode: "Parallel"`; see [`copy_mode`]). The body stays as written
    /// (`source[copyIndex()]`, `copyIndex(1)`): the DSL reads it so inside a
    /// resource or module loop, and compares names across loops by that text
    /// (a `dependsOn` on one copy of another loop). The loop's `name` is the
    /// declaration's symbol ([`Importer::resource_symbol`],
    /// [`Importer::plan_symbols`]). `what`: "resource" or "module", for the
    /// messages.
    fn copy_head(&mut self, copy: &Value, at: &str, what: &str) -> (Vec<String>, String) {
        let mut head_attrs = Vec::new();
        let Value::Object(copy) = copy else {
            self.error(at, format!("a {what}'s `copy` is an object"));
            return (head_attrs, String::new());
        };
        for key in copy.keys() {
            if !matches!(key.as_str(), "name" | "count" | "mode" | "batchSize") {
                self.error(
                    &key_path(at, key),
                    format!("`{key}` has no DSL form in a {what} loop"),
                );
            }
        }
        if !copy.get("name").is_some_and(Value::is_string) {
            self.error(
                at,
                format!(
                    "a {what}'s `copy` has a `name` (the DSL writes the {what}'s symbol there)"
                ),
            );
        }
        match copy_mode(copy) {
            Ok(CopyMode::Parallel) => {}
            // Without a `batchSize`, the DSL writes the batch of 1 ARM
            // deploys; ARM refuses a batch size above the copy count ("The
            // copy batch size must be a non-negative integer value and cannot
            // exceed the copy count"), so that is exact only where the count
            // is at least 1.
            // (`check` reads the loop as ARM deploys it, one at a time.)
            Ok(CopyMode::Serial(_))
                if !self.options.for_checking
                    && !copy.contains_key("batchSize")
                    && !self.at_least_one(copy.get("count")) =>
            {
                self.error(
                    &key_path(at, "mode"),
                    "`\"mode\": \"serial\"` without a `batchSize` is the DSL's `#[batchSize(1)]`, which ARM refuses where the count is 0 (a batch size cannot exceed the copy count): give the count a lower bound of 1 (a literal, or `minValue: 1` on its parameter), or write the `batchSize`",
                );
            }
            Ok(CopyMode::Serial(n)) => head_attrs.push(format!("#[batchSize({n})]")),
            Err((key, message)) => self.error(&key_path(at, key), message),
        }
        let mut loop_text = String::new();
        if let Some(source) = self.loop_source(copy.get("count"), 0, &key_path(at, "count")) {
            let item = self.fresh("item");
            let mut printer = Printer::new(&self.scope);
            let text = printer.expr(&source);
            if let Some(message) = printer.error {
                self.error(&key_path(at, "count"), message);
            }
            loop_text = format!("for {item} in {text}");
        }
        (head_attrs, loop_text)
    }

    /// Whether a loop's `count` is at least 1 in every deployment: a literal
    /// integer of 1 or more, or `parameters('p')` of an `int` parameter whose
    /// `minValue` is 1 or more.
    fn at_least_one(&self, count: Option<&Value>) -> bool {
        match count {
            Some(Value::Number(n)) => n.as_i64().is_some_and(|n| n >= 1),
            Some(Value::String(text)) => {
                let Ok(StringValue::Expr(expr)) = parse_string_value(text, &self.scope.functions)
                else {
                    return false;
                };
                let ExprKind::Param(name) = &expr.kind else {
                    return false;
                };
                self.params
                    .iter()
                    .find(|(declared, _)| same_name(declared, name))
                    .and_then(|(_, p)| p.get("minValue"))
                    .and_then(Value::as_i64)
                    .is_some_and(|min| min >= 1)
            }
            _ => false,
        }
    }

    /// The loop head [`Importer::copy_head`] gave the declaration at `path`
    /// (none without a `copy`), after its type or template: an error of the
    /// compiler on it (a count over ARM's limit) is at the loop's `count`.
    fn loop_head(&mut self, head: &str, path: &str) {
        if !head.is_empty() {
            self.push(" ");
            let s = self.out.len();
            self.push(head);
            self.record(s, &key_path(&key_path(path, "copy"), "count"));
        }
    }

    fn resource(&mut self, resource: &Value, path: &str, nested_in: Option<&str>) {
        let Value::Object(resource) = resource else {
            self.error(path, "a resource is an object");
            return;
        };
        let declarations: Vec<(String, String, Expr)> = self
            .existing
            .iter()
            .filter(|(p, _, _, _)| p == path)
            .map(|(_, symbol, ty, name)| (symbol.clone(), ty.clone(), name.clone()))
            .collect();
        for (symbol, ty, name) in declarations {
            let name = self.expr_text(name, &key_path(path, "scope"));
            self.line(&format!(
                "resource {symbol} {} existing {{ name: {name} }}\n\n",
                string(&ty)
            ));
        }
        let flat_index = self.plan.index_of(path);
        let symbol = self.resource_symbol(resource, path, flat_index);
        if nested_in.is_none()
            && let Some(grant) = self.grant_form(resource, flat_index)
        {
            self.grant(&symbol, grant, resource, path, flat_index);
            return;
        }
        let outer = (self.rewriting, self.current);
        self.rewriting = true;
        self.current = flat_index;
        let outer_loop = self.resource_loop.take();
        // A resource nested in a looped one, without a `copy` of its own,
        // shares its loop: ARM deploys it with each of the parent's copies,
        // and its `copyIndex('<parent's loop>')` reads the parent's index
        // ("Resource iteration in ARM templates"; Microsoft Learn
        // "copyIndex": with a loop name, that loop's index), which is the
        // DSL's `copyIndex()` there.
        self.resource_loop = match resource.get("copy") {
            Some(copy) => copy.get("name").and_then(Value::as_str).map(str::to_string),
            None if nested_in.is_some() => outer_loop.clone(),
            None => None,
        };
        self.resource_body(resource, path, nested_in, symbol);
        self.resource_loop = outer_loop;
        (self.rewriting, self.current) = outer;
    }

    fn resource_body(
        &mut self,
        resource: &Map<String, Value>,
        path: &str,
        nested_in: Option<&str>,
        symbol: String,
    ) {
        let start = self.out.len();
        let reads = self.symbol_reads(resource);
        let ty = match resource.get("type") {
            Some(Value::String(ty)) if !ty.starts_with('[') => ty.clone(),
            _ => {
                self.error(
                    &key_path(path, "type"),
                    "a resource's `type` must be literal text, not an expression: ARM must know a resource's type and `apiVersion` before it evaluates any expression (Microsoft Learn, \"Syntax and expressions in ARM templates\", compile-time constraints)",
                );
                String::new()
            }
        };
        let version = match resource.get("apiVersion") {
            Some(Value::String(v)) if !v.starts_with('[') => v.clone(),
            None => {
                let message = match &self.template_api {
                    Some(key) => format!(
                        "the resource has no `apiVersion`: the template's `{key}` would give it one, which is not supported; give the resource its `apiVersion`"
                    ),
                    None => "the resource has no `apiVersion`".to_string(),
                };
                self.error(path, message);
                String::new()
            }
            _ => {
                self.error(
                    &key_path(path, "apiVersion"),
                    "a resource's `apiVersion` must be literal text, not an expression: ARM must know a resource's type and `apiVersion` before it evaluates any expression (Microsoft Learn, \"Syntax and expressions in ARM templates\", compile-time constraints); write the version",
                );
                String::new()
            }
        };
        if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
            let properties = resource.get("properties");
            let inner = properties
                .and_then(|p| p.get("expressionEvaluationOptions"))
                .and_then(|o| o.get("scope"))
                .and_then(Value::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
            if inner && properties.and_then(|p| p.get("template")).is_some() {
                if nested_in.is_some() {
                    self.error(
                        path,
                        "a module cannot be nested in a resource's `resources`",
                    );
                } else {
                    self.module(resource, path);
                }
                return;
            }
        }
        let mut head_attrs = Vec::new();
        let mut loop_text = String::new();
        if let Some(copy) = resource.get("copy") {
            let at = key_path(path, "copy");
            if nested_in.is_some() {
                self.error(&at, "a resource nested in another's `resources` cannot loop in the DSL (ARM has no `copy` there either)");
            }
            (head_attrs, loop_text) = self.copy_head(copy, &at, "resource");
        }
        let mut condition_text = String::new();
        if let Some(condition) = resource.get("condition") {
            let text = self.inline(condition, &key_path(path, "condition"));
            condition_text = format!(" if {text}");
        }
        // Resource-level `metadata` of constants: the DSL's `#[metadata]`,
        // its `description` text the doc comment (as Bicep's `@description`
        // writes it). Another one (an expression in it, not an object) stays
        // a body key, kept with `#[accept]`.
        let metadata = resource
            .get("metadata")
            .filter(|m| m.is_object() && is_constant(m));
        let at = key_path(path, "metadata");
        let mut rest = metadata.and_then(Value::as_object).cloned();
        if let Some(entries) = &mut rest
            && let Some(description) = entries
                .get("description")
                .and_then(Value::as_str)
                .and_then(literal_text)
        {
            let s = self.out.len();
            self.describe(&description);
            self.record(s, &key_path(&at, "description"));
            entries.shift_remove("description");
        }
        for attr in head_attrs {
            self.line(&format!("{attr}\n"));
        }
        // `{}` left by a description alone needs no `#[metadata]`; one written
        // `{}` in the template keeps it.
        let written_empty = metadata
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty);
        if let Some(entries) = rest.filter(|e| !e.is_empty() || written_empty) {
            let metadata = Value::Object(entries);
            self.line("#[metadata(");
            let s = self.out.len();
            let text = self.inline(&metadata, &at);
            self.push(&text);
            self.record(s, &at);
            self.push(")]\n");
        }
        self.resource_paths.push(path.to_string());
        self.allow_attr(path);
        if self.unchecked.contains(path) {
            self.line("#[unchecked]\n");
        }
        if let Some(accepted) = self.accepts.get(path).cloned() {
            self.line("#[accept(");
            for (i, accepted) in accepted.iter().enumerate() {
                if i > 0 {
                    self.push(", ");
                }
                let s = self.out.len();
                self.push(&string(accepted));
                self.accept_ranges
                    .push((s..self.out.len(), path.to_string(), accepted.clone()));
            }
            self.push(")]\n");
        }
        let written_ty = match nested_in {
            Some(_) => ty.clone(),
            None => ty.clone(),
        };
        self.line("resource ");
        // An error at the symbol is about the resource as its name says it
        // (a duplicate name): the symbol maps to `name`.
        let s = self.out.len();
        self.push(&symbol);
        self.record(s, &key_path(path, "name"));
        self.push(" ");
        let s = self.out.len();
        self.push(&string(&format!("{written_ty}@{version}")));
        self.record(s, &key_path(path, "type"));
        self.loop_head(&loop_text, path);
        if let Some(text) = condition_text.strip_prefix(" if ") {
            self.push(" if ");
            let s = self.out.len();
            self.push(text);
            self.record(s, &key_path(path, "condition"));
        }
        self.push(" {");
        self.indent += 1;
        let skipped: &[&str] = &["type", "apiVersion", "copy", "condition"];
        let parent = self.symbolic.as_ref().and_then(|p| p.parent_of(path));
        for (k, v) in resource {
            if skipped.contains(&k.as_str()) || (k == "metadata" && metadata.is_some()) {
                continue;
            }
            let at = key_path(path, k);
            if k.starts_with('[') && k.ends_with(']') {
                self.error(
                    &at,
                    "a resource's top-level keys are literal names in the DSL",
                );
                continue;
            }
            if k == "dependsOn" && self.all_implied(v, &reads) {
                continue;
            }
            self.newline();
            let start = self.out.len();
            match k.as_str() {
                "dependsOn" => {
                    self.push("dependsOn: ");
                    self.depends_on(v, &at, &reads);
                }
                "name" if parent.is_some() => {
                    if let Some((symbol, own)) = &parent {
                        self.push(&format!("parent: {symbol},"));
                        self.newline();
                        let s = self.out.len();
                        self.push("name: ");
                        let text = self.expr_text(own.clone(), &at);
                        self.push(&text);
                        self.record(s, &at);
                    }
                }
                "resources" => {
                    self.push("resources: [");
                    match v {
                        Value::Array(children) => {
                            self.indent += 1;
                            for (i, child) in children.iter().enumerate() {
                                self.push("\n");
                                self.resource(child, &index_path(&at, i), Some(&ty));
                                self.out.truncate(self.out.trim_end().len());
                                self.push(",");
                            }
                            self.indent -= 1;
                            if !children.is_empty() {
                                self.newline();
                            }
                        }
                        _ => self.error(&at, "`resources` is an array"),
                    }
                    self.push("]");
                }
                _ => {
                    let key_text = key(k);
                    self.push(&format!("{key_text}: "));
                    let place = if k == "properties" {
                        Place::Copies
                    } else {
                        Place::Plain
                    };
                    self.value(v, &at, place);
                }
            }
            self.push(",");
            self.record(start, &at);
        }
        self.indent -= 1;
        self.newline();
        self.push("}");
        self.record(start, path);
    }

    /// An inline nested deployment evaluated in its own scope: a `module` of
    /// the template its `properties.template` is imported as (a constant of
    /// its own, after this one).
    fn module(&mut self, resource: &Map<String, Value>, path: &str) {
        let start = self.out.len();
        let properties = resource.get("properties").and_then(Value::as_object);
        let props_path = key_path(path, "properties");
        // A module's doc comment is its deployment's `metadata.description`
        // (as Bicep's `@description` on a module writes it): a `metadata` of
        // only a description text is one (refused below if it is shaped like
        // an expression).
        let description = match resource.get("metadata") {
            Some(Value::Object(metadata)) if metadata.len() == 1 => metadata
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        };
        for key in resource.keys() {
            if key == "metadata" && description.is_some() {
                continue;
            }
            if !matches!(
                key.as_str(),
                "type"
                    | "apiVersion"
                    | "name"
                    | "properties"
                    | "dependsOn"
                    | "condition"
                    | "resourceGroup"
                    | "subscriptionId"
                    | "location"
                    | "copy"
            ) {
                let message = if key == "metadata" {
                    // The DSL's `#[metadata]` is a resource's attribute only.
                    "a module's `metadata` is only its `description` text in the DSL (the doc comment): other keys, or an expression, have no DSL form on a module".to_string()
                } else {
                    format!("a module (an inline nested deployment) has no `{key}` in the DSL")
                };
                self.error(&key_path(path, key), message);
            }
        }
        // ARM reads the scope ignoring case; the DSL writes `Inner`, as the
        // deployment template schema spells it (and Bicep `inner`): an exact
        // import says so at the scope (`--symbolic` and `check` read it alike).
        if let Some(scope) = properties
            .and_then(|p| p.get("expressionEvaluationOptions"))
            .and_then(|o| o.get("scope"))
            .and_then(Value::as_str)
            .filter(|scope| {
                *scope != "Inner" && !self.options.for_checking && !self.options.symbolic
            })
        {
            self.error(
                &key_path(
                    &key_path(&props_path, "expressionEvaluationOptions"),
                    "scope",
                ),
                format!("a module's scope is written `Inner` in the DSL's JSON, as the deployment template schema spells it, and ARM reads {} alike: write `Inner`", string(scope)),
            );
        }
        for (key, value) in properties.into_iter().flatten() {
            let ok = match key.as_str() {
                "expressionEvaluationOptions" | "template" | "parameters" => true,
                "mode" => value.as_str() == Some("Incremental"),
                _ => false,
            };
            if !ok {
                let message = if key == "mode" {
                    format!(
                        "a module's deployment has no `mode` {value} in the DSL: it writes `mode: \"Incremental\"`"
                    )
                } else {
                    format!(
                        "a module's deployment has no `{key}` in the DSL: it writes `expressionEvaluationOptions`, `mode: \"Incremental\"`, `parameters` and `template` only"
                    )
                };
                self.error(&key_path(&props_path, key), message);
            }
        }
        let symbol = self
            .module_symbols
            .iter()
            .find(|(p, _, _)| p == path)
            .map_or_else(|| "deployment".to_string(), |(_, s, _)| s.clone());
        let const_name = self.module_constant(&symbol);
        if let Some(template) = properties.and_then(|p| p.get("template")) {
            self.modules.push((
                key_path(&props_path, "template"),
                const_name.clone(),
                template.clone(),
            ));
        }
        if let Some(description) = &description {
            let s = self.out.len();
            let at = key_path(&key_path(path, "metadata"), "description");
            self.describe_json(description, &at);
            self.record(s, &at);
        }
        match resource.get("apiVersion").and_then(Value::as_str) {
            Some(version) => {
                let s = self.out.len();
                self.line(&format!("#[apiVersion({})]", string(version)));
                self.record(s, &key_path(path, "apiVersion"));
                self.push("\n");
            }
            None => self.error(
                &key_path(path, "apiVersion"),
                "a deployment has an `apiVersion`",
            ),
        }
        // A loop as a resource's (`for item in source`, `#[batchSize(n)]`);
        // the body keeps its `copyIndex()`es as written.
        let mut loop_text = String::new();
        if let Some(copy) = resource.get("copy") {
            let head_attrs;
            (head_attrs, loop_text) = self.copy_head(copy, &key_path(path, "copy"), "module");
            for attr in head_attrs {
                let s = self.out.len();
                self.line(&attr);
                self.record(s, &key_path(path, "copy"));
                self.push("\n");
            }
        }
        self.line(&format!("module {symbol} = {const_name}"));
        self.loop_head(&loop_text, path);
        if let Some(condition) = resource.get("condition") {
            let text = self.inline(condition, &key_path(path, "condition"));
            self.push(" if ");
            let s = self.out.len();
            self.push(&text);
            self.record(s, &key_path(path, "condition"));
        }
        self.push(" {");
        self.indent += 1;
        if let Some(name) = resource.get("name") {
            self.newline();
            let s = self.out.len();
            self.push("name: ");
            self.value(name, &key_path(path, "name"), Place::Plain);
            self.push(",");
            self.record(s, &key_path(path, "name"));
        }
        // A deployment above a resource group is stored in a region: the DSL
        // writes its `location` itself, the template's own.
        let dsl_location = crate::emit::arm::module_location(&self.schema);
        let location = resource.get("location");
        // A module deployed where the template is (no `subscriptionId`, no
        // `resourceGroup`) has the `location` the DSL writes, when the
        // template is above a resource group, as Bicep writes it.
        let above_group = crate::resolve::target_scope_of(&self.schema) != "resourceGroup";
        if resource.get("subscriptionId").is_none() && resource.get("resourceGroup").is_none() {
            match location {
                Some(Value::String(written))
                    if above_group && same_expression(written, dsl_location) => {}
                Some(location) if above_group => self.error(
                    &key_path(path, "location"),
                    format!(
                        "a module deployed where the template is gets the `location` {} in the DSL (the region of the template's deployment, as Bicep writes it); this deployment has {location}",
                        string(dsl_location)
                    ),
                ),
                Some(_) => self.error(
                    &key_path(path, "location"),
                    "a module deployed where the template is, in a resource group, has no `location` in the DSL (ARM stores only deployments above a resource group in a region): the DSL writes one for a module deployed to a subscription (`subscriptionId` without a `resourceGroup`) or in a template above a resource group",
                ),
                None if above_group && !self.options.for_checking => self.error(
                    path,
                    format!(
                        "a deployment above a resource group needs a `location` (ARM stores it in a region), and the DSL writes {} for it: add it to the template",
                        string(dsl_location)
                    ),
                ),
                None => {}
            }
        }
        if resource.get("resourceGroup").is_some() && location.is_some() {
            self.error(
                &key_path(path, "location"),
                "a module deployed to a resource group has no `location` in the DSL (ARM stores only deployments above a resource group in a region)",
            );
        }
        match (
            resource.get("subscriptionId"),
            resource.get("resourceGroup"),
        ) {
            (None, None) => {}
            (Some(sub), None) => match location {
                Some(Value::String(written)) if same_expression(written, dsl_location) => {
                    self.newline();
                    let s = self.out.len();
                    let own = parse_string_value(
                        sub.as_str().unwrap_or_default(),
                        &self.scope.functions,
                    )
                    .ok()
                    .is_some_and(|v| match v {
                        StringValue::Expr(e) => is_own_subscription_id(&e),
                        StringValue::Literal(_) => false,
                    });
                    if own {
                        self.push("scope: subscription(),");
                    } else {
                        let sub = self.inline(sub, &key_path(path, "subscriptionId"));
                        self.push(&format!("scope: subscription({sub}),"));
                    }
                    self.record(s, &key_path(path, "subscriptionId"));
                }
                Some(other) => self.error(
                    &key_path(path, "location"),
                    format!(
                        "the DSL writes the `location` of a module deployed to a subscription itself, {} (the region of {}), not {other}: a deployment's `location` is where its data is stored, which the DSL does not choose otherwise",
                        string(dsl_location),
                        if dsl_location.starts_with("[resourceGroup") {
                            "the template's resource group"
                        } else {
                            "the template's deployment"
                        }
                    ),
                ),
                None => self.error(
                    &key_path(path, "subscriptionId"),
                    format!(
                        "a nested deployment to a subscription without a `location`: ARM stores a deployment above a resource group in a region, and the DSL writes {} for it; add that `location`",
                        string(dsl_location)
                    ),
                ),
            },
            (sub, Some(rg)) => {
                self.newline();
                let s = self.out.len();
                let rg = self.inline(rg, &key_path(path, "resourceGroup"));
                match sub {
                    Some(sub) => {
                        let sub = self.inline(sub, &key_path(path, "subscriptionId"));
                        self.push(&format!("scope: resourceGroup({sub}, {rg}),"));
                    }
                    None => self.push(&format!("scope: resourceGroup({rg}),")),
                }
                self.record(s, &key_path(path, "resourceGroup"));
            }
        }
        if let Some(params) = properties.and_then(|p| p.get("parameters")) {
            let at = key_path(&props_path, "parameters");
            match params {
                Value::Object(params) if params.is_empty() => {
                    self.newline();
                    self.push("params: {},");
                }
                Value::Object(params) => {
                    // ARM matches the names given to the inner template's
                    // parameters ignoring case: each is written as declared
                    // (the compiler's module checks compare them exactly).
                    let declared: Vec<&String> = properties
                        .and_then(|p| p.get("template"))
                        .and_then(|t| t.get("parameters"))
                        .and_then(Value::as_object)
                        .map(|p| p.keys().collect())
                        .unwrap_or_default();
                    let mut given: Vec<&str> = Vec::new();
                    self.newline();
                    self.push("params: {");
                    self.indent += 1;
                    for (name, entry) in params {
                        let entry_path = key_path(&at, name);
                        let name = match declared.iter().find(|d| same_name(d, name)) {
                            Some(spelled) => spelled.as_str(),
                            None => {
                                self.error(
                                    &entry_path,
                                    format!("the inner template declares no parameter `{name}` (ARM matches names ignoring case)"),
                                );
                                continue;
                            }
                        };
                        if given.contains(&name) {
                            self.error(
                                &entry_path,
                                format!("parameter `{name}` is given twice, in names that differ only in case: ARM reads them as one"),
                            );
                            continue;
                        }
                        given.push(name);
                        match entry.as_object() {
                            Some(map) if map.len() == 1 && map.contains_key("value") => {
                                self.newline();
                                let s = self.out.len();
                                self.push(&format!("{}: ", key(name)));
                                self.value(
                                    &map["value"],
                                    &key_path(&entry_path, "value"),
                                    Place::Plain,
                                );
                                self.push(",");
                                self.record(s, &entry_path);
                            }
                            _ => self.error(
                                &entry_path,
                                "a module's parameter is `{ \"value\": ... }` in the DSL",
                            ),
                        }
                    }
                    self.indent -= 1;
                    self.newline();
                    self.push("},");
                }
                _ => self.error(&at, "`parameters` is an object"),
            }
        }
        if let Some(deps) = resource.get("dependsOn") {
            self.newline();
            let s = self.out.len();
            self.push("dependsOn: ");
            self.depends_on(deps, &key_path(path, "dependsOn"), &HashSet::new());
            self.push(",");
            self.record(s, &key_path(path, "dependsOn"));
        }
        self.indent -= 1;
        self.newline();
        self.push("}");
        self.record(start, path);
    }

    /// `#[allow(...)]` for the declaration at `path`, where the original
    /// does what a lint warns about (an unused parameter, an enum spelled
    /// otherwise than the schema).
    fn allow_attr(&mut self, path: &str) {
        if let Some(lints) = self.allows.get(path).cloned() {
            self.line(&format!("#[allow({})]\n", lints.join(", ")));
        }
    }

    /// The constant a module's inner template is imported as: this template's
    /// constant and the module's symbol in upper snake case (`regionLoop` in
    /// `T` is `T_REGION_LOOP`; a keyword's `r#` left out), numbered
    /// (`T_REGION_LOOP_2`) when a constant of the output has the name already:
    /// `regionLoop` and `region_loop`, or a module `apis` of the module
    /// `platform` and a module `platformApis`, would be one constant twice.
    fn module_constant(&mut self, symbol: &str) -> String {
        let base = format!(
            "{}_{}",
            self.options.const_name,
            constant_case(symbol.strip_prefix("r#").unwrap_or(symbol))
        );
        let mut name = base.clone();
        let mut n = 2;
        while self.constants.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.constants.insert(name.clone());
        name
    }

    /// The symbol of the module a `dependsOn` entry names: by
    /// `resourceId('Microsoft.Resources/deployments', name)` or by its name.
    fn module_named(&self, entry: &Value) -> Option<String> {
        let text = entry.as_str()?;
        let expr = match parse_string_value(text, &self.scope.functions).ok()? {
            StringValue::Literal(text) => Expr::str(text, proc_macro2::Span::call_site()),
            StringValue::Expr(expr) => expr,
        };
        let name = match &expr.kind {
            ExprKind::Call(call) if call.name == "resourceId" && call.user.is_none() => {
                crate::resolve::depends::deployment_id_name(call)?
            }
            ExprKind::Str(_) => &expr,
            _ => return None,
        };
        self.module_symbols
            .iter()
            .find(|(_, _, n)| n.as_ref().is_some_and(|n| n.same_as(name)))
            .map(|(_, symbol, _)| symbol.clone())
    }

    /// Whether every `dependsOn` entry is implied (symbolic mode).
    fn all_implied(&self, value: &Value, reads: &HashSet<usize>) -> bool {
        let (Some(plan), Some(current), Value::Array(items)) =
            (&self.symbolic, self.current, value)
        else {
            return false;
        };
        items
            .iter()
            .all(|item| plan.dependency(current, item, reads) == symbolic::Dependency::Drop)
    }

    /// The resources the body of `resource` reads through symbols once
    /// rewritten (symbolic mode): their `dependsOn` entries are implied.
    /// `--symbolic`: a role assignment shaped like what `grant` writes (API
    /// version 2022-04-01, `principalType: ServicePrincipal`, a role definition
    /// by `subscriptionResourceId` of a GUID, the principal a managed identity
    /// of the template, the scope a resource of the template, `dependsOn` only
    /// on those two) as the grant it is.
    fn grant_form(
        &self,
        resource: &Map<String, Value>,
        current: Option<usize>,
    ) -> Option<GrantForm> {
        let plan = self.symbolic.as_ref()?;
        let ty = resource.get("type")?.as_str()?;
        let version = resource.get("apiVersion")?.as_str()?;
        if !ty.eq_ignore_ascii_case("Microsoft.Authorization/roleAssignments")
            || version != crate::resolve::ROLE_ASSIGNMENTS_API_VERSION
        {
            return None;
        }
        let keys = [
            "type",
            "apiVersion",
            "name",
            "scope",
            "properties",
            "dependsOn",
            "condition",
        ];
        if resource.keys().any(|k| !keys.contains(&k.as_str())) {
            return None;
        }
        // Its `name` is kept (a grant without one makes one up).
        resource.get("name")?;
        let properties = resource.get("properties")?.as_object()?;
        let allowed = [
            "roleDefinitionId",
            "principalId",
            "principalType",
            "description",
        ];
        if properties.keys().any(|k| !allowed.contains(&k.as_str()))
            || properties.get("principalType")?.as_str()? != "ServicePrincipal"
        {
            return None;
        }
        let functions = &self.scope.functions;
        let parse = |value: &Value| match parse_string_value(value.as_str()?, functions).ok()? {
            StringValue::Expr(expr) => Some(expr),
            StringValue::Literal(_) => None,
        };
        // The scope: a single resource of the template.
        let (scope_ty, names) = symbolic::scope_target(resource.get("scope")?, functions)?;
        let scope = plan.find(&scope_ty, &names)?;
        plan.single_type_at(scope)?;
        // The principal: `identity.properties.principalId` (user-assigned) or
        // `x.identity.principalId` (system-assigned), once rewritten.
        let principal_id = plan.rewrite(parse(properties.get("principalId")?)?, current);
        let principal = match &principal_id.kind {
            ExprKind::Member(base, id) if id == "principalId" => match &base.kind {
                ExprKind::Member(symbol, via) => match (&symbol.kind, via.as_str()) {
                    (ExprKind::Resource(i), "properties")
                        if plan.single_type_at(*i).is_some_and(|t| {
                            t.eq_ignore_ascii_case(
                                "Microsoft.ManagedIdentity/userAssignedIdentities",
                            )
                        }) =>
                    {
                        *i
                    }
                    // A resource's system-assigned identity; a user-assigned
                    // identity has no `identity` to read (breaker review).
                    (ExprKind::Resource(i), "identity")
                        if plan.single_type_at(*i).is_some_and(|t| {
                            !t.eq_ignore_ascii_case(
                                "Microsoft.ManagedIdentity/userAssignedIdentities",
                            )
                        }) =>
                    {
                        *i
                    }
                    _ => return None,
                },
                _ => return None,
            },
            _ => return None,
        };
        // The role: `subscriptionResourceId('...roleDefinitions', GUID)`, the
        // GUID literal or a variable holding one.
        let role = match parse(properties.get("roleDefinitionId")?)?.kind {
            ExprKind::Call(call)
                if call.user.is_none()
                    && call.name == "subscriptionResourceId"
                    && call.args.len() == 2
                    && call.args[0].as_str() == Some("Microsoft.Authorization/roleDefinitions") =>
            {
                match &call.args[1].kind {
                    ExprKind::Str(guid) => guid.clone(),
                    ExprKind::Var(name) => self
                        .variables
                        .iter()
                        .find(|(k, _)| same_name(k, name))
                        .and_then(|(_, v)| v.as_str())
                        .filter(|v| !v.starts_with('['))?
                        .to_string(),
                    _ => return None,
                }
            }
            _ => return None,
        };
        if !crate::roles::is_guid(&role) {
            return None;
        }
        // A built-in role by its name, as people write grants.
        let role = crate::roles::lookup(&role).map_or(role, |r| r.name.to_string());
        // `dependsOn` only on the two: implied by the grant.
        if let Some(entries) = resource.get("dependsOn") {
            let current = current?;
            let reads: HashSet<usize> = [scope, principal].into_iter().collect();
            let Value::Array(entries) = entries else {
                return None;
            };
            let all_implied = entries.iter().all(|e| {
                matches!(
                    plan.dependency(current, e, &reads),
                    symbolic::Dependency::Drop
                )
            });
            if !all_implied {
                return None;
            }
        }
        Some(GrantForm {
            scope: plan.symbol_at(scope)?,
            principal: plan.symbol_at(principal)?,
            role,
        })
    }

    /// Prints `grant symbol (if cond)? { principal, scope, role, name, ... }`.
    fn grant(
        &mut self,
        symbol: &str,
        form: GrantForm,
        resource: &Map<String, Value>,
        path: &str,
        current: Option<usize>,
    ) {
        let start = self.out.len();
        let outer = (self.rewriting, self.current);
        self.rewriting = true;
        self.current = current;
        self.line("grant ");
        let s = self.out.len();
        self.push(symbol);
        self.record(s, &key_path(path, "name"));
        if let Some(condition) = resource.get("condition") {
            let at = key_path(path, "condition");
            let text = self.inline(condition, &at);
            self.push(" if ");
            let s = self.out.len();
            self.push(&text);
            self.record(s, &at);
        }
        self.push(" {");
        self.indent += 1;
        let properties_path = key_path(path, "properties");
        let fields = [
            (
                "principal",
                form.principal,
                key_path(&properties_path, "principalId"),
            ),
            ("scope", form.scope, key_path(path, "scope")),
            (
                "role",
                string(&form.role),
                key_path(&properties_path, "roleDefinitionId"),
            ),
        ];
        for (key, text, at) in fields {
            self.newline();
            let s = self.out.len();
            self.push(&format!("{key}: {text},"));
            self.record(s, &at);
        }
        if let Some(name) = resource.get("name") {
            let at = key_path(path, "name");
            self.newline();
            let s = self.out.len();
            self.push("name: ");
            self.value(name, &at, Place::Plain);
            self.push(",");
            self.record(s, &at);
        }
        if let Some(properties) = resource.get("properties").and_then(Value::as_object) {
            for key in ["principalType", "description"] {
                if let Some(value) = properties.get(key) {
                    let at = key_path(&properties_path, key);
                    self.newline();
                    let s = self.out.len();
                    self.push(&format!("{key}: "));
                    self.value(value, &at, Place::Plain);
                    self.push(",");
                    self.record(s, &at);
                }
            }
        }
        self.indent -= 1;
        self.newline();
        self.push("}");
        self.record(start, path);
        (self.rewriting, self.current) = outer;
    }

    fn symbol_reads(&self, resource: &Map<String, Value>) -> HashSet<usize> {
        let mut found = HashSet::new();
        let Some(plan) = &self.symbolic else {
            return found;
        };
        fn visit(
            value: &Value,
            plan: &symbolic::Plan,
            functions: &[(String, String)],
            current: Option<usize>,
            found: &mut HashSet<usize>,
            depth: usize,
        ) {
            if depth > 128 {
                return;
            }
            match value {
                Value::String(text) => {
                    if let Ok(StringValue::Expr(expr)) = parse_string_value(text, functions) {
                        symbolic::reads(&plan.rewrite(expr, current), found);
                    }
                }
                Value::Array(items) => items
                    .iter()
                    .for_each(|v| visit(v, plan, functions, current, found, depth + 1)),
                Value::Object(map) => map.iter().for_each(|(k, v)| {
                    visit(
                        &Value::String(k.clone()),
                        plan,
                        functions,
                        current,
                        found,
                        depth + 1,
                    );
                    visit(v, plan, functions, current, found, depth + 1);
                }),
                _ => {}
            }
        }
        for (key, value) in resource {
            if !matches!(
                key.as_str(),
                "dependsOn" | "resources" | "type" | "apiVersion"
            ) {
                visit(
                    value,
                    plan,
                    &self.scope.functions,
                    self.current,
                    &mut found,
                    0,
                );
            }
        }
        found
    }

    /// Why a `dependsOn` entry written as a plain name (`"lp"`) cannot be
    /// imported when it is both a copy loop's name and the name of a
    /// resource or deployment of the template without a loop: ARM documents
    /// a `dependsOn` entry as a resource's name or id, or a copy loop's name
    /// ("Define the order for deploying resources in ARM templates",
    /// "Resource iteration in ARM templates"), and no precedence between the
    /// two; the DSL names one of them.
    fn ambiguous_name(&self, entry: &str) -> Option<String> {
        if super::expr::is_expression(entry) {
            return None;
        }
        let key = name_key(entry);
        let (_, _, looped) = &self.declared_resources[*self.declared_by_copy.get(&key)?];
        let (ty, name, _) = &self.declared_resources[*self.declared_by_name.get(&key)?];
        let what = if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
            "deployment"
        } else {
            "resource"
        };
        Some(format!(
            "this `dependsOn` entry `{entry}` names both the copy loop `{}` and the {what} `{name}`: ARM documents no precedence between a loop's name and a resource's, and the DSL depends on one of them; rename the loop or the {what}, or name the {what} by its `resourceId(...)`",
            looped.as_deref().unwrap_or(entry)
        ))
    }

    fn depends_on(&mut self, value: &Value, path: &str, reads: &HashSet<usize>) {
        let Value::Array(items) = value else {
            self.error(path, "`dependsOn` is an array");
            self.push("[]");
            return;
        };
        let mut texts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = index_path(path, i);
            if let Some(message) = item.as_str().and_then(|s| self.ambiguous_name(s)) {
                self.error(&at, message);
                continue;
            }
            if let (Some(plan), Some(current)) = (&self.symbolic, self.current) {
                match plan.dependency(current, item, reads) {
                    symbolic::Dependency::Drop => continue,
                    symbolic::Dependency::Symbol(symbol) => {
                        texts.push((at, symbol));
                        continue;
                    }
                    symbolic::Dependency::AsWritten => {}
                }
            }
            // A module named as written stays as written (the DSL matches it to
            // the module); symbolic mode writes the module's symbol.
            let module = if self.symbolic.is_some() {
                self.module_named(item)
            } else {
                None
            };
            if let Some(symbol) = module.or_else(|| self.plan.extension_named(item)) {
                texts.push((at, symbol));
                continue;
            }
            // A loop's name, as text or (for checking: the import would
            // not write it back so) as an expression of that text alone,
            // `"['vmLoop']"`, which ARM reads as the same entry.
            let loop_name = match item {
                Value::String(s) if !s.starts_with('[') => Some(s.clone()),
                Value::String(s) if self.options.for_checking => {
                    match parse_string_value(s, &self.scope.functions) {
                        Ok(StringValue::Expr(e)) => e.as_str().map(str::to_string),
                        _ => None,
                    }
                }
                _ => None,
            };
            let text = match loop_name.and_then(|s| self.copy_symbols.get(&name_key(&s))) {
                Some(symbol) => symbol.clone(),
                None => self.scalar(item, &at),
            };
            texts.push((at, text));
        }
        let short = texts.iter().map(|(_, t)| t.len() + 2).sum::<usize>() < 70;
        self.push("[");
        if short {
            for (i, (at, text)) in texts.iter().enumerate() {
                if i > 0 {
                    self.push(", ");
                }
                let s = self.out.len();
                self.push(text);
                self.record(s, at);
            }
        } else {
            self.indent += 1;
            for (at, text) in &texts {
                self.newline();
                let s = self.out.len();
                self.push(text);
                self.record(s, at);
                self.push(",");
            }
            self.indent -= 1;
            self.newline();
        }
        self.push("]");
    }
}

/// Whether two JSON strings are the same expression as ARM reads them
/// (white space and the case of function names aside).
fn same_expression(a: &str, b: &str) -> bool {
    let parse = |text: &str| match parse_string_value(text, &[]) {
        Ok(StringValue::Expr(e)) => Some(e),
        _ => None,
    };
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => a.same_as(&b),
        _ => false,
    }
}

/// Whether `expr` is `subscription().subscriptionId`, the DSL's
/// `subscription()` scope.
fn is_own_subscription_id(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Member(base, name) if name.eq_ignore_ascii_case("subscriptionId") => {
            matches!(&base.kind, ExprKind::Call(call)
                if call.user.is_none() && call.name.eq_ignore_ascii_case("subscription") && call.args.is_empty())
        }
        _ => false,
    }
}

/// An identifier in upper snake case: `_` before each upper-case letter
/// (`regionLoop` is `REGION_LOOP`), none leading.
fn constant_case(symbol: &str) -> String {
    symbol
        .chars()
        .flat_map(|c| {
            let upper = c.is_ascii_uppercase();
            (if upper { Some('_') } else { None })
                .into_iter()
                .chain([c.to_ascii_uppercase()])
        })
        .collect::<String>()
        .trim_start_matches('_')
        .to_string()
}

/// Whether a resource is an inline nested deployment evaluated in its own
/// scope: a module.
fn is_module(resource: &Value) -> bool {
    let is_deployment = resource
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"));
    let properties = resource.get("properties");
    let inner = properties
        .and_then(|p| p.get("expressionEvaluationOptions"))
        .and_then(|o| o.get("scope"))
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    is_deployment && inner && properties.and_then(|p| p.get("template")).is_some()
}

fn is_copy_array(value: &Value) -> bool {
    value.as_array().is_some_and(|entries| {
        !entries.is_empty()
            && entries.iter().all(|e| {
                e.get("name").is_some_and(Value::is_string)
                    && e.get("count").is_some()
                    && e.get("input").is_some()
            })
    })
}

/// Whether a template's `output` is secure (`secureString`, `secureObject`):
/// a module's reads it with `listOutputsWithSecureValues`, not `reference`.
pub(crate) fn is_secure_output(output: &Value) -> bool {
    output
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("secure"))
}

/// The text of a JSON string ARM reads literally (`[[` escapes its `[`), or
/// `None` for an expression.
fn literal_text(text: &str) -> Option<String> {
    if !super::expr::is_expression(text) {
        return Some(text.to_string());
    }
    text.strip_prefix("[[").map(|rest| format!("[{rest}"))
}

/// Whether `value` holds no expression, in its values or its keys: a
/// constant, as Bicep's decorators take.
fn is_constant(value: &Value) -> bool {
    let literal = |text: &str| !super::expr::is_expression(text) || text.starts_with("[[");
    match value {
        Value::String(text) => literal(text),
        Value::Array(items) => items.iter().all(is_constant),
        Value::Object(map) => map.iter().all(|(k, v)| literal(k) && is_constant(v)),
        _ => true,
    }
}

/// Whether `expr` is this loop's `copyIndex()` (or `copyIndex('name')`), the
/// index without an offset.
fn is_copy_index(expr: &Expr, ctx: &LoopCtx) -> bool {
    matches!(copy_index_of(expr, ctx.copy_name.as_deref()), Some(None))
}

/// The literal offset of `copyIndex(offset)` / `copyIndex(name, offset)` of
/// this loop (0 without one), `None` for another loop's or a computed offset.
fn copy_index_offset(expr: &Expr, name: Option<&str>) -> Option<i64> {
    match copy_index_of(expr, name)? {
        None => Some(0),
        Some(Expr {
            kind: ExprKind::Int(k),
            ..
        }) => Some(*k),
        Some(_) => None,
    }
}

/// The start of a copy loop: the one offset other than 0 its `copyIndex`es in
/// `input` add (`copyIndex('ips', 1)`), the DSL's `range(1, count)` whose item
/// is that `copyIndex` and whose index is `copyIndex('ips')`; else 0. `Err`
/// with the offsets when there are several: a loop has one start.
fn copy_offset(
    input: &Value,
    name: Option<&str>,
    functions: &[(String, String)],
) -> Result<i64, Vec<i64>> {
    let mut offsets = Vec::new();
    let mut visit = |text: &str| {
        if let Ok(StringValue::Expr(expr)) = parse_string_value(text, functions) {
            crate::ir::walk(&expr, &mut |e| offsets.extend(copy_index_offset(e, name)));
        }
    };
    fn strings(value: &Value, visit: &mut dyn FnMut(&str)) {
        match value {
            Value::String(text) => visit(text),
            Value::Array(items) => items.iter().for_each(|v| strings(v, visit)),
            Value::Object(map) => map.iter().for_each(|(k, v)| {
                visit(k);
                strings(v, visit);
            }),
            _ => {}
        }
    }
    strings(input, &mut visit);
    let mut starts: Vec<i64> = offsets.into_iter().filter(|o| *o != 0).collect();
    starts.sort_unstable();
    starts.dedup();
    match starts.as_slice() {
        [] => Ok(0),
        [start] => Ok(*start),
        _ => Err(starts),
    }
}

/// `source[copyIndex(name)]` becomes the loop's item, and so does
/// `copyIndex(name, start)` of a counted loop (over `range(start, count)`, whose
/// item is the index plus `start`); any other `copyIndex` of the loop is the
/// index (`copyIndex(name)`) or the index plus its offset (`add(i, offset)`):
/// over an array, the item is an element, not a number.
fn rewrite_loop(expr: Expr, ctx: &LoopCtx) -> Expr {
    let range_start = range_start(&ctx.source);
    map_expr(expr, &mut |e| match &e.kind {
        ExprKind::Index(base, index) if base.same_as(&ctx.source) && is_copy_index(index, ctx) => {
            Some(Expr::new(ExprKind::LoopItem(ctx.id), e.span))
        }
        _ => match copy_index_of(e, ctx.copy_name.as_deref())? {
            None => Some(Expr::new(ExprKind::LoopIndex(ctx.id), e.span)),
            Some(offset) => match offset.kind {
                ExprKind::Int(k) if range_start == Some(k) => {
                    Some(Expr::new(ExprKind::LoopItem(ctx.id), e.span))
                }
                ExprKind::Int(0) => Some(Expr::new(ExprKind::LoopIndex(ctx.id), e.span)),
                _ => {
                    let add = crate::functions::lookup("add")?;
                    let index = Expr::new(ExprKind::LoopIndex(ctx.id), e.span);
                    Some(Expr::new(
                        ExprKind::Call(Box::new(Call {
                            function: add.function,
                            name: add.spelling.to_string(),
                            args: vec![index, offset.clone()],
                            user: None,
                        })),
                        e.span,
                    ))
                }
            },
        },
    })
}

/// The literal start of `range(start, count)`.
fn range_start(source: &Expr) -> Option<i64> {
    match &source.kind {
        ExprKind::Call(call) if call.user.is_none() && call.name.eq_ignore_ascii_case("range") => {
            match call.args.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Int(start),
                        ..
                    },
                    _,
                ] => Some(*start),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The `copyIndex` of the loop `name` (`None`: the innermost, unnamed loop)
/// with its offset: `Some(None)` for `copyIndex()` or `copyIndex('name')`,
/// `Some(Some(offset))` for `copyIndex(offset)` or `copyIndex('name', offset)`;
/// `None` for another loop's or no `copyIndex`.
fn copy_index_of<'e>(expr: &'e Expr, name: Option<&str>) -> Option<Option<&'e Expr>> {
    let ExprKind::Call(call) = &expr.kind else {
        return None;
    };
    if !call.name.eq_ignore_ascii_case("copyIndex") || call.user.is_some() {
        return None;
    }
    let same =
        |arg: &Expr| name.is_some_and(|name| arg.as_str().is_some_and(|a| same_name(a, name)));
    match (name, call.args.as_slice()) {
        (None, []) => Some(None),
        // A string is a loop's name (another loop's, here), not an offset.
        (None, [offset]) if offset.as_str().is_none() => Some(Some(offset)),
        (Some(_), [name]) if same(name) => Some(None),
        (Some(_), [name, offset]) if same(name) => Some(Some(offset)),
        _ => None,
    }
}

/// `copyIndex('name')` and `copyIndex('name', k)` of the resource loop `name`
/// as `copyIndex()` and `copyIndex(k)`.
pub(super) fn unnamed_copy_index(expr: Expr, name: &str) -> Expr {
    map_expr(expr, &mut |e| match &e.kind {
        ExprKind::Call(call) if copy_index_loop_name(call).is_some_and(|n| same_name(n, name)) => {
            let mut call = call.clone();
            call.args.remove(0);
            Some(Expr::new(ExprKind::Call(call), e.span))
        }
        _ => None,
    })
}

/// Rebuilds `expr` bottom-up... top-down: `f` replaces a node (its children are
/// then not visited), or leaves it to be rebuilt from its rewritten children.
pub(crate) fn map_expr(expr: Expr, f: &mut dyn FnMut(&Expr) -> Option<Expr>) -> Expr {
    if let Some(replaced) = f(&expr) {
        return replaced;
    }
    let span = expr.span;
    let kind = match expr.kind {
        ExprKind::Array(items) => {
            ExprKind::Array(items.into_iter().map(|e| map_expr(e, f)).collect())
        }
        ExprKind::Object(props) => ExprKind::Object(
            props
                .into_iter()
                .map(|mut p| {
                    p.value = map_expr(p.value, f);
                    p
                })
                .collect(),
        ),
        ExprKind::Call(mut call) => {
            call.args = call.args.into_iter().map(|e| map_expr(e, f)).collect();
            ExprKind::Call(call)
        }
        ExprKind::Member(base, name) => ExprKind::Member(Box::new(map_expr(*base, f)), name),
        ExprKind::Index(base, index) => {
            ExprKind::Index(Box::new(map_expr(*base, f)), Box::new(map_expr(*index, f)))
        }
        ExprKind::Lambda(params, body) => ExprKind::Lambda(params, Box::new(map_expr(*body, f))),
        other => other,
    };
    Expr::new(kind, span)
}

/// Whether `copyIndex` of this loop remains once items are rewritten: the loop
/// then names its index.
fn value_uses_index(value: &Value, ctx: &LoopCtx, functions: &[(String, String)]) -> bool {
    match value {
        Value::String(text) => match parse_string_value(text, functions) {
            Ok(StringValue::Expr(expr)) => {
                let expr = rewrite_loop(expr, ctx);
                let mut found = false;
                crate::ir::walk(&expr, &mut |e| {
                    found |= matches!(e.kind, ExprKind::LoopIndex(id) if id == ctx.id);
                });
                found
            }
            _ => false,
        },
        Value::Array(items) => items.iter().any(|v| value_uses_index(v, ctx, functions)),
        Value::Object(map) => map.iter().any(|(k, v)| {
            value_uses_index(&Value::String(k.clone()), ctx, functions)
                || value_uses_index(v, ctx, functions)
        }),
        _ => false,
    }
}

/// How a resource or module loop deploys its copies, as ARM reads its
/// `copy`: `mode` and `batchSize` ("Resource iteration in ARM templates",
/// Microsoft Learn, section "Serial or Parallel").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CopyMode {
    /// All at once: no `mode`, or `"parallel"` ("The `mode` property also
    /// accepts **parallel**, which is the default value").
    Parallel,
    /// `n` at a time: `"serial"` with a `batchSize` of `n`, or without one
    /// (a batch of 1: "default batch size is 1", `ParseBatchSize` of Bicep's
    /// decompiler, `src/Bicep.Decompiler/TemplateConverter.cs` in
    /// Azure/bicep, which writes such a loop `@batchSize(1)`).
    Serial(i64),
}

/// The [`CopyMode`] of a resource's or module's `copy`, its `mode` read
/// ignoring case (the deploymentTemplate schema's `resourceCopy.mode` enum
/// is `Parallel`, `Serial`; ARM reads enum values ignoring case, and
/// Microsoft's own examples write `serial`).
///
/// # Errors
/// The key at fault (`mode` or `batchSize`) and what to write.
pub(crate) fn copy_mode(copy: &Map<String, Value>) -> Result<CopyMode, (&'static str, String)> {
    let serial = match copy.get("mode") {
        None => false,
        Some(Value::String(mode)) if mode.eq_ignore_ascii_case("serial") => true,
        Some(Value::String(mode)) if mode.eq_ignore_ascii_case("parallel") => false,
        Some(other) => {
            return Err((
                "mode",
                format!(
                    "a loop's `mode` is \"serial\" or \"parallel\" (the deploymentTemplate schema's `resourceCopy.mode`), not {other}"
                ),
            ));
        }
    };
    match (serial, copy.get("batchSize")) {
        (false, None) => Ok(CopyMode::Parallel),
        (true, None) => Ok(CopyMode::Serial(1)),
        (true, Some(batch)) => match batch.as_i64() {
            Some(n) => Ok(CopyMode::Serial(n)),
            None => Err(("batchSize", "`batchSize` is an integer".to_string())),
        },
        (false, Some(_)) => Err((
            "batchSize",
            "a `batchSize` goes with `\"mode\": \"serial\"` (\"set `mode` to serial and `batchSize` to the number of instances to deploy at a time\", Microsoft Learn, \"Resource iteration in ARM templates\"), and the DSL writes the two as one `#[batchSize(n)]`: add `\"mode\": \"serial\"`, or remove the `batchSize`".to_string(),
        )),
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// Whether ARM evaluates expressions at `path` (a JSON path as
/// [`key_path`] and [`index_path`] write it): everywhere but in metadata (of
/// the template, a parameter, an output or a resource) and in a parameter's
/// `allowedValues` and bounds, which ARM reads as written ("Parameters in ARM
/// templates", "Template structure": `metadata` is not evaluated; allowed
/// values and bounds are literals). A property named `metadata` in a
/// resource's `properties` is data ARM evaluates.
fn evaluated_place(path: &str) -> bool {
    let segments = path_segments(path);
    let key = |i: usize| match segments.get(i) {
        Some(Some(key)) => Some(key.as_str()),
        _ => None,
    };
    (0..segments.len()).all(|i| {
        // `parameters` and `outputs` of a template: the root's, or a nested
        // deployment's `template`'s (a policy definition's
        // `properties.parameters` is the resource's data, which ARM evaluates).
        let parent_is = |name: &str| {
            i >= 2 && key(i - 2) == Some(name) && (i == 2 || key(i - 3) == Some("template"))
        };
        match key(i) {
            Some("allowedValues" | "minValue" | "maxValue" | "minLength" | "maxLength") => {
                !parent_is("parameters")
            }
            Some("metadata") => {
                let template_root = i == 0 || key(i - 1) == Some("template");
                let resource =
                    i >= 2 && segments[i - 1].is_none() && key(i - 2) == Some("resources");
                !(template_root || resource || parent_is("parameters") || parent_is("outputs"))
            }
            _ => true,
        }
    })
}

/// The segments of a JSON path after `$`: `Some(key)` or `None` for an index.
fn path_segments(path: &str) -> Vec<Option<String>> {
    let mut segments = Vec::new();
    let mut chars = path.strip_prefix('$').unwrap_or(path).chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                let mut key = String::new();
                while let Some(&c) = chars.peek() {
                    if c == '.' || c == '[' {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                segments.push(Some(key));
            }
            '[' if chars.peek() == Some(&'\'') => {
                chars.next();
                let mut key = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                key.push(escaped);
                            }
                        }
                        '\'' => break,
                        c => key.push(c),
                    }
                }
                // The closing `]`.
                chars.next();
                segments.push(Some(key));
            }
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
                segments.push(None);
            }
            _ => {}
        }
    }
    segments
}
