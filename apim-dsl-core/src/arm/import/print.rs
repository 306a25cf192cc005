//! Spelling DSL source: identifiers, Rust string literals, expressions.

use crate::ir::{BinOp, Expr, ExprKind, Key, UnOp};

/// Rust keywords (strict, reserved and edition-2024), which a name can only be
/// written as in raw form (`r#type`), and the DSL's literal words.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield", "null",
];

/// Keywords that have no raw form.
const NO_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `name` is an ASCII identifier (letters, digits, `_`, not starting
/// with a digit).
pub fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

/// `name` as a Rust identifier the DSL reads back as `name` (`r#type` for a
/// keyword), or `None` when no identifier spells it.
pub fn ident(name: &str) -> Option<String> {
    if !is_plain_name(name) || NO_RAW.contains(&name) {
        return None;
    }
    if KEYWORDS.contains(&name) {
        return Some(format!("r#{name}"));
    }
    Some(name.to_string())
}

/// An object key: the bare name where it is one, else a string literal.
pub fn key(name: &str) -> String {
    if is_plain_name(name) && !NO_RAW.contains(&name) && name != "r" {
        name.to_string()
    } else {
        string(name)
    }
}

// Characters that change the direction of text are written as `\u{...}`
// escapes, as the expansion writes them: rustc denies them unescaped.
pub(crate) use crate::expand::is_bidi_control;

/// A Rust string literal with the value `text`.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What a name in an expression refers to, for [`Printer`].
pub trait Names {
    /// The text for parameter `name` (`name`, or `parameters("name")` when a
    /// local hides it), or an error.
    fn param(&self, name: &str, lambdas: &[String]) -> Result<String, String>;
    /// The text for variable `name`.
    fn var(&self, name: &str, lambdas: &[String]) -> Result<String, String>;
    /// The text for loop `id`'s item or index.
    fn loop_var(&self, id: usize, index: bool) -> Option<String>;
    /// The symbol of resource `index`.
    fn resource(&self, index: usize) -> Option<String>;
    /// The namespace and name of user-defined function `index`.
    fn function(&self, index: usize) -> Option<(String, String)>;
    /// The text for a lambda's parameter `name`, if the DSL can write it.
    fn lambda_param(&self, name: &str) -> Option<String> {
        ident(name)
    }
}

/// Prints expressions as DSL source, on one line.
pub struct Printer<'n> {
    names: &'n dyn Names,
    lambdas: Vec<String>,
    /// The first thing that could not be printed.
    pub error: Option<String>,
}

impl<'n> Printer<'n> {
    /// A printer resolving names through `names`.
    pub fn new(names: &'n dyn Names) -> Self {
        Printer {
            names,
            lambdas: Vec::new(),
            error: None,
        }
    }

    fn fail(&mut self, message: String) -> String {
        self.error.get_or_insert(message);
        "null".to_string()
    }

