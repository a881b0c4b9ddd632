#!/usr/bin/env bash
# Packs what a GPU machine without Node or npm needs to run the built halp CLI into .gpu-bundle/
# (see tooling/gpu/README.md): node.xz (this machine's Node binary), runtime.tar.xz (every package's
# dist/ and a pruned flat node_modules) and vulkan/ (the Vulkan loader and libglvnd, unpacked from
# their .debs). Fails if the bundle would exceed the 64 MiB transfer limit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bundle="$root/.gpu-bundle"
limit_bytes=$((64 * 1024 * 1024))
# Dawn's Vulkan backend needs the loader; NVIDIA's Vulkan driver also needs libglvnd's dispatch libs.
vulkan_packages=(libvulkan1 libglvnd0 libglx0 libegl1)

cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (set SKIP_BUILD=1 to reuse the current dist/ folders)"
  npx -y pnpm@10 build
fi

rm -rf "$bundle"
mkdir -p "$bundle/vulkan"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

node tooling/gpu/stage-runtime.mjs "$work/stage"
tar -C "$work/stage" -cf - . | xz -6 -T0 >"$bundle/runtime.tar.xz"

xz -9 -T0 -c "$(command -v node)" >"$bundle/node.xz"

(cd "$work" && apt-get download "${vulkan_packages[@]}")
for deb in "$work"/*.deb; do dpkg -x "$deb" "$work/vulkan-root"; done
cp -a "$work"/vulkan-root/usr/lib/x86_64-linux-gnu/. "$bundle/vulkan/"

cp tooling/gpu/run-on-device.sh "$bundle/"
total=$(du -sb "$bundle" | cut -f1)
du -sh "$bundle"/*
echo "bundle: $total bytes (limit $limit_bytes)"
if ((total >= limit_bytes)); then
  echo "error: .gpu-bundle is over the 64 MiB transfer limit" >&2
  exit 1
fi
