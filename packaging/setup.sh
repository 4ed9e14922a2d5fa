#!/usr/bin/env bash
# The two set-up commands of the README, for a fresh Debian 12 machine:
#   packaging/setup.sh run    install dependencies, build, start Lathe
#   packaging/setup.sh test   install dependencies, build, run every test tier
#                             (unit, gui, conformance; gpu tests skip without a GPU)
# Prints how long each phase took; exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
if [[ "$mode" != "run" && "$mode" != "test" ]]; then
  echo "usage: packaging/setup.sh run|test" >&2
  exit 2
fi
build=${LATHE_BUILD_DIR:-build}
jobs=${LATHE_JOBS:-$(nproc)}
phases=()

phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  local took=$((SECONDS - start))
  phases+=("$(printf '%-14s %4d s' "$name" "$took")")
  echo "==> $name: ${took} s"
}

summary() {
  echo "---- phase times ----"
  printf '%s\n' "${phases[@]}"
}
trap summary EXIT

if [[ "$mode" == "run" ]]; then
  phase dependencies packaging/install-deps.sh
else
  phase dependencies packaging/install-deps.sh --test
fi
phase configure cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
phase build cmake --build "$build" -j "$jobs"

if [[ "$mode" == "run" ]]; then
  # The demo model (SmolLM2-135M-Instruct), fetched and converted once into Lathe's data folder.
  phase demo-model packaging/fetch-demo-model.sh "$build/app/cli/lathe-cli"
  trap - EXIT
  summary
  exec "$build/app/lathe" "${@:2}"
fi

phase refenv tests/conformance/refenv.sh
# The GUI tests stream from the demo model (the Chat page's responsiveness test).
phase demo-model packaging/fetch-demo-model.sh "$build/app/cli/lathe-cli"
phase unit ctest --test-dir "$build" -L unit --output-on-failure -j "$jobs"
phase gui ctest --test-dir "$build" -L gui --output-on-failure
phase conformance ctest --test-dir "$build" -L conformance --output-on-failure
phase gpu ctest --test-dir "$build" -L gpu --output-on-failure
