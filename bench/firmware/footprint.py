#!/usr/bin/env python3
# Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
"""The microcontroller footprint table (docs/embedded.md): for each n and
weight precision, a model trained with a classifier head, exported to C and
linked into the step_count firmware of each Cortex-M core; then under
qemu-system-arm -icount shift=0 the instructions per character step (SysTick:
instructions, not cycles), the stack's high-water mark, and from the map file
the flash of the runtime's code.

  python3 bench/firmware/footprint.py --data ../shared/data/agnews --out /tmp/footprint

Writes OUT/footprint.md and OUT/footprint.json.
"""
import argparse
import json
import os
import re
import subprocess
import sys

PRECISIONS = [("float", 32), ("int16", 16), ("int8", 8), ("4bit", 4), ("binary", 1)]
CORES = {"m4f": "mps2-an386", "m7": "mps2-an500", "m55": "mps3-an547", "m3": "mps2-an385"}
# The estimate's part (a stated datasheet figure, not a measurement): nRF52840,
# Cortex-M4F at 64 MHz, 3.3 mA running from flash with the DC/DC regulator, 3.0 V.
CLOCK_HZ, RUN_CURRENT_A, SUPPLY_V = 64e6, 3.3e-3, 3.0


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def runtime_flash(map_path):
    """Bytes of .text and .rodata input sections from libbitstate_runtime.a."""
    total, pending = 0, None
    in_map = False
    with open(map_path) as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = re.match(r"^ (\.\S+)\s*$", line)
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^ (\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$", line)
            if m:
                name = m.group(1) or pending
                pending = None
                if name and name.startswith((".text", ".rodata")) and \
                        "libbitstate_runtime.a" in m.group(4):
                    total += int(m.group(3), 16)
            else:
                pending = None
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bitstate", default="build/examples/bitstate")
    p.add_argument("--data", required=True, help="folder with AG News train.csv")
    p.add_argument("--out", required=True)
    p.add_argument("--hidden", default="128,256,512,1024")
    p.add_argument("--cores", default="m4f,m7,m55")
    a = p.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    bitstate = os.path.abspath(a.bitstate)
    train = os.path.join(a.data, "train.csv")
    models = []
    for n in [int(x) for x in a.hidden.split(",")]:
        float_file = os.path.join(out, "n%d_float.bsm" % n)
        run([bitstate, "train", "--csv", train, "--rows", "300", "--hidden", str(n),
             "--classifier-csv", train, "--classifier-rows", "1500", "--inference-only",
             "--out", float_file])
        for name, bits in PRECISIONS:
            file = float_file
            if bits != 32:
                file = os.path.join(out, "n%d_%s.bsm" % (n, name))
                run([bitstate, "quantize", "--model", float_file, "--bits", str(bits),
                     "--out", file])
            tag = "n%d_%s" % (n, name)
            os.makedirs(os.path.join(out, "models", tag), exist_ok=True)
            c_file = os.path.join(out, "models", tag, "model_data.c")
            run([bitstate, "export-c", "--model", file, "--out", c_file])
            models.append({"tag": tag, "hidden": n, "precision": name, "bits": bits,
                           "c_file": c_file, "model_bytes": os.path.getsize(file)})
    rows = []
    for core in a.cores.split(","):
        build = os.path.join(out, "build-" + core)
        run(["cmake", "-S", root, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
             "-DCMAKE_TOOLCHAIN_FILE=%s/toolchains/cortex-%s.cmake" % (root, core),
             "-DBITSTATE_FIRMWARE_MODELS=" + ";".join(m["c_file"] for m in models)])
        for m in models:
            row = {"core": core, **{k: m[k] for k in ("tag", "hidden", "precision", "bits",
                                                      "model_bytes")}}
            target = "step_count_" + m["tag"]
            build_run = subprocess.run(["cmake", "--build", build, "--target", target, "-j2"],
                                       capture_output=True, text=True)
            if build_run.returncode != 0:
                row["fits"] = False  # the board's flash (or RAM) overflows
                rows.append(row)
                print(core, m["tag"], "does not fit", file=sys.stderr)
                continue
            elf = os.path.join(build, "bench", "firmware", target + ".elf")
            text = run(["qemu-system-arm", "-M", CORES[core], "-icount", "shift=0",
                        "-nographic", "-semihosting-config", "enable=on,target=native",
                        "-kernel", elf], timeout=600)
            values = dict(re.findall(r"^(\w+) = (\S+)$", text, re.M))
            size = run(["arm-none-eabi-size", elf]).split("\n")[1].split()
            row.update({
                "fits": True,
                "step_instructions": float(values["step_instructions"]),
                "classify_instructions": float(values["classify_instructions"]),
                "open_instructions": float(values["open_instructions"]),
                "state_bytes": int(values["state_bytes"]),
                "model_object_bytes": int(values["model_object_bytes"]),
                "stack_bytes": int(values["stack_bytes"]),
                "runtime_flash_bytes": runtime_flash(os.path.join(os.path.dirname(elf),
                                                                  target + ".map")),
                "firmware_flash_bytes": int(size[0]) + int(size[1]),
            })
            row["ram_bytes"] = row["state_bytes"] + row["model_object_bytes"] + row["stack_bytes"]
            seconds = row["step_instructions"] / CLOCK_HZ
            row["estimate_us_per_char"] = seconds * 1e6
            row["estimate_uj_per_char"] = seconds * RUN_CURRENT_A * SUPPLY_V * 1e6
            rows.append(row)
            print(core, m["tag"], int(row["step_instructions"]), "instructions/step",
                  file=sys.stderr)
    with open(os.path.join(out, "footprint.json"), "w") as f:
        json.dump(rows, f, indent=1)
    lines = ["| core | n | weights | model (bytes) | runtime code (bytes) | RAM: state + model "
             "object + stack (bytes) | instructions / char | est. us / char | est. uJ / char |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if not r["fits"]:
            lines.append("| %s | %d | %s | %s | does not fit the board's flash | | | | |" % (
                r["core"], r["hidden"], r["precision"], format(r["model_bytes"], ",")))
            continue
        lines.append("| %s | %d | %s | %s | %s | %s + %s + %s = %s | %s | %.0f | %.2f |" % (
            r["core"], r["hidden"], r["precision"], format(r["model_bytes"], ","),
            format(r["runtime_flash_bytes"], ","), format(r["state_bytes"], ","),
            r["model_object_bytes"], format(r["stack_bytes"], ","), format(r["ram_bytes"], ","),
            format(int(round(r["step_instructions"])), ","), r["estimate_us_per_char"],
            r["estimate_uj_per_char"]))
    with open(os.path.join(out, "footprint.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
