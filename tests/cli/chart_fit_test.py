#!/usr/bin/env python3
"""Every committed study chart (results/studies/*.svg) fits its own canvas:
each is drawn by rsvg-convert inside a 100-pixel white margin, and no pixel of
ink may land in the margin (a clipped title, label or legend would).

Usage: chart_fit_test.py SOURCE_DIR"""
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from png import read_png  # noqa: E402


src = pathlib.Path(sys.argv[1])
charts = sorted((src / "results" / "studies").glob("*.svg"))
assert charts, "no committed chart"
fails = 0
margin = 100
with tempfile.TemporaryDirectory() as tmp:
    for chart in charts:
        svg = chart.read_text(encoding="utf-8")
        m = re.search(r'<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"[^>]*>', svg)
        w, h = float(m.group(1)), float(m.group(2))
        inner = svg[m.end():svg.rindex("</svg>")]
        font = re.search(r'font-family="[^"]*"', m.group(0)).group(0)
        wrapped = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w + 2 * margin:.0f}" height="{h + 2 * margin:.0f}" {font} font-size="12">'
                   f'<rect width="100%" height="100%" fill="white"/><g transform="translate({margin},{margin})">{inner}</g></svg>')
        (pathlib.Path(tmp) / "c.svg").write_text(wrapped, encoding="utf-8")
        subprocess.run(["rsvg-convert", str(pathlib.Path(tmp) / "c.svg"), "-o", str(pathlib.Path(tmp) / "c.png")], check=True)
        width, height, ch, rows = read_png(pathlib.Path(tmp) / "c.png")
        outside = 0
        for y, row in enumerate(rows):
            for x in range(width):
                inside = margin - 1 <= x <= margin + w and margin - 1 <= y <= margin + h
                if inside:
                    continue
                px = row[x * ch:x * ch + 3]
                if min(px) < 200:
                    outside += 1
        if outside:
            print(f"FAIL: {chart.name}: {outside} pixels of ink outside its {w:.0f}x{h:.0f} canvas (a clipped text)")
            fails += 1
        else:
            print(f"ok: {chart.name} ({w:.0f}x{h:.0f}) fits")
sys.exit(1 if fails else 0)
