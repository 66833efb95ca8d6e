#!/usr/bin/env bash
# Checks that the generator handles more than the auth subset: generates client crates
# into the target directory, on top of the simsage-auth runtime, and builds them.
#
#   1. tests/fixtures/features.yaml (one example of each supported OpenAPI feature):
#      clippy -D warnings, then the behaviour tests of features_behaviour.rs.
#   2. The spec given with --spec (default: SimSage's whole API description):
#      cargo check and clippy -D warnings. The generated lib.rs denies all warnings.
#
# Usage: .ci/whole-api-check.sh [--spec PATH] [--skip-invalid-paths]
#
# --skip-invalid-paths leaves out operations whose path template and path parameters
# disagree (SimSage 7.14.12 has one, resetEvolve) and prints each one it leaves out.
# Without it, such an operation fails the check.
#
# The crates share CARGO_TARGET_DIR (default: ./target) with the workspace, so they reuse
# its compiled dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

spec=../shared/upstream/simsage-api-docs-7.14.12.json
skip_invalid_paths=()
while [ $# -gt 0 ]; do
    case "$1" in
        --spec) spec="$2"; shift 2 ;;
        --skip-invalid-paths) skip_invalid_paths=(--skip-invalid-paths); shift ;;
        *) echo "unknown argument: $1 (usage: $0 [--spec PATH] [--skip-invalid-paths])" >&2; exit 2 ;;
    esac
done
if [ ! -f "$spec" ]; then
    echo "spec not found: $spec; pass one with --spec" >&2
    exit 2
fi

target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
export CARGO_TARGET_DIR="$(cd "$target" && pwd)"
generate() {
    cargo run --quiet -p simsage-auth-codegen --example generate_crate -- "$@"
}
start=$SECONDS

echo "== generator features fixture"
features="$CARGO_TARGET_DIR/features-check"
generate --spec simsage-auth-codegen/tests/fixtures/features.yaml --out "$features" \
    --test simsage-auth-codegen/tests/fixtures/features_behaviour.rs
(cd "$features" && cargo clippy --quiet --all-targets -- -D warnings && cargo test --quiet)

echo "== whole API: $spec"
whole="$CARGO_TARGET_DIR/whole-api-check"
generate --spec "$spec" --out "$whole" "${skip_invalid_paths[@]}"
(cd "$whole" && cargo check --quiet && cargo clippy --quiet -- -D warnings)

echo "whole-API check passed in $((SECONDS - start)) s"
