//! The checked template: every name resolved, every function known. Both emitters
//! (ARM JSON and Bicep) read only this. Spans stay so that later checks can report.

pub use crate::ast::{BinOp, UnOp};
use crate::functions::Function;
use crate::types::Ty;
use proc_macro2::Span;

/// A template after name resolution.
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// The constant's name (`APIM_WITH_IDENTITY`).
    pub name: String,
    /// `$schema`.
    pub schema: String,
    /// `contentVersion`.
    pub content_version: String,
    /// From the doc comment: `metadata.description`.
    pub description: Option<String>,
    /// Further `metadata` entries from `#[metadata({...})]`.
    pub metadata: Vec<Prop>,
    /// Parameters in declaration order.
    pub params: Vec<Param>,
    /// Variables in declaration order.
    pub vars: Vec<Var>,
    /// Resources in declaration order.
    pub resources: Vec<Resource>,
    /// Modules (inline nested deployments) in declaration order.
    pub modules: Vec<Module>,
    /// Outputs in declaration order.
    pub outputs: Vec<Output>,
    /// User-defined functions in declaration order.
    pub functions: Vec<Func>,
    /// Every declaration in source order (Bicep keeps it).
    pub order: Vec<ItemRef>,
    /// The files read at compile time (`loadTextContent` and the like), as
    /// absolute paths, in the order read.
    pub files: Vec<String>,
    /// The sections of the ARM JSON written even when the template declares
    /// nothing in them (`#[emptySections("parameters", ...)]`): `functions`
    /// as `[]`, `parameters`, `variables` and `outputs` as `{}`, as
    /// hand-written templates keep them. Bicep has no such sections.
    pub empty_sections: Vec<&'static str>,
}

/// A declaration by kind and index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ItemRef {
    /// `params[i]`
    Param(usize),
    /// `vars[i]`
    Var(usize),
    /// `resources[i]`
    Resource(usize),
    /// `modules[i]`
    Module(usize),
    /// `outputs[i]`
    Output(usize),
    /// `functions[i]`
    Func(usize),
}

/// `func name(a: type, ...): type = body;`: a user-defined function (ARM
/// `functions`, Bicep `func`).
#[derive(Debug, Clone)]
pub struct Func {
    /// The name.
    pub name: String,
    /// The span of the name.
    pub span: Span,
    /// The ARM namespace it is called through (`contoso.buildUrl(...)`).
    pub namespace: String,
    /// The parameters in order.
    pub params: Vec<FuncParam>,
    /// The declared result type.
    pub output: ParamType,
    /// The span of the result type.
    pub output_span: Span,
    /// The result; reads only [`ExprKind::FuncParam`]s of this function.
    pub body: Expr,
    /// `metadata.description` (Bicep `@description`).
    pub description: Option<String>,
    /// Whether every type name resolved: otherwise calls and the body are not
    /// type-checked (the unknown type is the only error).
    pub typed: bool,
}

/// `name: type` of a user-defined function.
#[derive(Debug, Clone)]
pub struct FuncParam {
    /// The name.
    pub name: String,
    /// The span of the name.
    pub span: Span,
    /// The declared type.
    pub ty: ParamType,
}

/// The declared type of a parameter or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamType {
    /// `string`
    String,
    /// `secureString`
    SecureString,
    /// `int`
    Int,
    /// `bool`
    Bool,
    /// `object`
    Object,
    /// `secureObject`
    SecureObject,
    /// `array`
    Array,
}

impl ParamType {
    /// Every type with its DSL and ARM spelling.
    pub const ALL: [(ParamType, &'static str); 7] = [
        (ParamType::String, "string"),
        (ParamType::SecureString, "secureString"),
        (ParamType::Int, "int"),
        (ParamType::Bool, "bool"),
        (ParamType::Object, "object"),
        (ParamType::SecureObject, "secureObject"),
        (ParamType::Array, "array"),
    ];

    /// The type named `name` (exact spelling; ARM's `securestring` too).
    pub fn from_name(name: &str) -> Option<ParamType> {
        Self::ALL
            .iter()
            .find(|(_, spelling)| spelling.eq_ignore_ascii_case(name))
            .map(|(ty, _)| *ty)
    }

    /// The spelling in ARM JSON: as in the DSL but `securestring`, which is how
    /// the deployment template schema spells it.
    pub fn arm_name(self) -> &'static str {
        match self {
            ParamType::SecureString => "securestring",
            other => other.name(),
        }
    }

