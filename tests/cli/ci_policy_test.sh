#!/usr/bin/env bash
# acmsim in CI as a platform team uses it: scenario discovery, --fail-on over
# the whole run, lint of refused calls, several inputs, a config file, skipped
# rules, baselines, JUnit times, limits on every command, and a consistent
# command line.
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0
check() { # description, expected status, actual status
  if [[ "$2" != "$3" ]]; then echo "FAIL: $1 (expected exit $2, got $3)"; fails=$((fails+1)); else echo "ok: $1"; fi
}
ok="$src/scenarios/exam/acm-dns-validation.json"
refused="$src/scenarios/regression/apigw-edge-certificate-region-fires.json"
outage="$src/scenarios/exam/imported-expires-under-traffic.json"

# Discovery: only scenarios are taken from a folder; the rest is skipped with a reason.
mkdir -p "$work/repo/scenarios" "$work/outside"
cp "$ok" "$work/repo/scenarios/"
echo '{"name": "web", "version": "1.0.0"}' > "$work/repo/scenarios/package.json"
echo '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}' > "$work/repo/scenarios/stack.json"
cp "$refused" "$work/outside/secret.json"
ln -s "$work/outside/secret.json" "$work/repo/scenarios/link.json"
"$bin" check "$work/repo/scenarios" >"$work/out" 2>"$work/err"; check "check DIR passes with a package.json and a template beside the scenario" 0 $?
grep -q "1 passed, 0 failed" "$work/out"; check "only the scenario was run" 0 $?
grep -q "skipped .*package.json: no \"scenario\" member" "$work/err"; check "the package.json is skipped with its reason" 0 $?
grep -q "skipped .*stack.json: a CloudFormation template" "$work/err"; check "the template is skipped with its reason" 0 $?
grep -q "skipped .*link.json: a symbolic link that leads out of" "$work/err"; check "a symbolic link out of the folder is not followed" 0 $?
mkdir -p "$work/empty"
"$bin" check "$work/empty" >/dev/null 2>"$work/err"; check "an empty folder is bad input" 2 $?
grep -q "no scenario among the paths given" "$work/err"; check "and says why" 0 $?
"$bin" check "$ok" --max-steps 3 >/dev/null 2>&1; check "check has --max-steps" 2 $?
"$bin" check "$ok" --max-file-size 10 >/dev/null 2>&1; check "check has --max-file-size" 2 $?
"$bin" lint "$ok" --max-horizon 1h >/dev/null 2>&1; check "lint has --max-horizon" 2 $?
"$bin" run "$ok" --max-events -1 >/dev/null 2>&1; check "--max-events -1 is refused, not 'no limit'" 2 $?
"$bin" run "$ok" --max-file-size -1 >/dev/null 2>&1; check "--max-file-size -1 is refused" 2 $?
"$bin" run "$ok" --max-steps 0 >/dev/null 2>&1; check "--max-steps 0 is refused" 2 $?

# JUnit carries real times.
"$bin" check "$ok" "$outage" --junit "$work/j.xml" >/dev/null; check "check with --junit" 0 $?
python3 - "$work/j.xml" <<'PY'; check "JUnit test cases have times, and the suite the total" 0 $?
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall(".//testcase")
assert len(cases) == 2 and all(float(c.get("time")) > 0 for c in cases), [c.get("time") for c in cases]
assert float(root.get("time")) >= max(float(c.get("time")) for c in cases) * 0.5
PY

# --fail-on counts every finding raised during the run, not only those open at the end.
"$bin" check "$outage" >/dev/null; check "the outage scenario passes its expectations" 0 $?
"$bin" check "$outage" --fail-on error >"$work/out"; check "check --fail-on error fails on the mid-run expired-certificate outage" 1 $?
grep -q "certificate-expired-in-use" "$work/out"; check "and names the finding" 0 $?
"$bin" check --help | grep -q "default: the config file's failOn, else none"; check "check --help shows the --fail-on default" 0 $?

# lint sees refused calls, at the step's line, and takes several inputs.
"$bin" lint "$refused" >"$work/out"; check "lint fails on a call AWS refused for a rule's reason" 1 $?
grep -q "apigw-edge-certificate-region-fires.json:[0-9]*: error \[apigw-edge-certificate-region\].*AWS refused the call at +12h" "$work/out"
check "lint reports the refused call with its line and time" 0 $?
"$bin" lint "$ok" "$refused" --format json | python3 -c "import json,sys; d=json.load(sys.stdin); assert isinstance(d, list) and len(d)==2"
check "lint of two files gives a JSON document per file" 0 $?
"$bin" lint "$ok" "$refused" --format sarif | python3 -c "
import json,sys; r=json.load(sys.stdin)['runs'][0]
uris={x['locations'][0]['physicalLocation']['artifactLocation']['uri'] for x in r['results']}
assert len(uris)==2, uris"
check "lint of two files gives one SARIF run with results in both files" 0 $?

# SARIF as GitHub code scanning takes it, beyond the schema.
(cd "$src" && "$bin" lint scenarios/exam/acm-renewal-needs-use.json --format sarif) | python3 -c "
import json,sys
run=json.load(sys.stdin)['runs'][0]
assert all(r['helpUri'].startswith('https://') for r in run['tool']['driver']['rules'])
assert '%SRCROOT%' in run['originalUriBaseIds']
for x in run['results']:
    loc=x['locations'][0]['physicalLocation']
    assert loc['artifactLocation']=={'uri': 'scenarios/exam/acm-renewal-needs-use.json', 'uriBaseId': '%SRCROOT%'}, loc
    assert loc['region']['startLine']>=1 and x['partialFingerprints']['acmsimFindingId/v1']
