#!/usr/bin/env python3
"""Every committed study chart (results/studies/*.svg) fits its own canvas:
each is drawn by rsvg-convert inside a 100-pixel white margin, and no pixel of
ink may land in the margin (a clipped title, label or legend would).

Usage: chart_fit_test.py SOURCE_DIR"""
import pathlib
import re
import struct
import subprocess
import sys
import tempfile
import zlib


def read_png(path):
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA or RGB PNG."""
    data = pathlib.Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


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