    /// The DSL's spelling (and Bicep's, for the plain types).
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(ty, _)| *ty == self)
            .map_or("string", |(_, name)| name)
    }

    /// The value type.
    pub fn ty(self) -> Ty {
        match self {
            ParamType::String | ParamType::SecureString => Ty::STRING,
            ParamType::Int => Ty::INT,
            ParamType::Bool => Ty::BOOL,
            ParamType::Object | ParamType::SecureObject => Ty::OBJECT,
            ParamType::Array => Ty::ARRAY,
        }
    }

    /// Whether values of this type are secrets.
    pub fn is_secure(self) -> bool {
        matches!(self, ParamType::SecureString | ParamType::SecureObject)
    }

    /// The non-secure type with the same values (`secureString` → `string`).
    pub fn plain(self) -> ParamType {
        match self {
            ParamType::SecureString => ParamType::String,
            ParamType::SecureObject => ParamType::Object,
            other => other,
        }
    }
}

/// An integer constraint with the spans of its attribute and literal.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The value.
    pub value: i64,
    /// Where the value was written.
    pub span: Span,
    /// The attribute's name (`minLength`).
    pub attr_span: Span,
}

/// `param name: type = default;`
#[derive(Debug, Clone)]
pub struct Param {
    /// The name.
    pub name: String,
    /// The span of the name.
    pub span: Span,
    /// The declared type.
    pub ty: ParamType,
    /// The span of the type name.
    pub ty_span: Span,
    /// `defaultValue`.
    pub default: Option<Expr>,
    /// `allowedValues`, with the span of `#[allowed]`.
    pub allowed: Option<(Vec<Expr>, Span)>,
    /// `minLength`.
    pub min_length: Option<Bound>,
    /// `maxLength`.
    pub max_length: Option<Bound>,
    /// `minValue`.
    pub min_value: Option<Bound>,
    /// `maxValue`.
    pub max_value: Option<Bound>,
    /// `metadata.description`, from the doc comment.
    pub description: Option<String>,
    /// Further `metadata` entries.
    pub metadata: Vec<Prop>,
    /// `#[allow(unused)]`.
    pub allow_unused: bool,
}

/// `var name = value;`
#[derive(Debug, Clone)]
pub struct Var {
    /// The ARM name: the key in `variables` and what `variables('...')` reads,
    /// and what [`ExprKind::Var`] holds. The symbol unless `#[name("...")]`
    /// gives another.
    pub name: String,
    /// The symbol the DSL declares (`var symbol = ...`), Bicep's name for it.
    /// Bicep's variables are internal to the file, so the ARM name need not
    /// be a Bicep identifier.
    pub symbol: String,
    /// The span of the symbol.
    pub span: Span,
    /// The span of `#[name]`'s string literal, the symbol's without one: where
    /// a clash of ARM names is reported.
    pub name_span: Span,
    /// The value.
    pub value: Expr,
    /// The doc comment (Bicep `@description`; ARM has no place for it).
    pub description: Option<String>,
    /// `#[allow(unused)]`.
    pub allow_unused: bool,
}

/// A loop: `for item in source` or `for (item, index) in source`.
#[derive(Debug, Clone)]
pub struct Loop {
    /// Unique within the template; loop variables refer to it.
    pub id: usize,
    /// The item variable's name.
    pub item: String,
    /// The index variable's name.
    pub index: Option<String>,
    /// The array iterated over.
    pub source: Box<Expr>,
    /// The span of `for`.
    pub span: Span,
}

