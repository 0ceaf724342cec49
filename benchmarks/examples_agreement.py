"""How well the analyser agrees with the bundled examples' intended behaviours.

    python benchmarks/examples_agreement.py [--verbose]

Each example conversation lists, in ``labels.covers``, the behaviours its author meant it to
show, and in ``labels.quality`` whether it is a good, bad, mixed or neutral conversation.
Prints per-label conversation-level recall/precision against those hints and how well the
overall patience score separates good from bad conversations (AUC). The examples are
illustrations, not a benchmark: use this to spot regressions, not to tune to.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from patiently.analyze import analyze_files

ROOT = Path(__file__).resolve().parents[1]


def auc(pos: list[float], neg: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="list missed and unexpected labels per conversation")
    args = ap.parse_args()
    run = analyze_files([ROOT / "examples" / "conversations.jsonl"], keep_results=True)
    tp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    good, bad = [], []
    for r in run.results:
        covers = set(r.get("labels", {}).get("covers", []))
        found = {f["label"] for f in r["findings"]} - {"customer.frustration_trajectory"}
        for label in covers | found:
            if label in covers and label in found:
                tp[label] += 1
            elif label in covers:
                fn[label] += 1
            else:
                fp[label] += 1
        quality = r.get("labels", {}).get("quality")
        if quality == "good":
            good.append(r["scores"]["overall"])
        elif quality == "bad":
            bad.append(r["scores"]["overall"])
        if args.verbose and (covers - found or found - covers):
            print(f"{r['id']} ({quality}, {r['scores']['overall']}): missed {sorted(covers - found)} "
                  f"unexpected {sorted(found - covers)}")
    print(f"{'label':28} {'recall':>7} {'precision':>9}   (conversation level, vs labels.covers)")
    for label in sorted(set(tp) | set(fn) | set(fp)):
        rec = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else float("nan")
        prec = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else float("nan")
        print(f"{label:28} {rec:7.2f} {prec:9.2f}")
    print(f"\ngood conversations mean {sum(good) / len(good):.1f}, bad mean {sum(bad) / len(bad):.1f}, "
          f"AUC(good > bad) = {auc(good, bad):.3f}")
    print(json.dumps({"auc_good_vs_bad": round(auc(good, bad), 3)}))


if __name__ == "__main__":
    main()
