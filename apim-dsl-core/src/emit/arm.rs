//! [`crate::ir::Template`] to ARM template JSON: deterministic bytes, two-space indented,
//! keys in the conventional order.

use super::arm_expr::{DEPLOYMENTS_API_VERSION, ExprWriter, escape_literal};
use crate::graph::{self, Node, VarRefs};
use crate::ir::{self, Expr, ExprKind, Template};
use serde_json::{Map, Value};

/// A stand-in for a module's inner template in the JSON, replaced by the inner
/// template's own JSON when the constants are put together (see `expand`).
pub const MODULE_PLACEHOLDER: &str = "__apim_dsl_module_template__";

/// The template as pretty-printed JSON.
pub fn arm_json(template: &Template) -> String {
    let value = arm_value(template);
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The template as a JSON value.
pub fn arm_value(template: &Template) -> Value {
    let mut writer = ExprWriter::new(template);
    let mut root = Map::new();
    root.insert("$schema".into(), Value::String(template.schema.clone()));
    root.insert(
        "contentVersion".into(),
        Value::String(template.content_version.clone()),
    );
    let mut metadata = Map::new();
    if let Some(description) = &template.description {
        metadata.insert(
            "description".into(),
            Value::String(escape_literal(description)),
        );
    }
    metadata.extend(writer.object(&template.metadata));
    if !metadata.is_empty() {
        root.insert("metadata".into(), Value::Object(metadata));
    }
    let kept = |section: &str| template.empty_sections.contains(&section);
    if !template.functions.is_empty() || kept("functions") {
        root.insert("functions".into(), functions(&mut writer, template));
    }
    if !template.params.is_empty() || kept("parameters") {
        let params = template
            .params
            .iter()
            .map(|p| (p.name.clone(), parameter(&mut writer, p)))
            .collect();
        root.insert("parameters".into(), Value::Object(params));
    }
    if !template.vars.is_empty() || kept("variables") {
        root.insert(
            "variables".into(),
            Value::Object(variables(&mut writer, template)),
        );
    }
    let mut vars = VarRefs::new(template);
    let resources = graph::nodes(template)
        .into_iter()
        .filter_map(|node| match node {
            Node::Resource(i) => {
                let r = template.resources.get(i)?;
                // A nested resource is written inside its parent.
                (!r.existing && !nested_in_json(template, r))
                    .then(|| resource(&mut writer, template, i, r, &mut vars))
            }
            Node::Module(i) => template
                .modules
                .get(i)
                .map(|m| module(&mut writer, template, i, m, &mut vars)),
        })
        .collect();
    root.insert("resources".into(), Value::Array(resources));
    if !template.outputs.is_empty() || kept("outputs") {
        let outputs = template
            .outputs
            .iter()
            .map(|o| (o.name.clone(), output(&mut writer, o)))
            .collect();
        root.insert("outputs".into(), Value::Object(outputs));
    }
    Value::Object(root)
}

/// `functions`: one entry per namespace, in the order each first appears, its
/// members in declaration order.
fn functions(writer: &mut ExprWriter<'_>, template: &Template) -> Value {
    let mut namespaces: Vec<(&str, Map<String, Value>)> = Vec::new();
    for func in &template.functions {
        let mut member = Map::new();
        let params = func
            .params
            .iter()
            .map(|p| {
                let mut param = Map::new();
                param.insert("name".into(), Value::String(p.name.clone()));
                param.insert("type".into(), Value::String(p.ty.arm_name().into()));
                Value::Object(param)
            })
            .collect();
        member.insert("parameters".into(), Value::Array(params));
        let mut output = Map::new();
        output.insert("type".into(), Value::String(func.output.arm_name().into()));
        output.insert("value".into(), writer.value(&func.body));
        member.insert("output".into(), Value::Object(output));
        if let Some(description) = &func.description {
            let mut metadata = Map::new();
            metadata.insert(
                "description".into(),
                Value::String(escape_literal(description)),
            );
            member.insert("metadata".into(), Value::Object(metadata));
        }
        let position = namespaces
            .iter()
            .position(|(ns, _)| *ns == func.namespace)
            .unwrap_or_else(|| {
                namespaces.push((&func.namespace, Map::new()));
                namespaces.len() - 1
            });
        if let Some((_, members)) = namespaces.get_mut(position) {
            members.insert(func.name.clone(), Value::Object(member));
        }
    }
    let entries = namespaces
        .into_iter()
        .map(|(namespace, members)| {
            let mut entry = Map::new();
            entry.insert("namespace".into(), Value::String(namespace.to_string()));
            entry.insert("members".into(), Value::Object(members));
            Value::Object(entry)
        })
        .collect();
    Value::Array(entries)
}

fn parameter(writer: &mut ExprWriter<'_>, param: &ir::Param) -> Value {
    let mut map = Map::new();
    map.insert("type".into(), Value::String(param.ty.arm_name().into()));
    if let Some(default) = &param.default {
        map.insert("defaultValue".into(), writer.value(default));
    }
    if let Some((values, _)) = &param.allowed {
        let values = values.iter().map(|v| writer.value(v)).collect();
        map.insert("allowedValues".into(), Value::Array(values));
    }
    let mut metadata = Map::new();
    if let Some(description) = &param.description {
        metadata.insert(
            "description".into(),
            Value::String(escape_literal(description)),
        );
    }
    metadata.extend(writer.object(&param.metadata));
    if !metadata.is_empty() {
        map.insert("metadata".into(), Value::Object(metadata));
    }
    let bounds = [
        ("minLength", param.min_length),
        ("maxLength", param.max_length),
        ("minValue", param.min_value),
        ("maxValue", param.max_value),
    ];
    for (key, bound) in bounds {
        if let Some(bound) = bound {
            map.insert(key.into(), Value::from(bound.value));
        }
    }
    Value::Object(map)
}

fn variables(writer: &mut ExprWriter<'_>, template: &Template) -> Map<String, Value> {
    let mut copies = Vec::new();
    let mut map = Map::new();
    for var in &template.vars {
        match &var.value.kind {
            ExprKind::For(head, body) => copies.push(writer.copy_entry(&var.name, head, body)),
            _ => {
                writer.copies = true;
                map.insert(var.name.clone(), writer.value(&var.value));
                writer.copies = false;
            }
        }
    }
    if copies.is_empty() {
        return map;
    }
    let mut out = Map::new();
    out.insert("copy".into(), Value::Array(copies));
    out.extend(map);
    out
}

fn output(writer: &mut ExprWriter<'_>, output: &ir::Output) -> Value {
    let mut map = Map::new();
    map.insert("type".into(), Value::String(output.ty.arm_name().into()));
    if let Some(description) = &output.description {
        let mut metadata = Map::new();
        metadata.insert(
            "description".into(),
            Value::String(escape_literal(description)),
        );
        map.insert("metadata".into(), Value::Object(metadata));
    }
    match &output.value.kind {
        ExprKind::For(head, body) => {
            writer.enter_copy(head, None);
            let mut copy = Map::new();
            copy.insert("count".into(), writer.count(head));
            copy.insert("input".into(), writer.value(body));
            map.insert("copy".into(), Value::Object(copy));
        }
        _ => {
            map.insert("value".into(), writer.value(&output.value));
        }
    }
    Value::Object(map)
}

/// `condition` and `copy`, which lead a resource or module.
fn lead(
    writer: &mut ExprWriter<'_>,
    map: &mut Map<String, Value>,
    symbol: &str,
    condition: Option<&ir::Expr>,
    copy: Option<&ir::Loop>,
    batch: Option<ir::Bound>,
) {
    if let Some(head) = copy {
        writer.enter_copy(head, None);
        let mut entry = Map::new();
        entry.insert("name".into(), Value::String(symbol.to_string()));
        entry.insert("count".into(), writer.count(head));
        if let Some(batch) = batch {
            // The schema's enum is case-sensitive ("Serial"); ARM is not.
            entry.insert("mode".into(), Value::String("Serial".into()));
            entry.insert("batchSize".into(), Value::from(batch.value));
        }
        map.insert("copy".into(), Value::Object(entry));
    }
    if let Some(condition) = condition {
        map.insert("condition".into(), writer.value(condition));
    }
}

/// `dependsOn`: the written entries in the written order and text (a symbol as
/// its id), then the dependencies implied by references, `parent` and `scope`
/// that were not written.
fn depends_on<'t>(
    writer: &mut ExprWriter<'_>,
    template: &'t Template,
    node: Node,
    vars: &mut VarRefs<'t>,
) -> Option<Value> {
    let written: &[ir::Dependency] = match node {
        Node::Resource(i) => template.resources.get(i).map_or(&[], |r| &r.depends_on),
        Node::Module(i) => template.modules.get(i).map_or(&[], |m| &m.depends_on),
    };
    let edges = graph::dependencies(template, node, vars);
    let mut covered: Vec<Node> = Vec::new();
    // Loops waited for one copy at a time (`ids[0]`): a whole-loop entry, a
    // read or a need of the same loop still waits for all of it.
    let mut copies: Vec<Node> = Vec::new();
    let mut deps: Vec<Value> = Vec::new();
    for dependency in written {
        let target = match dependency {
            ir::Dependency::Named(i, expr) => {
                covered.push(Node::Resource(*i));
                deps.push(writer.value(expr));
                continue;
            }
            ir::Dependency::NamedModule(i, expr) => {
                covered.push(Node::Module(*i));
                deps.push(writer.value(expr));
                continue;
            }
            ir::Dependency::Copy {
                resource,
                index,
                written,
                span,
            } => {
                copies.push(Node::Resource(*resource));
                match (written, index) {
                    (Some(written), _) => deps.push(writer.value(written)),
                    // `ids[k]` waits for that copy: its id, as `ids[k].id`.
                    (None, Some(index)) => {
                        let symbol = Expr::new(ExprKind::Resource(*resource), *span);
                        let copy =
                            Expr::new(ExprKind::Index(Box::new(symbol), index.clone()), *span);
                        let id = Expr::new(ExprKind::Member(Box::new(copy), "id".into()), *span);
                        deps.push(writer.value(&id));
                    }
                    (None, None) => {}
                }
                continue;
            }
            ir::Dependency::Resource(i, _) => Node::Resource(*i),
            ir::Dependency::Module(i, _) => Node::Module(*i),
            _ => continue,
        };
        // What the graph waits for instead (an `existing` resource's base).
        if let Some(edge) = edges.iter().find(|e| e.written && e.node == target) {
            if !covered.contains(&edge.node) {
                deps.push(Value::String(node_id(writer, template, edge.node)));
                covered.push(edge.node);
            }
        } else {
            covered.push(target);
        }
    }
    let through_sibling = parent_waited_through_sibling(template, node, written);
    for edge in edges.iter().filter(|e| !covered.contains(&e.node)) {
        // Written as copies only: those entries are the wait.
        if copies.contains(&edge.node) && !edge.implied && !edge.needed {
            continue;
        }
        if through_sibling == Some(edge.node) && !edge.needed {
            continue;
        }
        deps.push(Value::String(node_id(writer, template, edge.node)));
    }
    (!deps.is_empty()).then_some(Value::Array(deps))
}

