//! The syntax tree of a `template!` invocation as written, every node keeping the
//! tokens (and so the spans) it came from.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

// `Debug` by hand for the nodes holding a `LitStr`: syn implements
// `Debug` for them only with its `extra-traits` feature, which users would pay
// for in build time.
mod debug;

/// A whole `template!` invocation.
#[derive(Debug, Clone)]
pub struct Template {
    /// The header: attributes, doc comment, visibility and name of the constant.
    pub header: Header,
    /// Declarations in source order.
    pub items: Vec<Item>,
}

/// `#[attr] /// doc  pub const NAME;`
#[derive(Debug, Clone)]
pub struct Header {
    /// Doc comment lines and attributes written before `const`.
    pub attrs: Attrs,
    /// The visibility tokens (`pub`, `pub(crate)`, or nothing).
    pub vis: TokenStream,
    /// The name of the generated constant.
    pub name: Ident,
}

/// Doc comment lines and `#[...]` attributes in front of a declaration.
#[derive(Debug, Clone, Default)]
pub struct Attrs {
    /// `///` lines, each with its leading space removed.
    pub docs: Vec<(String, Span)>,
    /// `#[name]` and `#[name(args)]` attributes in source order.
    pub list: Vec<Attr>,
}

impl Attrs {
    /// The doc comment as one string, or `None` without one. As in Markdown, the
    /// lines of a paragraph are joined with a space and paragraphs with `\n`.
    pub fn doc(&self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let mut paragraphs: Vec<String> = vec![String::new()];
        // A `///` line is one attribute; a `/** ... */` block is one with
        // its line breaks, whose lines may each start with ` * `: rustdoc
        // drops that decoration when every line has it, and so does this.
        let lines = self.docs.iter().flat_map(|(text, _)| {
            let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
            let starred = lines.len() > 1
                && lines
                    .iter()
                    .filter(|l| !l.is_empty())
                    .all(|l| l.starts_with('*'));
            lines
                .into_iter()
                .map(move |line| match line.strip_prefix('*') {
                    Some(rest) if starred => rest.trim(),
                    _ => line,
                })
        });
        for line in lines {
            match paragraphs.last_mut() {
                _ if line.is_empty() => paragraphs.push(String::new()),
                Some(last) if last.is_empty() => last.push_str(line),
                Some(last) => {
                    last.push(' ');
                    last.push_str(line);
                }
                None => paragraphs.push(line.to_string()),
            }
        }
        paragraphs.retain(|p| !p.is_empty());
        Some(paragraphs.join("\n"))
    }
}

/// `#[name]` or `#[name(arg, ...)]`; the arguments are DSL expressions.
#[derive(Debug, Clone)]
pub struct Attr {
    /// The attribute's name as written (`minLength`, `allowed`, ...).
    pub name: Ident,
    /// `None` for `#[name]`, otherwise the parenthesized arguments.
    pub args: Option<Vec<Expr>>,
}

/// One declaration inside the template.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Item {
    /// `param name: type = default;`
    Param(Param),
    /// `var name = value;`
    Var(Var),
    /// `resource sym "type@version" { ... }`
    Resource(Resource),
    /// `module sym = PATH { ... }`
    Module(Module),
    /// `output name: type = value;`
    Output(Output),
    /// `grant sym { principal: apim, scope: vault }`: an RBAC role assignment.
    Grant(Grant),
    /// `func name(a: string): string = body;`: a user-defined function.
    Func(Func),
}

/// `func name(a: type, ...): type = body;`: ARM's `functions`, Bicep's `func`.
#[derive(Debug, Clone)]
pub struct Func {
    /// Attributes (`#[namespace("contoso")]`) and description.
    pub attrs: Attrs,
    /// The `func` keyword.
    pub kw: Span,
    /// The function's name.
    pub name: Ident,
    /// The parameters in order.
    pub params: Vec<FuncParam>,
    /// The declared result type.
    pub output: Ident,
    /// The result.
    pub body: Expr,
}

/// `name: type` in a function's parameter list.
#[derive(Debug, Clone)]
pub struct FuncParam {
    /// The parameter's name.
    pub name: Ident,
    /// The type name as written.
    pub ty: Ident,
    /// `= expr`: parsed only to be reported, functions take no defaults.
    pub default: Option<Expr>,
}

