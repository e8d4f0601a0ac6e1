#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Proves the README and the package on machines with nothing on them, as a new user would meet
# them (run by .ci/run; needs root, debootstrap and Debian's package mirror):
#   packaging/check-fresh-machine.sh --ci                  what .ci/run does
#   packaging/check-fresh-machine.sh [DEB]
#   packaging/check-fresh-machine.sh --configure-only DEB
# 1. An empty Debian 12 root (debootstrap --variant=minbase): the checkout is copied in and the
#    README's first command runs there as written (install, configure, build, open the app, which
#    prints the analysis without a display), then the README's second command (the tests).
#    --configure-only stops after the install and cmake's configure step.
#    --ci goes on in the same root with CI's own checks, on the build the README made: the CI
#    packages (install-build-deps.sh --ci), the fuzzer for three minutes, the package's checks
#    (check-package.sh), and the tests of what only CI installs (a Slurm cluster the test starts,
#    chromium), which the README's test run skips, saying so, where they are not installed.
# 2. A second empty root: the package is installed with apt, which must find every Depends, and
#    the installed programs run. With --ci it is the package built in the first root; otherwise
#    DEB (default build/headroom_*.deb).
# Each step prints its wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
configure_only=false
ci=false
case "${1:-}" in
  --configure-only) configure_only=true; shift ;;
  --ci) ci=true; shift ;;
esac
deb=
if ! $ci; then
  deb=${1:-$(ls build/headroom_*.deb 2>/dev/null | head -n1)}
  if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "check-fresh-machine: no package to install (build it: packaging/check-package.sh, or use --ci)" >&2
    exit 2
  fi
  deb=$(realpath "$deb")