/// The parent a resource nested in the JSON (`node`) need not name in its
/// `dependsOn`: one it waits for already, through a written entry for another
/// resource nested in the same parent, which waits for the parent itself
/// (each nested resource does, written or added). ARM waits for what a
/// dependency waits for ("Define the order for deploying resources in ARM
/// templates",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency>),
/// and ARM templates write it so: a `blobServices/containers` nested in its
/// account waits for the sibling `blobServices` only.
fn parent_waited_through_sibling(
    template: &Template,
    node: Node,
    written: &[ir::Dependency],
) -> Option<Node> {
    let Node::Resource(index) = node else {
        return None;
    };
    let resource = template.resources.get(index)?;
    let parent = resource.nested_in?;
    if !nested_in_json(template, resource) {
        return None;
    }
    let below_parent = |mut target: usize| {
        // Nesting is at most a few levels deep; the bound keeps a malformed
        // tree finite.
        for _ in 0..16 {
            let Some(r) = template.resources.get(target) else {
                return false;
            };
            if target == index || !nested_in_json(template, r) {
                return false;
            }
            match r.nested_in {
                Some(p) if p == parent => return true,
                Some(p) => target = p,
                None => return false,
            }
        }
        false
    };
    written
        .iter()
        .any(|d| match d {
            ir::Dependency::Resource(t, _)
            | ir::Dependency::Named(t, _)
            | ir::Dependency::Copy { resource: t, .. } => below_parent(*t),
            _ => false,
        })
        .then_some(Node::Resource(parent))
}

