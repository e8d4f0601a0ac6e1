#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Headroom needs to build, test and run (BUILD-NOTES.md):
#   packaging/install-build-deps.sh          what the README's two commands need
#   packaging/install-build-deps.sh --ci     and what .ci/run adds: the package tools and checks,
#                                            and debootstrap for the fresh-machine check
# Every list is installed with --no-install-recommends, as on a minimal machine: a package that
# the build needs must be named here, not arrive as someone else's recommendation.
# packaging/check-fresh-machine.sh proves the list on an empty Debian 12 root.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  # Qt6Charts' CMake package requires Qt6OpenGL's, which qt6-charts-dev only recommends.
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev
  libsimgrid-dev libeigen3-dev nlohmann-json3-dev libcli11-dev libboost-math-dev libexpected-dev
  # Edit ▸ Tidy Layout: Graphviz's dot through libgvc (its layout plugins come with libgvc6).
  libgraphviz-dev
  xvfb xauth
  python3-jsonschema
  # tests/cli/junit_schema.py: check's JUnit XML against junit-4.xsd.
  libxml2-utils
  # `diff git:REV:PATH` reads through git, and tests/cli/tst_DiffCommand makes a repository.
  git
)
ci_packages=(
  # CPack runs dpkg-shlibdeps (dpkg-dev) and finds ELF files with `file`.
  dpkg-dev file
  # The package's checks; shared-mime-info and desktop-file-utils are there before the package
  # is installed so that their triggers run.
  lintian appstream desktop-file-utils shared-mime-info man-db
  # An empty Debian 12 root for packaging/check-fresh-machine.sh.
  debootstrap
  # fuzz/run-fuzz.sh: clang++, and libFuzzer with the sanitizers' runtimes.
  clang libclang-rt-14-dev
  # tests/slurm: a one-node Slurm cluster (controller, node daemon, sbatch) with munge's
  # authentication, started and stopped by the test itself.
  slurm-wlm munge
  # tests/report: the HTML report rendered by a real browser, headless.
  chromium
  # bench/real: a PostgreSQL 15 server (initdb, pg_ctl, postgres, pgbench) in a temporary
  # directory, started and stopped by the calibration harness; taskset comes with util-linux.
  postgresql-15
)
case "${1:-}" in
  "") ;;
  --ci) packages+=("${ci_packages[@]}") ;;
  *) echo "usage: $0 [--ci]" >&2; exit 2 ;;
esac
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
