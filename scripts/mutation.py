#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Mutation testing of the library: does a test notice when a line is wrong?

Each mutant changes one code line of one file (a relational operator
flipped, an integer constant changed, a statement deleted, a return value
changed), is built and run through the host tests, and is "killed" when a
test fails, "survived" when every test passes, "timed out" when the tests
hang, "invalid" when it does not compile. Mutants listed in
tests/mutation/equivalent.txt (reviewed: the change cannot alter behaviour)
are counted apart, so the score is killed / (generated - invalid -
equivalent).

Usage: mutation.py [--file F ...] [--sample N] [--seed S] [--timeout SEC]
                   [--fresh]
Results are kept in build/mutation/state.json: a run resumes where the last
stopped (--fresh starts over). Survivors are listed in
build/mutation/survivors.txt.
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE_DIR = os.path.join(ROOT, "build", "mutation")
STATE = os.path.join(STATE_DIR, "state.json")
EQUIVALENT = os.path.join(ROOT, "tests", "mutation", "equivalent.txt")
DEFAULT_FILES = ["src/dma_core.c", "src/dma_validate.c", "src/dma_events.c",
                 "src/dma_chain.c", "drivers/emul/dma_emul.c", "drivers/pl08x/pl08x.c",
                 "drivers/pl330/pl330.c", "drivers/pl330/pl330_asm.c",
                 "drivers/sifive_pdma/sifive_pdma.c"]

# What a mutant is judged by: the host unit tests and the conformance suite
# on every host instance (the PL08x on its register file and silicon model).
BINARIES = ["build/host/test_core", "build/host/test_pl08x",
            "build/host/test_pl08x_silicon_driver", "build/host/conformance_emul",
            "build/host/conformance_emul_virtual", "build/host/test_emul_virtual",
            "build/host/test_emul_init", "build/host/test_periph", "build/host/test_trace", "build/host/conformance_profiles",
            "build/host/test_chain",
            "build/host/test_skeleton", "build/host/test_pl330_asm",
            "build/host/test_pl330_silicon_driver", "build/host/test_sifive_pdma_driver",
            "build/lean/test_options"]

# Code the lock-step fuzzer runs (the core and the emulated controller) is
# judged by it too: its seed corpus replayed, each input once (the inputs
# are deterministic on virtual time).
FUZZ = (("src/", "drivers/emul/", "include/"), "build/fuzz/fuzz_api", "tests/fuzz/corpus/api")

# Code that also runs on a target is judged by the conformance suite there
# too (the only place a register-level driver meets the suite): QEMU's four
# PL081s, QEMU's PL330 and QEMU's PDMA. (file prefixes, image, run_qemu.sh
# arguments)
TARGETS = [(("src/", "drivers/pl08x/"), "build/mps2_an505/conformance.elf", []),
           (("src/", "drivers/pl330/"), "build/zynq7000/conformance.elf",
            ["-M", "xilinx-zynq-a9"]),
           (("src/", "drivers/sifive_pdma/"), "build/sifive_u/conformance.elf",
            ["-M", "sifive_u"])]

# The judges most likely to fail first for a file, run before the others
# (a killed mutant then costs one binary, not the whole list). Only the
# order changes: a survivor still passes every judge.
FIRST = {"src/dma_chain.c": ["build/host/test_chain", "build/host/test_sifive_pdma_driver",
                             "build/host/conformance_profiles"],
         "src/dma_events.c": ["build/host/test_pl08x_silicon_driver",
                              "build/host/test_pl330_silicon_driver",
                              "build/host/test_sifive_pdma_driver"],
         "drivers/sifive_pdma/": ["build/host/test_sifive_pdma_driver"],
         "drivers/pl330/": ["build/host/test_pl330_silicon_driver", "build/host/test_pl330_asm"],
         "drivers/pl08x/": ["build/host/test_pl08x", "build/host/test_pl08x_silicon_driver"],
         "src/dma_core.c": ["build/host/test_core", "build/host/conformance_emul_virtual"],
         "src/dma_validate.c": ["build/host/test_core", "build/host/conformance_emul_virtual"],
         "drivers/emul/": ["build/host/conformance_emul_virtual", "build/host/test_emul_virtual",
                           "build/host/test_emul_init"]}

