//! [`ir::Template`] to Bicep source: the declarations in source order with their
//! decorators, symbolic references instead of `resourceId`/`reference`, only the
//! `dependsOn` entries Bicep cannot infer, laid out as `bicep format` writes it
//! (two-space indent, one blank line between declarations, no final newline).
//!
//! A template's `$schema` and `contentVersion` have no Bicep form (Bicep always
//! compiles to the 2019-04-01 schema and version 1.0.0.0), so they are left out.

#[path = "bicep_expr.rs"]
mod expr;
#[path = "bicep_names.rs"]
mod names;
#[path = "bicep_text.rs"]
mod text;

use crate::graph::{self, Node, VarRefs};
use crate::ir::{self, ItemRef, Key, Scope, Template};
use expr::{Place, Writer};
use text::{block, is_identifier, list, quote};

/// Stands for a module's Bicep file stem in the emitted text, followed by the
/// module's index; `expand` splices in the inner template's real file stem.
pub const MODULE_STEM_PLACEHOLDER: &str = "__apim_dsl_module_stem__";

/// The template as Bicep source (empty for a template that declares nothing).
pub fn bicep(template: &Template) -> String {
    let mut writer = Writer::new(template);
    let mut refs = VarRefs::new(template);
    let mut blocks = Vec::new();
    let scope = crate::resolve::target_scope_of(&template.schema);
    if scope != "resourceGroup" {
        blocks.push(format!("targetScope = '{scope}'"));
    }
    let header = metadata(&mut writer, template);
    if !header.is_empty() {
        blocks.push(header);
    }
    for item in &template.order {
        let text = match *item {
            ItemRef::Param(i) => template.params.get(i).map(|p| param(&mut writer, p)),
            ItemRef::Var(i) => template.vars.get(i).map(|v| var(&mut writer, v)),
            ItemRef::Resource(i) => template
                .resources
                .get(i)
                .map(|r| resource(&mut writer, template, &mut refs, i, r)),
            ItemRef::Module(i) => template
                .modules
                .get(i)
                .map(|m| module(&mut writer, template, &mut refs, i, m)),
            ItemRef::Output(i) => template.outputs.get(i).map(|o| output(&mut writer, i, o)),
            ItemRef::Func(i) => template.functions.get(i).map(|f| {
                let mut lines = Vec::new();
                description(&writer, &mut lines, f.description.as_ref());
                lines.push(writer.func(i, f));
                lines.join("\n")
            }),
        };
        blocks.extend(text);
    }
    blocks.join("\n\n")
}

/// `metadata description = '...'` and one `metadata key = value` per entry.
fn metadata(writer: &mut Writer<'_>, template: &Template) -> String {
    let mut lines = Vec::new();
    let described = template
        .metadata
        .iter()
        .any(|p| p.key.as_lit() == Some("description"));
    if let (Some(description), false) = (&template.description, described) {
        lines.push(format!("metadata description = {}", quote(description)));
    }
    for prop in &template.metadata {
        match &prop.key {
            Key::Lit(name) if is_identifier(name) => {
                let value = writer.expr(&prop.value, Place::plain(0));
                lines.push(format!("metadata {name} = {value}"));
            }
            // A `metadata` declaration is named by an identifier; there is no
            // quoted form, so the entry can only be pointed out.
            Key::Lit(name) => lines.push(format!(
                "// metadata {} is not an identifier: Bicep cannot declare it",
                quote(name)
            )),
            Key::Expr(_) => {
                lines.push("// metadata with a computed name: Bicep cannot declare it".to_string())
            }
        }
    }
    lines.join("\n")
}

fn description(writer: &Writer<'_>, lines: &mut Vec<String>, text: Option<&String>) {
    if let Some(text) = text {
        lines.push(format!(
            "@{}({})",
            writer.decorator("description"),
            quote(text)
        ));
    }
}

