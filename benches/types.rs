//! `cargo bench --bench types`: what the embedded type data costs the compiler.
//! BENCHMARKS.md reads its table.
//!
//! - *first use of a provider*: the first lookup of a type in a process, the
//!   cost the issue budgets at 2 ms (a blob is read in place, nothing is parsed
//!   up front). Each provider is first-used once per process, so this runs the
//!   lookup of one type of each of several providers, each for the first time.
//! - *lookup*: the same lookup again (what every further resource pays).
//! - *walk*: decoding every type reachable from a body, an upper bound of what
//!   checking one resource reads.
//! - *did-you-mean*: a misspelt type against every type name (error path only).
//!
//! Timings are single first uses (they cannot be repeated in one process) and
//! medians of 201 runs for the rest.

use apim_dsl_types::{Type, TypeRef};
use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..201)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn walk(ty: TypeRef, seen: &mut HashSet<TypeRef>) {
    if !seen.insert(ty) {
        return;
    }
    match ty.get() {
        Type::Object(o) => {
            for p in o.properties {
                walk(p.ty, seen);
            }
            if let Some(a) = o.additional {
                walk(a, seen);
            }
        }
        Type::Discriminated(d) => {
            for p in d.base {
                walk(p.ty, seen);
            }
            for (_, e) in d.elements {
                walk(e, seen);
            }
        }
        Type::Array { item, .. } => walk(item, seen),
        Type::Union(members) => members.into_iter().for_each(|m| walk(m, seen)),
        _ => {}
    }
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let cases = [
        ("Microsoft.ApiManagement/service", "2024-05-01"),
        ("Microsoft.Network/virtualNetworks", "2024-05-01"),
        ("Microsoft.KeyVault/vaults", "2023-07-01"),
        ("Microsoft.Insights/components", "2020-02-02"),
        ("Microsoft.Compute/virtualMachines", "2024-07-01"),
    ];
    println!("| type | provider blob | first use | lookup | types under the body | walk |");
    println!("|---|---|---|---|---|---|");
    for (ty, version) in cases {
        let start = Instant::now();
        let entry = black_box(apim_dsl_types::resource(ty, version)).expect("known type");
        let first = start.elapsed();
        let lookup = time(|| apim_dsl_types::resource(ty, version));
        let mut seen = HashSet::new();
        walk(entry.body, &mut seen);
        let reachable = seen.len();
        let walking = time(|| {
            let mut seen = HashSet::new();
            walk(entry.body, &mut seen);
            seen.len()
        });
        let blob = entry.body.provider().len_bytes();
        println!(
            "| `{ty}@{version}` | {} KiB | {} | {} | {reachable} | {} |",
            blob / 1024,
            micros(first),
            micros(lookup),
            micros(walking)
        );
    }
    let suggest = time(|| {
        apim_dsl_types::type_names()
            .filter(|n| n.len().abs_diff("Microsoft.ApiManagement/services".len()) < 3)
            .count()
    });
    println!();
    println!(
        "type names: {}; scanning them for a did-you-mean candidate: {}",
        apim_dsl_types::type_names().count(),
        micros(suggest)
    );
    let total: usize = apim_dsl_types::providers()
        .iter()
        .map(|p| p.len_bytes())
        .sum();
    println!(
        "providers: {}; data: {:.1} MiB",
        apim_dsl_types::providers().len(),
        total as f64 / 1024.0 / 1024.0
    );
}
