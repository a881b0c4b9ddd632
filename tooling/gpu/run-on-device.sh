#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, with .gpu-bundle/ carried there (see
# tooling/gpu/README.md): unpacks Node, the built packages and their node_modules, puts the Vulkan
# loader on LD_LIBRARY_PATH and runs the given command with that Node first on PATH.
# Usage: bash .gpu-bundle/run-on-device.sh node packages/halp/dist/cli.js info
set -euo pipefail

root="$(pwd)"
bundle="$root/.gpu-bundle"
runtime="${GPU_RUNTIME_DIR:-/tmp/halp-gpu-runtime}"

if [[ ! -x "$runtime/bin/node" ]]; then
  mkdir -p "$runtime/bin"
  xz -dc "$bundle/node.xz" >"$runtime/bin/node"
  chmod +x "$runtime/bin/node"
fi
# dist/ folders land next to the tracked sources, node_modules/ at the root (both are git-ignored).
tar -C "$root" -xJf "$bundle/runtime.tar.xz"

export PATH="$runtime/bin:$PATH"
export LD_LIBRARY_PATH="$bundle/vulkan${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
"$@"
