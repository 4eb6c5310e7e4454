#!/usr/bin/env python3
"""Templates in: acmsim lint and acmsim import on CloudFormation, SAM,
deployment files and CDK manifests.

- The project's own templates (tests/data/iac) mark with "# finding: RULE" the
  line where lint must report RULE; the errors and warnings reported must be
  exactly those.
- intrinsics.yaml: every intrinsic function, read back from the import.
- bad/: each refusal is exit 2, FILE:LINE:COLUMN as the file's first comment
  says, and nothing on stdout.
- Replaying the imported scenario gives the findings linting the template
  gives, and the same input gives the same bytes.
- The real templates of the workbench corpus (beside the checkout, or
  ACMSIM_IAC_CORPUS), when present: the findings their SOURCES rows describe.

Usage: iac_test.py ACMSIM SOURCE_DIR
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

acmsim = str(pathlib.Path(sys.argv[1]).resolve())
root = pathlib.Path(sys.argv[2]).resolve()
data = root / "tests" / "data" / "iac"
failures = []


def check(name, ok, detail=""):
    print(("ok: " if ok else "FAIL: ") + name + ("" if ok else "\n  " + detail.replace("\n", "\n  ")))
    if not ok:
        failures.append(name)


def run(*args, cwd=None):
    p = subprocess.run([acmsim, *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    return p.returncode, p.stdout, p.stderr


def lint_json(files, *options, cwd=None):
    rc, out, err = run("lint", *files, "--format", "json", "--fail-on", "none", *options, cwd=cwd)
    if rc != 0:
        return rc, None, err
    doc = json.loads(out)
    docs = doc if isinstance(doc, list) else [doc]
    return rc, [f for d in docs for f in d["findings"]], err


def final(findings):
    """What holds in the deployed state, and refused calls: (rule, resources, message)."""
    out = []
    for f in findings:
        held = f.get("held", "")
        if held and not held.startswith("AWS refused"):
            continue
        message = re.sub(r" \((AWS refused the call|held from)[^)]*\)$", "", f["message"])
        out.append((f["rule"], tuple(f["resources"]), message))
    return sorted(out)


def marked(files):
    """(file, line, rule) of every "# finding: RULE" comment."""
    out = set()
    for f in files:
        for n, line in enumerate(pathlib.Path(f).read_text().splitlines(), 1):
            for m in re.finditer(r"# finding: ([a-z0-9-]+)", line):
                out.add((str(pathlib.Path(f).resolve()), n, m.group(1)))
    return out


# 1. The project's templates: findings exactly where marked.
cases = [
    ("resources.yaml (eu-west-1)", [data / "resources.yaml"], ["--region", "eu-west-1"], [data / "resources.yaml"]),
    ("sam.yaml", [data / "sam.yaml"], [], [data / "sam.yaml"]),
    ("deployment.json", [data / "deployment" / "deployment.json"], [], sorted((data / "deployment").glob("*.yaml"))),
    ("nested stacks (eu-west-1)", [data / "nested" / "parent.yaml"], ["--region", "eu-west-1"],
     [data / "nested" / "parent.yaml", data / "nested" / "certificate.yaml"]),
]
for name, files, options, sources in cases:
    rc, findings, err = lint_json([str(f) for f in files], *options)
    if findings is None:
        check(name + ": lint runs", False, err)
        continue
    got = set()
    for f in findings:
        if f["severity"] in ("error", "warning"):
            loc = f.get("location", {})
            got.add((str(pathlib.Path(loc.get("file", "?")).resolve()), loc.get("line"), f["rule"]))
    want = marked(sources)
    check(name + ": findings exactly at the marked lines", got == want,
          "missing: " + repr(sorted(want - got)) + "\nunexpected: " + repr(sorted(got - want)) + "\n" + err)
    for f in findings:
        loc = f.get("location", {})
        if not (loc.get("column", 0) > 0 and loc.get("logicalId")):
            check(name + ": every finding has a column and a logical id", False, repr(f))
            break

# 1b. A Terraform plan: provider aliases for regions, after_unknown values
# followed through the configuration's references, validation records written
# by a for_each over domain_validation_options.
plan = data / "terraform" / "plan.json"
plan_lines = plan.read_text().splitlines()


def line_of(text):
    return next(n for n, line in enumerate(plan_lines, 1) if text in line)


rc, findings, err = lint_json([str(plan)])
got = {(f["rule"], f.get("location", {}).get("line")) for f in findings or [] if f["severity"] == "error" or f["rule"] == "legacy-tls-policy"}
want = {("apigw-edge-certificate-region", line_of('"viewer_certificate": [{"acm_certificate_arn": {"references"')),
        ("regional-certificate-region", line_of('"regional_certificate_arn": {"references"')),
        ("legacy-tls-policy", line_of('"ssl_policy": "ELBSecurityPolicy-2016-08"')),
        ("validation-record-missing", line_of('"values": {"domain_name": "api.tf.example"'))}
check("terraform plan: findings at the plan's lines (configuration references for values known after apply)", got == want,
      "missing: " + repr(sorted(want - got)) + "\nunexpected: " + repr(sorted(got - want)) + "\n" + err)
check("terraform plan: values known only after apply and not traced are unresolved-value",
      any(f["rule"] == "unresolved-value" and "known only after terraform apply" in f["message"] for f in findings or []), err)
check("terraform plan: types not simulated are listed", "aws_s3_bucket is not simulated" in err, err)
rc, out, err = run("import", str(plan))
steps = json.loads(out)["steps"] if rc == 0 else []
check("terraform plan: the for_each validation records become the certificate's validation records in its zone",
      any(s["call"] == "sim:CreateValidationRecords" for s in steps) and
      [s.get("region") for s in steps if s["call"] == "acm:RequestCertificate"] == ["us-east-1", "eu-west-1"], json.dumps(steps)[:2000])

# 1b'. A CDK cloud assembly: stacks in the order of their dependencies (the
# manifest lists "web" first; it imports an export of "certs").
rc, findings, err = lint_json([str(data / "cdk" / "manifest.json")])
edge = [f for f in findings or [] if f["rule"] == "apigw-edge-certificate-region"]
check("CDK manifest: dependencies first, Fn::ImportValue of the other stack's export, the finding at the web template's line",
      len(edge) == 1 and edge[0]["location"]["file"].endswith("web.template.json") and edge[0]["location"]["line"] == 8 and
      edge[0]["location"]["stack"] == "web", json.dumps(findings)[:1500] + err)

# 1c. SAM: the expansion of SAM's own translator inputs gives the domains,
# endpoint types, certificates and records of its outputs.
def sam_shape(path, *options):
    rc, out, err = run("import", str(path), *options)
    if rc != 0:
        return err
    shape = []
    for s in json.loads(out)["steps"]:
        p = s["params"]
        if s["call"] == "apigateway:CreateDomainName":
            shape.append(("domain", p["domainName"], p["endpointConfiguration"]["types"][0], p.get("certificateArn") or p.get("regionalCertificateArn")))
        elif s["call"] == "apigatewayv2:CreateDomainName":
            c = p["DomainNameConfigurations"][0]
            shape.append(("domain", p["DomainName"], c.get("EndpointType"), c.get("CertificateArn")))
        elif s["call"] == "route53:ChangeResourceRecordSets":
            for c in p["ChangeBatch"]["Changes"]:
                r = c["ResourceRecordSet"]
                shape.append(("record", r["Name"], r["Type"], "alias" if "AliasTarget" in r else "values"))
        elif s["call"] in ("apigateway:CreateBasePathMapping", "apigatewayv2:CreateApiMapping"):
            shape.append(("mapping", p.get("basePath", p.get("ApiMappingKey", ""))))
    return sorted(shape)


sam_corpus = [("api_with_basic_custom_domain_http", []),
              ("api_with_custom_domains_edge", ["--parameter", "MyEdgeDomainName=api.example.com", "--parameter",
                                                "MyEdgeDomainCert=arn:aws:acm:us-east-1:111122223333:certificate/0b3a46b2-1111-4222-8333-944455556666",
                                                "--parameter", "HostedZoneId=Z0123456789ABC"])]
corpus = pathlib.Path(os.environ.get("ACMSIM_IAC_CORPUS", root.parent / "shared" / "iac-corpus"))
for name, options in sam_corpus:
    sam_in = corpus / "serverless-application-model" / "input" / (name + ".yaml")
    sam_out = corpus / "serverless-application-model" / "output" / (name + ".json")
    if sam_in.exists() and sam_out.exists():
        a, b = sam_shape(sam_in, *options), sam_shape(sam_out, *options)
        check(f"SAM {name}: the expansion gives the translator's domains, endpoint types, certificates, records and mappings",
              a == b and isinstance(a, list) and len(a) >= 3, f"expansion: {a}\ntranslator: {b}")

# 1d. A template's own ${...} text stays text through import and replay.
rc, out, err = run("import", str(data / "nested" / "escape.yaml"))
check("a template's ${...} text is written $${...} in the scenario", rc == 0 and "see https://wiki/$${Page} for us-east-1" in out, err)

# 2. Intrinsic functions, read back from the import.
rc, out, err = run("import", str(data / "intrinsics.yaml"))
check("import intrinsics.yaml exits 0", rc == 0, err)
if rc == 0:
    doc = json.loads(out)
    params = doc["steps"][0]["params"]
    check("Fn::Sub with variables, Fn::Join, Fn::If/AWS::NoValue, Fn::Select on a list parameter, Fn::Split, And/Or/Not/Condition",
          params["DomainName"] == "api.example.org" and
          params["SubjectAlternativeNames"] == ["www.example.org", "b.example.org", "c.example.org", "both.example.org", "either.example.org"],
          json.dumps(params))
    tags = {t["Key"]: t.get("Value") for t in params.get("Tags", [])}
    check("Fn::FindInMap by region, Fn::GetAZs, pseudo parameters, Fn::ToJsonString, Fn::Length, AWS::NoValue removes a property",
          tags == {"label": "virginia", "zone": "us-east-1a", "stack": "intrinsics aws amazonaws.com 111122223333",
                   "names": '{"count":2}', "optional": None}, json.dumps(tags))
    check("steps name the template line", all(re.match(r".*intrinsics\.yaml:\d+: intrinsics/", s["note"]) for s in doc["steps"]),
          json.dumps([s["note"] for s in doc["steps"]]))
rc2, out2, _ = run("import", str(data / "intrinsics.yaml"))
check("import is deterministic", out == out2)
rc, out, err = run("import", str(data / "intrinsics.yaml"), "--region", "eu-west-1", "--parameter", "Env=prod", "--parameter", "intrinsics.Domain=example.com")
if rc == 0:
    params = json.loads(out)["steps"][0]["params"]
    check("--parameter (plain and STACK.KEY) and --region change the resolution",
          params["DomainName"] == "api.example.com" and "prod.example.com" in params["SubjectAlternativeNames"] and
          {t["Key"]: t.get("Value") for t in params["Tags"]}["label"] == "ireland", json.dumps(params))

# 3. Bad input: exit 2, the position, nothing on stdout.
for f in sorted((data / "bad").iterdir()):
    first = f.read_text().splitlines()[0]
    m = re.match(r"# expect: (\d+):(\d*)", first)
    expect = (m.group(1), m.group(2)) if m else ("2", "8")  # cycle.json: resource A
    for command in (["lint"], ["import"]):
        rc, out, err = run(*command, str(f))
        prefix = f"{f}:{expect[0]}:{expect[1]}"
        check(f"{command[0]} {f.name}: exit 2 at {expect[0]}:{expect[1] or '*'}, nothing on stdout",
              rc == 2 and out == "" and err.startswith(prefix), f"rc={rc} stdout={out[:200]!r} stderr={err[:300]!r}")
with tempfile.TemporaryDirectory() as tmp:
    t = pathlib.Path(tmp)
    (t / "deploy.json").write_text('{"deployment": "x", "stacks": [{"name": "a", "template": "missing.yaml", "region": "eu-west-1"}]}')
    rc, out, err = run("lint", str(t / "deploy.json"))
    check("a deployment file naming a missing template is bad input", rc == 2 and "missing.yaml" in err, err)
    (t / "deploy2.json").write_text('{"deployment": "x", "stacks": [{"name": "a", "template": "t.yaml", "region": "mars-1"}]}')
    (t / "t.yaml").write_text("Resources: {}\n")
    rc, out, err = run("lint", str(t / "deploy2.json"))
    check("a deployment file with an unknown region is bad input at its position", rc == 2 and ":1:" in err and "mars-1" in err, err)
    rc, out, err = run("import", str(data / "resources.yaml"), "--out", str(t / "out.json"))
    check("import --out writes the scenario, which acmsim run replays", rc == 0 and (t / "out.json").exists() and
          run("run", str(t / "out.json"))[0] in (0, 1), err)
    rc, out, err = run("lint", str(data / "resources.yaml"), "--parameter", "NoEquals")
    check("--parameter without '=' is a usage error", rc == 2, err)
    # The config file's templates: every region listed, its parameters under --parameter.
    (t / "cfg").mkdir()
    (t / "cfg" / ".acmsim.json").write_text('{"templates": {"regions": ["us-east-1", "eu-west-1"], "parameters": {"Domain": "cfg.example"}}}')
    (t / "cfg" / "t.yaml").write_text((data / "resources.yaml").read_text())
    rc, findings, err = lint_json(["t.yaml"], cwd=str(t / "cfg"))
    rules = sorted({f["rule"] for f in findings or [] if f["severity"] == "error"})
    rc2, out2, _ = run("lint", "t.yaml", "--format", "json", "--fail-on", "none", cwd=str(t / "cfg"))
    names = [d["scenario"] for d in json.loads(out2)] if rc2 == 0 and out2.startswith("[") else []
    check("config templates.regions: linted in each region (the edge findings come from eu-west-1 only)",
          findings is not None and rules == ["apigw-edge-certificate-region"] and names == ["import-t-us-east-1", "import-t-eu-west-1"] and
          any("cfg.example" in r for f in findings for r in f["resources"]),
          repr(rules) + repr(names) + err)
    rc, findings, err = lint_json(["t.yaml", "--region", "us-east-1", "--parameter", "Domain=cli.example"], cwd=str(t / "cfg"))
    check("--region and --parameter win over the config file",
          findings is not None and not any(f["rule"] == "apigw-edge-certificate-region" for f in findings), err)

# 4. Replay: the imported scenario's findings are the template's.
corpus = pathlib.Path(os.environ.get("ACMSIM_IAC_CORPUS", root.parent / "shared" / "iac-corpus"))
replays = [([data / "resources.yaml"], ["--region", "eu-west-1"]), ([data / "sam.yaml"], []),
           ([data / "deployment" / "deployment.json"], []), ([data / "intrinsics.yaml"], []), ([plan], []),
           ([data / "cdk" / "manifest.json"], []), ([data / "nested" / "parent.yaml"], ["--region", "eu-west-1"])]
if corpus.is_dir():
    for f in sorted(corpus.rglob("*")):
        if f.suffix in (".yaml", ".yml", ".json") and f.is_file():
            replays.append(([f], []))
with tempfile.TemporaryDirectory() as tmp:
    for files, options in replays:
        label = files[0].relative_to(root.parent) if root.parent in files[0].parents else files[0]
        rc, lint_findings, err = lint_json([str(f) for f in files], *options)
        if rc == 2:
            continue  # refused input: covered above and by the corpus rows
        scenario = pathlib.Path(tmp) / "replay.json"
        rc, out, err = run("import", *[str(f) for f in files], *options, "--out", str(scenario))
        if rc != 0:
            check(f"import {label}", False, err)
            continue
        rc, replay_findings, err = lint_json([str(scenario)])
        check(f"replaying the import of {label} gives its lint findings",
              replay_findings is not None and final(lint_findings) == final(replay_findings),
              f"template: {final(lint_findings)}\nreplay: {final(replay_findings or [])}\n{err}")
        a = run("lint", *[str(f) for f in files], *options, "--format", "sarif")[1]
        b = run("lint", *[str(f) for f in files], *options, "--format", "sarif")[1]
        if a != b:
            check(f"lint of {label} is deterministic", False)

# 5. SARIF: template locations for code scanning.
rc, out, err = run("lint", str(data / "resources.yaml"), "--region", "eu-west-1", "--format", "sarif", cwd=str(root))
sarif = json.loads(out)
results = sarif["runs"][0]["results"]
edge = [r for r in results if r["ruleId"] == "apigw-edge-certificate-region"]
ok = bool(edge)
for r in edge:
    loc = r["locations"][0]
    ok = ok and loc["physicalLocation"]["artifactLocation"]["uri"] == "tests/data/iac/resources.yaml"
    ok = ok and loc["physicalLocation"]["region"]["startColumn"] > 1
    ok = ok and loc["logicalLocations"][0]["fullyQualifiedName"] in ("resources/EdgeDomain", "resources/Site")
check("SARIF: the template path relative to the current folder, line and column, stack/logical id", ok, json.dumps(edge, indent=1)[:1500])

# 6. The corpus rows (real templates from public repositories).
if corpus.is_dir():
    arn = "arn:aws:acm:{}:111122223333:certificate/0b3a46b2-1111-4222-8333-944455556666"
    rows = [
        ("aws-cloudformation-templates/SapPrivateLink/SapPrivateLink.yaml", ["--parameter", "DomainName=sap.example.com", "--parameter", "HostedZone=Z0123456789ABC"], {"legacy-tls-policy"}, 0),
        ("aws-cloudformation-templates/AutoScaling/AutoScalingMultiAZWithNotifications.yaml", [], {"legacy-tls-policy", "unresolved-value"}, 0),
        ("checkov/cloudformation/ALBListenerHTTPS-PASSED-redirect.yaml", [], {"email-validation-renewal", "legacy-tls-policy"}, 0),
        ("serverless-application-model/input/api_with_basic_custom_domain_http.yaml", ["--region", "eu-west-1"], {"regional-certificate-region"}, 0),
        ("serverless-application-model/output/api_with_basic_custom_domain_http.json", ["--region", "eu-west-1"], {"regional-certificate-region"}, 0),
        ("serverless-application-model/input/api_with_custom_domains_edge.yaml", ["--parameter", "MyEdgeDomainName=api.example.com", "--parameter", "MyEdgeDomainCert=" + arn.format("eu-west-1"), "--parameter", "HostedZoneId=Z0123456789ABC"], {"apigw-edge-certificate-region"}, 0),
        ("serverless-application-model/output/api_with_custom_domains_edge.json", ["--parameter", "MyEdgeDomainName=api.example.com", "--parameter", "MyEdgeDomainCert=" + arn.format("eu-west-1"), "--parameter", "HostedZoneId=Z0123456789ABC"], {"apigw-edge-certificate-region"}, 0),
        ("serverless-patterns/apigw-custom-domain-regional/template.yaml", ["--region", "eu-west-1", "--parameter", "DomainName=api.example.com", "--parameter", "CertificateArn=" + arn.format("us-east-1"), "--parameter", "PublicHostedZoneId=Z0123456789ABC", "--parameter", "ApiId=a1b2c3", "--parameter", "Stage=prod"], {"regional-certificate-region"}, 0),
        ("serverless-patterns/apigw-edge-custom-domain/template.yaml", ["--region", "eu-west-1"], {"unresolved-value"}, 0),
        ("serverless-patterns/apigw-edge-custom-domain/certificate.yaml", [], {"unresolved-value"}, 0),
        ("serverless-patterns/apigw-mutualtls-lambda/template.yaml", [], {"unresolved-value"}, 0),
        ("serverless-patterns/route53-alb-s3/template.yaml", [], {"unresolved-value"}, 0),
        ("serverless-samples/apigw-private-custom-domain-name/certificate.yaml", ["--parameter", "pDomainName=api.example.com"], {"email-validation-renewal"}, 0),
        ("serverless-samples/apigw-private-custom-domain-name/alb_multi.yaml", [], {"legacy-tls-policy"}, 0),
        ("amazon-cloudfront-secure-static-site/main.yaml", ["--parameter", "DomainName=example.com", "--parameter", "HostedZoneId=Z0123456789ABC"], set(), 0),
        ("aws-cdk/integ.cloudfront-cross-region-cert/ssm-export/manifest.json", [], {"unresolved-value"}, 0),
        ("serverless-patterns/public-nlb-or-alb-private-api-cfn/template.yaml", [], set(), 2),
    ]
    for rel, options, rules, want_rc in rows:
        f = corpus / rel
        if not f.exists():
            continue
        rc, findings, err = lint_json([str(f)], *options)
        if want_rc == 2:
            check(f"corpus {rel}: refused with a position", rc == 2 and re.match(re.escape(str(f)) + r":\d+:\d+: ", err) is not None, err)
            continue
        got = {x["rule"] for x in findings or []}
        check(f"corpus {rel}: {sorted(rules) or 'no error'}", findings is not None and rules <= got and
              (rules or not any(x["severity"] == "error" for x in findings)), f"got {sorted(got)}\n{err}")
    # Rules section: the static-site template refuses regions other than us-east-1.
    rc, out, err = run("lint", str(corpus / "amazon-cloudfront-secure-static-site/main.yaml"), "--region", "eu-west-1")
    check("corpus main.yaml: its Rules refuse eu-west-1", rc == 0 and "refuses to create stack main" in err, err)
    # A plan whose distribution has almost no planned values (after: null).
    rc, findings, err = lint_json([str(corpus / "checkov/terraform/plan_after_unknown/tfplan.json")])
    check("corpus tfplan.json: read, the distribution simulated with what the plan knows", rc == 0 and findings == [], err)
    rc, out, err = run("import", str(corpus / "checkov/terraform/plan_after_unknown/tfplan.json"))
    check("corpus tfplan.json: the import makes the distribution", rc == 0 and '"cloudfront:CreateDistribution"' in out, err)
else:
    print(f"skipped: the template corpus ({corpus}) is not here")

print(f"iac: {len(failures)} failed" if failures else "iac: all passed")
sys.exit(1 if failures else 0)
