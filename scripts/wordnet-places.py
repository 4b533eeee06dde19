#!/usr/bin/env python3
"""Builds data/places.txt, the countries Veracity knows by name, demonym, capital and seat, from WordNet 3.0.

Needs Debian's wordnet-base (/usr/share/wordnet). Run it again only to rebuild the file:
    apt-get install wordnet-base && python3 scripts/wordnet-places.py > data/places.txt

Output lines, tab-separated, one per country, sorted by key (an empty field is an empty string):
    key  names  demonyms  capitals  seats      (each field but the key is a '|'-separated list)
A country is an instance of 'country, state, land' or of one of its kinds (European country,
kingdom, ...) or of another kind of place whose gloss speaks of countries (Baltic State); those
glossed as ancient or medieval, as part of another country, as an autonomous region or as a
collective are left out. The key is its first lemma, or if another country starts with it too, its first lemma of its own.
    names      its lemmas.
    demonyms   adjectives that are pertainyms of, or derivationally related to, one of its names,
               then the people WordNet makes members of it (glossed "native or inhabitant of").
    capitals   places that are part of it and glossed "capital": national capitals, or others
               whose gloss calls them its capital now ("capital ... of <name>").
    seats      places and buildings whose own gloss, or the gloss of a same-named group, speaks of
               "<name or demonym> government/civil service/military establishment" or of
               "the government of <name>".
A pointer to a place that is not a country (an island, a continent) counts for the countries
sharing that place's name, unless the place is part of some other country.
Whatever the script leaves out or finds as seats is listed on stderr for review.
"""
import os
import re
import sys

WN = "/usr/share/wordnet"
COUNTRY = ("n", "08544813")  # country, state, land: "the territory occupied by a nation"
NATIONAL_CAPITAL = ("n", "08691669")
STRUCTURE = ("n", "04341686")  # structure, construction
LOCATION, ARTIFACT, PERSON = "15", "06", "18"
NOT_SOVEREIGN = re.compile(
    r"^(an?|the) (ancient|medieval)\b|^an? (division|autonomous region) of\b"
    r"|^one of the \w+ countries that make up\b|\bcollectively$"
)
NOT_NOW = re.compile(r"\b(former|formerly|ancient|medieval|once|was|until|future)\b")
CAPITAL_OF = r"\bcapital\b(?: \([^)]*\))?(?: and [\w ]+?)?(?: city)? (?:of|in) (?:the )?(?:\w+ part of (?:the )?)?"
PEOPLE = re.compile(r"\bnative (or|of) (inhabitant|resident)\b|\bnationality\b")
GOVERNMENT = r"(?:federal )?(?:government|governing body|civil service|military establishment)"


