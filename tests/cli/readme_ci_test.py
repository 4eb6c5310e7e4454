#!/usr/bin/env python3
"""Runs the README's CI recipes (GitHub Actions and GitLab CI) as written.

A CI runner cannot run here, but its steps can: this test reads both YAML
blocks from the README, and in a fresh workspace (the team's repository, with
scenarios and a stray package.json) runs each job's shell steps in order, with
the runner's own actions done the way the runner does them (checkout as a git
clone of this repository, artifacts copied between jobs, the SARIF upload
checked as GitHub would). The package is built once from a clean clone and
installed with apt-get, as the recipes say; it is removed again at the end.

Usage: readme_ci_test.py SOURCE_DIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

src = os.path.abspath(sys.argv[1])
readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()


def yaml_after(heading):
    at = readme.index(heading)
    m = re.search(r"```yaml\n(.*?)```", readme[at:], re.S)
    return yaml.safe_load(m.group(1))


work = tempfile.mkdtemp(prefix="acmsim-ci-")
artifacts = os.path.join(work, ".artifacts")
failures = []


def sh(command, cwd, allow_failure=False):
    # A mirror hiccup must not fail the test: the package lists are there already.
    command = command.replace("apt-get update &&", "(apt-get update -qq || true) &&")
    # Other tests run beside this one and may hold the dpkg lock for a moment.
    command = command.replace("apt-get ", "apt-get -o DPkg::Lock::Timeout=900 ")
    print(f"$ {command}", flush=True)
    status = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", command], cwd=cwd).returncode
    if status != 0 and not allow_failure:
        failures.append(f"{command} (exit {status})")
    return status


def workspace(name):
    ws = os.path.join(work, name)
    if not os.path.isdir(ws):
        os.makedirs(os.path.join(ws, "scenarios"))
        for f in ("exam/acm-dns-validation.json", "exam/acm-regional-certificates.json"):
            shutil.copy(os.path.join(src, "scenarios", f), os.path.join(ws, "scenarios"))
        with open(os.path.join(ws, "scenarios", "package.json"), "w") as out:
            out.write('{"name": "infra", "private": true}\n')
    return ws


def clone(target):
    if not os.path.isdir(target):
        sh(f"git clone -q {src} {target}", work)


def run_github(doc):
    ws = workspace("repo")
    for name, job in doc["jobs"].items():
        print(f"== GitHub job {name}", flush=True)
        for step in job["steps"]:
            uses = step.get("uses", "")
            with_ = step.get("with", {}) or {}
            if "run" in step:
                sh(step["run"], ws)
            elif uses.startswith("actions/checkout"):
                if "path" in with_:
                    clone(os.path.join(ws, with_["path"]))
            elif uses.startswith("actions/upload-artifact"):
                dest = os.path.join(artifacts, "github", with_["name"])
                os.makedirs(dest, exist_ok=True)
                matched = glob.glob(os.path.join(ws, with_["path"]))
                if not matched:
                    failures.append(f"upload-artifact {with_['name']}: nothing matches {with_['path']}")
                for f in matched:
                    shutil.copy(f, dest)
            elif uses.startswith("actions/download-artifact"):
                for f in glob.glob(os.path.join(artifacts, "github", with_["name"], "*")):
                    shutil.copy(f, ws)
            elif uses.startswith("github/codeql-action/upload-sarif"):
                sarif = json.load(open(os.path.join(ws, with_["sarif_file"])))
                results = sarif["runs"][0]["results"]
                ok = sarif["version"] == "2.1.0" and all(
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("scenarios/") for r in results)
                if not ok or not results:
                    failures.append("upload-sarif: not SARIF 2.1.0 with results located in scenarios/")
            else:
                failures.append(f"the test does not know the action {uses}")


def run_gitlab(doc):
    ws = workspace("repo")
    jobs = [(k, v) for k, v in doc.items() if isinstance(v, dict) and "script" in v]
    stages = doc.get("stages", [])
    jobs.sort(key=lambda kv: stages.index(kv[1].get("stage", "test")))
    for name, job in jobs:
        print(f"== GitLab job {name}", flush=True)
        # GitLab runs a job's script lines in one shell: a `cd` carries over.
        script = []
        for line in job["script"]:
            m = re.match(r"git clone (?:--depth \d+ )?\S+ ?(\S*)$", line)
            if m:
                clone(os.path.join(ws, m.group(1) or "acmsim"))
            else:
                script.append(line)
        sh("\n".join(script), ws)
        for pattern in job.get("artifacts", {}).get("paths", []):
            if not glob.glob(os.path.join(ws, pattern)):
                failures.append(f"GitLab job {name}: artifact {pattern} matches nothing")
        reports = job.get("artifacts", {}).get("reports", {})
        if "junit" in reports and not os.path.isfile(os.path.join(ws, reports["junit"])):
            failures.append(f"GitLab job {name}: no JUnit report {reports['junit']}")


try:
    run_github(yaml_after("GitHub Actions (`.github/workflows/acmsim.yml`)"))
    junit = os.path.join(work, "repo", "junit.xml")
    if not os.path.isfile(junit) or "<testcase" not in open(junit).read():
        failures.append("the GitHub recipe wrote no JUnit XML")
    os.remove(junit) if os.path.isfile(junit) else None
    # The GitLab recipe clones and builds the same package in the same place:
    # its clone and build find them done (a second build costs minutes).
    run_gitlab(yaml_after("GitLab CI (`.gitlab-ci.yml`)"))
finally:
    subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=900", "remove", "-y", "-qq", "acmsim"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(work, ignore_errors=True)

for f in failures:
    print(f"FAIL: {f}")
print(f"readme CI recipes: {len(failures)} failed")
sys.exit(1 if failures else 0)
