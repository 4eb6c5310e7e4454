#!/usr/bin/env python3
"""The HTML reports in a real browser (Debian's chromium, headless): for every
bundled exam scenario, `acmsim run --html` gives a page that runs its script
without an error, whose DOM holds a timeline for every certificate the run
made, and whose screenshot is not blank; `acmsim sweep --html` gives a section
per metric.

Usage: html_report_test.py ACMSIM SOURCE_DIR"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from png import read_png  # noqa: E402

acmsim, src = sys.argv[1], pathlib.Path(sys.argv[2])
browser = shutil.which("chromium-headless-shell") or shutil.which("chromium")
if browser is None:
    sys.exit("no chromium: tools/install-deps.sh installs chromium-headless-shell")
fails = 0


def check(what, ok, detail=""):
    global fails
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f" ({detail})"))
    fails += 0 if ok else 1


def browse(page, *args):
    """The page's DOM after its scripts ran, and the browser's console lines."""
    r = subprocess.run([browser, "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", *args, page.as_uri()],
                       capture_output=True, text=True, timeout=120)
    console = [line for line in r.stderr.splitlines() if "CONSOLE" in line]
    return r.stdout, console


def page_ran(dom, console):
    return ('data-rendered="1"' in dom and "data-js-errors" not in dom and not any("rror" in c for c in console)), console[:3]


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    exams = sorted((src / "scenarios" / "exam").glob("*.json"))
    for n, scenario in enumerate(exams):
        html, out = tmp / (scenario.stem + ".html"), tmp / (scenario.stem + ".json")
        subprocess.run([acmsim, "run", str(scenario), "-q", "--html", str(html), "--out", str(out)], stderr=subprocess.DEVNULL)
        if not html.exists():
            check(f"{scenario.name}: --html wrote the page", False, "no file")
            continue
        certificates = [c["certificateArn"] for c in json.loads(out.read_text())["certificates"]]
        dom, console = browse(html, "--dump-dom")
        ran, why = page_ran(dom, console)
        arns = re.findall(r'class="timeline" data-arn="([^"]+)"', dom)
        check(f"{scenario.name}: the page ran without a script error", ran, why)
        check(f"{scenario.name}: a timeline for each of its {len(certificates)} certificates", sorted(arns) == sorted(certificates),
              f"{len(arns)} timelines")
        if n % 4 == 0:  # screenshots cost a second each: every fourth page
            shot = tmp / (scenario.stem + ".png")
            browse(html, f"--screenshot={shot}", "--window-size=1280,1200")
            width, height, ch, rows = read_png(shot)
            ink = sum(1 for row in rows[::4] for x in range(0, width, 4) if min(row[x * ch:x * ch + 3]) < 200)
            colours = {row[x * ch:x * ch + 3] for row in rows[::8] for x in range(0, width, 8)}
            check(f"{scenario.name}: the screenshot is not blank", ink > 500 and len(colours) > 8, f"{ink} inked samples, {len(colours)} colours")
    study = src / "scenarios" / "whatif" / "edge-vs-regional-latency.study.json"
    html = tmp / "study.html"
    subprocess.run([acmsim, "sweep", str(study), "-q", "--replications", "3", "--html", str(html)], check=True)
    dom, console = browse(html, "--dump-dom")
    ran, why = page_ran(dom, console)
    metrics = len(json.loads(study.read_text())["metrics"])
    check("sweep --html: the page ran without a script error", ran, why)
    sections = dom.count('class="metric"')
    check(f"sweep --html: a section and a chart for each of the {metrics} metrics", sections == metrics and dom.count("<svg") >= metrics,
          f"{sections} sections")
print(f"html_report: {fails} failed")
sys.exit(1 if fails else 0)