def load():
    synsets = {}  # (pos, offset) -> (lexfile, words, ptrs, gloss); satellites are filed under "a"
    for pos, p in (("noun", "n"), ("adj", "a")):
        with open(os.path.join(WN, f"data.{pos}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                body, _, gloss = line.partition(" | ")
                head = body.split()
                w_cnt = int(head[3], 16)
                words = [re.sub(r"\(.*\)$", "", head[4 + 2 * i]).replace("_", " ") for i in range(w_cnt)]
                i = 4 + 2 * w_cnt
                ptrs = []
                for k in range(int(head[i])):
                    sym, off, tpos, st = head[i + 1 + 4 * k : i + 5 + 4 * k]
                    ptrs.append((sym, ("a" if tpos == "s" else tpos, off), int(st[:2], 16) - 1, int(st[2:], 16) - 1))
                synsets[(p, head[0])] = (head[1], words, ptrs, gloss.strip())
    return synsets


def main():
    S = load()
    err = sys.stderr

    def targets(key, *syms):
        return [(t, src, dst) for sym, t, src, dst in S[key][2] if sym in syms and t in S]

    def closure(start, *syms):
        seen, todo = [], list(start)
        while todo:
            k = todo.pop(0)
            if k not in seen:
                seen.append(k)
                todo += [t for t, _, _ in targets(k, *syms)]
        return seen

    kinds = closure([COUNTRY], "~")
    kinds += [k for k, (lex, _, ptrs, gloss) in S.items() if lex == LOCATION and "countries" in gloss.split(";")[0]
              and any(sym == "~i" for sym, *_ in ptrs) and k not in kinds]
    countries = []
    for kind in kinds:
        for c, _, _ in targets(kind, "~i"):
            if NOT_SOVEREIGN.search(S[c][3].split(";")[0]):
                err.write(f"left out: {S[c][1][0]}: {S[c][3][:80]}\n")
            elif c not in countries:
                countries.append(c)
    countries.sort()
    named = {}  # name -> countries
    for c in countries:
        for w in S[c][1]:
            named.setdefault(w, []).append(c)

    def part_of(key):  # the countries a place lies in, through part holonyms
        return {h for h in closure([key], "#p")[1:] if h in countries}

    def resolve(key, word=None):  # the countries a pointer to `key` (at `word`, else its first lemma) stands for
        if key in countries:
            return [key]
        found = named.get(word or S[key][1][0], [])
        return [] if part_of(key) - set(found) else found

    def mentions(names, text):
        return any(re.search(rf"\b{re.escape(w)}\b", text) for w in names if w)

    demonyms = {c: [] for c in countries}
    people = {c: [] for c in countries}
    for key, (lex, words, ptrs, gloss) in sorted(S.items()):
        if key[0] == "a":
            for t, src, dst in targets(key, "\\", "+"):
                word = S[t][1][dst] if dst >= 0 else None
                for c in resolve(t, word) if t[0] == "n" else []:
                    if mentions([word] + S[c][1], gloss):  # not Mongoloid (Mongolia) or Hispaniolan (Haiti)
                        demonyms[c] += words if src < 0 else [words[src]]
        elif lex == PERSON and PEOPLE.search(gloss):
            for t, _, _ in targets(key, "#m", "+"):
                for c in resolve(t):
                    people[c] += words

    capitals = {c: [] for c in countries}
    for key, (lex, words, ptrs, gloss) in sorted(S.items()):
        if key[0] != "n" or not re.search(r"\bcapital\b", gloss):
            continue
        near = [h for h in closure([key], "#p")[1:] if h in countries][:1]
        for c in near:
            names = "|".join(re.escape(w) for w in S[c][1])
            now = any(re.search(CAPITAL_OF + rf"(?:{names})\b", clause) and not NOT_NOW.search(clause)
                      for clause in gloss.split(";"))
            if NATIONAL_CAPITAL in [t for t, _, _ in targets(key, "@i")] or now:
                capitals[c] += words

    everyone = {w: list(cs) for w, cs in named.items()}
    for c in countries:
        for w in demonyms[c] + people[c]:
            everyone.setdefault(w, [])
            if c not in everyone[w]:
                everyone[w].append(c)
    alts = "|".join(re.escape(w) for w in sorted(everyone, key=lambda w: (-len(w), w)))
    seat_re = re.compile(rf"\b({alts}) {GOVERNMENT}\b|\b{GOVERNMENT} of (?:the )?({alts})\b|\b({alts})'s government\b")

    def is_place(key):
        return S[key][0] == LOCATION or (S[key][0] == ARTIFACT and STRUCTURE in closure([key], "@", "@i"))

    places = {}  # lemma -> place synsets
    for key in S:
        if key[0] == "n" and is_place(key):
            for w in S[key][1]:
                places.setdefault(w, []).append(key)
    seats = {c: [] for c in countries}
    for key, (lex, words, ptrs, gloss) in sorted(S.items()):
        if key[0] != "n" or key in countries:
            continue
        for m in seat_re.finditer(gloss):
            meant = everyone[next(g for g in m.groups() if g)]
            for w in words:
                where = [key] if is_place(key) else places.get(w, [])
                if not where or w in named:
                    continue
                cs = [c for c in meant if len(meant) == 1 or any(c in part_of(p) for p in where)]
                for c in cs:
                    if w not in seats[c]:
                        seats[c].append(w)
                        err.write(f"seat: {w} -> {S[c][1][0]}: {gloss[:80]}\n")

    keys = {}
    firsts = [S[c][1][0] for c in countries]
    for c in countries:
        first = S[c][1][0]
        if firsts.count(first) > 1:  # the two Congos
            first = next(w for w in S[c][1] if len(named[w]) == 1)
        keys[c] = re.sub(r"[^a-z0-9-]", "", first.lower().replace(" ", "-"))
    assert len(set(keys.values())) == len(keys)

    def field(ws):
        return "|".join(dict.fromkeys(ws))

    out = sys.stdout
    out.write("# Generated by scripts/wordnet-places.py from WordNet 3.0 (licence: data/WORDNET-LICENSE).\n")
    out.write("# key<TAB>names<TAB>demonyms (adjectives, then people)<TAB>capitals<TAB>seats of government; lists split on '|'.\n")
    for c in sorted(countries, key=lambda c: keys[c]):
        adjectives = sorted(set(demonyms[c]), key=lambda w: (w.lower(), w))
        proper = [w for w in adjectives + people[c] if w[:1].isupper()]  # not anti-American
        row = [keys[c], field(S[c][1]), field(proper), field(capitals[c]), field(seats[c])]
        out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
