#!/usr/bin/env python3
"""Accuracy against unsupervised rows, one line per variant, from the results.json of
`bitstate experiment` runs named VARIANT_uROWS (see docs/results.md, "Does more data
help?"): a Markdown table on stdout and, with --svg FILE, a plot (log rows axis, mean and
sd of the trials). Usage: table.py RUNS_DIR [--svg FILE] [VARIANT ...]"""
import json
import math
import os
import re
import statistics
import sys

args = sys.argv[1:]
svg = None
if "--svg" in args:
    at = args.index("--svg")
    svg = args[at + 1]
    del args[at:at + 2]
runs = args[0]
by_variant = {}
for name in sorted(os.listdir(runs)):
    match = re.fullmatch(r"(.+)_u(\d+)", name)
    path = os.path.join(runs, name, "results.json")
    if not match or not os.path.exists(path):
        continue
    with open(path) as f:
        result = json.load(f)
    acc = [100 * t["model_accuracy"] for t in result["trials"]]
    by_variant.setdefault(match.group(1), {})[int(match.group(2))] = (
        acc, result["config"].get("learning", "paper"))
variants = args[1:] or sorted(by_variant)
sizes = sorted({u for v in by_variant.values() for u in v})
print("| variant | learning | " + " | ".join(f"{u:,} rows" for u in sizes) + " |")
print("|---|---|" + "---:|" * len(sizes))
for variant in variants:
    cells, learning = [], ""
    for u in sizes:
        if u not in by_variant.get(variant, {}):
            cells.append("")
            continue
        acc, learning = by_variant[variant][u]
        sd = statistics.stdev(acc) if len(acc) > 1 else 0.0
        cells.append(f"{statistics.mean(acc):.2f} ± {sd:.2f} ({len(acc)})")
    print(f"| {variant} | {learning} | " + " | ".join(cells) + " |")


def plot(path):
    width, height, left, right, top, bottom = 640, 400, 60, 170, 20, 50
    points = [(u, statistics.mean(a)) for v in variants for u, (a, _) in by_variant[v].items()]
    lo = math.floor(min(p[1] for p in points) - 1)
    hi = math.ceil(max(p[1] for p in points) + 1)
    x0, x1 = math.log10(min(sizes)), math.log10(max(sizes))
    def x(u):
        return left + (math.log10(u) - x0) / (x1 - x0 or 1) * (width - left - right)
    def y(a):
        return top + (hi - a) / (hi - lo) * (height - top - bottom)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for a in range(lo, hi + 1):
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(a):.1f}" y2="{y(a):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(a) + 4:.1f}" text-anchor="end">{a}</text>')
    for u in sizes:
        out.append(f'<text x="{x(u):.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                   f'{u:,}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 10}" '
               'text-anchor="middle">unsupervised rows (log scale)</text>')
    out.append(f'<text x="14" y="{(top + height - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 14 {(top + height - bottom) / 2})">AG News accuracy (%)'
               '</text>')
    for k, v in enumerate(variants):
        colour = colours[k % len(colours)]
        line = sorted((u, statistics.mean(a), statistics.stdev(a) if len(a) > 1 else 0.0)
                      for u, (a, _) in by_variant[v].items())
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (
            colour, " ".join(f"{x(u):.1f},{y(m):.1f}" for u, m, _ in line)))
        for u, m, sd in line:
            out.append(f'<line x1="{x(u):.1f}" x2="{x(u):.1f}" y1="{y(m - sd):.1f}" '
                       f'y2="{y(m + sd):.1f}" stroke="{colour}"/>')
            out.append(f'<circle cx="{x(u):.1f}" cy="{y(m):.1f}" r="3" fill="{colour}"/>')
        ly = top + 16 * k + 10
        out.append(f'<line x1="{width - right + 10}" x2="{width - right + 30}" y1="{ly}" '
                   f'y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{width - right + 36}" y="{ly + 4}">{v}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if svg:
    plot(svg)
