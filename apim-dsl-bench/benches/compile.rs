//! `cargo bench -p apim-dsl-bench --bench compile`: how long the macro's entry point takes against
//! the lexing floor, where its time goes, how it grows with the template, and how
//! it reports a template past ARM's limits. BENCHMARKS.md reads its tables.
//!
//! Timings are CPU time of the benchmark's thread (see [`Instant`]), medians of
//! alternating runs: in every round each contender runs
//! once, in turn, so that noise from other work on the machine falls on all of
//! them alike. Heap is the peak of bytes allocated and not yet freed during one
//! `compile`, counted by a global allocator wrapper that counts only then.
//!
//! The benchmark is a package of its own so that the compiler is built as the
//! macro gets it: the root package's tests turn on proc-macro2's
//! `span-locations`, which the macro never has (it makes lexing 20 to 33 %
//! slower and the compiler 7 to 10 %), and cargo unifies features within one
//! build.
//!
//! `cargo bench -p apim-dsl-bench --bench compile -- NAME` runs only the tables whose title
//! contains NAME (`floor`, `stages`, `size`, `limits`, `cli`, `passes`).
//! `cargo bench -p apim-dsl-bench --bench compile -- repeat N K` expands the generated template of
//! `N` resources (or the example named `N`, e.g. `seed#0`) `K` times and prints
//! only the total, for a profiler: `cargo bench --profile dev -p apim-dsl-bench --bench compile
//! --no-run` prints the path of the (unoptimized) benchmark binary, and
//! `perf record -g PATH repeat 20000 2` profiles it.
//! `-- expansion CRATE IN FULL BARE` writes a file's `template!` invocations expanded
//! (see [`expansion`]), for `benches/crates.sh`.

use apim_dsl_core::{Compilation, Output, check, diag, emit, expand, parse, resolve, typed};
use proc_macro2::TokenStream;
use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
// jemalloc on Linux, as inside rustc; the system allocator elsewhere.
#[cfg(not(target_os = "linux"))]
use std::alloc::System as Jemalloc;
#[cfg(target_os = "linux")]
use tikv_jemallocator::Jemalloc;

/// Counts live heap bytes and their peak while `COUNTING` is set, over
/// jemalloc: the allocator a proc macro gets inside rustc. rustc's Linux
/// builds define `malloc` and `free` themselves, with jemalloc (`nm -D` of the
/// `rustc` binary lists `T malloc`), and a proc macro's `System` allocator
/// calls them. glibc's malloc, which this benchmark used before, gave large
/// blocks back to the system after each run and grew slower per allocation as
/// the heap grew, which is not what the macro sees. (Elsewhere than on Linux
/// the benchmark counts over the system allocator.)
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
// Signed: the compilation frees the input's tokens, allocated before counting
// started, which takes the count below zero (an unsigned count wrapped there).
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to jemalloc.
        let ptr = unsafe { Jemalloc.alloc(layout) };
        if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { Jemalloc.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak heap of one compilation, in bytes: the most it held beyond what was
/// live when it started (freeing the input's tokens, allocated before, lowers
/// the running count below zero; the peak starts at zero).
fn heap(case: &Case) -> usize {
    let input = case.fresh();
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let compilation = apim_dsl_core::compile(input);
    COUNTING.store(false, Ordering::Relaxed);
    drop(compilation);
    PEAK.load(Ordering::Relaxed) as usize
}

/// A point in this thread's CPU time. Other engineers' builds share the two
/// cores: wall-clock runs of a few milliseconds were often stretched by waiting
/// for a core (runs of microseconds seldom are), which inflated the large
/// templates' figures. CPU time leaves those waits out.
#[derive(Clone, Copy)]
struct Instant(std::time::Duration);

impl Instant {
    #[cfg(target_os = "linux")]
    fn now() -> Self {
        #[repr(C)]
        struct Timespec {
            tv_sec: i64,
            tv_nsec: i64,
        }
        unsafe extern "C" {
            fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut time = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `time` is a valid, writable timespec.
        unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) };
        Instant(std::time::Duration::new(
            time.tv_sec as u64,
            time.tv_nsec as u32,
        ))
    }

    #[cfg(not(target_os = "linux"))]
    fn now() -> Self {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        Instant(START.get_or_init(std::time::Instant::now).elapsed())
    }
}