fi
if [ "$(id -u)" -ne 0 ]; then echo "check-fresh-machine: needs root (chroot, mount)" >&2; exit 2; fi
mirror=${HEADROOM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${HEADROOM_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

work=$(mktemp -d "${TMPDIR:-/var/tmp}/headroom-fresh.XXXXXX")
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R -l "${mounted[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

step_start=0
step() { printf '\n== %s\n' "$*"; step_start=$(date +%s); }
took() { echo "-- $1: $(( $(date +%s) - step_start )) s"; }

# Mounts what programs in a root expect (/proc, /sys with the cgroup filesystems a booted
# machine has, /dev) and gives it the host's resolver. slurmd will not start without a cgroup
# filesystem, which a booted Debian 12 mounts at /sys/fs/cgroup but a fresh sysfs mount lacks.
enter_ready() {
  local root=$1
  mount -t proc proc "$root/proc"; mounted+=("$root/proc")
  mount --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"; mounted+=("$root/sys")
  mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounted+=("$root/dev")
  cp /etc/resolv.conf "$root/etc/resolv.conf"
}
# Runs a command in a root as a new user's login shell would: root, a plain PATH, no display, and
# nothing of this machine's environment.
in_root() {
  local root=$1; shift
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -euo pipefail -c "$*"
}
# The README's commands: the body of each ```sh block, in order.
readme_command() {
  awk -v want="$1" '/^```sh$/ { n++; inside = 1; next } /^```$/ { inside = 0 } inside && n == want' README.md
}

step "an empty Debian 12 root (debootstrap --variant=minbase bookworm)"
debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 30 "$work/debootstrap.log"; exit 1; }
# As a Debian 12 installer leaves it: the release, its updates and its security archive.
cat >"$work/base/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
EOF
echo "root: $(du -sh --one-file-system "$work/base" | cut -f1), $(chroot "$work/base" dpkg-query -f '.\n' -W | wc -l) packages"
cp -a "$work/base" "$work/package-root"
took "debootstrap"

step "the README's first command in the empty root"
install_and_open=$(readme_command 1)
run_tests=$(readme_command 2)
test -n "$install_and_open" && test -n "$run_tests"
printf '%s\n' "$install_and_open"
mkdir "$work/base/root/headroom"
# The checkout as git sees it (tracked and new files, nothing ignored such as build folders).
git ls-files -z --cached --others --exclude-standard |
  tar --null -T - -c | tar -x -C "$work/base/root/headroom"
enter_ready "$work/base"
if $configure_only; then
  # The command up to its configure step: everything before the first `cmake --build`.
  in_root "$work/base" "cd /root/headroom && ${install_and_open%% && cmake --build*}"
  took "install and configure"
else
  output=$(in_root "$work/base" "cd /root/headroom && $install_and_open" 2>&1) ||
    { tail -n 60 <<<"$output"; exit 1; }
  # Without a display, the app prints the analysis of the example it was given.
  grep -E '^(Bottleneck|Every SLO)' <<<"$output" || true
  grep -q '^Bottleneck: ' <<<"$output" || { tail -n 60 <<<"$output"; exit 1; }
  took "install, configure, build and open the app"
  step "the README's second command in the same root"
  printf '%s\n' "$run_tests"
  in_root "$work/base" "cd /root/headroom && $run_tests" >"$work/ctest.log" 2>&1 || {
    # The failures' own output (--output-on-failure), then the summary; the whole log is kept.
    grep -E -B3 -A30 'FAIL!|\*\*\*Failed|\*\*\*Timeout|Exception' "$work/ctest.log" | head -n 200
    tail -n 30 "$work/ctest.log"
    cp "$work/ctest.log" "$checkout/fresh-machine-ctest.log" && echo "check-fresh-machine: the test log is $checkout/fresh-machine-ctest.log"
    exit 1
  }
  grep -E 'tests passed|tests failed|Total Test time' "$work/ctest.log"
  took "tests"
fi

if $ci; then
  # CI's own checks go on in the same root, on the build the README's commands made there, so
  # that nothing is built or tested twice.
  step "CI's packages in the same root (install-build-deps.sh --ci)"
  # As in any build root, installing a package starts no service (munge's would otherwise start
  # and outlive the root); the tests start the services they use and stop them.
  printf '#!/bin/sh\nexit 101\n' >"$work/base/usr/sbin/policy-rc.d"
  chmod +x "$work/base/usr/sbin/policy-rc.d"
  in_root "$work/base" "cd /root/headroom && packaging/install-build-deps.sh --ci" >"$work/ci-install.log" 2>&1 ||
    { tail -n 40 "$work/ci-install.log"; exit 1; }
  took "install CI's packages"
  step "the scenario loader fuzzed for three minutes (fuzz/README.md)"
  if ! in_root "$work/base" "cd /root/headroom && fuzz/run-fuzz.sh 180"; then
    # The failing input is in the root, which is about to go: keep it in the checkout.
    mkdir -p "$checkout/build-fuzz"
    cp "$work"/base/root/headroom/build-fuzz/fuzz-* "$checkout/build-fuzz/" 2>/dev/null || true
    echo "check-fresh-machine: the fuzzer's input is kept in $checkout/build-fuzz/" >&2
    exit 1
  fi
  took "fuzzing"
  step "the package's checks in the same root (check-package.sh)"
  in_root "$work/base" "cd /root/headroom && packaging/check-package.sh build"
  deb=$(ls "$work"/base/root/headroom/build/headroom_*.deb)
  took "package checks"
  step "the tests of what CI installs: a one-node Slurm cluster, the report in chromium, PostgreSQL predicted then measured (ctest -L 'slurm|browser|real')"
  in_root "$work/base" "cd /root/headroom && HEADROOM_REQUIRE_SLURM=1 HEADROOM_REQUIRE_BROWSER=1 HEADROOM_REQUIRE_POSTGRES=1 ctest --test-dir build -L 'slurm|browser|real' --output-on-failure -V" \
    >"$work/services.log" 2>&1 || { tail -n 60 "$work/services.log"; exit 1; }
  grep -E 'cluster up|simulated points|chromium:|Calibration over|^ *[0-9]+% +[0-9]+|tests passed' "$work/services.log"
  took "Slurm sweep, report in chromium, PostgreSQL"
fi

step "the package in a second empty root: $(basename "$deb")"
cp "$deb" "$work/package-root/tmp/"
enter_ready "$work/package-root"
in_root "$work/package-root" "export DEBIAN_FRONTEND=noninteractive && apt-get update -qq &&
  apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb") >/dev/null &&
  dpkg -s headroom | grep -E '^(Status|Version):'"
took "install the package"
in_root "$work/package-root" '
  examples=/usr/share/headroom/scenarios
  headroom-cli --version
  headroom-cli validate $examples/*.headroom.json
  analysis=$(headroom-cli analyze $examples/read-heavy-api.headroom.json)
  grep -E "^Bottleneck" <<<"$analysis"
  score=$(headroom-cli challenge score leaderboard /usr/share/headroom/challenges/reference/leaderboard.headroom.json)
  grep "^Real-time game leaderboard: Passed" <<<"$score"
  # The app: without a display it prints the analysis; offscreen it draws a window.
  headroom $examples/url-shortener.headroom.json | grep "^Bottleneck: app"
  QT_QPA_PLATFORM=offscreen headroom --screenshot /tmp/shot.png $examples/news-feed.headroom.json
  test "$(head -c 4 /tmp/shot.png | tail -c 3)" = PNG
  echo "headroom --screenshot: $(stat -c %s /tmp/shot.png) bytes"'
echo "fresh-machine checks passed"
