#!/usr/bin/env python3
"""Lay a sentence pool out as corpus folders; optionally derive the 10M size.

Called by make-corpus.sh.

  corpus_layout.py split POOL OUTDIR --sizes 100k,1M
      POOL is corpus_extract.py's output (SOURCE<TAB>SENTENCE, already
      deduplicated and shuffled). Size S takes the first S sentences of the
      pool, so every smaller size is a subset of every larger one (claims
      drawn from 100k are in 1M too). Files: OUTDIR/<size>/sNNNNN.txt, 1,000
      sentences each, one a line. The pool's sentences past the largest size
      (and past 1M in any case) go to OUTDIR/heldout.txt: real sentences in no corpus, which
      make-claims.py uses for its "unsourced" claims.

  corpus_layout.py expand10m OUTDIR --from 1M
      Derives OUTDIR/10M from OUTDIR/1M by WordNet synonym substitution (the
      wordnet-base Debian package): each 1M sentence is kept, and 9 variants
      are made by replacing 1-3 content words by a synonym (a single-word
      lemma of a synset of the word's surface form, chosen by a seeded RNG).
      Variants that are not new (the same text as one already written) are
      retried; a sentence with too few replaceable words yields fewer
      variants, so the 10M corpus holds about 10M sentences (the count is
      printed), not exactly. This is word substitution, not fresh text: the
      10M corpus has the 1M corpus's vocabulary and syntax, ten times over.
"""
import argparse
import os
import random
import re
import sys

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
PER_FILE = 1000


def write_files(outdir, sentences, start_index=0):
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for i in range(0, len(sentences), PER_FILE):
        with open(os.path.join(outdir, f"s{(start_index + i) // PER_FILE:05d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(sentences[i:i + PER_FILE]) + "\n")
        n += 1
    return n


def split(a):
    sizes = [s for s in a.sizes.split(",") if s]
    for s in sizes:
        if s not in SIZES:
            sys.exit(f"unknown size {s}; known: {', '.join(SIZES)}")
    with open(a.pool, encoding="utf-8") as f:
        pool = [line.rstrip("\n").split("\t", 1)[1] for line in f if "\t" in line]
    largest = max(SIZES[s] for s in sizes)
    if len(pool) < largest:
        sys.exit(f"the pool has {len(pool):,} sentences, fewer than the {largest:,} asked for")
    for s in sizes:
        d = os.path.join(a.outdir, s)
        if os.path.isdir(d) and len(os.listdir(d)) == SIZES[s] // PER_FILE:
            print(f"  {d}: present, kept", file=sys.stderr)
            continue
        n = write_files(d, pool[:SIZES[s]])
        print(f"  {d}: {SIZES[s]:,} sentences in {n:,} files", file=sys.stderr)
    # held out: past 1M whatever the sizes asked, so that a later, larger
    # layout never puts a held-out sentence into a corpus
    held = pool[max(largest, SIZES["1M"]):]
    with open(os.path.join(a.outdir, "heldout.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(held) + "\n")
    print(f"  {os.path.join(a.outdir, 'heldout.txt')}: {len(held):,} sentences in no corpus", file=sys.stderr)


def load_synonyms(wn_dir="/usr/share/wordnet"):
    """word -> sorted list of single-word synonyms (all parts of speech)."""
    syn = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wn_dir, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split("|", 1)[0].split()
                n = int(fields[3], 16)
                words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(n)]
                words = [w for w in words if w.isalpha()]
                for w in words:
                    for o in words:
                        if o != w:
                            syn.setdefault(w, set()).add(o)
    return {w: sorted(s) for w, s in syn.items()}


STOP = set("""a an the and or but if of to in on at by for with from as is are was
were be been being it its this that these those he she they we you i his her
their our your not no do does did has have had can could will would shall
should may might must there here so than then very also only just""".split())


def expand10m(a):
    src = os.path.join(a.outdir, a.from_size)
    dst = os.path.join(a.outdir, "10M")
    files = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
    syn = load_synonyms()
    rng = random.Random(a.seed)
    seen = set()  # hashes of every sentence written (a collision only costs a variant)
    os.makedirs(dst, exist_ok=True)
    buf, written, idx = [], 0, 0
    word_re = re.compile(r"[A-Za-z]+")
    for fn in files:
        with open(os.path.join(src, fn), encoding="utf-8") as f:
            for line in f:
                s = line.rstrip("\n")
                variants = [s]
                seen.add(hash(s))
                spots = [m for m in word_re.finditer(s)
                         if m.group(0).lower() not in STOP and m.group(0).lower() in syn]
                tries = 0
                while len(variants) < 10 and spots and tries < 30:
                    tries += 1
                    k = min(len(spots), rng.randint(1, 3))
                    chosen = sorted(rng.sample(spots, k), key=lambda m: m.start())
                    out, last = [], 0
                    for m in chosen:
                        w = m.group(0)
                        r = rng.choice(syn[w.lower()])
                        if w[0].isupper():
                            r = r[0].upper() + r[1:]
                        out.append(s[last:m.start()])
                        out.append(r)
                        last = m.end()
                    out.append(s[last:])
                    v = "".join(out)
                    if hash(v) not in seen:
                        seen.add(hash(v))
                        variants.append(v)
                buf.extend(variants)
                while len(buf) >= PER_FILE:
                    write_files(dst, buf[:PER_FILE], idx * PER_FILE)
                    buf, idx, written = buf[PER_FILE:], idx + 1, written + PER_FILE
    if buf:
        write_files(dst, buf, idx * PER_FILE)
        written += len(buf)
    print(f"  {dst}: {written:,} sentences in {idx + (1 if buf else 0):,} files", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("split")
    p.add_argument("pool")
    p.add_argument("outdir")
    p.add_argument("--sizes", default="100k,1M")
    p = sub.add_parser("expand10m")
    p.add_argument("outdir")
    p.add_argument("--from", dest="from_size", default="1M")
    p.add_argument("--seed", type=int, default=10)
    a = ap.parse_args()
    split(a) if a.cmd == "split" else expand10m(a)


if __name__ == "__main__":
    main()
