#!/usr/bin/env bash
# The scenario JSON Schema: generated from the code (schema/scenario.schema.json
# must equal `acmsim schema`), valid draft 2020-12, accepts every bundled
# scenario, and rejects the bad-input corpus the loader rejects. Checked with
# Debian's python3-jsonschema, installed where missing.
set -euo pipefail
bin="$1"; src="$2"
if ! /usr/bin/python3 -c "import jsonschema" 2>/dev/null; then
  "$src"/tools/apt-install python3-jsonschema
fi
"$bin" schema | cmp -s - "$src/schema/scenario.schema.json" || { echo "schema/scenario.schema.json is not what acmsim schema prints"; exit 1; }
for f in "$src"/tests/data/bad-input/*.json; do
  if "$bin" run "$f" >/dev/null 2>&1; then echo "the loader accepted $f"; exit 1; fi
done
/usr/bin/python3 - "$src" <<'PY'
import glob, json, sys
import jsonschema
src = sys.argv[1]
schema = json.load(open(src + "/schema/scenario.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
fails = 0
good = sorted(f for f in glob.glob(src + "/scenarios/*/*.json") if not f.endswith(".study.json"))
for f in good:
    errors = list(v.iter_errors(json.load(open(f))))
    if errors:
        fails += 1
        print("FAIL schema rejects", f, ":", errors[0].message[:160])
# References to names never saved are beyond what a JSON Schema can say.
beyond = {"unknown-reference.json"}
bad = sorted(glob.glob(src + "/tests/data/bad-input/*.json"))
for f in bad:
    name = f.rsplit("/", 1)[1]
    try:
        doc = json.load(open(f))
    except ValueError:
        continue  # not JSON: both refuse it
    rejected = any(True for _ in v.iter_errors(doc))
    if rejected == (name in beyond):
        fails += 1
        print("FAIL schema %s %s" % ("rejects" if rejected else "accepts", name))
print("schema: %d bundled scenarios valid, %d bad inputs checked; %d failed" % (len(good), len(bad), fails))
sys.exit(1 if fails else 0)
PY
