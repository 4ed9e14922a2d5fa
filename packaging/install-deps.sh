#!/usr/bin/env bash
# Installs what building and testing Lathe needs on Debian 12, from Debian's packages only.
# Usage: packaging/install-deps.sh [--test]   (--test adds the fuzzing and screenshot tools)
# Needs root or sudo. Safe to run again: apt skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
  qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libcurl4-openssl-dev nlohmann-json3-dev libsimdjson-dev libpcre2-dev libutf8proc-dev libssl-dev libyaml-cpp-dev
  fonts-dejavu-core
  python3-pip unzip
)
if [[ "${1:-}" == "--test" ]]; then
  # Fuzzing (clang + libFuzzer), and Python venv support for the reference stack.
  packages+=(clang-14 libclang-rt-14-dev python3-venv)
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
as_root apt-get update -q
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
