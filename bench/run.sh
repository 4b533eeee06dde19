#!/usr/bin/env bash
# Veracity benchmark: index build, re-index, claims/s, --claim latency, peak
# RSS and index size per corpus size, and retrieval-only peers (bm25s with the
# numba backend, tantivy-py) on the same corpus and queries.
#
#   bench/run.sh [--bin PATH] [--sizes "100k 1M"] [--with-10m] [--corpus DIR]
#                [--claims FILE.toml] [--claim-runs N] [--claim-budget SECS]
#                [--timeout SECS] [--no-peers] [--out DIR] [--commit SHA]
#
#   --bin           the veracity binary (default $VERACITY_BIN, else
#                   target/release/veracity under the repository root)
#   --sizes         corpus sizes to run, folders under --corpus (default "100k 1M")
#   --with-10m      add the 10M size (make-corpus.sh --with-10m first)
#   --corpus        corpus root made by make-corpus.sh (default bench/corpus)
#   --claims        claims TOML (default CORPUS/claims.toml; its JSONL twin,
#                   same name .jsonl, feeds the peers and the --claim runs)
#   --claim-runs    whole-process `check --claim` runs per size (default 20)
#   --claim-budget  seconds the --claim runs of one size may take (default
#                   1500); when N runs would take longer (estimated from the
#                   index build), N is cut to fit, at least 3, and the output
#                   says so
#   --timeout       limit for each measured command, seconds (default 5400)
#   --no-peers      skip bm25s and tantivy
#   --out           results folder (default bench/results/<date>-<time>)
#   --commit        the commit the binary was built from, for the record
#                   (default: the repository's HEAD, marked as a guess)
#   VERACITY_CHECK_ARGS  extra arguments for every `veracity check` (e.g. an
#                   index location once `veracity index` exists)
#   VERACITY_INDEX_ARGS  extra arguments for every `veracity index`
#
# Every measured command is printed before it runs ("$ ..."), runs under
# `/usr/bin/time -v` (peak RSS) and `timeout`, from a scratch folder holding
# an empty veracity.toml so that no project configuration is picked up.
# When `veracity index --help` succeeds, `veracity index --sources DIR` is
# timed as the index build, 1% of the files are then changed and the index
# rebuilt (incremental re-index), and the check and --claim runs that follow
# are warm runs against that index; the sources are then a hard-linked copy
# of the corpus, so an index written beside them leaves the corpus alone.
# Without `veracity index`, nothing persists: the index-build figure is one
# whole `check --claim` process (reading and indexing every source, checking
# one claim), re-index is n/a, and every run is cold.
#
# Peers: bm25s, tantivy (stock en_stem tokenizer, no stop words) and
# tantivy-stop (stop words dropped, as bm25s does); see peers.py.
#
# Each measurement also records the 1-minute load average before and after
# it: with other work on the machine the timings are inflated.
#
# Results: OUT/results.tsv (size, metric, value, command, load), OUT/summary.md
# (the table), OUT/machine.txt, and each command's stdout/stderr/time -v
# report under OUT/logs/.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BIN="${VERACITY_BIN:-$ROOT/target/release/veracity}"
SIZES="100k 1M"
CORPUS="$HERE/corpus"
CLAIMS=""
CLAIM_RUNS=20
CLAIM_BUDGET=1500
TIMEOUT=5400
PEERS=1
OUT=""
COMMIT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) BIN="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --with-10m) SIZES="$SIZES 10M"; shift ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    --claims) CLAIMS="$2"; shift 2 ;;
    --claim-runs) CLAIM_RUNS="$2"; shift 2 ;;
    --claim-budget) CLAIM_BUDGET="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --commit) COMMIT="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
CLAIMS="${CLAIMS:-$CORPUS/claims.toml}"
CLAIMS_JSONL="${CLAIMS%.toml}.jsonl"
OUT="${OUT:-$HERE/results/$(date +%Y%m%d-%H%M%S)}"
read -r -a CHECK_EXTRA <<< "${VERACITY_CHECK_ARGS:-}"
read -r -a INDEX_EXTRA <<< "${VERACITY_INDEX_ARGS:-}"