RELATIONAL = [("==", "!="), ("!=", "=="), ("<=", ">"), (">=", "<"), ("<", ">="), (">", "<=")]
REL_RE = re.compile(r"(==|!=|<=|>=|(?<![<>-])<(?![<=])|(?<![<>-])>(?![>=]))")
INT_RE = re.compile(r"(?<![\w.])(0x[0-9A-Fa-f]+|\d+)(u|U|ul|UL|ull|ULL)?(?![\w.])")


def code_lines(path):
    """(number, text) of the lines a mutant may change: code, not comments,
    preprocessor lines, strings or lone braces."""
    out = []
    in_comment = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if in_comment:
                if "*/" in s:
                    in_comment = False
                continue
            if s.startswith("/*"):
                in_comment = "*/" not in s
                continue
            if not s or s.startswith("//") or s.startswith("#") or s.startswith("*"):
                continue
            if s in ("{", "}", "};", "} else {", "else {") or '"' in s:
                continue
            out.append((n, line))
    return out


def mutants_of(path):
    """Every mutant of a file: dicts with file, line, op, index, text."""
    result = []
    for n, line in code_lines(path):
        # The code of the line: a trailing comment is not mutated.
        body = re.split(r"//|/\*", line)[0]
        for i, m in enumerate(REL_RE.finditer(body)):
            if "->" in body[max(0, m.start() - 1):m.end() + 1]:
                continue
            new = dict(RELATIONAL)[m.group(1)]
            text = line[:m.start()] + new + line[m.end():]
            result.append({"file": path, "line": n, "op": "rel " + m.group(1) + "->" + new,
                           "index": i, "text": text})
        for i, m in enumerate(INT_RE.finditer(body)):
            value = int(m.group(1), 0)
            text = line[:m.start(1)] + str(value + 1) + line[m.end(1):]
            result.append({"file": path, "line": n, "op": "const %s->%d" % (m.group(1), value + 1),
                           "index": i, "text": text})
        code = body.rstrip() + "\n"
        s = code.strip()
        if s.endswith(";") and not s.startswith("return") and "=" in s.split("(")[0] \
                or re.match(r"^\s*[a-z_][\w]*\(.*\);\s*$", code):
            indent = line[:len(line) - len(line.lstrip())]
            result.append({"file": path, "line": n, "op": "delete statement", "index": 0,
                           "text": indent + ";\n"})
        m = re.match(r"^(\s*)return (.+);\s*$", code)
        if m and m.group(2) not in ("0", "0u"):
            repl = {"true": "false", "false": "true"}.get(m.group(2), "0")
            result.append({"file": path, "line": n, "op": "return " + repl, "index": 0,
                           "text": m.group(1) + "return " + repl + ";\n"})
    return result


def key(m):
    return "%s:%d:%s:%d" % (m["file"], m["line"], m["op"], m["index"])


def load_equivalent():
    eq = set()
    if os.path.exists(EQUIVALENT):
        with open(EQUIVALENT, encoding="utf-8") as f:
            for line in f:
                line = line.split("#")[0].strip()
                if line:
                    eq.add(line)
    return eq


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, check=False)
        return p.returncode
    except subprocess.TimeoutExpired:
        return None


