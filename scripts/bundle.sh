#!/usr/bin/env bash
# Builds the native packages of this platform. On Linux: the .deb and the
# .rpm (AppImage needs downloads this machine cannot make). They contain the
# app (/usr/bin/tidings-desktop) and the command (/usr/bin/tidings).
# Output: target/release/bundle/{deb,rpm}/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
# The packages carry the CLI too (tauri.conf.json: bundle.linux.*.files).
cargo build --release --locked -p tidings-cli
case "$(uname -s)" in
  Linux) bundles="deb,rpm" ;;
  Darwin) bundles="app,dmg" ;;
  *) bundles="msi,nsis" ;;
esac
npm --prefix ui exec -- tauri build --bundles "$bundles" "$@"
ls -l target/release/bundle/*/*.{deb,rpm,dmg,msi,exe} 2>/dev/null || true
