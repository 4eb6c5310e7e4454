#!/usr/bin/env bash
# Installs the Debian packages acmsim needs, and nothing when they are there.
# Usage: tools/install-deps.sh [--bench] [--fuzz] [--test]
#   --bench adds Google Benchmark; --fuzz adds clang and its libFuzzer runtime;
#   --test adds the validators the tests check output with
set -euo pipefail

packages=(cmake g++ ninja-build python3 python3-yaml dpkg-dev file librsvg2-bin chromium-headless-shell libboost-graph-dev libeigen3-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libgtest-dev libjemalloc-dev)
for flag in "$@"; do
  case "$flag" in
    --bench) packages+=(libbenchmark-dev) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    # What the tests check the output with, installed once before ctest runs
    # them in parallel.
    --test) packages+=(python3-jsonschema python3-junitparser graphviz parallel) ;;
    *) echo "usage: tools/install-deps.sh [--bench] [--fuzz] [--test]" >&2; exit 2 ;;
  esac
done

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
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >&2
