//! Copy loops that share one `copy.name`, for checking.
//!
//! ARM takes a template whose resource (or deployment) loops share a name:
//! only templates with symbolic resource names (`languageVersion` 2.0)
//! reject it ("Duplicate resource copy names are not allowed in templates
//! using symbolic names", Azure/bicep#13171, which is why Bicep gives each
//! loop a name of its own, Azure/bicep#15910), and Bicep itself wrote such
//! templates before that fix. A `dependsOn` entry naming a loop waits for
//! every copy of it ("Resource iteration in ARM templates", *Depend on
//! resources in a loop*:
//! <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources#depend-on-resources-in-a-loop>;
//! Bicep writes "a dependency on all members of a looped resource ... as a
//! dependency on the copy loop name", Azure/bicep#16236), so a name several
//! loops share waits for the copies of each of them.
//!
//! The DSL names each loop by its own symbol, which is its `copy.name` in the
//! ARM output. `check` therefore gives every loop after the first of a
//! shared name a stand-in name of its own, rewrites that loop's
//! `copyIndex('name')` to it (in the resources nested in it too, which share
//! its loop), and adds the stand-ins to every `dependsOn` entry that names
//! the shared loop, after the entries as written (so the JSON paths of the
//! written entries stay). An entry of one of those loops that names the
//! shared name waits for that loop itself: it is made to name the loop's own
//! name, and reported where it is written, for every loop of the name.
//! Findings name the loop as the template does again (the stand-ins are
//! given back by [`super::verify`]). `import` does not rename: it reports
//! such a loop as something the DSL cannot write (the copy names would not
//! come back).

use super::STAND_IN_PREFIX;
use crate::arm::expr::{name_key, same_name};
use serde_json::Value;

/// Renames every loop after the first of each `copy.name` that several
/// resource or deployment loops of `template` share (its `resources` and
/// their nested `resources`; a nested deployment's inner template is checked
/// on its own). Returns `(stand-in, name as written)` for each renamed loop.
/// A template with symbolic resource names is left as it is: ARM rejects
/// the duplicate there.
pub(super) fn rename_shared_loops(template: &mut Value) -> Vec<(String, String)> {
    if template
        .get("languageVersion")
        .and_then(Value::as_str)
        .is_some_and(|v| !v.starts_with('1'))
    {
        return Vec::new();
    }
    let mut paths = Vec::new();
    collect(template.get("resources"), &mut Vec::new(), &mut paths);
    // (name as written, the resources that have it), in declaration order.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    // Each group by its name's key (`name_key`: equal exactly when ARM reads
    // two names as one), not by comparing each name with every group's.
    let mut by_key: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    for (i, path) in paths.iter().enumerate() {
        let Some(name) = loop_name(resource(template, path)) else {
            continue;
        };
        match by_key.entry(crate::arm::expr::name_key(name)) {
            std::collections::hash_map::Entry::Occupied(group) => groups[*group.get()].1.push(i),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push((name.to_string(), vec![i]));
            }
        }
    }
    groups.retain(|(_, members)| members.len() > 1);
    if groups.is_empty() {
        return Vec::new();
    }
    let text = serde_json::to_string(&*template)
        .unwrap_or_default()
        .to_lowercase();
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut given_keys: foldhash::HashSet<String> = foldhash::HashSet::default();
    // For each group: the shared name and the stand-ins, by resource.
    let mut stand_ins: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (name, members) in &groups {
        let mut given = Vec::new();
        for &member in &members[1..] {
            let written = loop_name(resource(template, &paths[member]))
                .unwrap_or(name)
                .to_string();
            let stand_in = fresh(&written, &text, &given_keys);
            given_keys.insert(name_key(&stand_in));
            renamed.push((stand_in.clone(), written.clone()));
            if let Some(Value::Object(r)) = resource_mut(template, &paths[member]) {
                if let Some(Value::Object(copy)) = r.get_mut("copy") {
                    copy.insert("name".into(), Value::String(stand_in.clone()));
                }
                loop_reads(r, &written, &stand_in);
            }
            given.push((member, stand_in));
        }
        stand_ins.push((name.clone(), given));
    }
    let group_of: foldhash::HashMap<String, usize> = stand_ins
        .iter()
        .enumerate()
        .map(|(k, (name, _))| (name_key(name), k))
        .collect();
    // Each loop of a shared name: its group, and its stand-in (`None` for the
    // first, which keeps the name).
    let mut member_of: foldhash::HashMap<usize, (usize, Option<&str>)> =
        foldhash::HashMap::default();
    for (group, ((_, members), (_, given))) in groups.iter().zip(&stand_ins).enumerate() {
        member_of.insert(members[0], (group, None));
        for (member, stand_in) in given {
            member_of.insert(*member, (group, Some(stand_in.as_str())));
        }
    }
    for (i, path) in paths.iter().enumerate() {
        let Some(Value::Object(r)) = resource_mut(template, path) else {
            continue;
        };
        let Some(Value::Array(entries)) = r.get_mut("dependsOn") else {
            continue;
        };
        let own = member_of.get(&i).copied();
        // A loop's entry naming its own shared name is a wait for itself,
        // which ARM refuses ("Circular dependency detected"), whichever loop
        // of the name it is: it names the loop's own name (its stand-in, for
        // a later loop) where it was written, so that the wait for itself is
        // reported at that entry, and no waits for the others are added for
        // it (the entry is wrong as a whole; a cycle through them would only
        // repeat it).
        if let Some((group, Some(stand_in))) = own {
            for entry in entries.iter_mut() {
                if entry
                    .as_str()
                    .is_some_and(|e| group_of.get(&name_key(e)) == Some(&group))
                {
                    *entry = Value::String(stand_in.to_string());
                }
            }
        }
        let mut added: Vec<Value> = Vec::new();
        // The entries' keys: which groups they name, and which stand-ins
        // are there already (looked up, not searched for each).
        let mut present: foldhash::HashSet<String> = entries
            .iter()
            .filter_map(|e| e.as_str().map(name_key))
            .collect();
        let mut named: Vec<usize> = present
            .iter()
            .filter_map(|key| group_of.get(key).copied())
            .filter(|group| own.is_none_or(|(own, _)| own != *group))
            .collect();
        named.sort_unstable();
        named.dedup();
        for group in named {
            let (_, given) = &stand_ins[group];
            for (_, stand_in) in given {
                if present.insert(name_key(stand_in)) {
                    added.push(Value::String(stand_in.clone()));
                }
            }
        }
        entries.extend(added);
    }
    renamed
}

