#!/usr/bin/env bash
# Installs what building and testing Tidings needs and is missing, on Debian
# or Ubuntu. Safe to run again: it only installs what is not there.
# Run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO=sudo; else echo "setup: run as root or with sudo" >&2; exit 1; fi
  else
    SUDO=
  fi
}

# Debian packages: the WebKitGTK webview and its build tools, Xvfb and the
# WebDriver for end-to-end tests, CJK fonts for screenshots of CJK text.
PACKAGES=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libssl-dev xvfb xauth webkit2gtk-driver fonts-noto-cjk)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  need_root
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust: the toolchain must be new enough for the workspace (see Cargo.toml's
# rust-version); Debian's own rustc is too old.
if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# Node.js for the web UI (Vite needs 20 or newer).
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is missing; install it (https://nodejs.org or your distribution), then run this again." >&2
  exit 1
fi
if [ -f ui/package.json ] && { [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; }; then
  echo "setup: installing the UI's npm packages"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
fi
echo "setup: ready"