/// `grant sym { principal: ..., scope: ..., role: "..." }`
#[derive(Debug, Clone)]
pub struct Grant {
    /// Attributes and description.
    pub attrs: Attrs,
    /// The symbolic name of the role assignment resource.
    pub symbol: Ident,
    /// `if cond`: granted only when the condition holds (ARM `condition`).
    pub condition: Option<Box<Expr>>,
    /// `principal`, `scope`, `role`, `description`, `principalType`.
    pub body: Object,
}

/// `param name: type (= default)?;`
#[derive(Debug, Clone)]
pub struct Param {
    /// Decorators and description.
    pub attrs: Attrs,
    /// The `param` keyword.
    pub kw: Span,
    /// The parameter's name.
    pub name: Ident,
    /// The type name as written (`string`, `int`, `secureString`, ...).
    pub ty: Ident,
    /// `= expr`, the default value.
    pub default: Option<Expr>,
}

/// `var name = value;`
#[derive(Debug, Clone)]
pub struct Var {
    /// Attributes and description.
    pub attrs: Attrs,
    /// The variable's name.
    pub name: Ident,
    /// Its value.
    pub value: Expr,
}

/// `resource sym "Type@apiVersion" existing? (for ... in ...)? (if cond)? { body }`
#[derive(Clone)]
pub struct Resource {
    /// Attributes and description.
    pub attrs: Attrs,
    /// The symbolic name used to refer to this resource in expressions.
    pub symbol: Ident,
    /// The `"Type@apiVersion"` literal.
    pub type_lit: LitStr,
    /// The `existing` keyword, for a resource that is referenced but not deployed.
    pub existing: Option<Span>,
    /// `for item in source`: one resource per element (ARM `copy`).
    pub for_loop: Option<Box<ForHead>>,
    /// `if cond`: deployed only when the condition holds (ARM `condition`).
    pub condition: Option<Box<Expr>>,
    /// The body: `name`, `location`, `properties`, ... as an object.
    pub body: Object,
}

/// `module sym = path::TO::TEMPLATE (for ...)? (if ...)? { params }`
#[derive(Clone)]
pub struct Module {
    /// Attributes and description.
    pub attrs: Attrs,
    /// The `module` keyword.
    pub kw: Span,
    /// The symbolic name of the nested deployment.
    pub symbol: Ident,
    /// The Rust path of the inner template's constant.
    pub template: ConstPath,
    /// `for item in source`.
    pub for_loop: Option<Box<ForHead>>,
    /// `if cond`.
    pub condition: Option<Box<Expr>>,
    /// `name`, `params`, and other deployment keys.
    pub body: Object,
}

/// `output name: type = value;`
#[derive(Debug, Clone)]
pub struct Output {
    /// Attributes and description.
    pub attrs: Attrs,
    /// The output's name.
    pub name: Ident,
    /// The declared type.
    pub ty: Ident,
    /// Its value.
    pub value: Expr,
}

/// `for item in source` or `for (item, index) in source`.
#[derive(Debug, Clone)]
pub struct ForHead {
    /// The `for` keyword.
    pub kw: Span,
    /// The name bound to each element.
    pub item: Ident,
    /// The optional name bound to the element's index.
    pub index: Option<Ident>,
    /// The array (or `range(start, count)`) iterated over.
    pub source: Box<Expr>,
}

/// `{ key: value, ... }`
#[derive(Debug, Clone)]
pub struct Object {
    /// The span of the braces.
    pub span: Span,
    /// Properties in source order.
    pub props: Vec<Prop>,
}

/// `key: value` inside an object.
#[derive(Debug, Clone)]
pub struct Prop {
    /// The key.
    pub key: Key,
    /// The value.
    pub value: Expr,
}

/// An object key.
#[derive(Clone)]
#[non_exhaustive]
pub enum Key {
    /// A bare identifier (keywords such as `type` included).
    Ident(Ident),
    /// A string literal, for keys that are not identifiers (`"$schema"`).
    Str(LitStr),
    /// `[expr]`, a key computed at deployment time.
    Computed(Box<Expr>, Span),
}

impl Key {
    /// The key's text when it is not computed.
    pub fn name(&self) -> Option<String> {
        match self {
            Key::Ident(ident) => Some(crate::parse::ident_name(ident)),
            Key::Str(lit) => Some(crate::parse::lit_value(lit)),
            Key::Computed(..) => None,
        }
    }

