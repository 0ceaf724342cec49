"""Does a learned draft classifier generalise to a new tester's drafts better than the coach's rules?

    .venv/bin/python benchmarks/draft_classifier.py [--data ../shared/data] [--cache /tmp/clf]

Data: the QA drafts of tests/data/qa_cases.json.gz (passes 5 on, 40 good and 40 bad each, every pass a
fresh tester). Features per draft: the draft's sentences embedded (patiently's static model2vec embedder and,
when installed, all-MiniLM-L6-v2), mean- and max-pooled, plus context features (the customer states the coach
reads from the context, an empty context, message counts, the draft's closest sentence to the customer's words).
Models: a bad-vs-good logistic regression and one-vs-rest logistic regressions per category (class weights
balanced), and a small MLP as the other cheap model. Evaluation: leave-one-pass-out (20 folds); each fold's
threshold is chosen on the 19 training passes only (out-of-fold scores of an inner 4-fold split by pass) so that
90% of good drafts stay quiet. The rules' fresh-pass figures are the per-pass table in docs/coach.md. The rules'
results on today's code (in-sample: they were repaired on these drafts) are computed once and cached in --cache,
as are the embeddings. No network; CPU only, single-threaded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
    os.environ.setdefault(_v, "1" if _v != "TOKENIZERS_PARALLELISM" else "false")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "qa_cases.json.gz"
COUNTED = {"warning", "problem"}
CATEGORIES = ("dismissive", "blame", "condescending", "pressure", "impatient_repeat", "jargon", "negative_phrasing",
              "no_acknowledgment", "unprofessional", "scripted_empathy", "premature_closure", "redundant_question")
STATES = ("frustrated", "confused", "repeating", "non_technical")
QUIET = 0.90  # share of the training folds' good drafts a threshold keeps quiet
# docs/coach.md, "Accuracy on drafts it has not seen": pass -> (good drafts flagged, bad with no expected flag,
# bad caught only in a wrong category), each out of 40, measured on the code before that pass's fixes.
RULES_FRESH = {5: (9, 6, 0), 6: (6, 7, 2), 7: (4, 5, 2), 8: (8, 9, 2), 9: (4, 11, 0), 10: (4, 4, 5), 11: (4, 8, 1),
               12: (1, 7, 1), 13: (7, 6, 3), 14: (3, 7, 0), 15: (1, 9, 0), 16: (3, 10, 0), 17: (8, 6, 1),
               18: (3, 10, 0), 19: (4, 12, 0), 20: (5, 8, 1), 21: (3, 10, 1), 22: (3, 9, 4), 23: (4, 11, 2),
               24: (5, 14, 1), 25: (1, 7, 0), 26: (1, 5, 0),
               27: (1, 4, 1), 28: (0, 10, 1)}

Case = dict[str, Any]


def load_cases() -> list[Case]:
    with gzip.open(CASES, "rt", encoding="utf-8") as fh:
        return list(json.load(fh))


def rule_results(cases: Sequence[Case], cache: Path, tag: str = "") -> list[dict[str, Any]]:
    """Per case: the counted flags' categories (with top score), all flags, the customer states read."""
    path = cache / f"rules{tag}.json"
    if path.exists():
        return list(json.loads(path.read_text()))
    from patiently.coach import check

    out = []
    t0 = time.perf_counter()
    for c in cases:
        r = check(c["draft"], context=c["context"] or None)
        counted: dict[str, float] = {}
        for f in r.flags:
            if f.severity in COUNTED:
                counted[f.category] = max(counted.get(f.category, 0.0), f.score)
        out.append({"counted": counted, "flags": [[f.category, f.severity, f.score] for f in r.flags],
                    "customer": list(r.context.customer), "messages": r.context.messages})
    print(f"rules: {len(cases)} checks in {time.perf_counter() - t0:.0f} s, cached in {path}")
    path.write_text(json.dumps(out))
    return out


