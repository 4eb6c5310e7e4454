#!/usr/bin/env bash
# Installs the Debian packages acmsim needs, and nothing when they are there.
# Usage: tools/install-deps.sh [--bench|--fuzz]
#   --bench adds Google Benchmark; --fuzz adds clang and its libFuzzer runtime
set -euo pipefail

packages=(cmake g++ ninja-build python3 python3-yaml dpkg-dev file librsvg2-bin chromium-headless-shell libboost-graph-dev libeigen3-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libgtest-dev)
if [[ "${1:-}" == "--bench" ]]; then packages+=(libbenchmark-dev); fi
if [[ "${1:-}" == "--fuzz" ]]; then packages+=(clang libclang-rt-14-dev); fi

# The SARIF schema test fetches the official schema with npm; any npm will do.
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "acmsim: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
