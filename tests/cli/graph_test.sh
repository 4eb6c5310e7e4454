#!/usr/bin/env bash
# acmsim graph renders with Graphviz: installs graphviz where missing, renders a
# bundled scenario's graph to SVG, and checks the JSON form and --impact.
set -euo pipefail
bin="$1"; src="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if ! command -v dot >/dev/null; then
  "$src"/tools/apt-install graphviz
fi
scenario="$src/scenarios/exam/acm-managed-renewal-in-use.json"
"$bin" graph "$scenario" --at 2d > "$work/g.dot"
dot -Tsvg "$work/g.dot" -o "$work/g.svg"
grep -q "<svg" "$work/g.svg"
grep -q 'cluster_eu-west-1' "$work/g.dot"
"$bin" graph "$scenario" --at 2d --format json > "$work/g.json"
cert=$(python3 -c "import json; d=json.load(open('$work/g.json')); print([n['id'] for n in d['nodes'] if n['kind']=='certificate'][0])")
"$bin" graph "$scenario" --at 2d --impact "$cert" --format json > "$work/impact.json"
python3 -c "
import json; d=json.load(open('$work/impact.json'))
deps=d['dependents']
assert any(x.startswith('custom-domain ') for x in deps), deps
assert 'hostname api.example.com' in deps, deps
"
# The validation CNAME's loss takes its certificate with it, and everything that uses the certificate.
record=$(python3 -c "import json; d=json.load(open('$work/g.json')); print([n['id'] for n in d['nodes'] if n['kind']=='record' and ':_' in n['id']][0])")
"$bin" graph "$scenario" --at 2d --impact "$record" --format json > "$work/impact-record.json"
python3 -c "
import json; deps=json.load(open('$work/impact-record.json'))['dependents']
assert 'certificate $cert' in deps, deps
assert any(x.startswith('custom-domain ') for x in deps), deps
assert 'hostname api.example.com' in deps, deps
"
"$bin" graph "$scenario" --impact nothing-like-this >/dev/null 2>&1 && exit 1
echo "graph: rendered $(wc -c < "$work/g.svg") bytes of SVG; 0 failed"
