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

# The old temporary name PATH.tmp-<pid> was predictable: a link planted there
# had its target overwritten. exec keeps the shell's pid, so the name is known.
echo "keep" > "$work/victim"
bash -c 'ln -s "$1/victim" "$1/r2.json.tmp-$$"; exec "$2" run "$3" -q --out "$1/r2.json"' _ "$work" "$bin" "$ok"
check "run --out beside a planted link at the old temporary name" 0 $?
[[ "$(cat "$work/victim")" == "keep" ]]; check "leaves the link's target untouched" 0 $?

# Devices are never replaced, whatever the output option (as root, --out /dev/null
# once replaced /dev/null; --out /dev/full reported success).
for opt in --out --trace; do
  "$bin" run "$ok" -q $opt /dev/null 2>/dev/null; check "run $opt /dev/null is refused" 2 $?
done
[[ -c /dev/null ]]; check "/dev/null is still a device" 0 $?
"$bin" run "$ok" -q --out /dev/full 2>/dev/null; check "run --out /dev/full is refused, not reported as written" 2 $?
"$bin" check "$ok" --junit /dev/null >/dev/null 2>&1; check "check --junit /dev/null is refused" 2 $?
ln -sf "$work/target" "$work/svg-link"
"$bin" sweep "$src/scenarios/whatif/validation-record-deletion-risk.study.json" -q --replications 2 --svg "$work/svg-link" 2>/dev/null
check "sweep --svg through a symbolic link is refused" 2 $?

# check --junit writes nothing when the input is bad.
echo '{"scenario": "bad", "steps": [' > "$work/bad.json"
"$bin" check "$work/bad.json" --junit "$work/bad.xml" >/dev/null 2>&1; check "check of bad input exits 2" 2 $?
[[ ! -e "$work/bad.xml" ]]; check "and writes no JUnit file" 0 $?

# Limits: validated, never wrapped round to 'no limit'.
for v in -1 0 18446744073709551616; do
  "$bin" run "$ok" -q --max-events "$v" 2>/dev/null; check "--max-events $v is refused" 2 $?
done
"$bin" run "$ok" -q --max-file-size 16E 2>/dev/null; check "--max-file-size 16E is refused" 2 $?
"$bin" run "$ok" -q --max-memory 0 2>/dev/null; check "--max-memory 0 is refused" 2 $?
for cmd in run check lint graph sweep; do
  "$bin" $cmd --help | grep -q -- "--max-memory"; check "$cmd has --max-memory" 0 $?
  "$bin" $cmd --help | grep -q -- "--max-file-size"; check "$cmd has --max-file-size" 0 $?
done

# A probe every 4 s for a century: stopped at the event budget at once, in
# little memory, with the option to raise named; memory stays flat however many
# attempts are made (the attempts are tallied, and the trace goes to its file).
cat > "$work/century.json" <<'J'
{"scenario": "century-probe", "start": "2026-01-01T00:00:00Z", "horizon": "36500d",
 "settings": {"probe.maxAttempts": 1000000000},
 "steps": [{"at": "0s", "probe": {"name": "p", "url": "https://api.example.com/", "from": ["us-east-1"], "every": "4s", "until": "36499d"}},
           {"at": "36500d", "expect": {"probe": "p", "last": {"outcome": "NXDOMAIN"}}}]}
J
python3 - "$bin" "$work" <<'PY'; check "a century of 4-second probes: exit 2 at the event budget, naming --max-events; memory flat as attempts grow" 0 $?
import os, resource, subprocess, sys
bin, work = sys.argv[1], sys.argv[2]
# AddressSanitizer keeps freed memory in a quarantine (256 MiB by default), so
# under it resident memory grows with allocation churn until that fills up:
# a small quarantine measures acmsim's memory, not the sanitizer's.
env = dict(os.environ)
if env.get("ASAN_OPTIONS") is not None or "asan" in bin:
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=1").lstrip(":")
peaks = []
for events in (50_000, 250_000):
    # ru_maxrss of the children is a running maximum: each run is measured in a child of its own.
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, '--max-events' in r.stderr)")
    out = subprocess.run([sys.executable, "-c", code, bin, "run", f"{work}/century.json", "--max-events", str(events), "--trace", f"{work}/century.jsonl"],
                         capture_output=True, text=True, timeout=600, env=env).stdout.split()
    status, peak_kib, named = int(out[0]), int(out[1]), out[2] == "True"
    peaks.append(peak_kib / 1024)
    print(f"{events} events: exit {status}, peak {peaks[-1]:.0f} MiB, names --max-events: {named}")
    if status != 2 or not named:
        sys.exit(1)
# Five times the attempts (and trace records) may not cost more memory: kept,
# 200,000 more attempts would take tens of MiB.
sys.exit(0 if peaks[1] - peaks[0] < 8 else 1)
PY
[[ ! -e "$work/century.jsonl" ]]; check "and leaves no partial trace" 0 $?
"$bin" run "$work/century.json" -q --max-events 2000000 --max-memory 1M 2>"$work/err"; check "a memory budget stops the run with exit 2" 2 $?
grep -q "raise it with --max-memory" "$work/err"; check "and names the option to raise" 0 $?

# A study's base stays inside the study's folder unless the command line names it.
mkdir -p "$work/s2"
cat > "$work/s2/out.study.json" <<J
{"study": "s", "base": "$src/scenarios/whatif/validation-record-deleted.json", "replications": 2, "parameters": [], "metrics": [{"name": "n", "kind": "renewals"}]}
J
"$bin" sweep "$work/s2/out.study.json" -q 2>"$work/err"; check "a study whose base is outside its folder is refused" 2 $?
grep -q "outside the study's folder" "$work/err"; check "with the reason and the way out" 0 $?
"$bin" sweep "$work/s2/out.study.json" -q --base "$src/scenarios/whatif/validation-record-deleted.json"; check "sweep --base names it" 0 $?

# Multi-byte characters around any cut keep --out JSON and JUnit XML valid.
for n in 95 96 97 98 99 100 101; do
  python3 -c "
import json, sys
name = 'x' + 'é' * $n
print(json.dumps({'scenario': 'utf', 'start': '2026-01-01T00:00:00Z', 'horizon': '1d', 'steps': [{'at': '0s', 'region': 'us-east-1', 'call': 'acm:DescribeCertificate',
  'params': {'CertificateArn': 'arn:aws:acm:us-east-1:111122223333:certificate/' + name}}]}))" > "$work/utf.json"
  "$bin" run "$work/utf.json" -q --out "$work/utf.out.json" 2>/dev/null
  "$bin" check "$work/utf.json" --junit "$work/utf.xml" >/dev/null 2>&1
  python3 -c "import json, sys, xml.etree.ElementTree as E; json.load(open('$work/utf.out.json', encoding='utf-8')); E.parse('$work/utf.xml')" 2>/dev/null
  check "a message of $n two-byte characters: --out and --junit stay valid" 0 $?
done

# Instants RFC 3339 cannot write are refused at load.
echo '{"scenario": "late", "start": "9999-06-01T00:00:00Z", "horizon": "365d", "steps": [{"at": "0s", "expect": {"findings": {}, "count": {"max": 0}}}]}' > "$work/late.json"
"$bin" run "$work/late.json" -q 2>"$work/err"; check "a run past year 9999 is refused" 2 $?
grep -q "late.json:1:.*RFC 3339" "$work/err"; check "at the horizon's position" 0 $?

echo "hostile_input: $fails failed"
exit $((fails > 0))
