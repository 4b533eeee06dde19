#!/usr/bin/env python3
"""Derive benchmark claims from corpus sentences, with fact-checkers' edits.

  bench/make-claims.py [--corpus bench/corpus/100k] [-n 10000] [--out-dir bench/corpus]

Six kinds, in equal shares (the remainder goes to "supported"):
  supported  a corpus sentence, unchanged
  number     one figure changed: a digit number moved (+1..+12, x2, or a
             year by 1-30) or a number word swapped for another
  negation   "not"/"n't"/"never" removed, or "not" inserted after the first
             auxiliary (is, was, can, has, will ...)
  swap       a name (a capitalised word inside the sentence) replaced by
             another name from the corpus, or else a WordNet noun replaced
             by another noun that occurs in the corpus
  synonym    1-2 content words replaced by WordNet synonyms (wordnet-base)
  unsourced  a real sentence from the pool that is in no corpus size
             (heldout.txt written by make-corpus.sh)
Claims come from the 100k corpus by default; since sizes are prefixes of one
pool, they are corpus sentences (or edits of them) at 1M and 10M too, and the
same claims file serves every size.

Claims veracity refuses (a command, a question, no verb ...: `check` exits 2
on any of them) are dropped: candidates are made with a surplus, written to a
scratch claims file, checked with `VERACITY check FILE --sources EMPTY
--allow-empty` (--bin, default $VERACITY_BIN or target/release/veracity),
and the refused ids are left out before each kind is cut to its share.
Without a binary, no check is made and a warning says so. Edits that match
corpus_extract.CRASHERS_RE (texts that make veracity panic) are not made.

Writes, into --out-dir:
  claims.toml          [[claim]] tables with id and text (veracity check)
  claims.jsonl         {"id", "text"} a line, the same claims (peers)
  claims.labels.jsonl  {"id", "kind", "source"}: the edit made and the corpus
                       sentence it came from, for accuracy studies
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_layout import STOP, load_synonyms  # noqa: E402
from corpus_extract import CRASHERS_RE  # noqa: E402  (sentences veracity panics on)

KINDS = ["supported", "number", "negation", "swap", "synonym", "unsourced"]
AUX = ["is", "are", "was", "were", "can", "will", "would", "should", "could",
       "has", "have", "had", "does", "did", "must", "may"]
AUX_RE = re.compile(r"\b(" + "|".join(AUX) + r")\b(?! not\b)")
NUM_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand"]
NUM_WORD_RE = re.compile(r"\b(" + "|".join(NUM_WORDS) + r")\b", re.I)
DIGIT_RE = re.compile(r"(?<![\w.,])\d{1,7}(?![\w]|[.,]\d)")
NEG_CONTRACTIONS = {"can't": "can", "won't": "will", "don't": "do", "doesn't": "does",
                    "didn't": "did", "isn't": "is", "aren't": "are", "wasn't": "was",
                    "weren't": "were", "hasn't": "has", "haven't": "have", "hadn't": "had",
                    "couldn't": "could", "wouldn't": "would", "shouldn't": "should"}


def change_number(s, rng):
    ms = list(DIGIT_RE.finditer(s))
    if ms:
        m = rng.choice(ms)
        n = int(m.group(0))
        if 1000 <= n <= 2100 and len(m.group(0)) == 4:
            new = n + rng.choice([-1, 1]) * rng.randint(1, 30)
        else:
            new = rng.choice([n + rng.randint(1, 12), n * 2 if n else 3])
        return s[:m.start()] + str(new) + s[m.end():]
    ms = list(NUM_WORD_RE.finditer(s))
    if ms:
        m = rng.choice(ms)
        w = m.group(0)
        other = rng.choice([x for x in NUM_WORDS if x != w.lower()])
        if w[0].isupper():
            other = other.capitalize()
        return s[:m.start()] + other + s[m.end():]
    return None


def negate(s, rng):
    for c, plain in NEG_CONTRACTIONS.items():
        i = s.lower().find(c)
        if i >= 0 and (i == 0 or not s[i - 1].isalpha()):
            rep = plain if s[i].islower() else plain.capitalize()
            return s[:i] + rep + s[i + len(c):]
    m = re.search(r"\b(not|never) ", s)
    if m:
        return s[:m.start()] + s[m.end():]
    m = AUX_RE.search(s)
    if m:
        return s[:m.end()] + " not" + s[m.end():]
    return None


def swap(s, rng, names, nouns):
    words = list(re.finditer(r"\b[A-Za-z][a-z]+\b", s))
    cands = [m for m in words[1:] if m.group(0)[0].isupper() and m.group(0) in names]
    if cands:
        m = rng.choice(cands)
        other = rng.choice(names_list(names))
        while other == m.group(0):
            other = rng.choice(names_list(names))
        return s[:m.start()] + other + s[m.end():]
    cands = [m for m in words if m.group(0).islower() and m.group(0) in nouns and m.group(0) not in STOP]
    if cands:
        m = rng.choice(cands)
        nl = names_list(nouns)
        other = rng.choice(nl)
        while other == m.group(0):
            other = rng.choice(nl)
        return s[:m.start()] + other + s[m.end():]
    return None


_lists = {}


def names_list(d):
    k = id(d)
    if k not in _lists:
        _lists[k] = sorted(d)
    return _lists[k]


def synonym(s, rng, syn):
    spots = [m for m in re.finditer(r"\b[a-z]{3,}\b", s) if m.group(0) not in STOP and m.group(0) in syn]
    if not spots:
        return None
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(1, 2))), key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        out += [s[last:m.start()], rng.choice(syn[m.group(0)])]
        last = m.end()
    out.append(s[last:])
    return "".join(out)


def write_toml(path, claims, header):
    with open(path, "w", encoding="utf-8") as ft:
        ft.write(header)
        for cid, t in claims:
            # a JSON string (ASCII, \\uXXXX escapes) is a valid TOML basic string
            ft.write(f"\n[[claim]]\nid = \"{cid}\"\ntext = {json.dumps(t)}\n")


def refused_by(binary, claims):
    """Indices of the claims the binary refuses as not checkable."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "candidates.toml")
        write_toml(path, [(f"k{i}", t) for i, t in enumerate(claims)], "")
        os.mkdir(os.path.join(tmp, "empty"))
        open(os.path.join(tmp, "veracity.toml"), "w").close()  # no project config
        r = subprocess.run([binary, "check", path, "--sources", os.path.join(tmp, "empty"),
                            "--allow-empty", "--format", "jsonl", "--quiet"],
                           cwd=tmp, capture_output=True, text=True, timeout=600)
    bad = {int(m) for m in re.findall(r"claim `k(\d+)` is not a checkable claim", r.stderr)}
    if r.returncode not in (0, 1) and not bad:
        sys.exit(f"make-claims: {binary} failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
    return bad


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(here, "corpus", "100k"))
    ap.add_argument("--heldout", default=None, help="default: heldout.txt beside the corpus folder")
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out-dir", default=None, help="default: the corpus folder's parent")
    ap.add_argument("--bin", default=None,
                    help="veracity binary that vets the claims (default: $VERACITY_BIN, else target/release/veracity)")
    a = ap.parse_args()
    binary = a.bin or os.environ.get("VERACITY_BIN") or os.path.join(os.path.dirname(here), "target", "release", "veracity")
    if not os.access(binary, os.X_OK):
        print(f"make-claims: warning: no veracity binary at {binary}; claims are not vetted "
              "(check may refuse some and exit 2)", file=sys.stderr)
        binary = None
    parent = os.path.dirname(os.path.abspath(a.corpus))
    heldout = a.heldout or os.path.join(parent, "heldout.txt")
    out_dir = a.out_dir or parent
    rng = random.Random(a.seed)

    sents = []
    for fn in sorted(os.listdir(a.corpus)):
        if fn.endswith(".txt"):
            with open(os.path.join(a.corpus, fn), encoding="utf-8") as f:
                sents += [l.rstrip("\n") for l in f if l.strip()]
    corpus_set = set(sents)
    with open(heldout, encoding="utf-8") as f:
        held = [l.rstrip("\n") for l in f if l.strip()]
    # names: capitalised words seen inside sentences (not first) at least 3 times
    counts = {}
    for s in sents:
        for w in re.findall(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b", s):
            counts[w] = counts.get(w, 0) + 1
    names = {w for w, c in counts.items() if c >= 3 and w.lower() not in STOP}
    syn = load_synonyms()
    nouns_wn = set()
    with open("/usr/share/wordnet/index.noun", encoding="latin-1") as f:
        for line in f:
            if not line.startswith(" "):
                w = line.split(" ", 1)[0]
                if w.isalpha() and w.islower():
                    nouns_wn.add(w)
    corpus_words = set(w for s in sents[:50_000] for w in re.findall(r"\b[a-z]{4,}\b", s))
    nouns = nouns_wn & corpus_words

    per = a.n // len(KINDS)
    want = {k: per for k in KINDS}
    want["supported"] += a.n - per * len(KINDS)
    if want["unsourced"] > len(held):
        sys.exit(f"only {len(held):,} held-out sentences for {want['unsourced']:,} unsourced claims")
    order = list(range(len(sents)))
    rng.shuffle(order)
    used_src, texts, claims = set(), set(), []
    edits = {
        "supported": lambda s: s,
        "number": lambda s: change_number(s, rng),
        "negation": lambda s: negate(s, rng),
        "swap": lambda s: swap(s, rng, names, nouns),
        "synonym": lambda s: synonym(s, rng, syn),
    }
    surplus = 1.25 if binary else 1.0
    cands = []  # (kind, text, source)
    for kind, fn in edits.items():
        got, goal = 0, int(want[kind] * surplus) + 10
        for i in order:
            if got == goal:
                break
            s = sents[i]
            if i in used_src:
                continue
            t = fn(s)
            if not t or t in texts or (kind != "supported" and t in corpus_set) or CRASHERS_RE.search(t):
                continue
            used_src.add(i)
            texts.add(t)
            cands.append((kind, t, s))
            got += 1
    for s in rng.sample(held, min(len(held), int(want["unsourced"] * surplus) + 10)):
        if s not in texts:
            texts.add(s)
            cands.append(("unsourced", s, None))
    if binary:
        bad = refused_by(binary, [t for _, t, _ in cands])
        print(f"make-claims: {binary} refuses {len(bad):,} of {len(cands):,} candidates; left out",
              file=sys.stderr)
        cands = [c for i, c in enumerate(cands) if i not in bad]
    claims, taken = [], {k: 0 for k in KINDS}
    for c in cands:
        if taken[c[0]] < want[c[0]]:
            taken[c[0]] += 1
            claims.append(c)
    for k in KINDS:
        if taken[k] < want[k]:
            print(f"make-claims: only {taken[k]} {k} claims could be made", file=sys.stderr)
    rng.shuffle(claims)

    os.makedirs(out_dir, exist_ok=True)
    ids = [f"c{n:05d}" for n in range(1, len(claims) + 1)]
    write_toml(os.path.join(out_dir, "claims.toml"), [(i, t) for i, (_, t, _) in zip(ids, claims)],
               f"# {len(claims)} benchmark claims made by bench/make-claims.py from {a.corpus}\n")
    with open(os.path.join(out_dir, "claims.jsonl"), "w", encoding="utf-8") as fj, \
         open(os.path.join(out_dir, "claims.labels.jsonl"), "w", encoding="utf-8") as fl:
        for cid, (kind, t, src) in zip(ids, claims):
            fj.write(json.dumps({"id": cid, "text": t}) + "\n")
            fl.write(json.dumps({"id": cid, "kind": kind, "source": src}) + "\n")
    tally = {}
    for kind, _, _ in claims:
        tally[kind] = tally.get(kind, 0) + 1
    print(f"make-claims: {len(claims):,} claims -> {out_dir}/claims.{{toml,jsonl,labels.jsonl}} "
          + ", ".join(f"{k} {v}" for k, v in tally.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