fn param(writer: &mut Writer<'_>, p: &ir::Param) -> String {
    let mut lines = Vec::new();
    description(writer, &mut lines, p.description.as_ref());
    if p.ty.is_secure() {
        lines.push(format!("@{}()", writer.decorator("secure")));
    }
    if let Some((values, _)) = &p.allowed {
        lines.push(format!(
            "@{}({})",
            writer.decorator("allowed"),
            writer.array(values, Place::plain(0))
        ));
    }
    let bounds = [
        ("minLength", p.min_length),
        ("maxLength", p.max_length),
        ("minValue", p.min_value),
        ("maxValue", p.max_value),
    ];
    for (name, bound) in bounds {
        if let Some(bound) = bound {
            lines.push(format!("@{}({})", writer.decorator(name), bound.value));
        }
    }
    if !p.metadata.is_empty() {
        let object = writer.object(&p.metadata, Place::plain(0));
        lines.push(format!("@{}({object})", writer.decorator("metadata")));
    }
    let mut decl = format!("param {} {}", writer.symbol(&p.name), p.ty.plain().name());
    if let Some(default) = &p.default {
        decl.push_str(" = ");
        decl.push_str(&writer.expr(default, Place::plain(0)));
    }
    lines.push(decl);
    lines.join("\n")
}

fn var(writer: &mut Writer<'_>, v: &ir::Var) -> String {
    let mut lines = Vec::new();
    description(writer, &mut lines, v.description.as_ref());
    let value = writer.expr(&v.value, Place::declaration(0));
    lines.push(format!("var {} = {value}", writer.var(&v.name)));
    lines.join("\n")
}

fn output(writer: &mut Writer<'_>, index: usize, o: &ir::Output) -> String {
    let mut lines = Vec::new();
    description(writer, &mut lines, o.description.as_ref());
    if o.ty.is_secure() {
        lines.push(format!("@{}()", writer.decorator("secure")));
    }
    let value = writer.expr(&o.value, Place::declaration(0));
    lines.push(format!(
        "output {} {} = {value}",
        writer.output(index),
        o.ty.plain().name()
    ));
    lines.join("\n")
}

/// `= [for ...: if (cond) { body }]`: the value of a resource or module
/// declaration. The loop's variables are in scope for the condition and body.
fn declared_value(
    writer: &mut Writer<'_>,
    copy: Option<&ir::Loop>,
    exprs: &[&ir::Expr],
    condition: Option<&ir::Expr>,
    body: impl FnOnce(&mut Writer<'_>) -> Vec<(String, String)>,
) -> String {
    let head = copy.map(|l| writer.enter_copy(l, exprs));
    let condition = condition.map(|c| format!("if ({}) ", writer.expr(c, Place::plain(0))));
    let entries = body(writer);
    if let Some(l) = copy {
        writer.leave_loop(l);
    }
    let object = block(&entries, 0);
    let condition = condition.unwrap_or_default();
    match head {
        Some(head) => format!("[{head}: {condition}{object}]"),
        None => format!("{condition}{object}"),
    }
}

/// `dependsOn` for the dependencies that Bicep does not infer from a symbolic
/// reference, `parent` or `scope`: the written ones, and those a custom domain
/// needs (the access it reads its certificate with). Bicep accepts only symbols
/// there, and `existing` resources are never dependencies.
fn depends_on<'t>(
    writer: &mut Writer<'_>,
    template: &'t Template,
    refs: &mut VarRefs<'t>,
    node: Node,
) -> Option<(String, String)> {
    let written: &[ir::Dependency] = match node {
        Node::Resource(i) => template.resources.get(i).map_or(&[], |r| &r.depends_on),
        Node::Module(i) => template.modules.get(i).map_or(&[], |m| &m.depends_on),
    };
    let mut symbols: Vec<String> = Vec::new();
    for edge in graph::dependencies(template, node, refs) {
        let target = match edge.node {
            Node::Resource(i) => i,
            Node::Module(i) => {
                if (edge.written || edge.needed) && !edge.implied {
                    symbols.push(writer.module(i));
                }
                continue;
            }
        };
        // Copies written one by one (`ids[0]`): each, even where a read of
        // another copy implies a dependency (Bicep infers only that copy).
        let copies: Vec<Option<&ir::Expr>> = written
            .iter()
            .filter_map(|d| match d {
                ir::Dependency::Copy {
                    resource, index, ..
                } if *resource == target => Some(index.as_deref()),
                _ => None,
            })
            .collect();
        if !copies.is_empty() {
            let whole = written.iter().any(|d| {
                matches!(d, ir::Dependency::Resource(i, _) | ir::Dependency::Named(i, _) if *i == target)
            });
            let symbol = writer.resource(target);
            match copies.iter().copied().collect::<Option<Vec<_>>>() {
                Some(indexes) if !whole => {
                    for index in indexes {
                        let text = format!("{symbol}[{}]", writer.expr(index, Place::plain(1)));
                        if !symbols.contains(&text) {
                            symbols.push(text);
                        }
                    }
                }
                // A copy Bicep cannot name, or the whole loop as well.
                _ => symbols.push(symbol),
            }
            continue;
        }
        if (edge.written || edge.needed) && !edge.implied {
            let symbol = writer.resource(target);
            // Nested in the same copy of a looped resource, the ARM output
            // waits for this copy's (see `emit::arm::node_id`): so does Bicep.
            match writer.copy_index() {
                Some(index) if graph::same_copy(template, node, target) => {
                    symbols.push(format!("{symbol}[{index}]"))
                }
                _ => symbols.push(symbol),
            }
        }
    }
    (!symbols.is_empty()).then(|| ("dependsOn".to_string(), list(&symbols, 1)))
}