/// How `dependsOn` names a node: a looped one by its copy loop's name (it is
/// waited for as a whole), any other by its id. A resource that has its loop
/// from a looped resource it is nested in has no copy loop name
/// ([`graph::loop_from_parent`]): waited for within the same copy (by what is
/// nested in that copy too, [`graph::same_copy`]), it is that copy's, named by
/// its id with this copy's `copyIndex()`; the checks refuse waiting for it
/// from outside the loop (`check::nested_loops`).
fn node_id(writer: &mut ExprWriter<'_>, template: &Template, node: Node) -> String {
    match node {
        Node::Resource(i) if graph::loop_from_parent(template, i).is_some() => {
            format!("[{}]", writer.resource_id(i))
        }
        Node::Resource(i) if template.resources.get(i).is_some_and(|r| r.copy.is_some()) => {
            node.symbol(template).to_string()
        }
        Node::Module(i) if template.modules.get(i).is_some_and(|m| m.copy.is_some()) => {
            node.symbol(template).to_string()
        }
        Node::Resource(i) => format!("[{}]", writer.resource_id(i)),
        Node::Module(i) => format!("[{}]", writer.module_id(i)),
    }
}

fn resource<'t>(
    writer: &mut ExprWriter<'_>,
    template: &'t Template,
    index: usize,
    r: &ir::Resource,
    vars: &mut VarRefs<'t>,
) -> Value {
    let mut map = Map::new();
    let nested = nested_in_json(template, r);
    // A resource nested in a looped one has its loop, which ARM applies to
    // what is nested in it without a `copy` of its own (and the parent's
    // `lead` has already given `copyIndex()` its meaning).
    lead(
        writer,
        &mut map,
        &r.symbol,
        r.condition.as_deref(),
        r.copy.as_deref().filter(|_| !nested),
        r.batch_size,
    );
    let ty = match &r.written_type {
        Some(short) if nested => short,
        _ => &r.ty,
    };
    map.insert("type".into(), Value::String(ty.clone()));
    map.insert("apiVersion".into(), Value::String(r.api_version.clone()));
    match (&r.scope, &r.scope_text) {
        (Some(ir::Scope::Resource(..)), Some(text)) => {
            map.insert("scope".into(), writer.value(text));
        }
        (Some(ir::Scope::Resource(target, _)), None) => {
            map.insert("scope".into(), writer.scope_value(*target));
        }
        _ => {}
    }
    // Nested with its short type, a resource has its own name only.
    let name = match r.written_type {
        Some(_) if nested => writer.value(&r.name),
        _ => writer.full_name_value(index),
    };
    map.insert("name".into(), name);
    for prop in &r.body {
        let Some(key) = prop.key.as_lit() else {
            continue;
        };
        // Property loops (`copy`) are for what is inside `properties`.
        writer.copies = key == "properties";
        map.insert(escape_literal(key), writer.value(&prop.value));
        writer.copies = false;
    }
    // The doc comment and `#[metadata]` (a text read as an expression,
    // `[...]`, escaped as every string literal is, as Bicep's writer does).
    if let Some(entries) = r.metadata_entries() {
        map.insert("metadata".into(), Value::Object(writer.object(&entries)));
    }
    let children: Vec<Value> = template
        .resources
        .iter()
        .enumerate()
        .filter(|(_, child)| child.nested_in == Some(index) && !child.existing)
        .map(|(i, child)| resource(writer, template, i, child, vars))
        .collect();
    if !children.is_empty() {
        map.insert("resources".into(), Value::Array(children));
    }
    if let Some(deps) = depends_on(writer, template, Node::Resource(index), vars) {
        map.insert("dependsOn".into(), deps);
    }
    Value::Object(map)
}

