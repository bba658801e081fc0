#!/usr/bin/env bash
# CI for the installers (called by .ci/run after `make package`):
# build the .deb and check it (lintian, desktop-file-validate), compile the
# Windows installer script against a stand-in payload, then install the .deb
# on this machine with apt-get, run the installed program from the PATH,
# check the menu entry and icon, make a vault, remove the package, and check
# that the vault is still there and nothing of the program is left.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v lintian >/dev/null || need+=(lintian)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v makensis >/dev/null || need+=(nsis)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

make installer
deb=$(ls dist/testimonio_*.deb)
desktop-file-validate packaging/testimonio.desktop
lint=$(mktemp)
if ! lintian --fail-on error "$deb" >"$lint" 2>&1; then
  grep -E '^E:' "$lint" || cat "$lint"; rm -f "$lint"; echo "lintian found errors"; exit 1
fi
grep -E '^W:' "$lint" || true; rm -f "$lint"
echo "lintian:                 no errors"

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
[ "$(command -v testimonio)" = /usr/bin/testimonio ]
testimonio --version
QT_QPA_PLATFORM=offscreen testimonio selftest | tail -n 1
test -f /usr/share/applications/testimonio.desktop
desktop-file-validate /usr/share/applications/testimonio.desktop
test -f /usr/share/icons/hicolor/256x256/apps/testimonio.png
test -f /usr/share/icons/hicolor/scalable/apps/testimonio.svg
echo "menu entry and icon:     in place"

# A vault made with the installed program, as a researcher would.
home=$(mktemp -d)
HOME=$home XDG_DATA_HOME=$home/.local/share TESTIMONIO_PASSPHRASE="correct horse battery staple 42" \
  testimonio init >/dev/null
vault=$home/.local/share/testimonio/vault
before=$(cd "$vault" && find . -type f -exec sha256sum {} + | sort)
.venv/bin/python packaging/startup_figures.py /usr/bin/testimonio

DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq testimonio >/dev/null
status=$(dpkg-query -W -f='${db:Status-Status}' testimonio 2>/dev/null || echo not-installed)
[ "$status" = not-installed ] || { echo "package still $status"; exit 1; }
for left in /opt/testimonio /usr/bin/testimonio /usr/share/applications/testimonio.desktop \
            /usr/share/icons/hicolor/256x256/apps/testimonio.png \
            /usr/share/icons/hicolor/scalable/apps/testimonio.svg /usr/share/doc/testimonio \
            /usr/share/man/man1/testimonio.1.gz /usr/share/lintian/overrides/testimonio; do
  if [ -e "$left" ] || [ -L "$left" ]; then echo "left after removal: $left"; exit 1; fi
done
after=$(cd "$vault" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || { echo "the vault changed when the package was removed"; exit 1; }
rm -rf "$home"
echo "removal:                 nothing of the program left; the vault is untouched"
