#!/usr/bin/env bash
# End-to-end tests of the desktop app through its real webview
# (tauri-driver + WebKitWebDriver under Xvfb). Installs what it needs:
# tauri-driver (cargo) and Selenium/pytest (a venv in e2e/.venv).
#   e2e/run.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --quiet
[ -f ui/dist/index.html ] || npm --prefix ui run build
cargo build --locked -p tidings-desktop
if [ ! -x e2e/.venv/bin/pytest ]; then
  python3 -m venv e2e/.venv
  e2e/.venv/bin/pip install --quiet --disable-pip-version-check -r e2e/requirements.txt
fi
exec e2e/.venv/bin/pytest -q e2e "$@"