/// Every read of loop `written` in the looped resource `r`, and in the
/// resources nested in it, as a read of `stand_in`: its own expressions (not
/// its `copy`), and those of its nested `resources`, which share its loop
/// (ARM deploys them with each of its copies, and their `copyIndex()` counts
/// them: "Resource iteration in ARM templates",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources>;
/// `copyIndex('name')` reads the loop of that name, Microsoft Learn
/// "copyIndex",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric#copyindex>).
/// A nested resource with a `copy` of its own (which ARM refuses: "Iteration
/// for a child resource") is left as written.
fn loop_reads(r: &mut serde_json::Map<String, Value>, written: &str, stand_in: &str) {
    // A nested deployment evaluated in its own scope (`inner`) has loops of
    // its own, which its `copyIndex('name')` counts, whatever their names; in
    // the default `outer` scope its template's expressions are the parent's
    // ("Expression evaluation scope in nested templates").
    let deployment = r
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"))
        && r.get("properties")
            .and_then(|p| p.get("expressionEvaluationOptions"))
            .and_then(|o| o.get("scope"))
            .and_then(Value::as_str)
            .is_some_and(|scope| scope.eq_ignore_ascii_case("inner"));
    for (key, value) in r.iter_mut() {
        match (key.as_str(), value) {
            ("copy", _) => {}
            ("resources", Value::Array(children)) => {
                for child in children {
                    if let Value::Object(child) = child
                        && !child.contains_key("copy")
                    {
                        loop_reads(child, written, stand_in);
                    }
                }
            }
            ("resources", _) => {}
            ("properties", Value::Object(properties)) if deployment => {
                for (key, value) in properties.iter_mut() {
                    if key != "template" {
                        own_copy_index(value, written, stand_in);
                    }
                }
            }
            (_, value) => own_copy_index(value, written, stand_in),
        }
    }
}

/// The `copy.name` of a resource.
fn loop_name(resource: Option<&Value>) -> Option<&str> {
    resource?.get("copy")?.get("name")?.as_str()
}

/// Every resource of `resources` and of their nested `resources`, as index
/// paths, parents first.
fn collect(resources: Option<&Value>, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    let Some(Value::Array(list)) = resources else {
        return;
    };
    for (i, r) in list.iter().enumerate() {
        at.push(i);
        out.push(at.clone());
        collect(r.get("resources"), at, out);
        at.pop();
    }
}

fn resource<'t>(template: &'t Value, path: &[usize]) -> Option<&'t Value> {
    path.iter()
        .try_fold(template, |v, &i| v.get("resources")?.get(i))
}

fn resource_mut<'t>(template: &'t mut Value, path: &[usize]) -> Option<&'t mut Value> {
    path.iter()
        .try_fold(template, |v, &i| v.get_mut("resources")?.get_mut(i))
}

