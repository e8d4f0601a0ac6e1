#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package from a build folder, checks it, installs it on this machine and runs
# the installed programs, as a team would after `apt-get install ./headroom_*.deb`:
#   packaging/check-package.sh [BUILD_DIR]        (default: build; needs root or sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== %s\n' "$*"; }

step "tools to build and check the package"
# They come with `packaging/install-build-deps.sh --ci`.
for tool in dpkg-shlibdeps file lintian appstreamcli desktop-file-validate update-mime-database man; do
  command -v "$tool" >/dev/null || { echo "check-package: $tool is missing: run packaging/install-build-deps.sh --ci" >&2; exit 2; }
done

step "package"
rm -f "$build"/headroom_*.deb
cmake --build "$build" -j2
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/headroom_*.deb)
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "size: $(stat -c %s "$deb") bytes, installed $(dpkg-deb -f "$deb" Installed-Size) KiB"

step "lintian (errors and warnings fail)"
lintian --fail-on error,warning --display-info "$deb"
echo "lintian: clean"

step "desktop entry, metainfo"
desktop-file-validate packaging/io.github.headroom.Headroom.desktop
appstreamcli validate --no-net packaging/io.github.headroom.Headroom.metainfo.xml

step "install"
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
dpkg -s headroom | grep -E '^(Status|Version|Depends):'

step "the installed programs"
examples=/usr/share/headroom/scenarios
test "$(command -v headroom-cli)" = /usr/bin/headroom-cli
headroom-cli --version
headroom-cli validate $examples/*.headroom.json
# (Captured, not piped into head: a closed pipe would fail the step under pipefail.)
estimate=$(headroom-cli estimate $examples/twitter-estimate.headroom.json)
grep -E '^  (daily_active_users|peak_qps|storage_total) ' <<<"$estimate"
analysis=$(headroom-cli analyze $examples/read-heavy-api.headroom.json)
grep -E '^(Bottleneck|  read p99)' <<<"$analysis"
# Interview practice: the installed challenges are found, and a reference design passes.
challenges=$(headroom-cli challenge list)
test "$(grep -cE ' (easy|medium|hard) ' <<<"$challenges")" -ge 10
score=$(headroom-cli challenge score leaderboard /usr/share/headroom/challenges/reference/leaderboard.headroom.json)
grep '^Real-time game leaderboard: Passed' <<<"$score"
shot=$(mktemp --suffix=.png)
env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen headroom --screenshot "$shot" $examples/news-feed.headroom.json
# A PNG starts with \x89PNG; a real window of the example is tens of kilobytes.
test "$(head -c 4 "$shot" | tail -c 3)" = PNG
test "$(stat -c %s "$shot")" -gt 20000
echo "headroom --screenshot: $(stat -c %s "$shot") bytes"
rm -f "$shot"
# Without a display, the app prints the analysis instead of failing.
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM headroom $examples/url-shortener.headroom.json | grep -q "^Bottleneck: app"

step "desktop integration"
man -w headroom headroom-cli
grep -q 'application/x-headroom-scenario:\*\.headroom\.json' /usr/share/mime/globs2
grep -q 'application/x-headroom-scenario=.*io.github.headroom.Headroom.desktop' /usr/share/applications/mimeinfo.cache
test -f /usr/share/icons/hicolor/256x256/apps/io.github.headroom.Headroom.png
echo "*.headroom.json is application/x-headroom-scenario and opens in Headroom"
echo "package checks passed: $deb"
