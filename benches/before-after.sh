#!/usr/bin/env bash
# Compares this checkout with an earlier commit (default fbbc2b0, before the type
# system of issue 8) on what a user waits for:
#   rebuild   a crate of 50 `template!` invocations (the earlier commit's examples
#             that declare no module, cycled), `touch src/main.rs && cargo build`
#   clean     `cargo build -p apim-dsl-core` from an empty target directory
# Each in alternation (before, after, before, ...), medians printed; clean builds
# also as CPU seconds (user + system), which the machine's load disturbs less.
#
#   benches/before-after.sh [COMMIT]      REBUILDS=7 CLEANS=3 by default
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=${1:-fbbc2b0}
REBUILDS=${REBUILDS:-7}
CLEANS=${CLEANS:-3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apim-dsl-before-after.XXXXXX")
cleanup() { git -C "$ROOT" worktree remove --force "$WORK/before-src" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
git -C "$ROOT" worktree add --detach "$WORK/before-src" "$BASE" > /dev/null 2>&1
declare -A SRC=([before]="$WORK/before-src" [after]="$ROOT")

mkdir -p "$WORK/blocks"
for example in seed seed_symbolic apim_key_vault_rbac; do
    awk -v out="$WORK/blocks/$example" '
        /^apim_dsl::template! \{/ { n++; file = out "-" n ".rs"; inside = 1 }
        inside { print > file }
        inside && /^\}/ { inside = 0; close(file) }
    ' "$WORK/before-src/examples/$example.rs"
done
grep -l '^    module ' "$WORK"/blocks/*.rs | xargs -r rm
mapfile -t BLOCKS < <(ls "$WORK"/blocks/*.rs | sort)

for side in before after; do
    crate="$WORK/$side"
    mkdir -p "$crate/src"
    cp "${SRC[$side]}/rust-toolchain.toml" "${SRC[$side]}/Cargo.lock" "$crate/"
    printf '[package]\nname = "t-%s"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n[dependencies]\napim-dsl = { path = "%s/apim-dsl" }\n\n[workspace]\n' \
        "$side" "${SRC[$side]}" > "$crate/Cargo.toml"
    {
        for ((i = 0; i < 50; i++)); do
            sed -E "s/^    pub const [A-Z_0-9]+;/    pub const T$i;/" "${BLOCKS[i % ${#BLOCKS[@]}]}"
            echo
        done
        echo 'fn main() { println!("{}", T0.arm_json()); }'
    } > "$crate/src/main.rs"
    (cd "$crate" && cargo build --offline -q 2> /dev/null)
done

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A REBUILD CLEAN CPU
for ((r = 0; r < REBUILDS; r++)); do
    for side in before after; do
        touch "$WORK/$side/src/main.rs"
        start=$(now)
        (cd "$WORK/$side" && cargo build --offline -q 2> /dev/null)
        REBUILD[$side]+="$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }') "
    done
done
for ((r = 0; r < CLEANS; r++)); do
    for side in before after; do
        rm -rf "$WORK/target-$side"
        start=$(now)
        cpu=$( { cd "${SRC[$side]}" && /usr/bin/time -f '%U %S' env CARGO_TARGET_DIR="$WORK/target-$side" \
            cargo build --offline -q -p apim-dsl-core 2>&1 > /dev/null; } | tail -n1 | awk '{ print $1 + $2 }')
        CLEAN[$side]+="$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }') "
        CPU[$side]+="$cpu "
    done
done
med() { tr ' ' '\n' <<< "$1" | grep . | median; }
echo "| | before ($BASE) | after | after / before |"
echo "|---|---:|---:|---:|"
for row in "rebuild of 50 templates, wall s:REBUILD" "clean build of apim-dsl-core, wall s:CLEAN" "clean build of apim-dsl-core, CPU s:CPU"; do
    label=${row%%:*}; name=${row##*:}
    declare -n values=$name
    b=$(med "${values[before]}"); a=$(med "${values[after]}")
    echo "| $label | $b | $a | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }') |"
    unset -n values
done
