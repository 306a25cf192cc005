#!/usr/bin/env bash
# Times what a user waits for, with and without optimizing the macro
# (`[profile.dev.build-override] opt-level = 3`): a clean build of
# examples/build-script, a clean build of a generated crate of ten templates of
# 800 resources (ARM's limit), and three rebuilds of it after an edit (`touch`),
# which expand all ten. The README's "Build times" table comes from this.
#
#   scripts/build-times.sh [MODE...]    MODE: default (O0), O3, core
#
# Builds go to fresh target directories under a temporary folder; nothing in the
# repository changes. Takes a few minutes per mode on 2 cores.
set -euo pipefail
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time: apt-get install time)" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crate="$work/big"
mkdir -p "$crate/src"
cp "$root/rust-toolchain.toml" "$root/Cargo.lock" "$crate/"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "big"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
apim-dsl = { path = "$root/apim-dsl" }

[workspace]
TOML
{
  for t in $(seq 0 9); do
    echo "apim_dsl::template! {"
    echo "pub const GENERATED$t;"
    echo 'param location: string = resourceGroup().location;'
    echo 'resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }'
    for i in $(seq 0 399); do
      echo "resource id$i \"Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31\" { name: concat(\"id-$t-\", string($i)), location: location, tags: { index: string($i) } }"
      echo "grant g$i { principal: id$i, scope: vault }"
    done
    for i in $(seq 0 59); do echo "output p$i: string = id$i.properties.principalId;"; done
    echo "}"
  done
  echo 'fn main() { println!("{}", GENERATED0.arm_json().len()); }'
} > "$crate/src/main.rs"

# Wall-clock seconds, then the CPU seconds of cargo and rustc (user + system),
# which other load on the machine disturbs less.
seconds() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  awk '{ printf "%.1fs (cpu %.1fs)", $1, $2 + $3 }' "$work/time"
}

modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(default O3)
for mode in "${modes[@]}"; do
  rm -rf "$work/example-$mode" "$work/big-$mode"
  case $mode in
    default) args=() ;;
    O3) args=(--config 'profile.dev.build-override.opt-level=3') ;;
    core) args=(--config 'profile.dev.package.apim-dsl-core.opt-level=3') ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  example=$(CARGO_TARGET_DIR="$work/example-$mode" seconds \
    cargo build "${args[@]}" --manifest-path "$root/examples/build-script/Cargo.toml")
  clean=$(cd "$crate" && CARGO_TARGET_DIR="$work/big-$mode" seconds cargo build "${args[@]}")
  edits=""
  for _ in 1 2 3; do
    touch "$crate/src/main.rs"
    edits="$edits  $(cd "$crate" && CARGO_TARGET_DIR="$work/big-$mode" seconds cargo build "${args[@]}")"
  done
  echo "$mode: example clean build $example; ten 800-resource templates: clean build $clean; rebuilds after an edit:$edits"
done