/// A resource's scope, for extension resources (role assignments on a vault) and
/// `existing` resources in another resource group.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Scope {
    /// `scope: vault`: an extension resource on another resource of the template.
    Resource(usize, Span),
    /// `scope: resourceGroup("rg")` (or any other expression; boxed, as most
    /// scopes are resources).
    Expr(Box<Expr>),
}

/// A `dependsOn` entry as the user wrote it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Dependency {
    /// A resource symbol, or a `resourceId(...)` that names one.
    Resource(usize, Span),
    /// A module symbol.
    Module(usize, Span),
    /// A raw entry (`resourceId(...)`, a `'Type/name'` string, a resource's
    /// name) that names `resources[i]`: the ARM output keeps it as written.
    Named(usize, Expr),
    /// A raw entry that names `modules[i]` (its deployment name, or
    /// `resourceId('Microsoft.Resources/deployments', name)`), kept as written.
    NamedModule(usize, Expr),
    /// One copy of the looped `resources[resource]`: `ids[k]` (`written` is
    /// `None`: ARM gets that copy's id, as `ids[k].id` writes it) or a raw
    /// entry that names one copy, `resourceId('T', 'id0')` (kept as written).
    /// `index` is which copy, when known (the `k` written, or the copy whose
    /// name the raw entry is, found at compile time): Bicep writes `ids[k]`,
    /// and without it waits for the whole loop, as Bicep's `dependsOn` takes
    /// only symbols.
    Copy {
        /// The looped resource.
        resource: usize,
        /// Which copy, when known.
        index: Option<Box<Expr>>,
        /// The raw entry as written, when it was one.
        written: Option<Box<Expr>>,
        /// Where the entry was written.
        span: Span,
    },
    /// An expression that names no resource of the template (an error once checked).
    Unmatched(Expr),
}

/// `resource sym "Type@apiVersion" { ... }`
#[derive(Debug, Clone)]
pub struct Resource {
    /// The symbolic name.
    pub symbol: String,
    /// The span of the symbol.
    pub span: Span,
    /// The resource type, e.g. `Microsoft.ApiManagement/service`.
    pub ty: String,
    /// The API version, e.g. `2024-05-01`.
    pub api_version: String,
    /// The span of the `"Type@apiVersion"` literal.
    pub type_span: Span,
    /// Declared `existing`: referenced, not deployed.
    pub existing: bool,
    /// The `name` as written (relative to the parent when `parent` is set).
    pub name: Expr,
    /// `parent: sym`.
    pub parent: Option<(usize, Span)>,
    /// `scope: ...`.
    pub scope: Option<Scope>,
    /// The scope as written when it is an id or a string (`vault.id`,
    /// `resourceId(...)`, `format('Microsoft.KeyVault/vaults/{0}', name)`) that
    /// names the resource of [`Scope::Resource`]: the ARM output keeps it.
    pub scope_text: Option<Box<Expr>>,
    /// `if cond`.
    pub condition: Option<Box<Expr>>,
    /// `for item in source`.
    pub copy: Option<Box<Loop>>,
    /// `#[batchSize(n)]` for a loop.
    pub batch_size: Option<Bound>,
    /// Every other key of the body, in source order.
    pub body: Vec<Prop>,
    /// `dependsOn` as written.
    pub depends_on: Vec<Dependency>,
    /// The doc comment.
    pub description: Option<String>,
    /// `#[metadata({...})]`: the resource's `metadata` member (in Bicep the
    /// body's `metadata`), literal values only; `Some` even when empty.
    pub metadata: Option<Vec<Prop>>,
    /// `#[unchecked]`: a type or API version the type data does not know.
    pub unchecked: bool,
    /// `#[allow(...)]`: the lints not to warn about (`broad_access`,
    /// `pinned_certificate`, `enum_spelling`).
    pub allow: Vec<&'static str>,
    /// `#[accept("path", ...)]`: body paths where a deviation from the type data
    /// is accepted, with the span of each path.
    pub accept: Vec<(String, Span)>,
    /// `#[access(caller)]` or `#[access(external)]` on a Key Vault: the access
    /// of the identities that read from it is given outside this template.
    pub access: Option<(AccessGiven, Span)>,
    /// Written in the `resources` of `resources[i]` (ARM's nested form): the
    /// ARM output nests it there too.
    pub nested_in: Option<usize>,
    /// The type as written when nested relative to the parent's type (`apis`,
    /// `blobServices/containers`, the legacy `providers/links`), for the ARM
    /// output; `ty` is the full type. The name then has as many segments as
    /// this type (see `check::resources::name_segments_under_parent`).
    pub written_type: Option<String>,
}

