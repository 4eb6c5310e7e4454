#!/usr/bin/env bash
# The acmsim command as a user meets it: exit statuses, where output goes, and
# that bad input writes no output file.
set -u
bin="$1"; src="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0
check() { # description, expected status, actual status
  if [[ "$2" != "$3" ]]; then echo "FAIL: $1 (expected exit $2, got $3)"; fails=$((fails+1)); else echo "ok: $1"; fi
}

"$bin" --version | grep -q "^acmsim [0-9]"; check "--version prints the version" 0 $?
for sub in run check settings; do "$bin" $sub --help >/dev/null; check "$sub --help" 0 $?; done
"$bin" >/dev/null 2>&1; check "no subcommand is a usage error" 2 $?
"$bin" run >/dev/null 2>&1; check "run without FILE is a usage error" 2 $?

ok="$src/scenarios/exam/acm-dns-validation.json"
"$bin" run "$ok" --trace "$work/t.jsonl" --out "$work/r.json" >"$work/stdout" 2>"$work/stderr"; check "a passing scenario exits 0" 0 $?
[[ -s "$work/t.jsonl" && -s "$work/r.json" ]]; check "trace and result written" 0 $?
[[ ! -s "$work/stderr" ]]; check "nothing on stderr for a passing run" 0 $?
python3 -c "import json,sys; [json.loads(l) for l in open('$work/t.jsonl')]; d=json.load(open('$work/r.json')); sys.exit(0 if d['passed'] is True and d['scenario']=='acm-dns-validation' else 1)"
check "trace is JSON Lines and the result document says passed" 0 $?

# A quiet run keeps no trace records (nothing would read them): its document
# is the same, on a scenario with findings, probes, events and a small fleet.
for f in "$ok" "$src/scenarios/exam/acm-renewal-needs-use.json" "$src/scenarios/whatif/"*.json; do
  [[ -f "$f" && "$f" != *.study.json ]] || continue
  "$bin" run "$f" --out "$work/loud.json" >/dev/null 2>&1
  "$bin" run -q "$f" --out "$work/quiet.json" >"$work/quiet.stdout" 2>/dev/null
  cmp -s "$work/loud.json" "$work/quiet.json" && [[ ! -s "$work/quiet.stdout" ]]; check "run -q writes the same document, and nothing on stdout: $(basename "$f")" 0 $?
done
"$src/tools/fleet-scenario" --certs 300 --years 2 --seed 4 -o "$work/fleet.json" >/dev/null
"$bin" run "$work/fleet.json" --out "$work/loud.json" >/dev/null 2>&1
"$bin" run -q "$work/fleet.json" --out "$work/quiet.json" >/dev/null 2>&1
cmp -s "$work/loud.json" "$work/quiet.json"; check "run -q writes the same document for a fleet" 0 $?

cat > "$work/fail.json" <<'J'
{"scenario": "f", "steps": [{"at": "0s", "region": "us-east-1", "call": "acm:DeleteCertificate",
  "params": {"CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"}}]}
J
"$bin" run "$work/fail.json" --out "$work/f.json" >/dev/null; check "a failed expectation exits 1" 1 $?
python3 -c "import json,sys; e=json.load(open('$work/f.json'))['expectations']; sys.exit(0 if [x['step'] for x in e if not x['passed']]==[0] else 1)"
check "the result document names the failed step" 0 $?

printf '{"scenario": "b", "steps": [,]}' > "$work/bad.json"
"$bin" run "$work/bad.json" --trace "$work/bt.jsonl" --out "$work/b.json" >"$work/stdout" 2>"$work/stderr"; check "bad input exits 2" 2 $?
[[ ! -e "$work/b.json" && ! -e "$work/bt.jsonl" ]]; check "bad input writes no output file" 0 $?
grep -q "bad.json:1:" "$work/stderr"; check "bad input points at FILE:LINE:" 0 $?
[[ ! -s "$work/stdout" ]]; check "bad input prints nothing on stdout" 0 $?
"$bin" run "$work" >/dev/null 2>&1; check "a directory is bad input" 2 $?
"$bin" run "$work/none.json" >/dev/null 2>&1; check "a missing file is bad input" 2 $?
: > "$work/empty.json"; "$bin" run "$work/empty.json" >/dev/null 2>&1; check "an empty file is bad input" 2 $?
"$bin" run "$ok" --max-events 3 >/dev/null 2>"$work/stderr"; check "an exceeded event budget is reported" 2 $?
grep -q "max-events" "$work/stderr"; check "the budget message names --max-events" 0 $?

"$bin" check "$src/scenarios" >"$work/check" 2>&1; check "check of the bundled scenarios passes" 0 $?
tail -1 "$work/check" | grep -Eq "^[0-9]+ passed, 0 failed$"; check "check closes with 'N passed, M failed'" 0 $?
"$bin" check "$work/fail.json" >/dev/null 2>&1; check "check with a failing scenario exits 1" 1 $?
"$bin" check "$work/bad.json" >/dev/null 2>&1; check "check with bad input exits 2" 2 $?

