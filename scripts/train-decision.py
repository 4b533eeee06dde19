#!/usr/bin/env python3
"""Fits the learned decision's weights (data/decision.toml) from `veracity eval --predictions` files.

Usage: train-decision.py PREDICTIONS.jsonl... > data/decision.toml   (run by scripts/train-decision.sh)

Each file is one dev set; its rows carry the claim's features (`features`), the gold label and the
rules' verdict (`predicted`). A set whose labels lack `unsourced` is two-way: its claims make
the forced-choice model, the one written out (a multinomial logistic regression over the
features, each set weighing the same, L2 strength chosen by 5-fold cross-validation on macro-F1).
Sets with `unsourced` are only reported: the same model fitted on them is scored beside the rules
by cross-validation, to show whether it would pay to let it decide there too.

Fitting is Newton's method on the penalised log-likelihood: deterministic, no random start; the
folds come from a hash of each claim's id. Needs numpy. Prints the cross-validated figures to
standard error.
"""
import hashlib
import json
import os
import sys

import numpy as np

VERDICTS = ["supported", "contradicted", "unsourced", "disputed"]
STRENGTHS = [0.001, 0.01, 0.1, 1.0]
FOLDS = 5


def load(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    names = list(rows[0]["features"])
    x = np.array([[r["features"][n] for n in names] for r in rows], dtype=float)
    y = np.array([VERDICTS.index(r["label"]) for r in rows])
    rules = np.array([VERDICTS.index(r["predicted"]) for r in rows])
    fold = np.array([int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % FOLDS for r in rows])
    labels = sorted(set(y.tolist()))
    return names, x, y, rules, fold, labels


def fit(x, y, weight, classes, strength, steps=50):
    """Multinomial logistic regression over `classes` (indices into VERDICTS), by Newton steps."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    k = len(classes)
    target = np.zeros((n, k))
    target[np.arange(n), [classes.index(v) for v in y]] = 1.0
    w = np.zeros((d + 1, k))
    penalty = np.full(d + 1, strength)
    penalty[-1] = 1e-6  # the bias is barely penalised
    for _ in range(steps):
        z = xb @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = xb.T @ ((p - target) * weight[:, None]) + penalty[:, None] * w
        hess = np.zeros((d + 1, k, d + 1, k))
        for a in range(k):
            for b in range(k):
                s = weight * p[:, a] * ((a == b) - p[:, b])
                hess[:, a, :, b] = (xb * s[:, None]).T @ xb
        for a in range(k):
            hess[:, a, :, a] += np.diag(penalty)
        step = np.linalg.solve(hess.reshape((d + 1) * k, -1), grad.reshape(-1)).reshape(d + 1, k)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def predict(w, x, classes):
    xb = np.hstack([x, np.ones((len(x), 1))])
    return np.array(classes)[(xb @ w).argmax(axis=1)]


def macro_f1(y, p):
    f1 = []
    for v in sorted(set(y.tolist()) | set(p.tolist())):
        tp, fp, fn = ((p == v) & (y == v)).sum(), ((p == v) & (y != v)).sum(), ((p != v) & (y == v)).sum()
        f1.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1))


def training(sets, holdout=None):
    """Stacked rows of `sets` (all but fold `holdout`), each set weighing 1 in all."""
    xs, ys, ws = [], [], []
    for _, x, y, _, fold, _ in sets.values():
        keep = fold != holdout
        xs.append(x[keep])
        ys.append(y[keep])
        ws.append(np.full(keep.sum(), 1.0 / keep.sum()))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def cross_validate(sets, classes, strength):
    predicted = {name: np.zeros(len(s[2]), dtype=int) for name, s in sets.items()}
    for f in range(FOLDS):
        w = fit(*training(sets, f), classes, strength)
        for name, (_, x, _, _, fold, _) in sets.items():
            predicted[name][fold == f] = predict(w, x[fold == f], classes)
    return predicted


def report(title, sets, predicted):
    print(f"# {title}: 5-fold cross-validation on dev (accuracy / macro-F1)", file=sys.stderr)
    for name, (_, _, y, rules, _, _) in sets.items():
        p = predicted[name]
        print(
            "  %-16s as built %.3f / %.3f   learned %.3f / %.3f"
            % (name, (rules == y).mean(), macro_f1(y, rules), (p == y).mean(), macro_f1(y, p)),
            file=sys.stderr,
        )


def main(paths):
    sets = {os.path.basename(p).rsplit(".", 1)[0]: load(p) for p in sorted(paths)}
    names = next(iter(sets.values()))[0]
    if any(s[0] != names for s in sets.values()):
        sys.exit("the files do not share the same features")
    forced = {n: s for n, s in sets.items() if VERDICTS.index("unsourced") not in s[5]}
    open_sets = {n: s for n, s in sets.items() if n not in forced}
    if not forced:
        sys.exit("no two-way set among the files")
    two_way = [0, 1]

    def mean_macro(predicted, chosen):
        return np.mean([macro_f1(chosen[n][2], predicted[n]) for n in chosen])

    scored = [(mean_macro(cross_validate(forced, two_way, s), forced), -s, s) for s in STRENGTHS]
    strength = max(scored)[2]
    report(f"two-way sets (L2 {strength})", forced, cross_validate(forced, two_way, strength))
    if open_sets:
        classes = sorted({v for s in open_sets.values() for v in s[5]})
        report(f"sets with unsourced, not used (L2 {strength})", open_sets, cross_validate(open_sets, classes, strength))

    w = fit(*training(forced), two_way, strength)
    # Only the difference between the two classes' weights matters: write it all on supported.
    diff = w[:, 0] - w[:, 1]
    print("# The learned decision's weights (src/engine/decision.rs): written by")
    print("# scripts/train-decision.sh from the two-way dev sets " + ", ".join(forced) + ";")
    print(f"# L2 strength {strength}, chosen by 5-fold cross-validation. Do not edit by hand.")
    print("[supported]")
    print(f"bias = {diff[-1]:.6f}")
    for name, value in zip(names, diff[:-1]):
        if abs(value) >= 5e-7:
            print(f"{name} = {value:.6f}")
    print("\n[contradicted]\nbias = 0.0")


if __name__ == "__main__":
    main(sys.argv[1:])