/// Where the access to a Key Vault is given, when not in its own template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccessGiven {
    /// `#[access(caller)]`: by the template that deploys this one as a module,
    /// before the module (rustc checks that the module waits for a grant).
    Caller,
    /// `#[access(external)]`: outside any template (a platform team owns the
    /// vault and its role assignments).
    External,
}

impl Resource {
    /// The value of a body key (`location`, `properties`, ...).
    pub fn get(&self, key: &str) -> Option<&Expr> {
        self.body
            .iter()
            .find(|p| p.key.as_lit() == Some(key))
            .map(|p| &p.value)
    }

    /// The entries of the resource's ARM `metadata` member: the doc comment as
    /// `description` (as Bicep's `@description` writes it: Azure/bicep,
    /// `TemplateWriter`'s `ApplyDescription`), then `#[metadata]`'s. `None`
    /// when it has neither, or when the body has a `metadata` key of its own
    /// (kept with `#[accept]`), which then keeps the doc comment out.
    pub fn metadata_entries(&self) -> Option<Vec<Prop>> {
        if self.get("metadata").is_some() || (self.description.is_none() && self.metadata.is_none())
        {
            return None;
        }
        let description = self.description.iter().map(|text| Prop {
            key: Key::Lit("description".to_string()),
            key_span: self.span,
            value: Expr::str(text.clone(), self.span),
        });
        Some(
            description
                .chain(self.metadata.iter().flatten().cloned())
                .collect(),
        )
    }
}

/// `module sym = PATH { ... }`: a nested deployment of another template.
#[derive(Debug, Clone)]
pub struct Module {
    /// The symbolic name.
    pub symbol: String,
    /// The span of the symbol.
    pub span: Span,
    /// The Rust path of the inner template's constant, as tokens.
    pub template: proc_macro2::TokenStream,
    /// The last segment of that path (`CUSTOM_DOMAIN`).
    pub template_name: String,
    /// The deployment's name.
    pub name: Expr,
    /// Parameter values passed in, by name.
    pub params: Vec<Prop>,
    /// `if cond`.
    pub condition: Option<Box<Expr>>,
    /// `for item in source`.
    pub copy: Option<Box<Loop>>,
    /// `#[batchSize(n)]` for a loop.
    pub batch_size: Option<Bound>,
    /// `dependsOn` as written.
    pub depends_on: Vec<Dependency>,
    /// The doc comment.
    pub description: Option<String>,
    /// `scope: resourceGroup("rg")` and the like: where the nested deployment
    /// goes, when not where this template is deployed.
    pub scope: Option<ModuleScope>,
    /// `#[apiVersion("...")]`: the API version of the deployment resource.
    pub api_version: Option<(String, Span)>,
}

/// Where a module is deployed (ARM: `resourceGroup`, `subscriptionId`, `scope`
/// of the nested deployment; Bicep: the module's `scope`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ModuleScope {
    /// `resourceGroup("rg")` or `resourceGroup("subscriptionId", "rg")`.
    ResourceGroup(Option<Expr>, Expr),
    /// `subscription()` (this one) or `subscription("id")`.
    Subscription(Option<Expr>),
    /// `managementGroup("id")`.
    ManagementGroup(Expr),
    /// `tenant()`.
    Tenant,
}