die() { echo "run.sh: $*" >&2; exit 1; }
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
[ -x "$BIN" ] || die "no veracity binary at $BIN (build it: cargo build --release, or pass --bin / VERACITY_BIN)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time): it measures peak RSS"
command -v timeout >/dev/null || die "timeout (coreutils) is missing"
[ -f "$CLAIMS" ] || die "no claims file $CLAIMS (run bench/make-claims.py)"
[ -f "$CLAIMS_JSONL" ] || die "no $CLAIMS_JSONL beside the claims file (make-claims.py writes both)"
for s in $SIZES; do [ -d "$CORPUS/$s" ] || die "no corpus $CORPUS/$s (run bench/make-corpus.sh${s/10M/ --with-10m})"; done

mkdir -p "$OUT/logs"
WORK="$(mktemp -d /tmp/veracity-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
: > "$WORK/veracity.toml"   # an empty configuration: defaults, nothing from the repository
RESULTS="$OUT/results.tsv"
printf 'size\tmetric\tvalue\tcommand\tload\n' > "$RESULTS"
NCLAIMS=$(grep -c '^\[\[claim\]\]' "$CLAIMS")

# ---------------------------------------------------------------- machine
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host: $(uname -srm)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores available)"
  echo "memory: $(free -g | awk '/^Mem:/{print $2" GiB total, "$7" GiB available"}')"
  echo "binary: $BIN ($("$BIN" --version 2>/dev/null))"
  if [ -n "$COMMIT" ]; then echo "commit: $COMMIT"
  else echo "commit: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null) (the repository's HEAD: a guess; pass --commit)"; fi
  echo "claims: $CLAIMS ($NCLAIMS claims)"
  echo "sizes: $SIZES"
} | tee "$OUT/machine.txt"

# ---------------------------------------------------------------- helpers
# measure NAME -- CMD...: run CMD from $WORK under timeout and time -v; sets
# M_WALL (s), M_RSS (MiB), M_RC, M_CMD; stdout to logs/NAME.out.
measure() {
  local name="$1"; shift; [ "$1" = "--" ] && shift
  M_CMD="$(printf '%q ' "$@")"; M_CMD="${M_CMD% }"
  echo "\$ $M_CMD" >&2
  local t0 t1 l0
  l0=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  (cd "$WORK" && timeout "$TIMEOUT" /usr/bin/time -v -o "$OUT/logs/$name.time" "$@" \
      > "$OUT/logs/$name.out" 2> "$OUT/logs/$name.err")
  M_RC=$?
  t1=$(date +%s.%N)
  M_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  M_RSS=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$OUT/logs/$name.time" 2>/dev/null)
  M_RSS="${M_RSS:-?}"
  # the 1-minute load average before and after: well over the process's own
  # parallelism means something else was running and the timing is inflated
  M_LOAD="$l0 -> $(cut -d' ' -f1 /proc/loadavg)"
  if [ "$M_RC" = 124 ] || [ "$M_RC" = 137 ]; then
    echo "   TIMEOUT after ${TIMEOUT}s" >&2
  elif [ "$M_RC" -gt 1 ]; then
    echo "   FAILED: exit $M_RC; last lines of logs/$name.err:" >&2
    tail -5 "$OUT/logs/$name.err" | sed 's/^/   | /' >&2
  fi
  echo "   -> ${M_WALL} s wall, peak RSS ${M_RSS} MiB, exit ${M_RC}, load ${M_LOAD}" >&2
}
# veracity exits 1 when there are findings: 0 and 1 both mean it ran
ok() { [ "$M_RC" = 0 ] || [ "$M_RC" = 1 ]; }
# record SIZE METRIC VALUE [COMMAND]: a row of results.tsv, with the load
# average around the last measured command when a command is given
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" "$([ -n "${4:-}" ] && echo "${M_LOAD:-}")" >> "$RESULTS"; }
# the text of claim number N (1-based) in the JSONL
claim_text() { sed -n "${1}p" "$CLAIMS_JSONL" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["text"])'; }
pct() { # pct P FILE-of-numbers: nearest-rank percentile
  sort -g "$2" | awk -v p="$1" '{a[NR]=$1} END{if(NR==0){print "n/a"; exit} r=int(p/100*NR+0.999999); if(r<1)r=1; if(r>NR)r=NR; printf "%.3f", a[r]}'
}
du_bytes() { du -sb "$@" 2>/dev/null | awk '{s+=$1} END{print s+0}'; }

