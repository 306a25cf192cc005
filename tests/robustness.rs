//! The compiler never panics: it is fed every UI fail case and thousands of
//! mutated versions of the seed declarations (tokens dropped, duplicated or
//! swapped, at every depth) and must answer each with errors or valid JSON.

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

use apim_dsl_core::compile;
use apim_dsl_workspace::agreement::compare;
use apim_dsl_workspace::template_invocations as invocations;
use proc_macro2::{Group, TokenStream, TokenTree};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs the compiler, turning a panic into a test failure that shows the input.
fn compile_safely(input: TokenStream) -> Result<(String, String), usize> {
    let text = input.to_string();
    let outcome = catch_unwind(AssertUnwindSafe(|| compile(input).output));
    match outcome {
        Ok(Ok(output)) => Ok((output.arm, output.bicep)),
        Ok(Err(errors)) => Err(errors.len()),
        Err(_) => panic!("the compiler panicked on:\n{text}"),
    }
}

#[test]
fn every_fail_case_is_answered_with_errors() {
    let mut cases = 0;
    for entry in std::fs::read_dir("tests/ui/fail").expect("the UI cases") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable");
        let stderr = std::fs::read_to_string(path.with_extension("stderr")).expect("a snapshot");
        // Bicep's `'text'` does not even lex as Rust: rustc reports it before the
        // macro runs (and the macro then adds the DSL's way).
        if source.parse::<proc_macro2::TokenStream>().is_err() {
            assert!(
                stderr.starts_with("error: character literal may only contain one codepoint"),
                "{}: does not lex, and rustc does not say why first",
                path.display()
            );
            cases += 1;
            continue;
        }
        let errors: usize = invocations(&source)
            .into_iter()
            .map(|body| compile_safely(body).err().unwrap_or(0))
            .sum();
        // Module and path errors come from rustc (const evaluation, name
        // resolution), not from this compiler: `error[E...]` in the snapshot. A
        // lint is a warning the case denies: the template itself compiles.
        if stderr.starts_with("error[E") || stderr.contains("use of deprecated unit struct") {
            assert_eq!(errors, 0, "{}: rustc reports this one", path.display());
        } else {
            assert!(
                errors > 0,
                "{}: the compiler found no error",
                path.display()
            );
        }
        cases += 1;
    }
    assert!(cases >= 60, "only {cases} fail cases");
}

#[derive(Clone, Copy, Debug)]
enum Mutation {
    Drop,
    Duplicate,
    Swap,
}

/// Applies `mutation` at a random position of a random group (any depth).
fn mutate(tokens: TokenStream, mutation: Mutation, rng: &mut Rng, depth: usize) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if trees.is_empty() {
        return TokenStream::new();
    }
    let groups: Vec<usize> = (0..trees.len())
        .filter(|i| matches!(trees[*i], TokenTree::Group(_)))
        .collect();
    // Descend into a group about half of the time, deeper with lower probability.
    if !groups.is_empty() && rng.below(2 + depth) == 0 {
        let at = groups[rng.below(groups.len())];
        if let TokenTree::Group(group) = &trees[at] {
            let inner = mutate(group.stream(), mutation, rng, depth + 1);
            let mut replaced = Group::new(group.delimiter(), inner);
            replaced.set_span(group.span());
            trees[at] = TokenTree::Group(replaced);
        }
        return trees.into_iter().collect();
    }
    let at = rng.below(trees.len());
    match mutation {
        Mutation::Drop => {
            trees.remove(at);
        }
        Mutation::Duplicate => {
            let copy = trees[at].clone();
            trees.insert(at, copy);
        }
        Mutation::Swap => {
            let other = rng.below(trees.len());
            trees.swap(at, other);
        }
    }
    trees.into_iter().collect()
}

#[test]
fn thousands_of_mutated_seed_declarations_never_panic() {
    let seed = std::fs::read_to_string("examples/seed.rs").expect("the seed example");
    let originals = invocations(&seed);
    assert_eq!(originals.len(), 2);
    let mut rng = Rng(0x5EED_0A9D_1C0D_E5A1);
    let (mut rejected, mut accepted, mut unchanged) = (0, 0, 0);
    for round in 0..3000 {
        let original = &originals[round % originals.len()];
        let mutation = [Mutation::Drop, Mutation::Duplicate, Mutation::Swap][round % 3];
        let mut mutant = mutate(original.clone(), mutation, &mut rng, 0);
        // A second mutation now and then, for combinations.
        if round % 5 == 0 {
            mutant = mutate(mutant, Mutation::Drop, &mut rng, 0);
        }
        if mutant.to_string() == original.to_string() {
            unchanged += 1;
            continue;
        }
        match compile_safely(mutant) {
            Err(_) => rejected += 1,
            Ok((json, bicep)) => {
                let value: serde_json::Value =
                    serde_json::from_str(&json).expect("accepted input gives valid JSON");
                assert!(value["resources"].is_array());
                // What still compiles says the same in Bicep as in ARM.
                let report = compare(&json, &bicep);
                assert!(
                    report.problems.is_empty(),
                    "{:#?}\n{bicep}",
                    report.problems
                );
                accepted += 1;
            }
        }
    }
    // Most mutations break the declarations; the few that do not (swapping two
    // parameters, duplicating a trailing comma) must still give a template.
    assert!(
        rejected > 2000,
        "rejected {rejected}, accepted {accepted}, unchanged {unchanged}"
    );
    println!("rejected {rejected}, accepted {accepted}, unchanged {unchanged}");
}
