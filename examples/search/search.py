#!/usr/bin/env python3
"""A configuration search over `bitstate experiment`, run locally or as a Slurm job array.

Every configuration is one independent `bitstate experiment` run with its own folder and
results.json; the report merges them and refuses runs that do not belong together.

  search.py plan GRID.json DIR        expand the grid into DIR/configs.json
  search.py run DIR [--workers N]     run every configuration not yet done, N at a time
  search.py slurm DIR [--submit]      write DIR/search.sbatch (one array task per
                                      configuration); --submit hands it to sbatch
  search.py task DIR K                run configuration K (what each array task does)
  search.py merge DIR... --out REPORT one report (report.md, report.json) from the runs of
                                      one or more plans, sorted by accuracy

GRID.json: {"bitstate": "path/to/bitstate",             (optional; else --bitstate, PATH)
            "fixed": {"--data": "...", "--validation": 4000, "--zero-init": true, ...},
            "axes": {"--hidden": [256, 512], "--flip-probability": [0, 0.01]}}
Every combination of the axes' values is one configuration; a flag whose value is true is
given alone, false or null leaves it out. Python 3 standard library only.
"""
import argparse
import hashlib
import itertools
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

# Fields of results.json that must agree across the runs of one report: the same build
# on the same data files.
SHARED_FIELDS = ("git_commit", "train", "test")


def flag_args(flags):
    args = []
    for flag, value in flags.items():
        if value is True:
            args.append(flag)
        elif value is not False and value is not None:
            args += [flag, str(value)]
    return args


def config_id(flags):
    text = json.dumps(flags, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def plan(grid_path, out):
    with open(grid_path) as f:
        grid = json.load(f)
    fixed, axes = grid.get("fixed", {}), grid.get("axes", {})
    for flag in list(fixed) + list(axes):
        if not flag.startswith("--"):
            sys.exit(f"{grid_path}: '{flag}' is not a flag (flags start with --)")
        if flag in ("--out", "--first-trial"):
            sys.exit(f"{grid_path}: {flag} is set by the search")
    both = set(fixed) & set(axes)
    if both:
        sys.exit(f"{grid_path}: {sorted(both)} both fixed and an axis")
    names = list(axes)
    configs = []
    for values in itertools.product(*(axes[n] for n in names)):
        flags = dict(fixed)
        flags.update(zip(names, values))
        configs.append({"id": config_id(flags), "flags": flags,
                        "axes": dict(zip(names, values))})
    ids = [c["id"] for c in configs]
    if len(set(ids)) != len(ids):
        sys.exit(f"{grid_path}: an axis repeats a value (two configurations are the same)")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "configs.json")
    if os.path.exists(path):
        with open(path) as f:
            if json.load(f)["configs"] != configs:
                sys.exit(f"{path}: holds another plan; use another folder")
    with open(path + ".tmp", "w") as f:
        json.dump({"bitstate": grid.get("bitstate"), "configs": configs}, f, indent=1)
    os.replace(path + ".tmp", path)
    print(f"{len(configs)} configurations in {path}")


def load_plan(folder):
    path = os.path.join(folder, "configs.json")
    if not os.path.exists(path):
        sys.exit(f"{folder}: no configs.json (run 'search.py plan' first)")
    with open(path) as f:
        return json.load(f)


def bitstate_path(plan_json, given):
    return given or plan_json.get("bitstate") or "bitstate"


def task(folder, k, bitstate, threads):
    configs = load_plan(folder)["configs"]
    if not 0 <= k < len(configs):
        sys.exit(f"{folder}: configuration {k} of {len(configs)} does not exist")
    c = configs[k]
    run_dir = os.path.join(folder, "runs", c["id"])
    if os.path.exists(os.path.join(run_dir, "results.json")):
        return 0
    args = [bitstate, "experiment"] + flag_args(c["flags"]) + ["--out", run_dir]
    if "--threads" not in c["flags"]:
        args += ["--threads", str(threads)]
    os.makedirs(run_dir, exist_ok=True)
    with open(os.path.join(run_dir, "command.txt"), "w") as f:
        f.write(shlex.join(args) + "\n")
    with open(os.path.join(run_dir, "log.txt"), "w") as log:
        rc = subprocess.call(args, stdout=log, stderr=subprocess.STDOUT)
    if rc != 0:
        print(f"configuration {k} ({c['id']}) failed: see {run_dir}/log.txt", file=sys.stderr)
    return rc


