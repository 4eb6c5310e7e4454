#!/usr/bin/env bash
# The JUnit XML of `acmsim check`, read by a real JUnit consumer (Debian's
# python3-junitparser, installed where missing).
set -euo pipefail
bin="$1"; src="$2"
if ! /usr/bin/python3 -c "import junitparser" 2>/dev/null; then
  "$src"/tools/apt-install python3-junitparser
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/broken.json" <<'J'
{"scenario": "broken", "steps": [{"at": "0s", "region": "us-east-1", "call": "acm:DeleteCertificate",
  "params": {"CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"}}]}
J
status=0
"$bin" check "$src/scenarios/exam" "$work/broken.json" --junit "$work/junit.xml" >/dev/null 2>&1 || status=$?
[[ $status -eq 1 ]] || { echo "check exited $status, expected 1"; exit 1; }
/usr/bin/python3 - "$work/junit.xml" "$src/scenarios/exam" <<'PY'
import os, sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
cases = [c for suite in xml for c in suite]
expected = len([f for f in os.listdir(sys.argv[2]) if f.endswith(".json")]) + 1
assert len(cases) == expected, (len(cases), expected)
failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
assert [c.name for c in failed] == ["broken"], [c.name for c in failed]
failure = [r for r in failed[0].result if isinstance(r, Failure)][0]
assert "broken.json:1:" in failure.message and "ResourceNotFoundException" in failure.message, failure.message
print("junit: %d test cases, %d failed, read by junitparser; 0 failed" % (len(cases), len(failed)))
PY