fn resource<'t>(
    writer: &mut Writer<'_>,
    template: &'t Template,
    refs: &mut VarRefs<'t>,
    index: usize,
    r: &ir::Resource,
) -> String {
    let mut lines = Vec::new();
    // Bicep has no `@metadata` for a resource (BCP127: it decorates
    // parameters, outputs and types): `#[metadata]` is the body's `metadata`,
    // which Bicep writes as the resource's member (with a BCP037 warning, as
    // for any key its type data lacks), the doc comment its first entry
    // ([`ir::Resource::metadata_entries`], as in the ARM JSON), since
    // `@description` would write a second `metadata`. Beside a body key
    // `metadata` (kept with `#[accept]`) the doc comment is `//` lines, as
    // the ARM JSON keeps it out.
    let metadata = r
        .metadata_entries()
        .filter(|_| r.metadata.is_some() && !r.existing);
    let mut doc_lines = Vec::new();
    match (&r.description, &metadata, r.get("metadata").is_some()) {
        (Some(_), Some(_), _) => {}
        (Some(text), None, true) => doc_lines = comment_lines(text),
        _ => description(writer, &mut lines, r.description.as_ref()),
    }
    if let (Some(batch), Some(_)) = (r.batch_size, &r.copy) {
        lines.push(format!(
            "@{}({})",
            writer.decorator("batchSize"),
            batch.value
        ));
    }
    let mut exprs = graph::resource_exprs(r);
    // Nested in a looped resource, a resource has its loop: Bicep names the
    // parent's copy, `parent: vm[i]`, so the loop needs its index variable.
    let parent = r
        .parent
        .and_then(|(p, _)| template.resources.get(p).map(|pr| (p, pr)));
    let shared_loop = parent.and_then(|(_, pr)| match (&pr.copy, &r.copy) {
        (Some(a), Some(b)) if a.id == b.id => Some(b.id),
        _ => None,
    });
    let index_read = shared_loop.map(|id| ir::Expr::new(ir::ExprKind::LoopIndex(id), r.span));
    exprs.extend(index_read.as_ref());
    // A relative type of several segments (`blobServices/containers`) names
    // the resource by as many segments, which Bicep refuses under `parent`
    // (BCP170): the full name, built from the parent's.
    let relative = r.written_type.as_ref().is_some_and(|w| w.contains('/'));
    // ARM's `comments` has no place in a Bicep body: it becomes `//` lines
    // above the declaration, as `bicep decompile` writes it.
    let mut notes = Vec::new();
    let value = declared_value(
        writer,
        r.copy.as_deref(),
        &exprs,
        r.condition.as_deref(),
        |w| {
            let mut entries = Vec::new();
            let parent_text = parent.map(|(p, _)| match (shared_loop, w.copy_index()) {
                (Some(_), Some(index)) => format!("{}[{index}]", w.resource(p)),
                _ => w.resource(p),
            });
            match parent_text {
                Some(parent) if relative => {
                    let own = w.expr(&r.name, Place::plain(0));
                    entries.push((
                        "name".to_string(),
                        format!("'${{{parent}.name}}/${{{own}}}'"),
                    ));
                }
                Some(parent) => {
                    entries.push(("parent".to_string(), parent));
                    entries.push(("name".to_string(), w.expr(&r.name, Place::body(1))));
                }
                None => entries.push(("name".to_string(), w.expr(&r.name, Place::body(1)))),
            }
            match &r.scope {
                Some(Scope::Resource(target, _)) => {
                    entries.push(("scope".to_string(), w.resource(*target)))
                }
                Some(Scope::Expr(scope)) => {
                    entries.push(("scope".to_string(), w.expr(scope, Place::body(1))))
                }
                None => {}
            }
            // An `existing` resource is only looked up: ARM never sees its body, and
            // Bicep accepts nothing but `name`, `scope` and `parent` there.
            if !r.existing {
                for prop in &r.body {
                    if prop.key.as_lit() == Some("comments") {
                        // A computed note is shown as the expression ARM gets.
                        notes = match prop.value.as_str() {
                            Some(text) => comment_lines(text),
                            None => comment_lines(&format!(
                                "comments: {}",
                                w.expr(&prop.value, Place::plain(0))
                            )),
                        };
                        continue;
                    }
                    let key = w.prop_key(&prop.key, Place::body(1));
                    entries.push((key, w.expr(&prop.value, Place::body(1))));
                }
                if let Some(metadata) = &metadata {
                    entries.push(("metadata".to_string(), w.object(metadata, Place::body(1))));
                }
            }
            // Inside the loop: `dependsOn: [ids[i]]` reads its variable.
            if !r.existing {
                entries.extend(depends_on(w, template, refs, Node::Resource(index)));
            }
            entries
        },
    );
    notes.extend(doc_lines);
    lines.splice(0..0, notes);
    let existing = if r.existing { " existing" } else { "" };
    let ty = quote(&format!("{}@{}", r.ty, r.api_version));
    lines.push(format!(
        "resource {} {ty}{existing} = {value}",
        writer.resource(index)
    ));
    lines.join("\n")
}

