#!/usr/bin/env bash
# Builds the .deb, installs it with apt, checks what it installed, starts
# the installed app under Xvfb (through WebDriver: its window must show the
# empty state), then uninstalls it and checks that nothing of it is left
# outside the user's data. Needs root. Slow (a release build and a bundle):
# run it before every release-type change; `scripts/test.sh` does not.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "package-test: run as root" >&2; exit 1; }
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }
fail() { echo "package-test: $*" >&2; exit 1; }

step "tools: desktop-file-validate, appstreamcli"
missing=()
for p in desktop-file-utils appstream; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "bundle"
scripts/bundle.sh
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm 2>/dev/null | head -n 1 || true)
pkg=$(dpkg-deb -f "$deb" Package)
echo "deb: $deb ($(du -k "$deb" | cut -f1) KiB), package $pkg, installed size $(dpkg-deb -f "$deb" Installed-Size) KiB"
[ -n "$rpm" ] && echo "rpm: $rpm ($(du -k "$rpm" | cut -f1) KiB)"
dpkg-deb -f "$deb" Depends | grep -q libwebkit2gtk-4.1-0 || fail "the .deb does not depend on libwebkit2gtk-4.1-0"

snapshot() { find /usr /etc /opt -xdev \( -type f -o -type l \) 2>/dev/null | sort; }
before=$(mktemp); after=$(mktemp)
snapshot > "$before"

step "install"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
for bin in /usr/bin/tidings-desktop /usr/bin/tidings; do
  [ -x "$bin" ] || fail "$bin is missing"
done
/usr/bin/tidings --version
desktop=$(dpkg -L "$pkg" | grep '\.desktop$' | head -n 1)
[ -n "$desktop" ] || fail "no desktop entry"
desktop-file-validate "$desktop"
grep -q '^Categories=Network;News;Feed;' "$desktop" || fail "desktop entry categories"
grep -q 'MimeType=.*x-scheme-handler/feed' "$desktop" || fail "desktop entry does not handle feed: links"
metainfo=/usr/share/metainfo/org.tidings.Tidings.metainfo.xml
[ -f "$metainfo" ] || fail "no AppStream metainfo"
appstreamcli validate --no-net --pedantic "$metainfo" || appstreamcli validate --no-net "$metainfo"

step "the installed app starts and shows the empty state"
[ -x e2e/.venv/bin/pytest ] || { python3 -m venv e2e/.venv && e2e/.venv/bin/pip install -q -r e2e/requirements.txt; }
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --quiet
TIDINGS_APP=/usr/bin/tidings-desktop TIDINGS_SHOT_NAME=installed-app \
  e2e/.venv/bin/pytest -q e2e/test_app.py -k test_first_start_shows_the_empty_state
mkdir -p target/package && cp target/e2e/installed-app.png target/package/ 2>/dev/null || true

step "uninstall"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$pkg" >/dev/null
snapshot > "$after"
left=$(comm -13 "$before" "$after" | grep -v -e '^/var/' -e '/__pycache__/' || true)
[ -z "$left" ] || { echo "$left" >&2; fail "files left after uninstalling"; }
for bin in /usr/bin/tidings-desktop /usr/bin/tidings; do
  [ ! -e "$bin" ] || fail "$bin is still there"
done
rm -f "$before" "$after"
echo
echo "package test passed"
