//! `cargo bench --bench compile`: how long the compiler takes (parse, resolve,
//! check, emit ARM JSON and Bicep, expand) and how much heap it uses, on every
//! template the examples declare and on generated templates of growing size.
//!
//! Times are the median and 90th percentile of many runs after a warm-up; heap is
//! the peak of bytes allocated and not yet freed during one run, counted by a
//! global allocator wrapper.

use apim_dsl_workspace::template_invocations;
use proc_macro2::TokenStream;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Median and 90th percentile of `runs` compilations, and the heap peak of one.
fn measure(tokens: &TokenStream, runs: usize) -> (Duration, Duration, usize, bool) {
    for _ in 0..runs / 10 + 1 {
        std::hint::black_box(apim_dsl_core::expand(tokens.clone()));
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let input = tokens.clone();
        let start = Instant::now();
        std::hint::black_box(apim_dsl_core::expand(input));
        times.push(start.elapsed());
    }
    times.sort();
    let input = tokens.clone();
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let ok = apim_dsl_core::compile(input).output.is_ok();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    (times[runs / 2], times[runs * 9 / 10], peak, ok)
}

/// A template with `n` user-assigned identities, each granted a role on a vault
/// and read by an output: every stage has work proportional to `n`.
fn generated(n: usize) -> TokenStream {
    let mut source = String::from(
        "pub const GENERATED;\nparam location: string = resourceGroup().location;\n\
         resource vault \"Microsoft.KeyVault/vaults@2023-07-01\" existing { name: \"kv\" }\n",
    );
    for i in 0..n {
        source.push_str(&format!(
            "resource id{i} \"Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31\" {{ name: concat(\"id-\", string({i})), location: location, tags: {{ index: string({i}) }} }}\n\
             grant g{i} {{ principal: id{i}, scope: vault }}\n"
        ));
    }
    let outputs = (0..n.min(60))
        .map(|i| format!("output p{i}: string = id{i}.properties.principalId;\n"))
        .collect::<String>();
    source.push_str(&outputs);
    source.parse().expect("generated template tokenizes")
}

fn row(name: &str, tokens: &TokenStream, runs: usize) {
    let count = tokens.clone().into_iter().map(count_tokens).sum::<usize>();
    let (median, p90, peak, ok) = measure(tokens, runs);
    assert!(ok, "{name} does not compile");
    println!(
        "{name:<34} {count:>7} {:>11.1} {:>11.1} {:>10.1}",
        median.as_secs_f64() * 1e6,
        p90.as_secs_f64() * 1e6,
        peak as f64 / 1024.0
    );
}

fn count_tokens(tree: proc_macro2::TokenTree) -> usize {
    match tree {
        proc_macro2::TokenTree::Group(group) => {
            1 + group.stream().into_iter().map(count_tokens).sum::<usize>()
        }
        _ => 1,
    }
}

fn main() {
    println!(
        "{:<34} {:>7} {:>11} {:>11} {:>10}",
        "template", "tokens", "median µs", "p90 µs", "heap KiB"
    );
    let mut files: Vec<_> = std::fs::read_dir("examples")
        .expect("examples/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for path in files {
        let source = std::fs::read_to_string(&path).expect("readable example");
        for (i, tokens) in template_invocations(&source).into_iter().enumerate() {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            row(&format!("{stem}#{i}"), &tokens, 300);
        }
    }
    for n in [10, 50, 200] {
        row(
            &format!("generated, {n} identities + grants"),
            &generated(n),
            if n > 50 { 20 } else { 100 },
        );
    }
}