/// `text` as `//` comment lines, one per line of it.
fn comment_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split(['\r', '\n'])
        .map(|line| match line {
            "" => "//".to_string(),
            line => format!("// {line}"),
        })
        .collect()
}

fn module<'t>(
    writer: &mut Writer<'_>,
    template: &'t Template,
    refs: &mut VarRefs<'t>,
    index: usize,
    m: &ir::Module,
) -> String {
    let mut lines = Vec::new();
    description(writer, &mut lines, m.description.as_ref());
    if let (Some(batch), Some(_)) = (m.batch_size, &m.copy) {
        lines.push(format!(
            "@{}({})",
            writer.decorator("batchSize"),
            batch.value
        ));
    }
    let exprs = graph::module_exprs(m);
    let value = declared_value(
        writer,
        m.copy.as_deref(),
        &exprs,
        m.condition.as_deref(),
        |w| {
            let mut entries = vec![("name".to_string(), w.expr(&m.name, Place::body(1)))];
            if let Some(scope) = &m.scope {
                let args: Vec<String> = scope
                    .exprs()
                    .into_iter()
                    .map(|e| w.expr(e, Place::plain(1)))
                    .collect();
                // Qualified (`az.resourceGroup`) where a declaration shadows it.
                let function = w.decorator(scope.target_scope());
                entries.push((
                    "scope".to_string(),
                    format!("{function}({})", args.join(", ")),
                ));
            }
            if !m.params.is_empty() {
                let params = m
                    .params
                    .iter()
                    .map(|p| {
                        let key = w.prop_key(&p.key, Place::body(2));
                        (key, w.expr(&p.value, Place::body(2)))
                    })
                    .collect::<Vec<_>>();
                entries.push(("params".to_string(), block(&params, 1)));
            }
            entries.extend(depends_on(w, template, refs, Node::Module(index)));
            entries
        },
    );
    let path = quote(&format!("{MODULE_STEM_PLACEHOLDER}{index}.bicep"));
    lines.push(format!("module {} {path} = {value}", writer.module(index)));
    lines.join("\n")
}

#[cfg(test)]
#[path = "bicep_tests.rs"]
mod tests;
