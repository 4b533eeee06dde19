#!/usr/bin/env python3
"""Warm `check --claim` latency of two binaries, in alternating runs.

    bench/claim-ab.py --corpus bench/corpus [--runs 30] BIN_A INDEX_A BIN_B INDEX_B

Each binary reads its own index (made with `BIN index --sources CORPUS/1M
--index INDEX`: an index is tied to the binary that made it). The claim
texts are drawn with a fixed seed, half from the corpus's sentences and half
from heldout.txt; each text is checked by A, then by B, so that load on the
machine falls on both alike. Whole processes, from a scratch folder with an
empty veracity.toml; standard output is read (a pipe), as a user's would be.
Prints p50, p90 and the maximum for each.
"""
import argparse
import glob
import os
import random
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--corpus", default="bench/corpus")
parser.add_argument("--size", default="1M")
parser.add_argument("--runs", type=int, default=30)
parser.add_argument("pairs", nargs=4, metavar="BIN_A INDEX_A BIN_B INDEX_B")
args = parser.parse_args()
corpus = os.path.abspath(args.corpus)
sources = os.path.join(corpus, args.size)
binaries = [(os.path.abspath(args.pairs[0]), os.path.abspath(args.pairs[1])),
            (os.path.abspath(args.pairs[2]), os.path.abspath(args.pairs[3]))]

rng = random.Random(7)
files = sorted(glob.glob(os.path.join(sources, "**", "*.txt"), recursive=True))
texts = [rng.choice(open(rng.choice(files)).read().splitlines()) for _ in range(args.runs // 2)]
held = open(os.path.join(corpus, "heldout.txt")).read().splitlines()
texts += [rng.choice(held) for _ in range(args.runs - len(texts))]

walls = {b: [] for b, _ in binaries}
with tempfile.TemporaryDirectory() as scratch:
    open(os.path.join(scratch, "veracity.toml"), "w").close()
    for text in texts:
        for binary, index in binaries:
            start = time.perf_counter()
            run = subprocess.run([binary, "check", "--claim", text, "--sources", sources, "--index", index,
                                  "--format", "jsonl", "--quiet"], cwd=scratch, capture_output=True)
            walls[binary].append(time.perf_counter() - start)
            # 0 and 1 are verdicts; 2 is a claim that is not checkable (a fragment), still a whole run.
            if run.returncode not in (0, 1, 2):
                sys.exit(f"{binary} exited {run.returncode}: {run.stderr.decode()[:300]}")
for binary, _ in binaries:
    w = sorted(walls[binary])
    pick = lambda q: 1000 * w[min(len(w) - 1, int(len(w) * q))]
    print(f"{binary}: p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, max {1000 * w[-1]:.1f} ms ({len(w)} runs)")