"
check "SARIF: helpUri on every rule, relative URIs with uriBaseId, lines and partialFingerprints" 0 $?
(cd "$src" && "$bin" lint "$src/scenarios/exam/acm-renewal-needs-use.json" --format sarif) | python3 -c "
import json,sys; r=json.load(sys.stdin)['runs'][0]['results']; assert not r[0]['locations'][0]['physicalLocation']['artifactLocation']['uri'].startswith('/')"
check "SARIF: an absolute path under the current folder becomes relative" 0 $?

# A config file found from the current folder upwards.
mkdir -p "$work/team/sub"
cat > "$work/team/.acmsim.json" <<'J'
{"failOn": "warning", "skipRules": ["expiry-events-unwatched"],
 "suppress": [{"rule": "certificate-not-in-use", "resource": "*", "reason": "certificates are attached by another team's stack"},
              {"rule": "legacy-tls-policy", "resource": "nothing", "reason": "left here on purpose"}]}
J
(cd "$work/team/sub" && "$bin" lint "$ok" >"$work/out" 2>"$work/err"); check "lint with the team's config passes: skipped rule, suppressed finding" 0 $?
grep -q "expiry-events-unwatched" "$work/out"; check "the skipped rule does not run" 1 $?
grep -q "suppressed: certificates are attached by another team" "$work/out"; check "the config file's suppression is reported with its reason" 0 $?
grep -q "team/.acmsim.json:3: warning: stale suppression" "$work/err"; check "a stale suppression in the config file is a warning at its line" 0 $?
(cd "$work/team/sub" && "$bin" lint "$ok" --no-config >/dev/null 2>&1); check "--no-config: the warning fails with lint's default" 0 $?
(cd "$work/team/sub" && "$bin" lint "$ok" --no-config --fail-on warning >/dev/null 2>&1); check "--no-config --fail-on warning fails" 1 $?
(cd "$work/team/sub" && "$bin" lint "$ok" --format sarif | python3 -c "
import json,sys; r=json.load(sys.stdin)['runs'][0]['results']
assert [x['suppressions'][0]['kind'] for x in r if 'suppressions' in x]==['external']")
check "SARIF marks a config file's suppression as external" 0 $?
echo '{"failOn": "none"}' > "$work/none-config.json"
"$bin" lint "$refused" --config "$work/none-config.json" >/dev/null; check "a config file's failOn none: findings do not fail lint" 0 $?
echo '{"failOn": "sometimes"}' > "$work/bad-config.json"
"$bin" lint "$ok" --config "$work/bad-config.json" >/dev/null 2>"$work/err"; check "a bad config file is bad input" 2 $?
grep -q "bad-config.json:1:12: \"failOn\" is" "$work/err"; check "with its position" 0 $?
"$bin" lint "$ok" --skip-rule certificate-not-in-us >/dev/null 2>"$work/err"; check "an unknown --skip-rule is bad input" 2 $?
grep -q "did you mean \"certificate-not-in-use\"" "$work/err"; check "with a suggestion" 0 $?

# Baselines: existing findings recorded by fingerprint do not fail; new ones do.
mkdir -p "$work/base"
(cd "$work/base" && "$bin" lint "$ok" --fail-on warning --create-baseline >/dev/null 2>&1); check "lint --create-baseline exits 0" 0 $?
[[ -s "$work/base/.acmsim.baseline.json" ]]; check "the baseline file is written" 0 $?
(cd "$work/base" && "$bin" lint "$ok" --fail-on warning --baseline .acmsim.baseline.json >"$work/out"); check "known findings do not fail" 0 $?
grep -q "in the baseline" "$work/out"; check "and are marked" 0 $?
(cd "$work/base" && "$bin" lint "$ok" "$refused" --fail-on warning --baseline .acmsim.baseline.json >/dev/null); check "a new finding fails" 1 $?
(cd "$work/base" && "$bin" lint "$ok" --format sarif --baseline .acmsim.baseline.json | python3 -c "
import json,sys; r=json.load(sys.stdin)['runs'][0]['results']; assert r and all(x['baselineState']=='unchanged' for x in r)")
check "SARIF baselineState is unchanged for baselined findings" 0 $?
(cd "$work/base" && "$bin" check "$outage" --fail-on error --create-baseline >/dev/null 2>&1 && "$bin" check "$outage" --fail-on error --baseline .acmsim.baseline.json >/dev/null)
check "check honours a baseline too" 0 $?

# One command line.
"$bin" runn "$ok" >/dev/null 2>"$work/err"; check "a mistyped command is a usage error" 2 $?
grep -q 'did you mean "run"' "$work/err"; check "with the nearest command" 0 $?
"$bin" help run | grep -q -- "--trace"; check "acmsim help run shows run's options" 0 $?
"$bin" help >/dev/null; check "acmsim help shows the commands" 0 $?
"$bin" help events test-pattern | grep -q -- "--event-pattern"; check "acmsim help events test-pattern" 0 $?
"$bin" settings --format markdown | head -1 | grep -q "^| setting"; check "settings --format markdown" 0 $?
"$bin" run "$ok" -q >"$work/out"; [[ ! -s "$work/out" ]]; check "run -q prints nothing on stdout" 0 $?
"$bin" sweep "$src/scenarios/whatif/edge-vs-regional-latency.study.json" -q --replications 2 --threads 1 >"$work/out"; [[ ! -s "$work/out" ]]
check "sweep -q prints nothing on stdout either" 0 $?

echo "ci_policy: $fails failed"
exit $((fails > 0))
