#!/usr/bin/env bash
# Sets up what is missing, then runs every test of Tidings: formatting,
# lints, unit and integration tests, the feed conformance check and the
# end-to-end tests of the desktop app. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

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
if cargo tree -p tidings-core --edges normal --prefix none | grep -q '^tauri'; then
  echo "tidings-core depends on tauri" >&2; exit 1
fi

step "feed conformance against feedparser"
corpus="${TIDINGS_CORPUS:-../shared/corpus}"
if [ -f "$corpus/oracle.jsonl" ]; then
  # The debug build from the tests above: no second, optimised build in CI.
  cargo build --locked -p tidings-cli
  scripts/conformance --corpus "$corpus" --bin target/debug/tidings
else
  echo "skipped: no corpus at $corpus (set TIDINGS_CORPUS)"
fi

step "end-to-end tests of the desktop app (real webview, Xvfb)"
e2e/run.sh

echo
echo "all tests passed"
