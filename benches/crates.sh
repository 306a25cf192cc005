#!/usr/bin/env bash
# Times four crates that hold the same 50 ARM templates, written three ways:
#   dsl      `apim_dsl::template!` (the example templates, renamed T00..T49)
#   json     `serde_json::json!` of each template's ARM JSON
#   dsl-opt  the same, with `[profile.dev.package.apim-dsl-core] opt-level = 3`
#   include  `include_str!` of the JSON files
# and, for the rebuild only, three crates that split the dsl crate's rebuild:
#   depends  the include crate, depending on apim-dsl (`use apim_dsl as _;`)
#   expanded the dsl crate with every invocation replaced by its expansion
#            (all but running the macro)
#   bare     the same without the typed parameters' items (`__parameters!`,
#            `__allowed!`): only the `Template` constants
# Each is a binary whose `main` prints every template. For each crate the script
# times a clean `cargo build` (dependencies included, dev profile) and a rebuild
# after `touch src/main.rs`, the crates taking turns in every round so that noise
# from other work on the machine falls on all of them alike, and prints the
# medians of the wall time and of the CPU time (user + system, all processes).
#
#   benches/crates.sh                 # 3 clean rounds, 7 rebuild rounds
#   ROUNDS=5 REBUILDS=9 benches/crates.sh
#   KEEP=1 benches/crates.sh          # keep the generated crates (path printed)
#
# Needs bash 4 or later, the toolchain, the crates of Cargo.lock already in
# cargo's cache (it builds --offline: run `cargo fetch` first on a fresh
# machine), and a C compiler and make for the compile benchmark's jemalloc
# (`cargo bench -p apim-dsl-bench --bench compile -- expansion` writes two of the crates).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Each generated crate builds into its own `target/`, which a clean round
# deletes: a target directory from the environment would be shared by all of
# them and make every clean build after the first one warm. The repository's
# own (for the compile benchmark) is kept as given.
REPO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR
ROUNDS=${ROUNDS:-3}
REBUILDS=${REBUILDS:-7}
N=50
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apim-dsl-crates.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then
    trap 'rm -rf "$WORK"' EXIT
else
    echo "crates in $WORK" >&2
fi

# The template! invocations of the examples that declare no module (a module
# names another constant, which renaming would break), one file each.
mkdir -p "$WORK/blocks"
for example in seed seed_symbolic apim_key_vault_rbac; do
    awk -v out="$WORK/blocks/$example" '
        /^apim_dsl::template! \{/ { n++; file = out "-" n ".rs"; inside = 1 }
        inside { print > file }
        inside && /^\}/ { inside = 0; close(file) }
    ' "$ROOT/examples/$example.rs"
