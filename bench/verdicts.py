#!/usr/bin/env python3
"""Cross-tabulate veracity's verdicts by the kind of edit each claim got.

  bench/verdicts.py CHECK_OUTPUT.jsonl [--labels bench/corpus/claims.labels.jsonl]

CHECK_OUTPUT is `veracity check ... --format jsonl` output (run.sh keeps it
as results/*/logs/check-<size>.out). Prints a Markdown table: one row per
kind, one column per verdict, counts. Not a benchmark figure, a sanity view:
an unchanged sentence ought to be supported, a held-out one unsourced, a
changed number or an added negation contradicted.
"""
import argparse
import collections
import json
import os


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("output")
    ap.add_argument("--labels", default=os.path.join(here, "corpus", "claims.labels.jsonl"))
    a = ap.parse_args()
    kind = {d["id"]: d["kind"] for d in map(json.loads, open(a.labels)) if d}
    tab = collections.defaultdict(collections.Counter)
    verdicts = collections.Counter()
    for line in open(a.output):
        if line.strip():
            d = json.loads(line)
            k = kind.get(d["id"], "?")
            tab[k][d["verdict"]] += 1
            verdicts[d["verdict"]] += 1
    cols = [v for v, _ in verdicts.most_common()]
    print("| kind | " + " | ".join(cols) + " | n |")
    print("|---|" + "---:|" * (len(cols) + 1))
    for k in ["supported", "number", "negation", "swap", "synonym", "unsourced", "?"]:
        if k in tab:
            n = sum(tab[k].values())
            print(f"| {k} | " + " | ".join(str(tab[k][c]) for c in cols) + f" | {n} |")


if __name__ == "__main__":
    main()