HAS_INDEX=0
if "$BIN" index --help >/dev/null 2>&1; then HAS_INDEX=1; fi
echo "veracity index: $([ $HAS_INDEX = 1 ] && echo present || echo 'absent (nothing persists: index build = one whole --claim check; re-index n/a; all runs cold)')" | tee -a "$OUT/machine.txt"

# ---------------------------------------------------------------- peers' venv
VENV="$HERE/.venv"
PEER_OK=0
if [ "$PEERS" = 1 ]; then
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import bm25s, numba, tantivy, Stemmer' 2>/dev/null; then
    echo "== creating $VENV (bm25s, numba, tantivy, PyStemmer)" >&2
    python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --upgrade pip >/dev/null 2>&1
    "$VENV/bin/pip" install -q "bm25s==0.3.*" numba "tantivy==0.27.*" PyStemmer numpy scipy >&2 || true
  fi
  if "$VENV/bin/python" -c 'import bm25s, numba, tantivy, Stemmer' 2>/dev/null; then
    PEER_OK=1
    "$VENV/bin/python" -c 'import bm25s, numba, tantivy; from importlib.metadata import version as v; print("peers: bm25s", v("bm25s"), "numba", v("numba"), "tantivy", v("tantivy"))' | tee -a "$OUT/machine.txt"
  else
    echo "run.sh: the peers are skipped: bm25s/numba/tantivy/PyStemmer could not be imported from $VENV (pip install failed?)" | tee -a "$OUT/machine.txt" >&2
  fi
fi

