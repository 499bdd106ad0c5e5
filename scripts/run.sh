#!/usr/bin/env bash
# Sets up what is missing, builds Tidings (the app and the `tidings`
# command, optimised) and starts the app. Extra arguments are passed on.
# Without a display (no DISPLAY or WAYLAND_DISPLAY), the window opens on a
# virtual one (Xvfb), so the command still works on a server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build
cargo build --release --locked -p tidings-desktop -p tidings-cli
echo "run: the tidings command is target/release/tidings (same library as the app)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting Tidings on a virtual display (Xvfb)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/release/tidings-desktop "$@"
fi
exec target/release/tidings-desktop "$@"