def run_local(folder, workers, bitstate):
    p = load_plan(folder)
    exe = bitstate_path(p, bitstate)
    cores = os.cpu_count() or 1
    threads = max(1, cores // workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        codes = list(pool.map(lambda k: task(folder, k, exe, threads), range(len(p["configs"]))))
    failed = sum(1 for rc in codes if rc != 0)
    print(f"{len(codes) - failed} of {len(codes)} configurations done in {folder}")
    return 1 if failed else 0


def write_slurm(folder, bitstate, submit, cpus):
    p = load_plan(folder)
    exe = os.path.abspath(bitstate_path(p, bitstate)) if os.sep in bitstate_path(p, bitstate) \
        else bitstate_path(p, bitstate)
    me = os.path.abspath(__file__)
    here = os.path.abspath(folder)
    script = os.path.join(here, "search.sbatch")
    with open(script, "w") as f:
        f.write("#!/bin/bash\n"
                f"#SBATCH --job-name=bitstate-search\n"
                f"#SBATCH --array=0-{len(p['configs']) - 1}\n"
                f"#SBATCH --cpus-per-task={cpus}\n"
                f"#SBATCH --output={here}/slurm-%A_%a.out\n"
                "set -euo pipefail\n"
                f"exec python3 {shlex.quote(me)} task {shlex.quote(here)} "
                f"\"$SLURM_ARRAY_TASK_ID\" --bitstate {shlex.quote(exe)} --threads {cpus}\n")
    print(f"wrote {script} ({len(p['configs'])} array tasks)")
    if submit:
        out = subprocess.run(["sbatch", "--parsable", script], check=True, capture_output=True,
                             text=True).stdout.strip()
        print(f"submitted job {out}")
        return out
    return None


def merge(folders, out):
    rows, shared, seen, protocols = [], {}, {}, set()
    for folder in folders:
        for c in load_plan(folder)["configs"]:
            path = os.path.join(folder, "runs", c["id"], "results.json")
            if not os.path.exists(path):
                sys.exit(f"{path}: missing (configuration {c['id']} has not run)")
            if c["id"] in seen:
                sys.exit(f"{path}: configuration {c['id']} is also in {seen[c['id']]} "
                         "(duplicated run)")
            seen[c["id"]] = folder
            with open(path) as f:
                r = json.load(f)
            for field in SHARED_FIELDS:
                if field in shared and shared[field][0] != r.get(field):
                    sys.exit(f"{path}: {field} '{r.get(field)}' differs from "
                             f"'{shared[field][0]}' of {shared[field][1]} (mixed runs)")
                shared.setdefault(field, (r.get(field), path))
            protocols.add(r["protocol"])
            s = r["summary"]
            rows.append({"id": c["id"], "axes": c["axes"], "flags": c["flags"],
                         "trials": len(r["trials"]), "accuracy_mean": s["model_mean"],
                         "accuracy_sd": s["model_sd"], "baseline_mean": s["baseline_mean"],
                         "ngram_mean": s.get("ngram_mean"),
                         "train_seconds": sum(t["train_seconds"] for t in r["trials"])})
    rows.sort(key=lambda row: (-row["accuracy_mean"], row["id"]))
    # Columns: every flag whose value differs between the rows (plans merged
    # together may fix what another plan varies); an empty cell: not given.
    flags = sorted({f for row in rows for f in row["flags"]})
    axes = [f for f in flags
            if len({json.dumps(row["flags"].get(f)) for row in rows}) > 1]
    os.makedirs(out, exist_ok=True)
    report = {"git_commit": shared["git_commit"][0], "protocols": sorted(protocols),
              "configurations": len(rows),
              "rows": [{k: v for k, v in row.items() if k != "train_seconds"} for row in rows]}
    with open(os.path.join(out, "report.json.tmp"), "w") as f:
        json.dump(report, f, indent=1)
    os.replace(os.path.join(out, "report.json.tmp"), os.path.join(out, "report.json"))
    lines = [f"# Search: {len(rows)} configurations", "",
             "; ".join(report["protocols"]) + f"; commit {report['git_commit']}.", "",
             "| rank | " + " | ".join(f"`{a}`" for a in axes) +
             " | accuracy (%) | trials | baseline (%) | n-gram peer (%) | config |",
             "|---:|" + "---|" * len(axes) + "---:|---:|---:|---:|---|"]
    for rank, row in enumerate(rows, 1):
        cells = [str(row["flags"].get(a, "")) for a in axes]
        lines.append(f"| {rank} | " + " | ".join(cells) +
                     f" | {row['accuracy_mean']:.2f} ± {row['accuracy_sd']:.2f} | "
                     f"{row['trials']} | {row['baseline_mean']:.2f} | "
                     + ("" if row["ngram_mean"] is None else f"{row['ngram_mean']:.2f}")
                     + f" | {row['id']} |")
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan"); p.add_argument("grid"); p.add_argument("dir")
    r = sub.add_parser("run"); r.add_argument("dir")
    r.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    r.add_argument("--bitstate")
    s = sub.add_parser("slurm"); s.add_argument("dir"); s.add_argument("--bitstate")
    s.add_argument("--submit", action="store_true")
    s.add_argument("--cpus", type=int, default=1, help="CPUs (and experiment threads) per task")
    t = sub.add_parser("task"); t.add_argument("dir"); t.add_argument("k", type=int)
    t.add_argument("--bitstate"); t.add_argument("--threads", type=int, default=1)
    m = sub.add_parser("merge"); m.add_argument("dirs", nargs="+")
    m.add_argument("--out", required=True)
    a = parser.parse_args()
    if a.command == "plan":
        plan(a.grid, a.dir)
    elif a.command == "run":
        if a.workers < 1:
            sys.exit("--workers must be at least 1")
        sys.exit(run_local(a.dir, a.workers, a.bitstate))
    elif a.command == "slurm":
        write_slurm(a.dir, a.bitstate, a.submit, a.cpus)
    elif a.command == "task":
        sys.exit(task(a.dir, a.k, bitstate_path(load_plan(a.dir), a.bitstate), a.threads))
    else:
        merge(a.dirs, a.out)


if __name__ == "__main__":
    main()
