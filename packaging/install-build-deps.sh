#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Headroom needs to build, test and run (BUILD-NOTES.md).
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev
  libsimgrid-dev libeigen3-dev nlohmann-json3-dev libcli11-dev libboost-math-dev libexpected-dev
  xvfb xauth
  python3-jsonschema
)
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