# ---------------------------------------------------------------- per size
for size in $SIZES; do
  DIR="$CORPUS/$size"
  NFILES=$(find "$DIR" -name '*.txt' | wc -l)
  NSENT=$(cat "$DIR"/*.txt | wc -l)
  echo "" >&2
  echo "==================== $size: $NSENT sentences in $NFILES files" >&2
  record "$size" sentences "$NSENT"
  SRC="$DIR"
  if [ "$HAS_INDEX" = 1 ]; then
    SRC="$WORK/src-$size"; rm -rf "$SRC"; cp -al "$DIR" "$SRC" 2>/dev/null || cp -a "$DIR" "$SRC"
  fi
  FIRST_CLAIM="$(claim_text 1)"

  # 1. index build
  if [ "$HAS_INDEX" = 1 ]; then
    before=$(du_bytes "$WORK" "$SRC")
    measure "index-$size" -- "$BIN" index --sources "$SRC" "${INDEX_EXTRA[@]}"
    after=$(du_bytes "$WORK" "$SRC")
    BUILD=$M_WALL
    ok && record "$size" "index build s" "$M_WALL" "$M_CMD" || record "$size" "index build s" "failed (exit $M_RC)" "$M_CMD"
    record "$size" "index build peak RSS MiB" "$M_RSS" "$M_CMD"
    record "$size" "index size MiB" "$(awk -v a="$before" -v b="$after" 'BEGIN{printf "%.1f", (b-a)/1048576}')" "growth of $WORK and the sources' copy"
  else
    measure "index-$size" -- "$BIN" check --claim "$FIRST_CLAIM" --sources "$SRC" "${CHECK_EXTRA[@]}" --format jsonl --quiet
    BUILD=$M_WALL
    ok && record "$size" "index build s" "$M_WALL (no index command: one whole --claim check)" "$M_CMD" \
       || record "$size" "index build s" "failed (exit $M_RC)" "$M_CMD"
    record "$size" "index build peak RSS MiB" "$M_RSS" "$M_CMD"
    record "$size" "index size MiB" "n/a (no index on disk)" ""
  fi

  # 2. incremental re-index after changing 1% of the files
  if [ "$HAS_INDEX" = 1 ]; then
    nchange=$(( (NFILES + 99) / 100 ))
    i=0
    for f in $(ls "$SRC"/*.txt | awk 'NR % 100 == 1'); do
      [ $i -ge $nchange ] && break
      # a new file (the hard link is broken, the corpus stays as it was):
      # its first line replaced by a held-out sentence
      { sed -n "$((i + 1))p" "$CORPUS/heldout.txt"; tail -n +2 "$f"; } > "$f.new" && rm -f "$f" && mv "$f.new" "$f"
      i=$((i + 1))
    done
    measure "reindex-$size" -- "$BIN" index --sources "$SRC" "${INDEX_EXTRA[@]}"
    if ok; then
      record "$size" "re-index after 1% change s" "$M_WALL ($i files changed; $(awk -v a="$M_WALL" -v b="$BUILD" 'BEGIN{printf "%.1f", 100*a/b}')% of the full build)" "$M_CMD"
    else
      record "$size" "re-index after 1% change s" "failed (exit $M_RC)" "$M_CMD"
    fi
  else
    record "$size" "re-index after 1% change s" "n/a (no veracity index)" ""
  fi

  # 3. the claims file, end to end
  measure "check-$size" -- "$BIN" check "$CLAIMS" --sources "$SRC" "${CHECK_EXTRA[@]}" --format jsonl --quiet
  if ok; then
    nout=$(grep -c '"verdict"' "$OUT/logs/check-$size.out")
    record "$size" "claims/s end to end" "$(awk -v n="$nout" -v w="$M_WALL" 'BEGIN{printf "%.1f", n/w}') ($nout claims in $M_WALL s)" "$M_CMD"
    if [ "$HAS_INDEX" = 0 ]; then
      record "$size" "claims/s net of reading sources" "$(awk -v n="$nout" -v w="$M_WALL" -v b="$BUILD" 'BEGIN{ if (w-b > 0.001) printf "%.1f", n/(w-b); else print "n/a"}') (wall minus the index-build figure)" ""
    fi
    python3 - "$OUT/logs/check-$size.out" <<'PY' | while IFS= read -r l; do record "$size" "verdicts" "$l" ""; done
import collections, json, sys
c = collections.Counter(json.loads(l).get("verdict") for l in open(sys.argv[1]) if l.strip())
print(", ".join(f"{k} {v}" for k, v in c.most_common()))
PY
  else
    record "$size" "claims/s end to end" "failed (exit $M_RC, see logs/check-$size.err)" "$M_CMD"
  fi
  record "$size" "check peak RSS MiB" "$M_RSS" "$M_CMD"

  # 4. whole-process --claim runs
  runs=$CLAIM_RUNS
  est=$(awk -v b="$BUILD" -v n="$runs" 'BEGIN{printf "%.0f", b*n}')
  note="$runs runs"
  if [ "$HAS_INDEX" = 0 ] && [ "$est" -gt "$CLAIM_BUDGET" ]; then
    runs=$(awk -v b="$BUILD" -v t="$CLAIM_BUDGET" 'BEGIN{n=int(t/b); if(n<3)n=3; print n}')
    note="$runs runs, not $CLAIM_RUNS: $CLAIM_RUNS would take ~${est} s, over the ${CLAIM_BUDGET} s budget"
    echo "   --claim runs cut to $runs: $CLAIM_RUNS x ${BUILD} s would take ~${est} s (budget ${CLAIM_BUDGET} s)" >&2
  fi
  : > "$OUT/logs/claim-$size.walls"; : > "$OUT/logs/claim-$size.rss"
  failed=0
  for n in $(seq 1 "$runs"); do
    text="$(claim_text "$n")"
    measure "claim-$size-$n" -- "$BIN" check --claim "$text" --sources "$SRC" "${CHECK_EXTRA[@]}" --format jsonl --quiet
    if ok; then echo "$M_WALL" >> "$OUT/logs/claim-$size.walls"; echo "$M_RSS" >> "$OUT/logs/claim-$size.rss"
    else failed=$((failed + 1)); fi
  done
  kind=$([ "$HAS_INDEX" = 1 ] && echo "warm, after the index build" || echo "cold: each reads and indexes every source")
  [ "$failed" -gt 0 ] && kind="$kind; $failed failed"
  record "$size" "--claim p50 s" "$(pct 50 "$OUT/logs/claim-$size.walls") ($note, $kind)" "$(printf '%q ' "$BIN" check --claim TEXT --sources "$SRC" "${CHECK_EXTRA[@]}" --format jsonl --quiet)(TEXT = claims 1..$runs of $CLAIMS_JSONL)"
  record "$size" "--claim p99 s" "$(pct 99 "$OUT/logs/claim-$size.walls") (nearest rank of $runs: the maximum when under 100 runs)" ""
  record "$size" "--claim peak RSS MiB (max)" "$(sort -g "$OUT/logs/claim-$size.rss" | tail -1)" ""

  # 5. peers
  if [ "$PEER_OK" = 1 ]; then
    for tool in bm25s tantivy tantivy-stop; do
      measure "peer-$tool-$size" -- "$VENV/bin/python" "$HERE/peers.py" --tool "$tool" --corpus "$DIR" --queries "$CLAIMS_JSONL" --k 12 --json "$OUT/logs/peer-$tool-$size.json"
      if [ "$M_RC" = 0 ] && [ -s "$OUT/logs/peer-$tool-$size.json" ]; then
        j="$OUT/logs/peer-$tool-$size.json"
        get() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$j" "$1"; }
        record "$size" "$tool index build s" "$(get index_s) (+ $(get load_s) s reading the files)" "$M_CMD"
        record "$size" "$tool queries/s top-12" "$(get qps) ($(get queries) queries in $(get query_s) s, $(get query_threads) query threads; index writer $(get threads) threads)" ""
        record "$size" "$tool peak RSS MiB" "$M_RSS" ""
        record "$size" "$tool index size MiB" "$(awk -v b="$(get index_bytes)" 'BEGIN{printf "%.1f", b/1048576}') ($(get index_in))" ""
      else
        record "$size" "$tool" "failed (exit $M_RC, see logs/peer-$tool-$size.err)" "$M_CMD"
      fi
    done
  elif [ "$PEERS" = 1 ]; then
    record "$size" "peers" "skipped: bm25s/tantivy not installed (see above)" ""
  fi
  [ "$HAS_INDEX" = 1 ] && rm -rf "$SRC"
done

# ---------------------------------------------------------------- summary
python3 - "$RESULTS" "$OUT/summary.md" "$OUT/machine.txt" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
sizes = list(dict.fromkeys(r["size"] for r in rows))
metrics = list(dict.fromkeys(r["metric"] for r in rows))
val = {(r["size"], r["metric"]): r["value"] for r in rows}
out = ["# Veracity benchmark results", "", "```", open(sys.argv[3]).read().strip(), "```", "",
       "| metric | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
for m in metrics:
    out.append(f"| {m} | " + " | ".join(val.get((s, m), "") for s in sizes) + " |")
out += ["", "## Commands", ""]
for r in rows:
    if r["command"]:
        load = f" (load average {r['load']})" if r.get("load") else ""
        out.append(f"- {r['size']} / {r['metric']}{load}: `{r['command']}`")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out[:out.index("## Commands")]))
PY
echo "results: $OUT/summary.md, $RESULTS, logs in $OUT/logs" >&2