def rules_ok(case: Case, res: dict[str, Any]) -> bool:
    counted = set(res["counted"])
    return not counted if case["kind"] == "good" else bool(counted & set(case["expected"]))


def known_failures() -> set[tuple[str, str]]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("qa_regression", ROOT / "tests" / "test_coach_qa_regression.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return {(p, i) for p, ids in mod.KNOWN_FAILURES.items() for i in ids}


def _sentences(text: str) -> list[str]:
    from patiently.text import sentence_spans

    t = text[:2000]
    return [t[s:e] for s, e in sentence_spans(t)] or [t or " "]


def _customer_texts(context: str) -> list[str]:
    from patiently.coach import parse_context
    return [m.text for m in parse_context(context or None) if m.role == "customer"]


def embeddings(cases: Sequence[Case], embedder: str, cache: Path, tag: str = "") -> dict[str, np.ndarray]:
    """Mean- and max-pooled sentence vectors of each draft, the last customer message's vector, and the
    highest cosine between a draft sentence and a customer sentence (cached per embedder)."""
    path = cache / f"emb_{embedder}{tag}.npz"
    if path.exists():
        with np.load(path) as z:
            return {k: z[k] for k in z.files}
    from patiently.heads.features import embed

    t0 = time.perf_counter()
    sents, owner, csents, cowner, lasts = [], [], [], [], []
    for i, c in enumerate(cases):
        s, cust = _sentences(c["draft"]), _customer_texts(c["context"])
        cs = [x for m in cust for x in _sentences(m)]
        sents, owner, csents, cowner = sents + s, owner + [i] * len(s), csents + cs, cowner + [i] * len(cs)
        lasts.append(cust[-1] if cust else "")
    v = embed(sents, embedder)
    cv = embed(csents, embedder) if csents else np.zeros((0, v.shape[1]), np.float32)
    lv = embed([t or " " for t in lasts], embedder) * np.array([[bool(t)] for t in lasts], np.float32)
    n, d = len(cases), v.shape[1]
    mean, mx, sim = np.zeros((n, d), np.float32), np.full((n, d), -1.0, np.float32), np.zeros((n, 1), np.float32)
    own, cown = np.asarray(owner), np.asarray(cowner)
    for i in range(n):
        rows = v[own == i]
        mean[i], mx[i] = rows.mean(0), rows.max(0)
        crows = cv[cown == i] if len(cown) else cv
        if len(crows):
            sim[i, 0] = float((rows @ crows.T).max())
    out = {"mean": mean, "max": mx, "last_customer": lv, "sim": sim, "sent": v, "owner": own}
    np.savez(path, **out)
    print(f"embeddings ({embedder}): {len(sents)} draft and {len(csents)} customer sentences in "
          f"{time.perf_counter() - t0:.0f} s, cached in {path}")
    return out


def context_features(cases: Sequence[Case], rules: Sequence[dict[str, Any]]) -> np.ndarray:
    """Customer states read by the coach, empty context, customer and agent message counts (no draft length)."""
    from patiently.coach import parse_context

    rows = []
    for c, r in zip(cases, rules, strict=True):
        msgs = parse_context(c["context"] or None)
        n_cust = sum(m.role == "customer" for m in msgs)
        rows.append([*(float(s in r["customer"]) for s in STATES), float(not msgs), np.log1p(n_cust),
                     np.log1p(len(msgs) - n_cust)])
    return np.asarray(rows, np.float32)


# ---------------------------------------------------------------------------------------------- models


def make_model(kind: str, c: float = 0.1) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if kind == "lr":
        return make_pipeline(StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=2000))
    if kind == "mlp":
        return make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(64,), alpha=1.0, max_iter=300,
                                                             early_stopping=True, random_state=0))
    raise ValueError(kind)