python3 -c "import sys; s=open('$src/README.md').read(); open('$work/readme.json','w').write(s.split('\x60\x60\x60json\n')[1].split('\x60\x60\x60')[0])"
"$bin" run "$work/readme.json" >/dev/null; check "the README's example scenario passes" 0 $?

out=$("$bin" events test-pattern --event-pattern '{"source":["aws.acm"]}' --event '{"source":"aws.acm"}'); check "test-pattern matches" 0 $?
[[ "$out" == '{"Result":true}' ]]; check "test-pattern prints {\"Result\": true}" 0 $?
echo '{"source":"aws.ec2"}' > "$work/event.json"
out=$("$bin" events test-pattern --event-pattern '{"source":["aws.acm"]}' --event "@$work/event.json"); check "test-pattern reads @file" 0 $?
[[ "$out" == '{"Result":false}' ]]; check "test-pattern prints {\"Result\": false}" 0 $?
"$bin" events test-pattern --event-pattern '{"source":"aws.acm"}' --event '{}' >/dev/null 2>&1; check "an invalid pattern exits 2" 2 $?
"$bin" events test-pattern --event-pattern '{"source":["aws.acm"]' --event '{}' >/dev/null 2>&1; check "a pattern that is not JSON exits 2" 2 $?
"$bin" events test-pattern --event-pattern '{"source":["aws.acm"]}' --event '[1]' >/dev/null 2>&1; check "an event that is not an object exits 2" 2 $?

"$bin" rules --format markdown | cmp -s - "$src/docs/rules.md"; check "docs/rules.md is what acmsim rules --format markdown prints" 0 $?
[[ $("$bin" rules | wc -l) -eq 25 ]]; check "acmsim rules lists the 25 rules" 0 $?
"$bin" explain certificate-not-in-use | grep -q "^Fix: "; check "explain says how to fix" 0 $?
"$bin" explain no-such-rule >/dev/null 2>&1; check "explain of an unknown rule exits 2" 2 $?
"$bin" explain CAA-Forbids-Amazon | grep -q "^caa-forbids-amazon"; check "explain is case-insensitive" 0 $?
"$bin" explain caa 2>&1 >/dev/null | grep -q "about it: caa-forbids-amazon"; check "explain caa suggests the CAA rule, by meaning" 0 $?
"$bin" explain cert_expired | grep -q "^CERT_EXPIRED (probe outcome)"; check "explain knows probe outcomes" 0 $?
"$bin" explain ACM.ValidationTimeout | grep -q "^acm.validationTimeout (setting, default 72h)"; check "explain knows settings, case-insensitively" 0 $?
"$bin" explain acm-wildcard | grep -q "covers one label"; check "explain knows the scenarios' concepts" 0 $?
"$bin" explain latency 2>&1 >/dev/null | grep -q "about it: .*latency.dnsMs"; check "explain latency suggests the latency settings" 0 $?
# A fleet's summary counts, and lists only what is worth a look; --full lists all.
python3 - "$work/fleet.json" <<'PY'
import json, sys
steps = [{"at": "0s", "call": "route53:CreateHostedZone", "params": {"Name": "example.com", "CallerReference": "z"}, "save": "zone"}]
for i in range(25):
    steps.append({"at": "0s", "region": ["us-east-1", "eu-west-1"][i % 2], "call": "acm:RequestCertificate",
                  "params": {"DomainName": f"h{i}.example.com", "ValidationMethod": "DNS"}, "save": f"c{i}"})
    if i % 5:
        steps.append({"at": "1m", "call": "sim:CreateValidationRecords",
                      "params": {"CertificateArn": "${c%d.CertificateArn}" % i, "HostedZoneId": "${zone.HostedZone.Id}"}})
json.dump({"scenario": "fleet", "start": "2026-03-01T00:00:00Z", "horizon": "4d", "steps": steps}, open(sys.argv[1], "w"))
PY
"$bin" run "$work/fleet.json" 2>/dev/null > "$work/fleet.out"
grep -q "^  25 certificates" "$work/fleet.out" && grep -q "by status: ISSUED 20 VALIDATION_TIMED_OUT 5" "$work/fleet.out"
check "a fleet's summary counts certificates by status" 0 $?
[[ $(grep -c "^  \(us-east-1\|eu-west-1\)  h" "$work/fleet.out") -eq 20 ]]; check "and lists at most 20 of them" 0 $?
[[ $("$bin" run "$work/fleet.json" --full 2>/dev/null | grep -c "^  \(us-east-1\|eu-west-1\)  h") -eq 25 ]]; check "--full lists every one" 0 $?
grep -q "^  50 raised, 45 still hold" "$work/fleet.out" && grep -q "^         5  error \[validation-timed-out\], 5 still hold" "$work/fleet.out"
check "a fleet's summary counts findings per rule" 0 $?
[[ $(grep -c "^  \(warning\|error\|info\) \[" "$work/fleet.out") -eq 20 ]]; check "and lists the first 20 findings" 0 $?
[[ $("$bin" run "$work/fleet.json" --full 2>/dev/null | grep -c "^  \(warning\|error\|info\) \[") -eq 50 ]]; check "--full lists every finding" 0 $?
"$bin" run "$work/fleet.json" 2>&1 >/dev/null | grep -q "simulated to"; check "no progress bar when stderr is not a terminal" 1 $?

