#!/usr/bin/env bash
# Builds the native packages of this platform. On Linux: the .deb and the
# .rpm (AppImage needs downloads this machine cannot make). They contain the
# app (/usr/bin/tidings-desktop) and the command (/usr/bin/tidings).
# Output: target/release/bundle/{deb,rpm}/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
case "$(uname -s)" in
  Linux) bundles="deb,rpm" ;;
  Darwin) bundles="app,dmg" ;;
  *) bundles="msi,nsis" ;;
esac
# The packages carry the CLI too (tauri.conf.json: bundle.linux.*.files).
cargo build --release --locked -p tidings-cli
npm --prefix ui exec -- tauri build --no-bundle "$@"
# Release builds keep line tables for profiling (Cargo.toml); users get the
# binaries without them: 118 MB → 30 MB for the app. Symbols stay, so a
# crash report still names functions.
if [ "$(uname -s)" = Linux ]; then
  strip --strip-debug target/release/tidings-desktop target/release/tidings
fi
npm --prefix ui exec -- tauri bundle --bundles "$bundles" "$@"
ls -l target/release/bundle/*/*.{deb,rpm,dmg,msi,exe} 2>/dev/null || true