def length_weights(cases: Sequence[Case], bins: Sequence[int] = (0, 60, 100, 150, 200, 300)) -> np.ndarray:
    """Sample weights under which good and bad drafts have the same length distribution: each length bin's two
    classes weigh the same, and a bin where either class has under 5 drafts weighs nothing."""
    n = np.array([len(c["draft"]) for c in cases])
    bad = np.array([c["kind"] == "bad" for c in cases])
    which = np.digitize(n, bins[1:])
    w = np.zeros(len(cases))
    for b in set(which.tolist()):
        m = which == b
        nb, ng = (m & bad).sum(), (m & ~bad).sum()
        if min(nb, ng) >= 5:
            w[m & bad], w[m & ~bad] = 0.5 / nb, 0.5 / ng
    return w * len(cases) / w.sum()


def fit_scores(kind: str, x: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray,
               weights: np.ndarray | None = None) -> np.ndarray:
    if weights is not None:
        train = train[weights[train] > 0]
    if len(set(y[train].tolist())) < 2:
        return np.zeros(len(test))
    m = make_model(kind)
    if kind == "mlp":  # no class weights in MLPClassifier: oversample the positives instead
        pos, neg = train[y[train] == 1], train[y[train] == 0]
        reps = max(1, len(neg) // max(1, len(pos)))
        train = np.concatenate([neg, np.repeat(pos, reps)])
    if weights is not None and kind == "lr":
        w = weights[train] * np.where(y[train] == 1, 0.5 / y[train].mean(), 0.5 / (1 - y[train].mean()))
        m.fit(x[train], y[train], logisticregression__sample_weight=w)
    else:
        m.fit(x[train], y[train])
    return np.asarray(m.predict_proba(x[test])[:, 1])


Scorer = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (train idx, test idx) -> (len(test), k) scores


def _labels(cases: Sequence[Case], target: str) -> np.ndarray:
    if target == "any":
        return np.array([[c["kind"] == "bad"] for c in cases], int)
    return np.array([[cat in c["expected"] for cat in CATEGORIES] for c in cases], int)


def draft_scorer(kind: str, x: np.ndarray, cases: Sequence[Case], target: str,
                 weights: np.ndarray | None = None) -> Scorer:
    """target 'any': one bad-vs-good score; 'cats': one score per category (one-vs-rest), max = any."""
    labels = _labels(cases, target)

    def score(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        return np.stack([fit_scores(kind, x, labels[:, j], train, test, weights)
                         for j in range(labels.shape[1])], 1)

    return score


def sentence_scorer(sent: np.ndarray, owner: np.ndarray, cases: Sequence[Case], target: str) -> Scorer:
    """Each sentence labelled as its draft, one logistic regression over sentence vectors; a draft's score is
    its highest sentence's (length cannot help it: a longer good draft only has more chances to fire)."""
    labels = _labels(cases, target)

    def score(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        tr, te = np.flatnonzero(np.isin(owner, train)), np.flatnonzero(np.isin(owner, test))
        out = np.full((len(cases), labels.shape[1]), -1.0)
        for j in range(labels.shape[1]):
            s = fit_scores("lr", sent, labels[owner, j], tr, te)
            np.maximum.at(out[:, j], owner[te], s)
        return out[test]

    return score


class Folds:
    """Leave-one-pass-out: every draft's held-out scores (trained on the other 19 passes) and, per outer fold,
    out-of-fold scores of its 19 training passes (inner folds split by pass) to choose thresholds on."""

    def __init__(self, score: Scorer, passes: np.ndarray, inner: int = 4) -> None:
        self.passes = passes
        self.names = sorted(set(passes.tolist()), key=lambda p: int(p[2:]))
        self.inner: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        held: list[tuple[np.ndarray, np.ndarray]] = []
        for p in self.names:
            test, train = np.flatnonzero(passes == p), np.flatnonzero(passes != p)
            held.append((test, score(train, test)))
            others = [q for q in self.names if q != p]
            oof = np.zeros((len(train), held[-1][1].shape[1]))
            for k in range(inner):
                part = np.isin(passes[train], [q for j, q in enumerate(others) if j % inner == k])
                oof[part] = score(train[~part], train[part])
            self.inner[p] = (train, oof)
        self.held = np.zeros((len(passes), held[0][1].shape[1]))
        for test, s in held:
            self.held[test] = s

    def cut(self, mask: np.ndarray, q: float) -> np.ndarray:
        """Per draft, its fold's ``q`` quantile of the training passes' out-of-fold max scores over ``mask``:
        ``cut(good, 0.9)`` keeps 90% of good drafts quiet, ``cut(bad, 0.02)`` is a floor 98% of bad ones pass."""
        out = np.zeros(len(self.passes))
        for p, (train, oof) in self.inner.items():
            out[self.passes == p] = np.quantile(oof.max(1)[mask[train]], q)
        return out


# ---------------------------------------------------------------------------------------------- features


def build(cases: Sequence[Case], rules: Sequence[dict[str, Any]], emb: dict[str, dict[str, np.ndarray]],
          blocks: Sequence[str]) -> np.ndarray:
    """Feature blocks side by side: EMBEDDER.mean|max|last_customer|sim, ctx, len (log chars and sentences)."""
    parts = []
    for b in blocks:
        if b == "ctx":
            parts.append(context_features(cases, rules))
        elif b == "len":
            parts.append(np.array([[np.log1p(len(c["draft"])), np.log1p(len(_sentences(c["draft"])))]
                                   for c in cases], np.float32))
        else:
            name, part = b.split(".")
            parts.append(emb[name][part])
    return np.hstack(parts)


# ---------------------------------------------------------------------------------------------- evaluation


def _auc(score: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, score))


def _spread(v: Sequence[float]) -> str:
    a = np.asarray(v) * 100
    return f"{a.mean():5.1f}% (folds {a.min():.0f}-{a.max():.0f}, sd {a.std():.1f})"


def evaluate(folds: Folds, cases: Sequence[Case], quiet: float = QUIET) -> dict[str, Any]:
    """Per pass: good drafts quiet, bad drafts caught (max score over the threshold), caught in an expected
    category (that category's own score over the threshold; one-vs-rest scorers only). Pooled over passes: the
    same inside the 100-199 character band (where good and bad drafts overlap in length), short good drafts
    (< 150 characters) kept quiet and long bad ones (>= 150) caught."""
    good = np.array([c["kind"] == "good" for c in cases])
    n = np.array([len(c["draft"]) for c in cases])
    t = folds.cut(good, quiet)
    over = folds.held >= t[:, None]
    fired = over.any(1)
    right = np.array([c["kind"] == "bad" and bool(over[i, [CATEGORIES.index(e) for e in c["expected"]]].any())
                      if over.shape[1] > 1 else fired[i] for i, c in enumerate(cases)])
    per: dict[str, tuple[float, float, float]] = {}
    for p in folds.names:
        m = folds.passes == p
        per[p] = (1 - fired[m & good].mean(), fired[m & ~good].mean(),
                  right[m & ~good].mean() if over.shape[1] > 1 else float("nan"))
    band = (n >= 100) & (n < 200)
    return {"per": per, "over": over, "auc": _auc(folds.held.max(1), (~good).astype(int)),
            "band_auc": _auc(folds.held.max(1)[band], (~good[band]).astype(int)),
            "band": (1 - fired[band & good].mean(), fired[band & ~good].mean()),
            "short_good_quiet": 1 - fired[good & (n < 150)].mean(), "long_bad_caught": fired[~good & (n >= 150)].mean()}


def summary_line(name: str, ev: dict[str, Any]) -> str:
    q, c, r = (list(x) for x in zip(*ev["per"].values(), strict=True))
    right = "" if np.isnan(r[0]) else f"  right category {_spread(r)}"
    bq, bc = ev["band"]
    return (f"{name}\n    AUC {ev['auc']:.3f}  quiet {_spread(q)}  caught {_spread(c)}{right}\n"
            f"    100-199 chars: AUC {ev['band_auc']:.3f}, quiet {bq * 100:.0f}%, caught {bc * 100:.0f}%;  "
            f"good < 150 chars quiet {ev['short_good_quiet'] * 100:.0f}%, bad >= 150 caught "
            f"{ev['long_bad_caught'] * 100:.0f}%")


def rules_fresh_line() -> str:
    q = [1 - fa / 40 for fa, _, _ in RULES_FRESH.values()]
    c = [1 - mi / 40 for _, mi, _ in RULES_FRESH.values()]
    r = [1 - (mi + wr) / 40 for _, mi, wr in RULES_FRESH.values()]
    return (f"{'rules, fresh (docs/coach.md)':38s} {'':9s}  quiet {_spread(q)}  caught {_spread(c)}"
            f"  right category {_spread(r)}")


def per_pass_table(ev: dict[str, Any]) -> None:
    print(f"{'pass':5s} | {'classifier quiet':>16s} {'caught':>7s} {'right':>6s} | {'rules quiet':>11s} {'caught':>7s} "
          f"{'right':>6s}")
    for p, (q, c, r) in ev["per"].items():
        fa, mi, wr = RULES_FRESH[int(p[2:])]
        print(f"{p:5s} | {q * 100:15.0f}% {c * 100:6.0f}% {r * 100:5.0f}% | {100 - fa * 2.5:10.0f}% "
              f"{100 - mi * 2.5:6.0f}% {100 - (mi + wr) * 2.5:5.0f}%")


def complement(cases: Sequence[Case], rules: Sequence[dict[str, Any]], any_f: Folds, cat_f: Folds,
               known: set[tuple[str, str]]) -> None:
    """The classifier (held out by pass) beside today's rules: (i) add a flag in its top category when the rules
    are silent and it is confident; (ii) drop the rules' flags when it calls the draft good with confidence."""
    good = np.array([c["kind"] == "good" for c in cases])
    ok = np.array([rules_ok(c, r) for c, r in zip(cases, rules, strict=True)])
    silent = np.array([not r["counted"] for r in rules])
    kn = np.array([(c["pass"], c["id"]) in known for c in cases])
    top = cat_f.held.argmax(1)
    top_right = np.array([CATEGORIES[top[i]] in c["expected"] for i, c in enumerate(cases)])
    p24 = any_f.passes == "qa24"
    print(f"rules today: {int((~ok).sum())} failing cases ({int((~ok & good).sum())} good flagged, "
          f"{int((~ok & ~good).sum())} bad missed, {int((~ok & ~good & silent).sum())} of them with no flag at all), "
          f"{len(known)} in KNOWN_FAILURES; pass 24 (this code, not fixed: the one fresh pass with per-case "
          f"results): {int(ok[p24 & good].sum())}/40 good quiet, {int(ok[p24 & ~good].sum())}/40 bad caught")
    for quiet in (0.95, 0.98, 0.99):
        add = silent & (any_f.held[:, 0] >= any_f.cut(good, quiet))
        fixed, broken = add & ~ok & ~good & top_right, add & ok & good
        print(f"(i) add a flag when the rules are silent, score over the {quiet:.0%}-quiet threshold: fires on "
              f"{int(add.sum())}; fixes {int((fixed & kn).sum())} known failures; breaks {int(broken.sum())} "
              f"passing good drafts; pass 24: {int(ok[p24 & ~good].sum() + fixed[p24].sum())}/40 caught, "
              f"{int(ok[p24 & good].sum() - broken[p24].sum())}/40 quiet")
    for keep in (0.95, 0.98, 0.99):
        sup = ~silent & (any_f.held[:, 0] < any_f.cut(~good, 1 - keep))
        fixed, broken = sup & ~ok & good, sup & ok & ~good
        print(f"(ii) drop the rules' flags, score under the floor keeping {keep:.0%} of training bad drafts: fires "
              f"on {int(sup.sum())}; fixes {int((fixed & kn).sum())} known failures; breaks {int(broken.sum())} "
              f"passing bad drafts; pass 24: {int(ok[p24 & good].sum() + fixed[p24].sum())}/40 quiet, "
              f"{int(ok[p24 & ~good].sum() - broken[p24].sum())}/40 caught")


def real_replies(path: Path, limit: int = 500) -> list[Case]:
    """The first agent reply of TWCS threads (real brand support on Twitter; evaluate-only licence) with the
    customer's messages before it as context: a proxy for real, mostly acceptable replies."""
    import re

    out: list[Case] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        msgs = json.loads(line)["messages"]
        i = next((k for k, m in enumerate(msgs) if m["role"] == "agent"), 0)
        clean = [re.sub(r"@\w+|https?://\S+", "", m["text"]).strip() for m in msgs[: i + 1]]
        if i == 0 or sum(ch.isascii() for ch in clean[-1]) < 0.9 * len(clean[-1]) or len(clean[-1]) < 2:
            continue
        ctx = "\n".join(f"Customer: {t}" for t in clean[:-1] if t)
        out.append({"pass": "twcs", "id": str(len(out)), "kind": "real", "context": ctx, "draft": clean[-1],
                    "expected": []})
        if len(out) == limit:
            break
    return out


def real_check(cases: Sequence[Case], rules: Sequence[dict[str, Any]], emb: dict[str, dict[str, np.ndarray]],
               blocks: Sequence[str], weights: np.ndarray, cache: Path, data: Path) -> None:
    """Train on all the QA drafts, then count flags on real agent replies: the classifier's at the 90%- and
    98%-quiet thresholds of held-out (leave-one-pass-out) scores, and the rules'."""
    path = data / "conversations" / "twcs-first-5000.jsonl"
    if not path.exists():
        print(f"real replies: {path} is absent, skipped (pass --data, the folder of the shared datasets)")
        return
    real = real_replies(path)
    r_rules = rule_results(real, cache, "_twcs")
    r_emb = {e: embeddings(real, e, cache, "_twcs") for e in {b.split(".")[0] for b in blocks if "." in b}}
    x, xr = build(cases, rules, emb, blocks), build(real, r_rules, r_emb, blocks)
    y = _labels(cases, "any")[:, 0]
    passes = np.array([c["pass"] for c in cases])
    oof = np.zeros(len(cases))
    for p in sorted(set(passes.tolist())):
        oof[passes == p] = fit_scores("lr", x, y, np.flatnonzero(passes != p), np.flatnonzero(passes == p), weights)
    xa = np.vstack([x, xr])
    s = fit_scores("lr", xa, np.concatenate([y, np.zeros(len(real), int)]), np.arange(len(cases)),
                   np.arange(len(cases), len(xa)), np.concatenate([weights, np.zeros(len(real))]))
    n = np.array([len(c["draft"]) for c in real])
    print(f"{len(real)} real TWCS agent replies (median {int(np.median(n))} chars): the rules flag "
          f"{np.mean([bool(r['counted']) for r in r_rules]) * 100:.0f}%; the classifier flags "
          + ", ".join(f"{np.mean(s >= np.quantile(oof[y == 0], q)) * 100:.0f}% at its {q:.0%}-quiet threshold"
                      for q in (0.9, 0.98)))
    t98, silent = np.quantile(oof[y == 0], 0.98), np.array([not r["counted"] for r in r_rules])
    print(f"    of the {int((n >= 100).sum())} replies of 100+ chars: rules {np.mean(~silent[n >= 100]) * 100:.0f}%, "
          f"classifier {np.mean(s[n >= 100] >= t98) * 100:.0f}% at 98%-quiet; where the rules are silent, the "
          f"classifier adds a flag to {np.mean(s[silent] >= t98) * 100:.0f}%; a seeded sample of those:")
    pick = np.random.default_rng(0).permutation(np.flatnonzero(silent & (s >= t98)))[:8]
    for i in pick:
        print(f"    {s[i]:.2f} {real[i]['draft'][:110]!r}")


# ---------------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/clf"))
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--embedders", default="static,transformer")
    ap.add_argument("--ablation", action="store_true", help="also compare feature sets and models (slower)")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    cases = load_cases()
    passes = np.array([c["pass"] for c in cases])
    rules = rule_results(cases, args.cache)
    emb = {}
    for e in args.embedders.split(","):
        try:
            emb[e] = embeddings(cases, e, args.cache)
        except Exception as exc:  # the transformer is an optional extra
            print(f"embedder {e} unavailable: {exc}")
    print(f"{len(cases)} drafts, {len(set(passes.tolist()))} passes; rules today (in-sample): "
          f"{np.mean([rules_ok(c, r) for c, r in zip(cases, rules, strict=True)]) * 100:.1f}% of cases pass\n")
    print(rules_fresh_line())
    lw = length_weights(cases)
    for e in emb:  # the chosen set-up: mean+max sentence vectors + context, length-balanced logistic regressions
        blocks = (f"{e}.mean", f"{e}.max", "ctx")
        x = build(cases, rules, emb, blocks)
        any_f = Folds(draft_scorer("lr", x, cases, "any", lw), passes)
        cat_f = Folds(draft_scorer("lr", x, cases, "cats", lw), passes)
        print(summary_line(f"\n{e}: bad-vs-good, length-balanced", evaluate(any_f, cases)))
        ev = evaluate(cat_f, cases)
        print(summary_line(f"{e}: one-vs-rest per category (max = any), length-balanced", ev))
        hits = [f"{cat} {np.mean([ev['over'][i, j] for i, c in enumerate(cases) if cat in c['expected']]):.0%}"
                for j, cat in enumerate(CATEGORIES)]
        print("    per category, bad drafts caught in that category: " + ", ".join(hits))
        if e != "static":
            continue
        per_pass_table(ev)
        print("\nas a complement to the rules (bad-vs-good score, top one-vs-rest category):")
        complement(cases, rules, any_f, cat_f, known_failures())
        print()
        real_check(cases, rules, emb, blocks, lw, args.cache, args.data)
    if args.ablation:
        lw = length_weights(cases)
        print(f"length-balanced training keeps {int((lw > 0).sum())} drafts\n")
        runs: list[tuple[str, str, tuple[str, ...], np.ndarray | None]] = [("lr", "len only", ("len",), None)]
        for e in emb:
            runs += [("lr", f"{e} mean", (f"{e}.mean",), None),
                     ("lr", f"{e} mean+max", (f"{e}.mean", f"{e}.max"), None),
                     ("lr", f"{e} mean+max+ctx", (f"{e}.mean", f"{e}.max", "ctx"), None),
                     ("lr", f"{e} mean+max+ctx+customer", (f"{e}.mean", f"{e}.max", "ctx", f"{e}.last_customer",
                                                             f"{e}.sim"), None),
                     ("mlp", f"{e} mean+max+ctx", (f"{e}.mean", f"{e}.max", "ctx"), None),
                     ("lr", f"{e} mean+max+ctx, length-balanced", (f"{e}.mean", f"{e}.max", "ctx"), lw)]
        for kind, name, blocks, w in runs:
            x = build(cases, rules, emb, blocks)
            ev = evaluate(Folds(draft_scorer(kind, x, cases, "any", w), passes), cases)
            print(summary_line(f"{kind} bad-vs-good: {name}", ev), flush=True)
        for e in emb:
            ev = evaluate(Folds(sentence_scorer(emb[e]["sent"], emb[e]["owner"], cases, "any"), passes), cases)
            print(summary_line(f"lr bad-vs-good: {e} sentence-level, max over sentences", ev), flush=True)


if __name__ == "__main__":
    main()