def judge(m, timeout):
    path = os.path.join(ROOT, m["file"])
    with open(path, encoding="utf-8") as f:
        original = f.readlines()
    mutated = list(original)
    mutated[m["line"] - 1] = m["text"]
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(mutated)
        boards = [(elf, args) for prefixes, elf, args in TARGETS
                  if m["file"].startswith(prefixes)]
        fuzz = m["file"].startswith(FUZZ[0])
        extra = [elf for elf, _ in boards] + ([FUZZ[1]] if fuzz else [])
        first = [b for prefix, bins in FIRST.items() if m["file"].startswith(prefix)
                 for b in bins]
        # The first judges are built and run alone: most mutants fail
        # there, and are not built for the others.
        if first:
            if run(["make", "-j2", "-s"] + first, 600) != 0:
                return "invalid"
            for b in first:
                rc = run(["./" + b], timeout)
                if rc is None:
                    return "timeout"
                if rc != 0:
                    return "killed"
        if run(["make", "-j2", "-s"] + BINARIES + extra, 600) != 0:
            return "invalid"
        cmds = [["./" + b] for b in BINARIES if b not in first]
        cmds += [["scripts/run_qemu.sh"] + args + [elf] for elf, args in boards]
        if fuzz:
            seeds = sorted(glob.glob(os.path.join(ROOT, FUZZ[2], "*")))
            cmds.append(["./" + FUZZ[1], "-timeout=10"] + seeds)
        for cmd in cmds:
            rc = run(cmd, timeout)
            if rc is None:
                return "timeout"
            if rc != 0:
                return "killed"
        return "survived"
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(original)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", action="append")
    ap.add_argument("--sample", type=int, default=0, help="judge N mutants per file at random")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per test binary")
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    files = args.file or DEFAULT_FILES
    os.makedirs(STATE_DIR, exist_ok=True)
    state = {}
    if os.path.exists(STATE) and not args.fresh:
        with open(STATE, encoding="utf-8") as f:
            state = json.load(f)
    equivalent = load_equivalent()
    if run(["make", "-j2", "-s"] + BINARIES, 900) != 0:
        print("mutation: the unmutated tree does not build", file=sys.stderr)
        return 2
    todo = []
    for f in files:
        ms = mutants_of(os.path.join(ROOT, f) if not os.path.isabs(f) else f)
        for m in ms:
            m["file"] = os.path.relpath(m["file"], ROOT)
        # An entry of the reviewed list that names no mutant any more: the
        # code moved under it; it must be reviewed again.
        rel = os.path.relpath(os.path.join(ROOT, f), ROOT)
        keys = {key(m) for m in ms}
        for e in sorted(equivalent):
            if e.startswith(rel + ":") and e not in keys:
                print("mutation: %s names no mutant of the current code: review it in %s"
                      % (e, os.path.relpath(EQUIVALENT, ROOT)), file=sys.stderr)
        if args.sample:
            random.Random(args.seed).shuffle(ms)
            ms = ms[:args.sample]
        todo += ms
    for i, m in enumerate(todo, 1):
        k = key(m)
        if k in state:
            continue
        state[k] = "equivalent" if k in equivalent else judge(m, args.timeout)
        print("[%d/%d] %s: %s" % (i, len(todo), k, state[k]), flush=True)
        with open(STATE, "w", encoding="utf-8") as f:
            json.dump(state, f, indent=0, sort_keys=True)
    # Report, per file, over the mutants of this run.
    survivors = []
    total_killed = total_scored = 0
    for f in files:
        rel = os.path.relpath(os.path.join(ROOT, f), ROOT)
        keys = [key(m) for m in todo if m["file"] == rel]
        counts = {s: sum(1 for k in keys if state.get(k) == s)
                  for s in ("killed", "survived", "timeout", "invalid", "equivalent")}
        scored = counts["killed"] + counts["survived"] + counts["timeout"]
        score = 100.0 * (counts["killed"] + counts["timeout"]) / scored if scored else 100.0
        print("mutation: %s: %d generated, %d killed, %d survived, %d timed out, %d invalid, "
              "%d equivalent: %.1f%% of non-equivalent mutants killed"
              % (rel, len(keys), counts["killed"], counts["survived"], counts["timeout"],
                 counts["invalid"], counts["equivalent"], score))
        survivors += [k for k in keys if state.get(k) == "survived"]
        total_killed += counts["killed"] + counts["timeout"]
        total_scored += scored
    with open(os.path.join(STATE_DIR, "survivors.txt"), "w", encoding="utf-8") as f:
        for k in survivors:
            f.write(k + "\n")
    print("mutation: survivors listed in build/mutation/survivors.txt (%d)" % len(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
