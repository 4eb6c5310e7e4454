#!/usr/bin/env bash
# The Debian package: built with CPack from this build tree, unpacked with
# dpkg-deb, and its binary run on a bundled scenario from the package itself.
set -u
build=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0
check() { if [[ "$2" != "$3" ]]; then echo "FAIL: $1 (expected exit $2, got $3)"; fails=$((fails+1)); else echo "ok: $1"; fi; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; check "cpack builds the .deb" 0 $?
deb=$(ls "$work"/out/acmsim_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]]; check "the package is named acmsim_VERSION_ARCH.deb" 0 $?
dpkg-deb -I "$deb" >"$work/info"; check "dpkg-deb reads its control data" 0 $?
grep -q "^ Package: acmsim$" "$work/info" && grep -q "^ Depends: .*libc6" "$work/info"; check "it is package acmsim and depends on the C library" 0 $?
dpkg-deb -x "$deb" "$work/root"; check "dpkg-deb unpacks it" 0 $?
root="$work/root/usr"
"$root/bin/acmsim" --version | grep -q "^acmsim "; check "the packaged binary runs" 0 $?
"$root/bin/acmsim" run "$root/share/acmsim/scenarios/exam/acm-dns-validation.json" >/dev/null; check "it replays a bundled scenario from the package" 0 $?
"$root/bin/acmsim" check "$root/share/acmsim/scenarios" >"$work/check" 2>&1; check "it passes the whole packaged scenario library" 0 $?
python3 -c "import json; json.load(open('$root/share/acmsim/schema/scenario.schema.json'))"; check "the JSON Schema is in the package" 0 $?
grep -q '^\.SS acmsim check' "$root/share/man/man1/acmsim.1" && grep -q -- '--fail-on' "$root/share/man/man1/acmsim.1"
check "the man page holds every command's help" 0 $?
if command -v groff >/dev/null; then
  groff -man -Tutf8 "$root/share/man/man1/acmsim.1" 2>"$work/groff.err" | col -b | grep -q "acmsim check"; check "the man page renders" 0 $?
  [[ ! -s "$work/groff.err" ]]; check "without roff warnings" 0 $?
fi
echo "package: $fails failed"
exit $((fails > 0))
