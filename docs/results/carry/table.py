#!/usr/bin/env python3
"""The carry lambda table (docs/results.md, "Neurons that keep their value") from the
results.json of `bitstate experiment` runs named nN_lambdaL in RUNS_DIR: per n and lambda
the model accuracy over the trials, its difference from lambda = 0 paired by trial seed,
final-state pooling, the late state reconstruction error and the time per trial.
A lambda = 0 run kept elsewhere (an `experiment` results.json of the same protocol and trial
seeds) can stand in with --baseline N FILE.
Usage: table.py RUNS_DIR [--baseline N FILE]"""
import json
import os
import re
import statistics
import sys


def mean_sd(values):
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.2f} ± {sd:.2f}"


args = sys.argv[1:]
results = {}
if "--baseline" in args:
    at = args.index("--baseline")
    with open(args[at + 2]) as f:
        results[(int(args[at + 1]), 0.0)] = json.load(f)
    del args[at:at + 3]
runs = args[0]
for name in os.listdir(runs):
    match = re.fullmatch(r"n(\d+)_lambda([0-9.]+)", name)
    path = os.path.join(runs, name, "results.json")
    if match and os.path.exists(path):
        with open(path) as f:
            result = json.load(f)
        # The late state error is in table.md only: the last cell of each trial's row.
        with open(os.path.join(runs, name, "table.md")) as f:
            late = {int(cells[1]): float(cells[-2]) for cells in
                    (line.split("|") for line in f) if len(cells) > 3 and cells[1].strip().isdigit()}
        for t in result["trials"]:
            t.setdefault("late_state_error", late.get(t["trial"], float("nan")))
        results[(int(match.group(1)), float(match.group(2)))] = result

print("| n | lambda | trials | model accuracy (%) | vs lambda = 0, paired (points) "
      "| final-state pooling (%) | late state error (bits) | train + features (s/trial) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for (n, lam), result in sorted(results.items()):
    trials = result["trials"]
    accuracy = [100 * t["model_accuracy"] for t in trials]
    base = results.get((n, 0.0))
    paired = ""
    if base is not None and lam != 0.0:
        by_seed = {t["seed"]: 100 * t["model_accuracy"] for t in base["trials"]}
        diffs = [100 * t["model_accuracy"] - by_seed[t["seed"]] for t in trials
                 if t["seed"] in by_seed]
        if diffs:
            paired = f"{statistics.mean(diffs):+.2f}" + (
                f" ± {statistics.stdev(diffs):.2f}" if len(diffs) > 1 else "")
    final = [100 * t["final_state_accuracy"] for t in trials]
    error = [t.get("late_state_error", float("nan")) for t in trials]
    seconds = statistics.mean(t["train_seconds"] + t["feature_seconds"] for t in trials)
    error_text = f"{statistics.mean(error):.1f}" if all(e == e for e in error) else ""
    print(f"| {n} | {lam:g} | {len(trials)} | {mean_sd(accuracy)} | {paired} | "
          f"{mean_sd(final)} | {error_text} | {seconds:.0f} |")