# Every concept tag of a bundled scenario is explained.
for c in $(python3 -c "
import json, glob
print(' '.join(sorted({t for f in glob.glob('$src/scenarios/**/*.json', recursive=True) for t in json.load(open(f)).get('concepts', [])})))"); do
  "$bin" explain "$c" >/dev/null 2>&1 || { echo "FAIL: explain $c"; fails=$((fails+1)); }
done
"$bin" lint "$ok" --format sarif > "$work/lint.sarif"; check "lint of a scenario with a warning only exits 0 (fail-on error)" 0 $?
python3 -c "import json; d=json.load(open('$work/lint.sarif')); assert d['version']=='2.1.0' and len(d['runs'][0]['tool']['driver']['rules'])==25" ; check "lint writes SARIF 2.1.0 with every rule" 0 $?
"$bin" lint "$ok" --fail-on warning >/dev/null; check "lint --fail-on warning fails on a warning" 1 $?
"$bin" lint "$ok" --format xml >/dev/null 2>&1; check "lint refuses an unknown format" 2 $?

# Suppressions: reported as suppressed with the reason, never failing; a stale one is a warning.
sup="$src/scenarios/regression/suppressed-finding.json"
"$bin" lint "$sup" --format sarif > "$work/sup.sarif"; check "lint of a scenario with a suppressed finding exits 0" 0 $?
python3 -c "
import json; r=json.load(open('$work/sup.sarif'))['runs'][0]['results']
s=[x for x in r if x['ruleId']=='certificate-not-in-use']
assert len(s)==1 and s[0]['suppressions'][0]['justification'].startswith('standby certificate'), s
assert all('suppressions' not in x for x in r if x['ruleId']!='certificate-not-in-use')"
check "SARIF carries the suppression and its justification" 0 $?
"$bin" lint "$sup" --format json | python3 -c "import json,sys; d=json.load(sys.stdin); assert [f['suppressed']['reason'][:7] for f in d['findings'] if 'suppressed' in f]==['standby']"
check "lint JSON marks the suppressed finding" 0 $?
"$bin" lint "$sup" | grep -q "1 suppressed"; check "lint text counts the suppressed finding apart" 0 $?
python3 - "$sup" "$work/stale.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["suppress"].append({"rule": "legacy-tls-policy", "resource": "nothing-*", "reason": "kept for the test"})
json.dump(d, open(sys.argv[2], "w"), indent=2)
PY
"$bin" run "$work/stale.json" --quiet 2>"$work/stderr"; check "a stale suppression does not fail the run" 0 $?
grep -q "stale.json:[0-9]*: warning: stale suppression: no finding of rule legacy-tls-policy" "$work/stderr"; check "a stale suppression is a warning with its line" 0 $?
"$bin" check "$sup" --fail-on warning 2>/dev/null | grep -q "^FAIL"; check "check --fail-on warning: the warning left unsuppressed still fails" 0 $?

"$bin" check "$src/scenarios" "$work/fail.json" --junit "$work/junit.xml" >/dev/null 2>&1; check "check with a failing scenario and --junit exits 1" 1 $?
python3 -c "
import xml.etree.ElementTree as ET, sys
t = ET.parse('$work/junit.xml').getroot()
cases = t.findall('.//testcase')
failed = [c for c in cases if c.find('failure') is not None]
sys.exit(0 if len(failed) == 1 and 'line' not in failed[0].find('failure').get('message') and failed[0].get('name') == 'f' else 1)
"; check "JUnit XML: one test case a scenario, the failing one with its message" 0 $?
"$bin" check "$src/scenarios/exam/acm-dns-validation.json" --fail-on warning >/dev/null 2>&1; check "check --fail-on warning fails a scenario with a warning" 1 $?

"$bin" run --narrate "$src/scenarios/exam/acm-caa-forbids-amazon.json" > "$work/story.txt"; check "run --narrate exits 0" 0 $?
grep -q "Why: CAA records" "$work/story.txt" && grep -q "NOTE  CAA records" "$work/story.txt"; check "the narrative carries the notes and the rule's explanation" 0 $?

python3 "$src/tools/scenario-catalogue" | cmp -s - "$src/scenarios/README.md"; check "scenarios/README.md lists every bundled scenario (tools/scenario-catalogue)" 0 $?
"$bin" settings --markdown > "$work/settings.md"
python3 -c "import sys; sys.exit(0 if open('$work/settings.md').read() in open('$src/README.md').read() else 1)"
check "the README's settings table is what acmsim settings --markdown prints" 0 $?

"$bin" run "$work/fail.json" -q 2>"$work/stderr"
grep -q 'note: no "horizon": the run ends at its latest step, +0s (nothing timed will happen' "$work/stderr" && grep -q 'note: no "start": the run starts on 2026-01-01T00:00:00Z' "$work/stderr"
check "a run without start or horizon says which defaults it took" 0 $?
echo "cli: $fails failed"
exit $(( fails > 0 ))
