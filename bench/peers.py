#!/usr/bin/env python3
"""Retrieval-only baselines for the benchmark: bm25s (numba backend) and
tantivy-py, on the same corpus and the same queries (claim texts) as veracity.

  peers.py --tool bm25s|tantivy|tantivy-stop --corpus DIR --queries claims.jsonl [--k 12]
           [--index-dir DIR] [--threads N] [--json OUT]

One document per corpus line (veracity indexes sentences too). Prints and
writes one JSON object: docs, load_s (reading the files), index_s (building
the index: tokenising included; tantivy: written to disk and committed),
query_s and qps for top-k retrieval of every query (tokenising/parsing
included), index_bytes (tantivy's folder on disk; bm25s keeps its index in
memory, so it is saved with .save() after timing, to report a size).
Peak RSS is measured outside, by /usr/bin/time -v around this process.

bm25s: bm25s.tokenize with English stop words and PyStemmer's English
stemmer, BM25(backend="numba"), retrieve(backend_selection="numba",
n_threads=--threads); the numba JIT is warmed on one query first (its time
is reported as jit_warmup_s, not in query_s). tantivy: one stored-less text
field with tantivy's stock en_stem tokenizer (lower-case + English stemmer,
no stop words), writer(heap 256 MB, --threads threads), each query parsed
with parse_query_lenient (terms OR-ed) and searched one after another in
this thread. tantivy-stop: the same with an analyzer that also drops English
stop words (simple tokenizer, remove_long(40), lowercase, stopword, stemmer),
i.e. the preprocessing bm25s gets: without it every query ORs "the", "of",
"and"... and a search walks most of the postings.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time


def load(corpus):
    docs = []
    for fn in sorted(os.listdir(corpus)):
        if fn.endswith((".txt", ".md")):
            with open(os.path.join(corpus, fn), encoding="utf-8") as f:
                docs += [l.rstrip("\n") for l in f if l.strip()]
    return docs


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def run_bm25s(docs, queries, k, threads, index_dir):
    import bm25s
    import Stemmer
    stemmer = Stemmer.Stemmer("english")
    t0 = time.perf_counter()
    tokens = bm25s.tokenize(docs, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25(backend="numba")
    retriever.index(tokens, show_progress=False)
    index_s = time.perf_counter() - t0
    del tokens
    # warm the numba JIT on one query so compilation is not counted as query time
    t0 = time.perf_counter()
    q = bm25s.tokenize(queries[:1], stopwords="en", stemmer=stemmer, show_progress=False, return_ids=False)
    retriever.retrieve(q, k=k, backend_selection="numba", n_threads=threads, show_progress=False)
    jit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    q = bm25s.tokenize(queries, stopwords="en", stemmer=stemmer, show_progress=False, return_ids=False)
    res, scores = retriever.retrieve(q, k=k, backend_selection="numba", n_threads=threads,
                                     show_progress=False)
    query_s = time.perf_counter() - t0
    assert res.shape == (len(queries), k), res.shape
    retriever.save(index_dir)
    return {"index_s": index_s, "query_s": query_s, "jit_warmup_s": jit_s, "query_threads": threads,
            "index_bytes": dir_bytes(index_dir), "index_in": "memory (saved after timing for its size)"}


def run_tantivy(docs, queries, k, threads, index_dir, stop_words=False):
    import tantivy
    tok = "en_stop_stem" if stop_words else "en_stem"
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=False, tokenizer_name=tok)
    schema = sb.build()
    t0 = time.perf_counter()
    index = tantivy.Index(schema, path=index_dir)
    if stop_words:
        index.register_tokenizer(tok, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                                 .filter(tantivy.Filter.remove_long(40))
                                 .filter(tantivy.Filter.lowercase())
                                 .filter(tantivy.Filter.stopword("english"))
                                 .filter(tantivy.Filter.stemmer("english")).build())
    writer = index.writer(heap_size=256_000_000, num_threads=threads)
    for d in docs:
        writer.add_document(tantivy.Document(body=d))
    writer.commit()
    writer.wait_merging_threads()
    index_s = time.perf_counter() - t0
    index.reload()
    searcher = index.searcher()
    t0 = time.perf_counter()
    n = 0
    for qt in queries:
        query, _errors = index.parse_query_lenient(qt, ["body"])
        n += len(searcher.search(query, k).hits)
    query_s = time.perf_counter() - t0
    return {"index_s": index_s, "query_s": query_s, "hits": n, "query_threads": 1, "tokenizer": tok,
            "index_bytes": dir_bytes(index_dir), "index_in": "disk"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", choices=["bm25s", "tantivy", "tantivy-stop"], required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True, help="JSONL with a text field a line")
    ap.add_argument("--k", type=int, default=12)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--index-dir", default=None, help="default: a temporary folder, removed after")
    ap.add_argument("--json", default=None, help="also write the result here")
    a = ap.parse_args()

    t0 = time.perf_counter()
    docs = load(a.corpus)
    load_s = time.perf_counter() - t0
    with open(a.queries, encoding="utf-8") as f:
        queries = [json.loads(l)["text"] for l in f if l.strip()]
    tmp = None
    index_dir = a.index_dir
    if index_dir is None:
        tmp = tempfile.mkdtemp(prefix=f"peer-{a.tool}-")
        index_dir = tmp
    os.makedirs(index_dir, exist_ok=True)
    try:
        if a.tool == "bm25s":
            r = run_bm25s(docs, queries, a.k, a.threads, index_dir)
        else:
            r = run_tantivy(docs, queries, a.k, a.threads, index_dir, stop_words=a.tool == "tantivy-stop")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    out = {"tool": a.tool, "docs": len(docs), "queries": len(queries), "k": a.k,
           "threads": a.threads, "load_s": round(load_s, 3)}
    out.update({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()})
    out["qps"] = round(len(queries) / r["query_s"], 1)
    line = json.dumps(out)
    print(line)
    if a.json:
        with open(a.json, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    sys.exit(main())