/// Whether `r` is written in its parent's `resources` in the JSON: when it was
/// nested in the DSL and the parent is deployed (an `existing` one is not in
/// the JSON, so its children stand at the top level with their full types).
fn nested_in_json(template: &Template, r: &ir::Resource) -> bool {
    r.nested_in
        .and_then(|p| template.resources.get(p))
        .is_some_and(|parent| !parent.existing)
}

fn module<'t>(
    writer: &mut ExprWriter<'_>,
    template: &'t Template,
    index: usize,
    m: &ir::Module,
    vars: &mut VarRefs<'t>,
) -> Value {
    let mut map = Map::new();
    lead(
        writer,
        &mut map,
        &m.symbol,
        m.condition.as_deref(),
        m.copy.as_deref(),
        m.batch_size,
    );
    map.insert(
        "type".into(),
        Value::String("Microsoft.Resources/deployments".into()),
    );
    let version = m
        .api_version
        .as_ref()
        .map_or(DEPLOYMENTS_API_VERSION, |(v, _)| v.as_str());
    map.insert("apiVersion".into(), Value::String(version.into()));
    map.insert("name".into(), writer.value(&m.name));
    module_scope(writer, template, &mut map, m.scope.as_ref());
    // A module's doc comment is its deployment's `metadata.description`, as
    // Bicep's `@description` on a module writes it.
    if let Some(text) = &m.description {
        let mut metadata = Map::new();
        metadata.insert("description".into(), Value::String(escape_literal(text)));
        map.insert("metadata".into(), Value::Object(metadata));
    }
    let mut properties = Map::new();
    let mut options = Map::new();
    // The schema's enum is case-sensitive ("Inner"); ARM is not.
    options.insert("scope".into(), Value::String("Inner".into()));
    properties.insert("expressionEvaluationOptions".into(), Value::Object(options));
    properties.insert("mode".into(), Value::String("Incremental".into()));
    let mut params = Map::new();
    for prop in &m.params {
        if let Some(name) = prop.key.as_lit() {
            let mut entry = Map::new();
            entry.insert("value".into(), writer.value(&prop.value));
            params.insert(name.to_string(), Value::Object(entry));
        }
    }
    properties.insert("parameters".into(), Value::Object(params));
    properties.insert(
        "template".into(),
        Value::String(format!("{MODULE_PLACEHOLDER}{index}")),
    );
    map.insert("properties".into(), Value::Object(properties));
    if let Some(deps) = depends_on(writer, template, Node::Module(index), vars) {
        map.insert("dependsOn".into(), deps);
    }
    Value::Object(map)
}