/// What the kernel did for this thread so far: minor page faults (new pages
/// of memory, 4 KiB each) and system CPU time in µs (`getrusage` with
/// `RUSAGE_THREAD`, Linux only; zero elsewhere).
struct ThreadUsage {
    minor_faults: i64,
    system_micros: f64,
}

impl ThreadUsage {
    #[cfg(target_os = "linux")]
    fn now() -> Self {
        // `struct rusage` of Linux on 64-bit targets: two timevals, then
        // fourteen longs, of which `ru_minflt` is the fifth.
        #[repr(C)]
        struct Rusage {
            user: [i64; 2],
            system: [i64; 2],
            longs: [i64; 14],
        }
        unsafe extern "C" {
            fn getrusage(who: i32, usage: *mut Rusage) -> i32;
        }
        const RUSAGE_THREAD: i32 = 1;
        let mut usage = Rusage {
            user: [0; 2],
            system: [0; 2],
            longs: [0; 14],
        };
        // SAFETY: `usage` is a valid, writable `struct rusage`.
        unsafe { getrusage(RUSAGE_THREAD, &mut usage) };
        ThreadUsage {
            minor_faults: usage.longs[4],
            system_micros: usage.system[0] as f64 * 1e6 + usage.system[1] as f64,
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn now() -> Self {
        ThreadUsage {
            minor_faults: 0,
            system_micros: 0.0,
        }
    }
}

/// Microseconds since `start`.
fn micros(start: Instant) -> f64 {
    (Instant::now().0.saturating_sub(start.0)).as_secs_f64() * 1e6
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs each contender once per round, in turn, after one warm-up round, and
/// gives each one's median.
fn alternate(rounds: usize, contenders: &mut [&mut dyn FnMut() -> f64]) -> Vec<f64> {
    alternate_samples(rounds, contenders)
        .into_iter()
        .map(median)
        .collect()
}

/// [`alternate_samples`] of `run` on each of `items` (the contenders).
fn alternate_over<T>(rounds: usize, items: &[T], run: impl Fn(&T) -> f64) -> Vec<Vec<f64>> {
    let mut runs: Vec<_> = items.iter().map(|item| || run(item)).collect();
    let mut contenders: Vec<&mut dyn FnMut() -> f64> = runs
        .iter_mut()
        .map(|run| run as &mut dyn FnMut() -> f64)
        .collect();
    alternate_samples(rounds, &mut contenders)
}

/// What [`alternate`] takes the medians of: each contender's time in each
/// round, in round order.
fn alternate_samples(rounds: usize, contenders: &mut [&mut dyn FnMut() -> f64]) -> Vec<Vec<f64>> {
    let mut samples = vec![Vec::new(); contenders.len()];
    for round in 0..=rounds {
        for (run, samples) in contenders.iter_mut().zip(&mut samples) {
            let time = run();
            if round > 0 {
                samples.push(time);
            }
        }
    }
    samples
}

/// One template: its source text, what rustc lexes before calling the macro.
struct Case {
    name: String,
    text: String,
}

impl Case {
    fn new(name: String, text: String) -> Self {
        Case { name, text }
    }

    /// The tokens as the macro receives them: its own, shared with no one. (A
    /// clone of `tokens` shares them, and parsing would first copy every token,
    /// a cost the macro does not have.)
    fn fresh(&self) -> TokenStream {
        self.text.parse().expect("the template tokenizes")
    }

    /// Enough rounds for a stable median without making `cargo bench` slow.
    fn rounds(&self) -> usize {
        (200_000 / self.text.len().max(1)).clamp(11, 400)
    }
}

/// The body of every `template! { ... }` in `source`, as written.
fn invocation_bodies(source: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("template! {") {
        let body = &rest[at + "template! {".len()..];
        let end = closing_brace(body).unwrap_or(body.len());
        bodies.push(body[..end].to_string());
        rest = &body[end..];
    }
    bodies
}

/// Where the brace that closes an already open one is, skipping string
/// literals and comments.
fn closing_brace(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (1usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Every template the examples declare.
fn example_cases() -> Vec<Case> {
    let mut files: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"))
        .expect("examples/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).expect("readable example");
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (i, body) in invocation_bodies(&source).into_iter().enumerate() {
            cases.push(Case::new(format!("{stem}#{i}"), body));
        }
    }
    cases
}

/// A template of `resources` deployed resources: user-assigned identities, each
/// granted a role on a vault (the grant is a role assignment), the first 60 read
/// by outputs. Every stage has work proportional to the count.
fn generated(resources: usize) -> Case {
    let mut text = String::from(
        "pub const GENERATED;\nparam location: string = resourceGroup().location;\n\
         resource vault \"Microsoft.KeyVault/vaults@2023-07-01\" existing { name: \"kv\" }\n",
    );
    let pairs = resources / 2;
    for i in 0..pairs {
        text.push_str(&format!(
            "resource id{i} \"Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31\" {{ name: concat(\"id-\", string({i})), location: location, tags: {{ index: string({i}) }} }}\n\
             grant g{i} {{ principal: id{i}, scope: vault }}\n"
        ));
    }
    for i in 0..pairs.min(60) {
        text.push_str(&format!(
            "output p{i}: string = id{i}.properties.principalId;\n"
        ));
    }
    Case::new(format!("generated, {resources} resources"), text)
}

/// The floor: lexing the text as rustc would hand it over, `syn::parse_str` of
/// the invocation, the compiler, and the macro's entry point.
fn floor(cases: &[Case]) {
    println!(
        "\n## floor (µs)\n{:<28} {:>7} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>8}",
        "template",
        "bytes",
        "lex",
        "syn",
        "compile",
        "expand",
        "exp/lex",
        "exp/syn",
        "lex out",
        "out/lex"
    );
    for case in cases {
        let invocation = format!("apim_dsl::template! {{{}}}", case.text);
        // The expansion's own text: lexing it costs what making its tokens
        // costs at the lexer's rate, part of any `expand`.
        let expansion = apim_dsl_core::expand(case.fresh()).to_string();
        let mut lex_out = || {
            let start = Instant::now();
            black_box(expansion.parse::<TokenStream>().ok());
            micros(start)
        };
        let mut lex = || {
            let start = Instant::now();
            black_box(case.text.parse::<TokenStream>().ok());
            micros(start)
        };
        let mut syn = || {
            let start = Instant::now();
            black_box(syn::parse_str::<syn::Macro>(&invocation).ok());
            micros(start)
        };
        let mut compile = || {
            let input = case.fresh();
            let start = Instant::now();
            black_box(apim_dsl_core::compile(input));
            micros(start)
        };
        let mut expand = || {
            let input = case.fresh();
            let start = Instant::now();
            black_box(apim_dsl_core::expand(input));
            micros(start)
        };
        let m = alternate(
            case.rounds(),
            &mut [&mut lex, &mut syn, &mut compile, &mut expand, &mut lex_out],
        );
        println!(
            "{:<28} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>8.2} {:>8.2} {:>9.1} {:>8.2}",
            case.name,
            case.text.len(),
            m[0],
            m[1],
            m[2],
            m[3],
            m[3] / m[0],
            m[3] / m[1],
            m[4],
            m[4] / m[0]
        );
    }
}

/// Microseconds of each stage of one expansion, in the order `compile` and
/// `expand` run them.
fn stage_times(case: &Case) -> [f64; 7] {
    let Front {
        header,
        params,
        template,
        mut diags,
        times: [t_parse, t_resolve, t_check],
    } = front(case);
    let warnings = diags.take_warnings();
    assert!(diags.is_empty(), "the template has errors");
    let start = Instant::now();
    let arm = emit::arm::arm_json(&template);
    let t_arm = micros(start);
    let start = Instant::now();
    let bicep = emit::bicep::bicep(&template);
    let t_bicep = micros(start);
    let files = template.files.clone();
    let compilation = Compilation {
        header,
        params,
        files,
        output: Ok(Output {
            template,
            arm,
            bicep,
            warnings,
        }),
    };
    let start = Instant::now();
    black_box(expand::expansion(compilation));
    let t_quote = micros(start);
    let total = t_parse + t_resolve + t_check + t_arm + t_bicep + t_quote;
    [t_parse, t_resolve, t_check, t_arm, t_bicep, t_quote, total]
}

/// Where `expand`'s time goes.
fn stages(cases: &[Case]) {
    println!(
        "\n## stages (µs, median per stage)\n{:<28} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "template", "parse", "resolve", "checks", "arm", "bicep", "quote", "sum"
    );
    for case in cases {
        let rounds = case.rounds();
        let mut samples = vec![Vec::new(); 7];
        for round in 0..=rounds {
            let times = stage_times(case);
            if round > 0 {
                for (samples, time) in samples.iter_mut().zip(times) {
                    samples.push(time);
                }
            }
        }
        let m: Vec<f64> = samples.into_iter().map(median).collect();
        println!(
            "{:<28} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            case.name, m[0], m[1], m[2], m[3], m[4], m[5], m[6]
        );
    }
}

/// How time and heap grow with the number of resources, up to ARM's 800.
fn size() {
    println!(
        "\n## size (expand)\n{:<28} {:>9} {:>10} {:>10} {:>10} {:>10}",
        "template", "lex µs", "expand µs", "µs/res", "heap KiB", "KiB/res"
    );
    for resources in [100, 200, 400, 800] {
        let case = generated(resources);
        let mut lex = || {
            let start = Instant::now();
            black_box(case.text.parse::<TokenStream>().ok());
            micros(start)
        };
        let mut expand = || {
            let input = case.fresh();
            let start = Instant::now();
            black_box(apim_dsl_core::expand(input));
            micros(start)
        };
        let m = alternate(case.rounds(), &mut [&mut lex, &mut expand]);
        let heap = heap(&case) as f64 / 1024.0;
        println!(
            "{:<28} {:>9.1} {:>10.1} {:>10.2} {:>10.1} {:>10.2}",
            case.name,
            m[0],
            m[1],
            m[1] / resources as f64,
            heap,
            heap / resources as f64
        );
    }
}

/// Past ARM's limit: the time to report "too many resources" at 1,000, 5,000 and
/// 20,000 resources, in alternation (target: 20,000 at most 20 times 1,000).
fn limits() {
    println!(
        "\n## limits (expand, reporting too many resources)\n{:<28} {:>11} {:>10} {:>8} {:>10}",
        "template", "expand ms", "µs/res", "faults", "system ms"
    );
    let sizes = [1_000, 5_000, 20_000];
    let cases: Vec<Case> = sizes.iter().map(|n| generated(*n)).collect();
    for case in &cases {
        let expanded = apim_dsl_core::expand(case.fresh()).to_string();
        assert!(
            expanded.contains("too many resources"),
            "{} is not over the limit",
            case.name
        );
    }
    // The kernel's share of each expansion: new pages the allocator had to
    // ask for (minor page faults) and the system time they took.
    let kernel: Vec<std::cell::RefCell<Vec<(f64, f64)>>> =
        cases.iter().map(|_| Default::default()).collect();
    let samples = alternate_over(11, &cases, |case| {
        let input = case.fresh();
        let before = ThreadUsage::now();
        let start = Instant::now();
        black_box(apim_dsl_core::expand(input));
        let time = micros(start);
        let after = ThreadUsage::now();
        let at = cases.iter().position(|c| c.name == case.name).unwrap_or(0);
        kernel[at].borrow_mut().push((
            (after.minor_faults - before.minor_faults) as f64,
            after.system_micros - before.system_micros,
        ));
        time
    });
    let m: Vec<f64> = samples.iter().cloned().map(median).collect();
    for (((case, resources), time), kernel) in cases.iter().zip(sizes).zip(&m).zip(&kernel) {
        let kernel = kernel.borrow();
        let faults = median(kernel.iter().map(|k| k.0).collect());
        let system = median(kernel.iter().map(|k| k.1).collect());
        println!(
            "{:<28} {:>11.1} {:>10.2} {:>8.0} {:>10.1}",
            case.name,
            time / 1e3,
            time / resources as f64,
            faults,
            system / 1e3
        );
    }
    if let [small, .., large] = m[..] {
        println!(
            "20,000 / 1,000: {:.2} times (target: at most 20)",
            large / small
        );
    }
    // The same ratio taken within each round (the two sizes run one after
    // the other, so that a slow spell of the machine falls on both): its
    // median and range show how far one run's figure can be trusted.
    if let [small, .., large] = &samples[..] {
        let mut ratios: Vec<f64> = large.iter().zip(small).map(|(l, s)| l / s).collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "  within each round: median {:.2}, from {:.2} to {:.2} in {} rounds",
            median(ratios.clone()),
            ratios.first().copied().unwrap_or(f64::NAN),
            ratios.last().copied().unwrap_or(f64::NAN),
            ratios.len()
        );
    }
    println!();
    println!(
        "one empty walk over every expression, and the same nodes read from a flat list\n{:<28} {:>8} {:>10} {:>11} {:>11}",
        "template", "nodes", "walk ms", "walk ns/n", "list ns/n"
    );
    for case in &cases {
        let (walk, list, nodes) = empty_walk(case);
        println!(
            "{:<28} {:>8} {:>10.2} {:>11.1} {:>11.1}",
            case.name,
            nodes,
            walk / 1e3,
            walk * 1e3 / nodes as f64,
            list * 1e3 / nodes as f64
        );
    }
    println!(
        "\nper stage, µs per resource (medians of 3; a template with errors is not emitted)\n{:<28} {:>8} {:>8} {:>8} {:>8}",
        "template", "parse", "resolve", "checks", "drop"
    );
    for (case, resources) in cases.iter().zip(sizes) {
        let runs: Vec<[f64; 4]> = (0..3).map(|_| error_stage_times(case)).collect();
        let stage = |i: usize| median(runs.iter().map(|r| r[i]).collect()) / resources as f64;
        println!(
            "{:<28} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
            case.name,
            stage(0),
            stage(1),
            stage(2),
            stage(3)
        );
    }
}

/// One walk over every expression of the resolved template, doing nothing at
/// each node but reading its kind, and the same reads over a flat list of the
/// nodes, in the same order, collected beforehand: what each of the checks'
/// walks costs before it does any work, and how much of that is following
/// pointers from node to node. CPU µs of the medians of 5 runs of each, and
/// the number of nodes.
fn empty_walk(case: &Case) -> (f64, f64, usize) {
    let Front { template, .. } = front(case);
    let exprs = apim_dsl_core::graph::template_exprs(&template);
    let mut flat = Vec::new();
    for expr in &exprs {
        apim_dsl_core::ir::walk(expr, &mut |node| flat.push(node));
    }
    let walk = (0..5)
        .map(|_| {
            let start = Instant::now();
            for expr in &exprs {
                apim_dsl_core::ir::walk(expr, &mut |node| {
                    black_box(std::mem::discriminant(&node.kind));
                });
            }
            micros(start)
        })
        .collect();
    let list = (0..5)
        .map(|_| {
            let start = Instant::now();
            for node in &flat {
                black_box(std::mem::discriminant(&node.kind));
            }
            micros(start)
        })
        .collect();
    (median(walk), median(list), flat.len())
}

/// What every template goes through, timed (CPU µs): parsing, resolution
/// (with dropping the syntax tree, as `compile` does) and the checks.
struct Front {
    header: Option<apim_dsl_core::ast::Header>,
    params: Vec<typed::TypedParam>,
    template: apim_dsl_core::ir::Template,
    diags: diag::Diagnostics,
    times: [f64; 3],
}

fn front(case: &Case) -> Front {
    let input = case.fresh();
    let start = Instant::now();
    let parsed = parse::parse_template(input);
    let t_parse = micros(start);
    let header = parsed.template.as_ref().map(|t| t.header.clone());
    let params = parsed
        .template
        .as_ref()
        .map(typed::collect)
        .unwrap_or_default();
    let ast = parsed.template.expect("the template parses");
    let mut diags = diag::Diagnostics::new();
    let start = Instant::now();
    let template = resolve::resolve(ast, &mut diags);
    let t_resolve = micros(start);
    let start = Instant::now();
    check::check(&template, &mut diags);
    let t_check = micros(start);
    Front {
        header,
        params,
        template,
        diags,
        times: [t_parse, t_resolve, t_check],
    }
}

/// The stages a template with errors goes through (CPU µs): those of
/// [`front`], and dropping the resolved template.
fn error_stage_times(case: &Case) -> [f64; 4] {
    let Front {
        template,
        diags,
        times: [t_parse, t_resolve, t_check],
        ..
    } = front(case);
    assert!(!diags.is_empty(), "{} is not over the limit", case.name);
    let start = Instant::now();
    drop(template);
    [t_parse, t_resolve, t_check, micros(start)]
}

/// `-- repeat N K`: expands the generated template of `N` resources (or the
/// example template named `N`, e.g. `seed#0`) `K` times and prints nothing
/// else, for a profiler (`perf record`).
fn repeat(args: &[String]) {
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let case = match args.first().filter(|a| a.parse::<usize>().is_err()) {
        Some(name) => example_cases()
            .into_iter()
            .find(|case| case.name == *name)
            .unwrap_or_else(|| panic!("no example template {name}")),
        None => generated(number(0, 1_000)),
    };
    let start = Instant::now();
    for _ in 0..number(1, 10) {
        black_box(apim_dsl_core::expand(case.fresh()));
    }
    println!("{}: {:.1} ms", case.name, micros(start) / 1e3);
}

/// `-- expansion CRATE IN FULL BARE`: writes the Rust file `IN` twice with each
/// `apim_dsl::template! { ... }` (at the start of a line, closed by a `}` alone
/// on its line) replaced by its expansion: in `FULL` whole, in `BARE` without
/// the typed parameters' items (`__parameters!` and `__allowed!`). Built as
/// crates, they split a rebuild's time between running the macro, compiling the
/// typed parameters and the rest (`benches/crates.sh`). The expansion reads
/// `CRATE/Cargo.toml` as the macro reads the declaring crate's (`cargo bench`
/// sets `CARGO_MANIFEST_DIR` to this repository's).
fn expansion(args: &[String]) {
    let [manifest_dir, input, full, bare] = args else {
        panic!("usage: expansion CRATE IN FULL BARE");
    };
    // SAFETY: the benchmark has one thread at this point; nothing reads the
    // environment concurrently.
    unsafe { std::env::set_var("CARGO_MANIFEST_DIR", manifest_dir) };
    let source = std::fs::read_to_string(input).expect("IN is readable");
    const OPEN: &str = "apim_dsl::template! {";
    let (mut whole, mut without) = (String::new(), String::new());
    let mut rest = source.as_str();
    while let Some(at) = rest
        .find(OPEN)
        .filter(|at| *at == 0 || rest[..*at].ends_with('\n'))
    {
        let body = at + OPEN.len();
        let end = body
            + rest[body..]
                .find("\n}\n")
                .expect("a `}` alone closes the invocation");
        let tokens: TokenStream = rest[body..end].parse().expect("the invocation lexes");
        let expanded = apim_dsl_core::expand(tokens);
        for (out, tokens) in [
            (&mut whole, expanded.clone()),
            (&mut without, without_typed_items(expanded)),
        ] {
            out.push_str(&rest[..at]);
            out.push_str(&tokens.to_string());
            out.push('\n');
        }
        rest = &rest[end + 3..];
    }
    for (path, mut text) in [(full, whole), (bare, without)] {
        text.push_str(rest);
        std::fs::write(path, text).expect("the output is writable");
    }
}

/// The expansion without `::apim_dsl::__parameters! { ... }` and
/// `::apim_dsl::__allowed! { ... }`.
fn without_typed_items(expansion: TokenStream) -> TokenStream {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = expansion.into_iter().collect();
    let text: Vec<String> = trees.iter().map(ToString::to_string).collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        let head = text.get(i..i + 7).map(|t| t.join(" "));
        if head.as_deref() == Some(": : apim_dsl : : __parameters !")
            || head.as_deref() == Some(": : apim_dsl : : __allowed !")
        {
            i += 8; // the seven tokens and the braced group
            continue;
        }
        kept.push(trees[i].clone());
        i += 1;
    }
    kept.into_iter().collect()
}

fn main() {
    // `cargo bench` adds `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if let Some(at) = args.iter().position(|a| a == "repeat") {
        repeat(&args[at + 1..]);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "expansion") {
        expansion(&args[at + 1..]);
        return;
    }
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let wanted = |table: &str| table.contains(&filter);
    let mut cases = example_cases();
    cases.push(generated(400));
    if wanted("floor") {
        floor(&cases);
    }
    if wanted("stages") {
        stages(&cases);
    }
    if wanted("size") {
        size();
    }
    if wanted("limits") {
        limits();
    }
    if wanted("cli") {
        cli();
    }
    if wanted("passes") {
        passes(&cases);
    }
}

/// Each check of `check::PASSES` on its own, run again and again on one
/// resolved template (CPU µs, medians): on two example templates, and per
/// resource on generated templates of 1,000 and 20,000 resources, whose ratio
/// says which passes grow per resource past the cache (target 4).
fn passes(cases: &[Case]) {
    let examples: Vec<&Case> = ["seed#1", "apim_estate#0"]
        .iter()
        .filter_map(|name| cases.iter().find(|c| c.name == *name))
        .collect();
    let generated: Vec<(Case, usize)> = [1_000, 20_000].map(|n| (generated(n), n)).into();
    let mut columns: Vec<(&Case, f64, usize)> = examples.iter().map(|c| (*c, 1.0, 9)).collect();
    columns.extend(
        generated
            .iter()
            .map(|(c, n)| (c, *n as f64, if *n > 5_000 { 3 } else { 9 })),
    );
    let times: Vec<Vec<f64>> = columns
        .iter()
        .map(|(case, per, rounds)| {
            let Front { template, .. } = front(case);
            let nodes = apim_dsl_core::graph::template_nodes(&template);
            let mut samples = vec![Vec::new(); check::PASSES.len()];
            for _ in 0..*rounds {
                for ((_, pass), samples) in check::PASSES.iter().zip(&mut samples) {
                    let mut diags = diag::Diagnostics::new();
                    let start = Instant::now();
                    pass(&template, &nodes, &mut diags);
                    samples.push(micros(start) / per);
                    black_box(diags);
                }
            }
            samples.into_iter().map(median).collect()
        })
        .collect();
    println!(
        "\n## passes (CPU µs per template; per resource for the generated ones)\n{:<36} {:>9} {:>13} {:>10} {:>10} {:>7}",
        "pass", "seed#1", "apim_estate#0", "1,000/res", "20,000/res", "growth"
    );
    for (i, (name, _)) in check::PASSES.iter().enumerate() {
        let [a, b, small, large] = [0, 1, 2, 3].map(|c| times.get(c).map_or(f64::NAN, |t| t[i]));
        println!(
            "{name:<36} {a:>9.1} {b:>13.1} {small:>10.3} {large:>10.3} {:>7.2}",
            large / small
        );
    }
    let total = |c: usize| times.get(c).map_or(f64::NAN, |t| t.iter().sum::<f64>());
    println!(
        "{:<36} {:>9.1} {:>13.1} {:>10.3} {:>10.3} {:>7.2}",
        "sum",
        total(0),
        total(1),
        total(2),
        total(3),
        total(3) / total(2)
    );
}

/// A value for each parameter without a default: its first allowed value,
/// else one of its type long enough for its `minLength`.
fn stand_in_parameters(template: &serde_json::Value) -> serde_json::Value {
    use serde_json::{Value, json};
    let mut values = serde_json::Map::new();
    for (name, declared) in template["parameters"].as_object().into_iter().flatten() {
        if declared.get("defaultValue").is_some() {
            continue;
        }
        let value = match declared["allowedValues"].get(0) {
            Some(first) => first.clone(),
            None => match declared["type"]
                .as_str()
                .unwrap_or("string")
                .to_ascii_lowercase()
                .as_str()
            {
                "int" => json!(declared["minValue"].as_i64().unwrap_or(1)),
                "bool" => json!(true),
                "array" => json!([]),
                "object" | "secureobject" => json!({}),
                _ => {
                    let length = declared["minLength"].as_u64().unwrap_or(1).max(1) as usize;
                    Value::String("x".repeat(length))
                }
            },
        };
        values.insert(name.clone(), json!({ "value": value }));
    }
    json!({ "parameters": values })
}

/// What the CLI's commands spend on an ARM template once it is read (CPU ms,
/// medians of alternating runs): `import` (the DSL source, proved by
/// compiling it back and comparing), `check`, and `snapshot` with the
/// template's parameters file. Corpus templates of `tests/arm-corpus/valid`.
fn cli() {
    use apim_dsl_core::arm::import::Options;
    use apim_dsl_core::arm::import::verify::{check_template, import_checked};
    use apim_dsl_core::eval::{Context, snapshot};
    println!(
        "\n## cli (ms, what each command does after reading the file)\n{:<44} {:>7} {:>9} {:>9} {:>9}",
        "template", "bytes", "import", "check", "snapshot"
    );
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/arm-corpus/valid");
    for name in [
        "apim-estate-keyvault-vnet-monitoring",
        "apim-products-product-policies",
        "keyvault-rbac-role-assignments",
    ] {
        let read = |file: String| std::fs::read_to_string(format!("{corpus}/{file}")).ok();
        let text = read(format!("{name}.json")).expect("the corpus template");
        let template: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let parameters = read(format!("{name}.parameters.json")).map_or_else(
            || stand_in_parameters(&template),
            |p| serde_json::from_str(&p).expect("JSON"),
        );
        assert!(
            snapshot(&template, &parameters, &Context::default()).is_ok(),
            "{name} does not snapshot"
        );
        let context = Context::default();
        let options = Options::default();
        let mut import = || {
            let start = Instant::now();
            black_box(import_checked(&template, &options).is_ok());
            micros(start)
        };
        let mut check = || {
            let start = Instant::now();
            black_box(check_template(&template));
            micros(start)
        };
        let mut snap = || {
            let start = Instant::now();
            black_box(snapshot(&template, &parameters, &context).is_ok());
            micros(start)
        };
        let m = alternate(15, &mut [&mut import, &mut check, &mut snap]);
        println!(
            "{:<44} {:>7} {:>9.2} {:>9.2} {:>9.2}",
            name,
            text.len(),
            m[0] / 1e3,
            m[1] / 1e3,
            m[2] / 1e3
        );
    }
    cli_growth();
}

/// `check` and `snapshot` of ARM templates past ARM's limits, whose cost per
/// resource must not grow: `n` looped virtual networks, each with a subnet
/// nested in it that waits for its own network by `resourceId` (as the
/// quickstart templates write it), and a network security group per network
/// waiting for it by name, every loop named alike but numbered (a reviewer's
/// shape that was quadratic in `check`: the `dependsOn` matching and the
/// import's fresh names; and in `snapshot`: its `dependsOn` resolution).
fn cli_growth() {
    use apim_dsl_core::arm::import::verify::check_template;
    use apim_dsl_core::eval::{Context, snapshot};
    println!(
        "\n`check` and `snapshot` past ARM's limits (ms)\n{:<44} {:>9} {:>10} {:>9} {:>10}",
        "template", "check", "µs/res", "snapshot", "µs/res"
    );
    let sizes = [1_000usize, 4_000];
    let templates: Vec<serde_json::Value> = sizes.iter().map(|n| arm_growth(*n)).collect();
    let median_of = |run: &dyn Fn(&serde_json::Value) -> f64| -> Vec<f64> {
        alternate_over(5, &templates, run)
            .into_iter()
            .map(median)
            .collect()
    };
    let check = median_of(&|template| {
        let start = Instant::now();
        black_box(check_template(template));
        micros(start)
    });
    let context = Context::default();
    let parameters = serde_json::json!({});
    let snap = median_of(&|template| {
        let start = Instant::now();
        let out = snapshot(template, &parameters, &context).expect("the template snapshots");
        black_box(out.predicted_resources.len());
        micros(start)
    });
    for (i, n) in sizes.iter().enumerate() {
        // Two resources per network: the network (two copies) and the
        // security group, and the nested subnet.
        let resources = 3 * n;
        println!(
            "{:<44} {:>9.1} {:>10.2} {:>9.1} {:>10.2}",
            format!("generated ARM, {resources} resources"),
            check[i] / 1e3,
            check[i] / resources as f64,
            snap[i] / 1e3,
            snap[i] / resources as f64
        );
    }
    if let ([small, large], [snap_small, snap_large]) = (&check[..], &snap[..]) {
        println!(
            "4,000 / 1,000 networks: check {:.2} times, snapshot {:.2} times (linear: 4)",
            large / small,
            snap_large / snap_small
        );
    }
}

/// The template of [`cli_growth`], of `n` networks.
fn arm_growth(n: usize) -> serde_json::Value {
    let resources: Vec<serde_json::Value> = (0..n)
        .flat_map(|i| {
            let vnet = format!("[concat('vnet{i}-', copyIndex())]");
            [
                serde_json::json!({
                    "type": "Microsoft.Network/virtualNetworks",
                    "apiVersion": "2023-09-01",
                    "name": vnet,
                    "location": "westeurope",
                    "copy": { "name": format!("vnets{i}"), "count": 2 },
                    "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } },
                    "resources": [{
                        "type": "subnets",
                        "apiVersion": "2023-09-01",
                        "name": "s",
                        "dependsOn": [format!("[resourceId('Microsoft.Network/virtualNetworks', concat('vnet{i}-', copyIndex()))]")],
                        "properties": { "addressPrefix": "10.0.0.0/24" }
                    }]
                }),
                serde_json::json!({
                    "type": "Microsoft.Network/networkSecurityGroups",
                    "apiVersion": "2023-09-01",
                    "name": format!("nsg{i}"),
                    "location": "westeurope",
                    "dependsOn": [format!("vnets{i}")]
                }),
            ]
        })
        .collect();
    serde_json::json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": resources
    })
}