impl ModuleScope {
    /// The Bicep `targetScope` the inner template must have.
    pub fn target_scope(&self) -> &'static str {
        match self {
            ModuleScope::ResourceGroup(..) => "resourceGroup",
            ModuleScope::Subscription(_) => "subscription",
            ModuleScope::ManagementGroup(_) => "managementGroup",
            ModuleScope::Tenant => "tenant",
        }
    }

    /// The expressions it holds.
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            ModuleScope::ResourceGroup(sub, rg) => sub.iter().chain([rg]).collect(),
            ModuleScope::Subscription(sub) => sub.iter().collect(),
            ModuleScope::ManagementGroup(mg) => vec![mg],
            ModuleScope::Tenant => Vec::new(),
        }
    }
}

/// `output name: type = value;`
#[derive(Debug, Clone)]
pub struct Output {
    /// The name.
    pub name: String,
    /// The span of the name.
    pub span: Span,
    /// The declared type.
    pub ty: ParamType,
    /// The value.
    pub value: Expr,
    /// `metadata.description`.
    pub description: Option<String>,
}

/// An object key.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Key {
    /// A literal key.
    Lit(String),
    /// A key computed at deployment time (boxed: rare, and inline it doubled
    /// the size of every property).
    Expr(Box<Expr>),
}

impl Key {
    /// The literal text of the key, if it is literal.
    pub fn as_lit(&self) -> Option<&str> {
        match self {
            Key::Lit(text) => Some(text),
            Key::Expr(_) => None,
        }
    }
}

/// `key: value`
#[derive(Debug, Clone)]
pub struct Prop {
    /// The key.
    pub key: Key,
    /// The span of the key.
    pub key_span: Span,
    /// The value.
    pub value: Expr,
}

/// An expression with the span of the token that best identifies it.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

impl Expr {
    /// An expression of `kind` at `span`.
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }

    /// A string literal.
    pub fn str(text: impl Into<String>, span: Span) -> Self {
        Expr::new(ExprKind::Str(text.into()), span)
    }

    /// Whether the value is known at compile time (no references, no calls).
    pub fn is_literal(&self) -> bool {
        match &self.kind {
            ExprKind::Str(_) | ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Null => true,
            ExprKind::Array(items) => items.iter().all(Expr::is_literal),
            ExprKind::Object(props) => props
                .iter()
                .all(|p| matches!(p.key, Key::Lit(_)) && p.value.is_literal()),
            _ => false,
        }
    }

    /// Structural equality, spans aside.
    pub fn same_as(&self, other: &Expr) -> bool {
        use ExprKind as K;
        let all = |x: &[Expr], y: &[Expr]| {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.same_as(b))
        };
        match (&self.kind, &other.kind) {
            (K::Str(x), K::Str(y))
            | (K::Param(x), K::Param(y))
            | (K::Var(x), K::Var(y))
            | (K::FuncParam(x), K::FuncParam(y)) => x == y,
            (K::Int(x), K::Int(y)) => x == y,
            (K::Bool(x), K::Bool(y)) => x == y,
            (K::Null, K::Null) => true,
            (K::Resource(x), K::Resource(y)) | (K::Module(x), K::Module(y)) => x == y,
            (K::LoopItem(x), K::LoopItem(y)) | (K::LoopIndex(x), K::LoopIndex(y)) => x == y,
            (K::Array(x), K::Array(y)) => all(x, y),
            (K::Object(x), K::Object(y)) => {
                x.len() == y.len()
                    && x.iter().zip(y).all(|(a, b)| {
                        let keys = match (&a.key, &b.key) {
                            (Key::Lit(k), Key::Lit(l)) => k == l,
                            (Key::Expr(k), Key::Expr(l)) => k.same_as(l),
                            _ => false,
                        };
                        keys && a.value.same_as(&b.value)
                    })
            }
            (K::Call(x), K::Call(y)) => {
                x.user == y.user && x.name.eq_ignore_ascii_case(&y.name) && all(&x.args, &y.args)
            }
            (K::Member(x, m), K::Member(y, n)) => m == n && x.same_as(y),
            (K::Unary(o, x), K::Unary(p, y)) => o == p && x.same_as(y),
            (K::Binary(o, x, u), K::Binary(p, y, v)) => o == p && x.same_as(y) && u.same_as(v),
            (K::Ternary(c, x, u), K::Ternary(d, y, v)) => {
                c.same_as(d) && x.same_as(y) && u.same_as(v)
            }
            (K::Index(x, i), K::Index(y, j)) => x.same_as(y) && i.same_as(j),
            _ => false,
        }
    }

    /// Whether the expression reads loop `id`: its item or index variable,
    /// or ARM's `copyIndex()` (`copyIndex(offset)`), which in a looped
    /// resource's name or scope is that resource's own index.
    pub fn reads_loop(&self, id: usize) -> bool {
        let mut found = false;
        walk(self, &mut |e| {
            found |= match &e.kind {
                ExprKind::LoopItem(l) | ExprKind::LoopIndex(l) => *l == id,
                ExprKind::Call(call) => {
                    call.name == "copyIndex"
                        && call.args.first().is_none_or(|a| a.as_str().is_none())
                }
                _ => false,
            };
        });
        found
    }

    /// The string value of a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str(text) => Some(text),
            _ => None,
        }
    }
}

