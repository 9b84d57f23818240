#!/usr/bin/env python3
"""Accuracy against unsupervised rows, one line per variant, from the results.json of
`bitstate experiment` runs named VARIANT_uROWS (see docs/results.md, "Does more data
help?"). Usage: table.py RUNS_DIR [VARIANT ...]"""
import json
import os
import re
import statistics
import sys

runs = sys.argv[1]
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
variants = sys.argv[2:] or sorted(by_variant)
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
