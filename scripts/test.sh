#!/usr/bin/env bash
# Sets up what is missing, then runs every test of Tidings: formatting,
# lints, unit and integration tests, the feed conformance check and the
# end-to-end tests of the desktop app. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

# A full run needs about 3 GB of disk (target/, node_modules, the packages
# setup.sh installs): say what there is, so a full disk is seen at once.
df -h . | awk 'NR==2 {print "disk free here: " $4}'

# One clean build, nothing to reuse: incremental state would only fill the
# disk (about 1 GB of target/).
export CARGO_INCREMENTAL=0

step "web UI: build, type check, unit tests"
npm --prefix ui run build
npm --prefix ui run check
npm --prefix ui test

step "format"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "unit and integration tests"
cargo test --workspace --locked

step "the core knows nothing of Tauri"
# To a file, then grep: `cargo tree | grep -q` under pipefail lets grep's
# early exit kill cargo with SIGPIPE, and the failed pipeline would read as
# "no match" exactly when tauri is there. A failing `cargo tree` stops here.
deps="$(mktemp)"
cargo tree -p tidings-core --edges normal --prefix none >"$deps"
if grep -q '^tauri' "$deps"; then
  rm -f "$deps"
  echo "tidings-core depends on tauri" >&2; exit 1
fi
rm -f "$deps"

step "feed conformance against feedparser"
# The gate itself first: losing a whole field must fail it.
scripts/conformance --self-test
corpus="${TIDINGS_CORPUS:-../shared/corpus}"
if [ -f "$corpus/oracle.jsonl" ]; then
  # The CLI's own tests above built target/debug/tidings (their features
  # include the test server's, so `cargo build -p tidings-cli` would compile
  # the engine a second time): no second build, optimised or not, in CI.
  scripts/conformance --corpus "$corpus" --bin target/debug/tidings
elif [ "${TIDINGS_SKIP_CONFORMANCE:-}" = 1 ]; then
  printf '\n!!!!!!!!\n!!! CONFORMANCE SKIPPED: TIDINGS_SKIP_CONFORMANCE=1 and no corpus at %s\n!!!!!!!!\n\n' "$corpus" >&2
else
  echo "no corpus at $corpus: set TIDINGS_CORPUS, or TIDINGS_SKIP_CONFORMANCE=1 to skip on purpose" >&2
  exit 1
fi

step "end-to-end tests of the desktop app (real webview, Xvfb)"
e2e/run.sh

echo
echo "all tests passed"