done
grep -l '^    module ' "$WORK"/blocks/*.rs | xargs -r rm
mapfile -t BLOCKS < <(ls "$WORK"/blocks/*.rs | sort)
(( ${#BLOCKS[@]} > 0 )) || { echo "no template found in examples/" >&2; exit 1; }

name() { printf 'T%02d' "$1"; }

new_crate() { # DIR DEPENDENCIES
    mkdir -p "$1/src"
    cp "$ROOT/rust-toolchain.toml" "$ROOT/Cargo.lock" "$1/"
    cat > "$1/Cargo.toml" <<EOF
[package]
name = "templates-$(basename "$1")"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
$2

[workspace]
EOF
}

# dsl: the invocations, each constant renamed.
DSL="$WORK/dsl"
new_crate "$DSL" "apim-dsl = { path = \"$ROOT/apim-dsl\" }"
# apim-dsl comes by path here, and cargo compiles path dependencies
# incrementally; from crates.io, as users get it (and as the json crate gets
# serde_json), it would not. Incremental compilation made apim-dsl-core's
# clean build 1.4 times longer (4.5 s against 3.15 s, cargo build --timings).
registry_like() { # CARGO_TOML [EXTRA SETTING FOR apim-dsl-core]
    local package
    for package in apim-dsl apim-dsl-macros apim-dsl-core apim-dsl-types; do
        printf '\n[profile.dev.package.%s]\nincremental = false\n' "$package" >> "$1"
        if [[ $package == apim-dsl-core && -n "${2:-}" ]]; then
            echo "$2" >> "$1"
        fi
    done
}
registry_like "$DSL/Cargo.toml"
{
    for ((i = 0; i < N; i++)); do
        block=${BLOCKS[i % ${#BLOCKS[@]}]}
        sed -E "s/^    pub const [A-Z_0-9]+;/    pub const $(name "$i");/" "$block"
        echo
    done
    echo "const ALL: [&apim_dsl::Template; $N] = ["
    for ((i = 0; i < N; i++)); do echo "    &$(name "$i"),"; done
    echo "];"
    cat <<'EOF'

fn main() {
    for t in ALL {
        println!("// {}\n{}", t.name(), t.arm_json());
    }
}
EOF
} > "$DSL/src/main.rs"

# expanded and bare: the dsl crate expanded, with and without the typed
# parameters' items, written by the compile benchmark (unoptimized build).
for c in expanded bare; do
    new_crate "$WORK/$c" "apim-dsl = { path = \"$ROOT/apim-dsl\" }"
    registry_like "$WORK/$c/Cargo.toml"
done
(cd "$ROOT" && CARGO_TARGET_DIR=$REPO_TARGET_DIR cargo bench --offline -q --profile dev -p apim-dsl-bench --bench compile -- \
    expansion "$DSL" "$DSL/src/main.rs" "$WORK/expanded/src/main.rs" "$WORK/bare/src/main.rs")

# dsl-opt: the same, with the compiler optimized in the dev profile, as a user
# can ask in their own Cargo.toml (cargo builds proc macros unoptimized otherwise).
DSL_OPT="$WORK/dsl-opt"
new_crate "$DSL_OPT" "apim-dsl = { path = \"$ROOT/apim-dsl\" }"
cp "$DSL/src/main.rs" "$DSL_OPT/src/"
registry_like "$DSL_OPT/Cargo.toml" "opt-level = 3"

# The JSON the other two crates hold is what the dsl crate emits.
# (Every main only prints its templates, so that the three link the same code.)
mkdir -p "$WORK/json-files"
(cd "$DSL" && cargo run --offline -q --target-dir target) | awk -v dir="$WORK/json-files" '
    /^\/\/ T[0-9]+$/ { if (file) close(file); file = dir "/" $2 ".json"; next }
    { print > file }
'
for ((i = 0; i < N; i++)); do
    # print added a final newline that the constant does not have
    printf '%s' "$(cat "$WORK/json-files/$(name "$i").json")" > "$WORK/json-files/$(name "$i").json"
done
rm -rf "$DSL/target"

JSON="$WORK/json"
new_crate "$JSON" 'serde_json = { version = "1", features = ["preserve_order"] }'
{
    echo '#![recursion_limit = "1024"]'
    echo
    for ((i = 0; i < N; i++)); do
        echo "fn $(name "$i" | tr T t)() -> serde_json::Value {"
        echo "    serde_json::json!("
        cat "$WORK/json-files/$(name "$i").json"
        echo "    )"
        echo "}"
        echo
    done
    echo "fn main() {"
    for ((i = 0; i < N; i++)); do
        echo "    println!(\"{}\", serde_json::to_string_pretty(&$(name "$i" | tr T t)()).unwrap());"
    done
    echo "}"
} > "$JSON/src/main.rs"

INCLUDE="$WORK/include"
new_crate "$INCLUDE" ""
cp -r "$WORK/json-files" "$INCLUDE/json"
{
    echo "const ALL: [&str; $N] = ["
    for ((i = 0; i < N; i++)); do
        echo "    include_str!(\"../json/$(name "$i").json\"),"
    done
    echo "];"
    echo
    echo 'fn main() {'
    echo '    for t in ALL {'
    echo '        println!("{t}");'
    echo '    }'
    echo '}'
} > "$INCLUDE/src/main.rs"

# depends: the include crate with apim-dsl as a dependency, unused.
DEPENDS="$WORK/depends"
new_crate "$DEPENDS" "apim-dsl = { path = \"$ROOT/apim-dsl\" }"
registry_like "$DEPENDS/Cargo.toml"
cp -r "$INCLUDE/json" "$DEPENDS/json"
{ echo 'use apim_dsl as _;'; cat "$INCLUDE/src/main.rs"; } > "$DEPENDS/src/main.rs"

CRATES=(dsl dsl-opt json include)
SPLIT=(depends expanded bare)
timed() { # DIR COMMAND...: runs the command in DIR; prints wall and CPU (user + system) seconds
    local dir=$1 out log="$WORK/build.log"
    shift
    out=$( { TIMEFORMAT='%R %U %S'; time (cd "$dir" && "$@" > "$log" 2>&1); } 2>&1 ) ||
        { echo "failed in $dir: $*; its last lines:" >&2; tail -20 "$log" >&2; exit 1; }
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<< "$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A CLEAN CLEAN_CPU REBUILD REBUILD_CPU
for ((r = 0; r < ROUNDS; r++)); do
    for c in "${CRATES[@]}"; do
        rm -rf "$WORK/$c/target"
        read -r wall cpu < <(timed "$WORK/$c" cargo build --offline --target-dir target)
        CLEAN[$c]+="$wall "
        CLEAN_CPU[$c]+="$cpu "
        echo "clean   round $r $c: $wall s ($cpu s CPU)" >&2
    done
done
for c in "${SPLIT[@]}"; do
    timed "$WORK/$c" cargo build --offline --target-dir target > /dev/null
done
for ((r = 0; r < REBUILDS; r++)); do
    for c in "${CRATES[@]}" "${SPLIT[@]}"; do
        touch "$WORK/$c/src/main.rs"
        read -r wall cpu < <(timed "$WORK/$c" cargo build --offline --target-dir target)
        REBUILD[$c]+="$wall "
        REBUILD_CPU[$c]+="$cpu "
        echo "rebuild round $r $c: $wall s ($cpu s CPU)" >&2
    done
done

med() { tr ' ' '\n' <<< "$1" | grep . | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
declare -A MC MCC MR MRC
for c in "${CRATES[@]}"; do
    MC[$c]=$(med "${CLEAN[$c]}")
    MCC[$c]=$(med "${CLEAN_CPU[$c]}")
done
for c in "${CRATES[@]}" "${SPLIT[@]}"; do
    MR[$c]=$(med "${REBUILD[$c]}")
    MRC[$c]=$(med "${REBUILD_CPU[$c]}")
done
echo
echo "50 templates ($(basename -a "${BLOCKS[@]}" | tr '\n' ' ')cycled), medians of $ROUNDS clean and $REBUILDS rebuild rounds:"
echo
echo "| crate | clean build s | (CPU s) | rebuild after touch s | (CPU s) |"
echo "|---|---:|---:|---:|---:|"
for c in "${CRATES[@]}"; do
    echo "| $c | ${MC[$c]} | ${MCC[$c]} | ${MR[$c]} | ${MRC[$c]} |"
done
echo
for c in dsl dsl-opt include; do
    echo "$c / json: clean $(ratio "${MC[$c]}" "${MC[json]}") (CPU $(ratio "${MCC[$c]}" "${MCC[json]}")), rebuild $(ratio "${MR[$c]}" "${MR[json]}") (CPU $(ratio "${MRC[$c]}" "${MRC[json]}"))"
done
echo
echo "The dsl crate's rebuild, split (CPU s, differences of the medians above):"
echo
echo "| part | CPU s | of json's rebuild |"
echo "|---|---:|---:|"
part() { # NAME FROM TO
    local d base=0
    [[ -n $3 ]] && base=${MRC[$3]}
    d=$(awk -v a="${MRC[$2]}" -v b="$base" 'BEGIN { printf "%.3f", a - b }')
    echo "| $1 | $d | $(ratio "$d" "${MRC[json]}") |"
}
part "rustc and the link, 50 string constants (include)" include ""
part "depending on apim-dsl: cargo's checks of its files, its metadata, a longer link (depends - include)" depends include
part "the 50 Template constants (bare - depends)" bare depends
part "the typed parameters' items (expanded - bare)" expanded bare
part "running the macro (dsl - expanded)" dsl expanded