/// An identifier for a loop named `name`, like the import's other stand-ins
/// (`__stand_in0_vmCopy`): in none of the template's text, and none given
/// before.
///
/// `text` is searched only when it holds the stand-ins' prefix at all, and
/// `given` holds the given ones' [`name_key`]s: a search of the whole
/// template, and a comparison with every name given, for each stand-in made
/// the check quadratic in the loops sharing names.
fn fresh(name: &str, text: &str, given: &foldhash::HashSet<String>) -> String {
    let sanitized: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut candidate = format!("{STAND_IN_PREFIX}{}_{sanitized}", given.len());
    let search = text.contains(&STAND_IN_PREFIX.to_lowercase());
    while (search && text.contains(&candidate.to_lowercase()))
        || given.contains(&name_key(&candidate))
    {
        candidate.push('_');
    }
    candidate
}

/// Every `copyIndex('old'...)` in the expressions of `value` as
/// `copyIndex('new'...)`: the loop's own index under its new name.
fn own_copy_index(value: &mut Value, old: &str, new: &str) {
    match value {
        Value::String(s) if s.starts_with('[') => {
            if let Some(rewritten) = rewrite_copy_index(s, old, new) {
                *s = rewritten;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| own_copy_index(v, old, new)),
        Value::Object(map) => map.values_mut().for_each(|v| own_copy_index(v, old, new)),
        _ => {}
    }
}

/// `text` with the loop name argument of each `copyIndex('old'` replaced,
/// compared ignoring case as ARM compares loop names; `None` if it has none.
fn rewrite_copy_index(text: &str, old: &str, new: &str) -> Option<String> {
    const CALL: &str = "copyindex(";
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut from = 0;
    let mut changed = false;
    while let Some(found) = lower[from..].find(CALL) {
        let open = from + found + CALL.len();
        from = open;
        let rest = &text[open..];
        let skipped = rest.len() - rest.trim_start().len();
        let quote = open + skipped;
        if !text[quote..].starts_with('\'') {
            continue;
        }
        let start = quote + 1;
        let Some(len) = text[start..].find('\'') else {
            break;
        };
        if same_name(&text[start..start + len], old) {
            out.push_str(&text[last..start]);
            out.push_str(new);
            last = start + len;
            changed = true;
        }
        from = start + len;
    }
    changed.then(|| {
        out.push_str(&text[last..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn copy_index_of_the_loop_is_renamed_in_any_case_and_spacing() {
        assert_eq!(
            rewrite_copy_index(
                "[concat('vm', copyIndex( 'VMCOPY', 1), copyindex('other'))]",
                "vmCopy",
                "x"
            )
            .as_deref(),
            Some("[concat('vm', copyIndex( 'x', 1), copyindex('other'))]")
        );
        assert_eq!(rewrite_copy_index("[copyIndex()]", "vmCopy", "x"), None);
        assert_eq!(
            rewrite_copy_index("[copyIndex('vmCopy2')]", "vmCopy", "x"),
            None
        );
        // Unterminated: left alone.
        assert_eq!(
            rewrite_copy_index("[copyIndex('vmCopy", "vmCopy", "x"),
            None
        );
    }

    #[test]
    fn later_loops_of_a_shared_name_get_stand_ins_and_waits_name_all() {
        let mut template = json!({
            "resources": [
                { "type": "A/b", "name": "[concat('a', copyIndex())]", "copy": { "name": "vmCopy", "count": 2 } },
                { "type": "A/c", "name": "[concat('c', copyIndex('vmcopy'))]", "copy": { "name": "vmcopy", "count": 2 },
                  "properties": { "i": "[copyIndex('VmCopy')]" } },
                { "type": "A/d", "name": "d", "dependsOn": ["x", "VMCOPY"] },
                { "type": "A/e", "name": "[concat('e', copyIndex())]", "copy": { "name": "solo", "count": 2 } },
            ]
        });
        let renamed = rename_shared_loops(&mut template);
        assert_eq!(renamed.len(), 1, "{renamed:?}");
        let (stand_in, written) = &renamed[0];
        assert_eq!(written, "vmcopy");
        assert!(stand_in.starts_with(STAND_IN_PREFIX), "{stand_in}");
        let r = &template["resources"];
        assert_eq!(r[0]["copy"]["name"], "vmCopy");
        assert_eq!(r[1]["copy"]["name"], stand_in.as_str());
        assert_eq!(
            r[1]["name"],
            format!("[concat('c', copyIndex('{stand_in}'))]").as_str()
        );
        assert_eq!(
            r[1]["properties"]["i"],
            format!("[copyIndex('{stand_in}')]").as_str()
        );
        // The written entries keep their places; the other loop follows.
        assert_eq!(r[2]["dependsOn"], json!(["x", "VMCOPY", stand_in]));
        assert_eq!(r[3]["copy"]["name"], "solo");
    }

    #[test]
    fn three_loops_and_a_loop_waiting_for_its_own_name() {
        let mut template = json!({
            "resources": [
                { "type": "A/b", "name": "[concat('b', copyIndex())]", "copy": { "name": "l", "count": 2 } },
                { "type": "A/c", "name": "[concat('c', copyIndex())]", "copy": { "name": "l", "count": 2 },
                  "dependsOn": ["l"] },
                { "type": "A/d", "name": "[concat('d', copyIndex())]", "copy": { "name": "L", "count": 2 } },
                { "type": "A/e", "name": "e", "dependsOn": ["l", "l"] },
            ]
        });
        let renamed = rename_shared_loops(&mut template);
        let names: Vec<&str> = renamed.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1]);
        let r = &template["resources"];
        // A loop's entry naming its own shared name waits for itself: it
        // names the loop's own stand-in, where it was written, and adds no
        // wait for the others (the entry is an error as a whole).
        assert_eq!(r[1]["dependsOn"], json!([names[0]]));
        assert_eq!(r[3]["dependsOn"], json!(["l", "l", names[0], names[1]]));
    }

    /// The resources nested in a renamed loop share it: their reads of it
    /// follow the rename, at any depth, but not in the template of an
    /// `inner`-scope deployment among them (which has loops of its own).
    #[test]
    fn nested_children_of_a_renamed_loop_read_it_by_its_new_name() {
        let mut template = json!({
            "resources": [
                { "type": "A/b", "name": "[concat('a', copyIndex())]", "copy": { "name": "vms", "count": 2 },
                  "resources": [ { "type": "x", "name": "[string(copyIndex('vms'))]" } ] },
                { "type": "A/b", "name": "[concat('b', copyIndex())]", "copy": { "name": "VMS", "count": 2 },
                  "resources": [
                    { "type": "x", "name": "[string(copyIndex('Vms', 1))]",
                      "resources": [ { "type": "y", "name": "[string(copyIndex( 'vms'))]" } ] },
                    { "type": "Microsoft.Resources/deployments", "name": "[concat('d', copyIndex('vms'))]",
                      "properties": { "expressionEvaluationOptions": { "scope": "inner" },
                        "parameters": { "i": { "value": "[copyIndex('vms')]" } },
                        "template": { "resources": [
                          { "type": "z", "name": "[string(copyIndex('vms'))]", "copy": { "name": "vms", "count": 1 } } ] } } },
                    { "type": "Microsoft.Resources/deployments", "name": "outer",
                      "properties": { "template": { "resources": [ { "type": "z", "name": "[string(copyIndex('vms'))]" } ] } } },
                  ] },
            ]
        });
        let renamed = rename_shared_loops(&mut template);
        assert_eq!(renamed.len(), 1, "{renamed:?}");
        let stand_in = &renamed[0].0;
        let r = &template["resources"];
        // The first loop's children keep its name.
        assert_eq!(r[0]["resources"][0]["name"], "[string(copyIndex('vms'))]");
        let children = &r[1]["resources"];
        assert_eq!(
            children[0]["name"],
            format!("[string(copyIndex('{stand_in}', 1))]").as_str()
        );
        assert_eq!(
            children[0]["resources"][0]["name"],
            format!("[string(copyIndex( '{stand_in}'))]").as_str()
        );
        assert_eq!(
            children[1]["name"],
            format!("[concat('d', copyIndex('{stand_in}'))]").as_str()
        );
        assert_eq!(
            children[1]["properties"]["parameters"]["i"]["value"],
            format!("[copyIndex('{stand_in}')]").as_str()
        );
        // The inner template's own loop is its own.
        assert_eq!(
            children[1]["properties"]["template"]["resources"][0]["name"],
            "[string(copyIndex('vms'))]"
        );
        // An `outer` template's expressions are the parent's.
        assert_eq!(
            children[2]["properties"]["template"]["resources"][0]["name"],
            format!("[string(copyIndex('{stand_in}'))]").as_str()
        );
    }

    #[test]
    fn symbolic_name_templates_and_unshared_names_are_left_alone() {
        let shared = json!([
            { "type": "A/b", "name": "[concat('b', copyIndex())]", "copy": { "name": "l", "count": 2 } },
            { "type": "A/c", "name": "[concat('c', copyIndex())]", "copy": { "name": "l", "count": 2 } },
        ]);
        let mut symbolic = json!({ "languageVersion": "2.0", "resources": shared.clone() });
        let before = symbolic.clone();
        assert!(rename_shared_loops(&mut symbolic).is_empty());
        assert_eq!(symbolic, before);
        let mut plain = json!({ "resources": [shared[0].clone()] });
        let before = plain.clone();
        assert!(rename_shared_loops(&mut plain).is_empty());
        assert_eq!(plain, before);
        // Not an array: nothing to do, no panic.
        assert!(rename_shared_loops(&mut json!({ "resources": {} })).is_empty());
    }
}
