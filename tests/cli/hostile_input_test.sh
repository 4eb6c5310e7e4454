#!/usr/bin/env bash
# Input and output files as an attacker or a careless user would give them:
# every case ends quickly with exit 2 and a reason, and nothing is written
# where it must not be.
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0
check() { if [[ "$2" != "$3" ]]; then echo "FAIL: $1 (expected exit $2, got $3)"; fails=$((fails+1)); else echo "ok: $1"; fi; }
ok="$src/scenarios/exam/acm-dns-validation.json"

# Output: only regular files are replaced, and the outputs of one run go together.
echo "keep" > "$work/target"; ln -s "$work/target" "$work/link"
"$bin" run "$ok" -q --out "$work/link" 2>"$work/err"; check "--out through a symbolic link is refused" 2 $?
[[ "$(cat "$work/target")" == "keep" && -L "$work/link" ]]; check "the link and its target are untouched" 0 $?
grep -q "symbolic link" "$work/err"; check "and the message says why" 0 $?
mkfifo "$work/fifo"
timeout 10 "$bin" run "$ok" -q --trace "$work/fifo" 2>/dev/null; check "--trace to a FIFO is refused, not blocked on" 2 $?
"$bin" run "$ok" -q --out "$work" 2>/dev/null; check "--out to a directory is refused" 2 $?
"$bin" run "$ok" -q --trace "$work/t.jsonl" --out "$work/missing/r.json" 2>/dev/null; check "--out into a missing folder fails" 2 $?
[[ ! -e "$work/t.jsonl" ]]; check "and leaves no trace file behind" 0 $?
ls -A "$work" | grep -q '^\.t\.jsonl\.' ; check "nor a temporary file" 1 $?
"$bin" run "$ok" -q --out "$work/r.json"; [[ "$(stat -c %a "$work/r.json")" != "600" ]]; check "an output file gets the usual mode, not mkstemp's 0600" 0 $?

# Input: non-regular files and oversized files are refused at once.
timeout 10 "$bin" events test-pattern --event-pattern @/dev/zero --event '{}' 2>/dev/null; check "a pattern @/dev/zero is refused" 2 $?
timeout 10 "$bin" events test-pattern --event-pattern "@$work/fifo" --event '{}' 2>/dev/null; check "a pattern @FIFO is refused, not blocked on" 2 $?
timeout 10 "$bin" merge "$work/fifo" 2>/dev/null; check "merge of a FIFO is refused" 2 $?
mkdir -p "$work/study"
cp "$src/scenarios/whatif/validation-record-deleted.json" "$work/study/base.json"
cat > "$work/study/s.study.json" <<'J'
{"study": "s", "base": "pipe.json", "replications": 2, "parameters": [], "metrics": [{"name": "n", "kind": "renewals"}]}
J
mkfifo "$work/study/pipe.json"
timeout 10 "$bin" sweep "$work/study/s.study.json" -q 2>"$work/err"; check "a study whose base is a FIFO is refused, not hung" 2 $?
printf '{"scenario": "b",\n  "steps": [,]}' > "$work/study/broken.json"
sed -i 's/pipe.json/broken.json/' "$work/study/s.study.json"
"$bin" sweep "$work/study/s.study.json" -q 2>"$work/err"; check "a base with a JSON syntax error is bad input (2), not an internal error (3)" 2 $?
grep -q "broken.json:2:" "$work/err"; check "with the base file's position" 0 $?

# The JSON reader's memory follows the file: a long member name over many values.
python3 -c "print('{\"' + 'k'*65536 + '\": [' + ','.join(['0']*32768) + ']}')" > "$work/wide.json"
# Peak memory is measured (ru_maxrss), not limited: AddressSanitizer cannot run under ulimit -v.
python3 - "$bin" "$work/wide.json" "$work/err" <<'PY'; check "a 128 KiB file with a 64 Ki-character name: bad input in under 400 MB, not bad_alloc" 0 $?
import resource, subprocess, sys
status = subprocess.run([sys.argv[1], "run", sys.argv[2]], stdout=subprocess.DEVNULL, stderr=open(sys.argv[3], "w")).returncode
peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"exit {status}, peak {peak_mib:.0f} MiB")
sys.exit(0 if status == 2 and peak_mib < 400 else 1)
PY
grep -q "wide.json:1:" "$work/err"; check "with its position" 0 $?

# Wildcards stay linear.
pattern=$(python3 -c "print('{\"source\":[{\"wildcard\":\"*' + 'a'*50000 + 'b*\"}]}')")
value=$(python3 -c "print('{\"source\":\"' + 'a'*100000 + '\"}')")
echo "$pattern" > "$work/p.json"; echo "$value" > "$work/e.json"
timeout 20 "$bin" events test-pattern --event-pattern "@$work/p.json" --event "@$work/e.json" | grep -q false; check "a long wildcard against a long value answers at once" 0 $?

echo "hostile_input: $fails failed"
exit $((fails > 0))