    /// The span to report errors about this key at.
    pub fn span(&self) -> Span {
        match self {
            Key::Ident(ident) => ident.span(),
            Key::Str(lit) => lit.span(),
            Key::Computed(_, span) => *span,
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnOp {
    /// `!x`, ARM `not`.
    Not,
    /// `-x`, ARM `sub(0, x)`.
    Neg,
}

/// Binary operators, lowered to ARM functions when emitting JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BinOp {
    /// `??`, ARM `coalesce`.
    Coalesce,
    /// `||`, ARM `or`.
    Or,
    /// `&&`, ARM `and`.
    And,
    /// `==`, ARM `equals`.
    Eq,
    /// `!=`, ARM `not(equals(..))`.
    Ne,
    /// `<`, ARM `less`.
    Lt,
    /// `<=`, ARM `lessOrEquals`.
    Le,
    /// `>`, ARM `greater`.
    Gt,
    /// `>=`, ARM `greaterOrEquals`.
    Ge,
    /// `+`, ARM `add`.
    Add,
    /// `-`, ARM `sub`.
    Sub,
    /// `*`, ARM `mul`.
    Mul,
    /// `/`, ARM `div`.
    Div,
    /// `%`, ARM `mod`.
    Mod,
}

impl BinOp {
    /// The operator as written in the DSL and in Bicep.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Coalesce => "??",
            BinOp::Or => "||",
            BinOp::And => "&&",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
        }
    }
}

/// An expression as written.
#[derive(Clone)]
#[non_exhaustive]
pub enum Expr {
    /// `"text"`
    Str(LitStr),
    /// `42`, `-1`
    Int(i64, Span),
    /// `true`, `false`
    Bool(bool, Span),
    /// `null`
    Null(Span),
    /// `[a, b]`
    Array(Vec<Expr>, Span),
    /// `{ k: v }`
    Object(Object),
    /// A parameter, variable, resource, module, loop or lambda variable by name.
    Ident(Ident),
    /// `func(args)`: an ARM template function or a user-defined one.
    Call(Ident, Vec<Expr>),
    /// `namespace.func(args)`: a user-defined function by its ARM namespace
    /// (the namespace and the name boxed: rare, and inline they made every
    /// expression larger).
    NsCall(Box<(Ident, Ident)>, Vec<Expr>),
    /// `base.name`
    Member(Box<Expr>, Ident),
    /// `base[index]`
    Index(Box<Expr>, Box<Expr>, Span),
    /// `!x`, `-x`
    Unary(UnOp, Box<Expr>, Span),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>, Span),
    /// `cond ? a : b`, ARM `if`.
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>, Span),
    /// `x => body` or `(x, y) => body`, an argument of `map`, `filter`, ...
    Lambda(Vec<Ident>, Box<Expr>, Span),
    /// `[for x in source: body]`, an array built by a loop.
    For(Box<ForHead>, Box<Expr>),
    /// `[resource child "apis@version" { ... }, ...]`: child resources nested in
    /// a resource's `resources` (ARM's children-inside-the-parent form).
    Resources(Vec<Resource>, Span),
}

impl Expr {
    /// The span of the token that best identifies this expression in an error.
    pub fn span(&self) -> Span {
        match self {
            Expr::Str(lit) => lit.span(),
            Expr::Int(_, span)
            | Expr::Bool(_, span)
            | Expr::Null(span)
            | Expr::Array(_, span)
            | Expr::Index(_, _, span)
            | Expr::Unary(_, _, span)
            | Expr::Binary(_, _, _, span)
            | Expr::Ternary(_, _, _, span)
            | Expr::Lambda(_, _, span)
            | Expr::Resources(_, span) => *span,
            Expr::Object(object) => object.span,
            Expr::Ident(ident) | Expr::Call(ident, _) => ident.span(),
            Expr::NsCall(names, _) => names.1.span(),
            Expr::Member(_, name) => name.span(),
            Expr::For(head, _) => head.kw,
        }
    }
}

/// The Rust path of a constant in module style (`crate::infra::VAULT`,
/// `::infra::VAULT`, `VAULT`): identifiers joined by `::`, no generics.
#[derive(Debug, Clone)]
pub struct ConstPath {
    /// The path's tokens, as written.
    pub tokens: TokenStream,
    /// Its last segment: the constant's name.
    pub last: Ident,
}