    fn list(&mut self, items: &[Expr]) -> String {
        items
            .iter()
            .map(|e| self.expr(e))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An operand of a postfix (`.x`, `[i]`) or prefix operator: parenthesized
    /// unless it binds tighter.
    fn operand(&mut self, expr: &Expr) -> String {
        let text = self.expr(expr);
        match expr.kind {
            ExprKind::Binary(..)
            | ExprKind::Ternary(..)
            | ExprKind::Unary(..)
            | ExprKind::Lambda(..) => {
                format!("({text})")
            }
            ExprKind::Int(n) if n < 0 => format!("({text})"),
            _ => text,
        }
    }

    /// The DSL text of `expr`.
    pub fn expr(&mut self, expr: &Expr) -> String {
        match &expr.kind {
            ExprKind::Str(text) => string(text),
            ExprKind::Int(n) => n.to_string(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Null | ExprKind::Invalid => "null".to_string(),
            ExprKind::Array(items) => format!("[{}]", self.list(items)),
            ExprKind::Object(props) => {
                if props.is_empty() {
                    return "{}".to_string();
                }
                let mut parts = Vec::new();
                for prop in props {
                    let k = match &prop.key {
                        Key::Lit(text) => key(text),
                        Key::Expr(e) => format!("[{}]", self.expr(e)),
                    };
                    let v = self.expr(&prop.value);
                    parts.push(format!("{k}: {v}"));
                }
                format!("{{ {} }}", parts.join(", "))
            }
            ExprKind::Param(name) => match self.names.param(name, &self.lambdas) {
                Ok(text) => text,
                Err(message) => self.fail(message),
            },
            ExprKind::Var(name) => match self.names.var(name, &self.lambdas) {
                Ok(text) => text,
                Err(message) => self.fail(message),
            },
            ExprKind::LambdaVar(name) => match self.names.lambda_param(name) {
                Some(text) => text,
                None => self.fail(format!("`{name}` is not a name the DSL can write")),
            },
            ExprKind::FuncParam(name) => match ident(name) {
                Some(text) => text,
                None => self.fail(format!("`{name}` is not a name the DSL can write")),
            },
            ExprKind::LoopItem(id) | ExprKind::LoopIndex(id) => {
                let index = matches!(expr.kind, ExprKind::LoopIndex(_));
                match self.names.loop_var(*id, index) {
                    Some(text) => text,
                    None => self.fail("a loop variable outside its loop".to_string()),
                }
            }
            ExprKind::Resource(i) => match self.names.resource(*i) {
                Some(text) => text,
                None => self.fail("a resource the template does not declare".to_string()),
            },
            ExprKind::Module(_) => self.fail("module references are not imported".to_string()),
            ExprKind::Call(call) => {
                if let Some(index) = call.user {
                    let Some((namespace, name)) = self.names.function(index) else {
                        return self
                            .fail(format!("`{}` is not a function of the template", call.name));
                    };
                    return format!("{namespace}.{name}({})", self.list(&call.args));
                }
                match (call.name.as_str(), call.args.is_empty()) {
                    ("true" | "false" | "null", true) => call.name.clone(),
                    _ => format!("{}({})", call.name, self.list(&call.args)),
                }
            }
            ExprKind::Member(base, name) => {
                let base = self.operand(base);
                if is_plain_name(name) {
                    format!("{base}.{name}")
                } else {
                    // `.größe`, `.$x`: the DSL reads the property by index,
                    // `["größe"]`, which the compiler writes `['größe']`.
                    // Whether ARM reads the template's `.größe` so is not
                    // documented (`arm::expr`'s `Parser::property_name`):
                    // `check` checks the value as read by index, and an
                    // import's proof, comparing the texts, shows the two
                    // spellings apart.
                    format!("{base}[{}]", string(name))
                }
            }
            ExprKind::Index(base, index) => {
                let base = self.operand(base);
                let index = self.expr(index);
                format!("{base}[{index}]")
            }
            ExprKind::Unary(op, operand) => {
                let operand = self.operand(operand);
                match op {
                    UnOp::Not => format!("!{operand}"),
                    UnOp::Neg => format!("-{operand}"),
                }
            }
            ExprKind::Binary(op, a, b) => {
                let a = self.operand(a);
                let b = self.operand(b);
                format!("{a} {} {b}", binop(*op))
            }
            ExprKind::Ternary(c, a, b) => {
                let c = self.operand(c);
                let a = self.operand(a);
                let b = self.operand(b);
                format!("{c} ? {a} : {b}")
            }
            ExprKind::Lambda(params, body) => {
                let mut names = Vec::new();
                for p in params {
                    match self.names.lambda_param(p) {
                        Some(text) => names.push(text),
                        None => {
                            return self.fail(format!(
                                "the lambda parameter `{p}` is not a name the DSL can write"
                            ));
                        }
                    }
                }
                let depth = self.lambdas.len();
                self.lambdas.extend(params.iter().cloned());
                let body = self.expr(body);
                self.lambdas.truncate(depth);
                if names.len() == 1 {
                    format!("{} => {body}", names[0])
                } else {
                    format!("({}) => {body}", names.join(", "))
                }
            }
            ExprKind::For(..) => self.fail("a loop inside an expression".to_string()),
        }
    }
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Coalesce => "??",
        BinOp::Or => "||",
        BinOp::And => "&&",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Le => "<=",
        BinOp::Ge => ">=",
        BinOp::Lt => "<",
        BinOp::Gt => ">",
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
    }
}