/// The `location` of a module's deployment stored above a resource group, in
/// a template with the `$schema` `schema`: the region of the template's
/// resource group or, above one (where `deployment()` has a location), of
/// its deployment, as Bicep writes it. `import` reads it back.
pub fn module_location(schema: &str) -> &'static str {
    if crate::resolve::target_scope_of(schema) == "resourceGroup" {
        "[resourceGroup().location]"
    } else {
        "[deployment().location]"
    }
}

/// Where a module's nested deployment goes: `subscriptionId` and
/// `resourceGroup` for a resource group; `subscriptionId` and a `location` for a
/// subscription; a `scope` and a `location` for a management group or the
/// tenant (deployments above a resource group are stored in a region). A
/// module without a scope deploys where the template does: with a `location`
/// when that is above a resource group, as Bicep writes it (`TemplateWriter`:
/// "if we're deploying to a scope other than resource group, we need to
/// supply a location").
fn module_scope(
    writer: &mut ExprWriter<'_>,
    template: &Template,
    map: &mut Map<String, Value>,
    scope: Option<&ir::ModuleScope>,
) {
    let location = || Value::String(module_location(&template.schema).into());
    let Some(scope) = scope else {
        if crate::resolve::target_scope_of(&template.schema) != "resourceGroup" {
            map.insert("location".into(), location());
        }
        return;
    };
    match scope {
        ir::ModuleScope::ResourceGroup(sub, rg) => {
            if let Some(sub) = sub {
                map.insert("subscriptionId".into(), writer.value(sub));
            }
            map.insert("resourceGroup".into(), writer.value(rg));
        }
        ir::ModuleScope::Subscription(sub) => {
            let sub = match sub {
                Some(sub) => writer.value(sub),
                None => Value::String("[subscription().subscriptionId]".into()),
            };
            map.insert("subscriptionId".into(), sub);
            map.insert("location".into(), location());
        }
        ir::ModuleScope::ManagementGroup(mg) => {
            let id = writer.render(mg);
            map.insert(
                "scope".into(),
                Value::String(format!(
                    "[format('Microsoft.Management/managementGroups/{{0}}', {id})]"
                )),
            );
            map.insert("location".into(), location());
        }
        ir::ModuleScope::Tenant => {
            map.insert("scope".into(), Value::String("/".into()));
            map.insert("location".into(), location());
        }
    }
}

#[cfg(test)]
#[path = "arm_tests.rs"]
mod tests;