/// A call of an ARM template function.
#[derive(Debug, Clone)]
pub struct Call {
    /// The definition.
    pub function: &'static Function,
    /// The spelling to emit (canonical, or the user's for `list*`).
    pub name: String,
    /// Arguments.
    pub args: Vec<Expr>,
    /// `Some(i)` for a call of the user-defined function `functions[i]`
    /// (`function` is then [`crate::functions::USER_FUNCTION`]).
    pub user: Option<usize>,
}

/// The kinds of expression.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ExprKind {
    /// A string literal.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// An array literal.
    Array(Vec<Expr>),
    /// An object literal.
    Object(Vec<Prop>),
    /// A parameter, by name.
    Param(String),
    /// A variable, by its ARM name ([`Var::name`]).
    Var(String),
    /// A resource symbol (its members say what is read).
    Resource(usize),
    /// A module symbol (`sym.outputs.x`).
    Module(usize),
    /// The current element of loop `id`.
    LoopItem(usize),
    /// The current index of loop `id`.
    LoopIndex(usize),
    /// A lambda's parameter, by name.
    LambdaVar(String),
    /// A parameter of the user-defined function whose body this is, by name.
    FuncParam(String),
    /// An ARM function call (boxed: the largest kind, and a call's arguments
    /// are allocated anyway; unboxed it made every expression 88 bytes).
    Call(Box<Call>),
    /// `base.name`
    Member(Box<Expr>, String),
    /// `base[index]`
    Index(Box<Expr>, Box<Expr>),
    /// `!x`, `-x`
    Unary(UnOp, Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `c ? a : b`
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `(x, y) => body`
    Lambda(Vec<String>, Box<Expr>),
    /// `[for x in source: body]`
    For(Box<Loop>, Box<Expr>),
    /// Stands in for an expression that had an error; checks skip it.
    Invalid,
}

/// Calls `visit` on `expr` and every expression inside it, parents first.
pub fn walk<'a>(expr: &'a Expr, visit: &mut dyn FnMut(&'a Expr)) {
    visit(expr);
    match &expr.kind {
        ExprKind::Array(items) => items.iter().for_each(|e| walk(e, visit)),
        ExprKind::Object(props) => props.iter().for_each(|p| {
            if let Key::Expr(key) = &p.key {
                walk(key, visit);
            }
            walk(&p.value, visit);
        }),
        ExprKind::Call(call) => call.args.iter().for_each(|e| walk(e, visit)),
        ExprKind::Member(base, _) | ExprKind::Unary(_, base) | ExprKind::Lambda(_, base) => {
            walk(base, visit)
        }
        ExprKind::Index(base, index) | ExprKind::Binary(_, base, index) => {
            walk(base, visit);
            walk(index, visit);
        }
        ExprKind::Ternary(a, b, c) => {
            walk(a, visit);
            walk(b, visit);
            walk(c, visit);
        }
        ExprKind::For(head, body) => {
            walk(&head.source, visit);
            walk(body, visit);
        }
        _ => {}
    }
}
