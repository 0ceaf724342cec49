"""Every `patiently bench` task on the shared dev data, shipped heads next to local ones.

    python benchmarks/bench_all.py [--data ../shared/data] [--heads HEADS_DIR] [--json]

Without --heads, local heads are trained first into a temporary directory with
`train-heads` (needs the [train] extra; skipped if scikit-learn is missing). Local heads
that were trained on the file they are scored on are marked (cv): for those the table
shows the manifest's 5-fold cross-validation numbers, the honest estimate.
Tasks whose file is missing are skipped; escalation has no public dev file here.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from patiently.bench.tasks import run_bench
from patiently.errors import PatientlyError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
KEYS = ("accuracy", "macro_f1", "subset_macro_f1", "f1", "auc")


def jobs(data: Path) -> list[tuple[str, str, list[Path], dict[str, Any]]]:
    e = data / "epitome"
    return [
        ("epitome er", "epitome", [e / "emotional-reactions-dev.csv"], {"dimension": "er"}),
        ("epitome ip", "epitome", [e / "interpretations-dev.csv"], {"dimension": "ip"}),
        ("epitome ex", "epitome", [e / "explorations-dev.csv"], {"dimension": "ex"}),
        ("politeness", "politeness", [data / "politeness" / "wikipedia.annotated.csv"], {}),
        ("tweeteval-emotion", "tweeteval-emotion", [data / "tweeteval" / "emotion"], {"split": "val"}),
        ("goemotions", "goemotions", [data / "goemotions" / "dev.tsv"], {}),
        ("esconv", "esconv", [data / "esconv" / "dev.csv"], {}),
    ]


def measure(label: str, task: str, files: list[Path], kw: dict[str, Any], heads: Path | None) -> dict[str, Any]:
    try:
        r = run_bench(task, files, heads_dir=heads, **kw)
    except PatientlyError as exc:
        msg = str(exc)
        # "no 'esconv' head ... licence": never shipped; "no head 'x' in DIR": not in this set
        return {"error": "no head (licence)" if "no '" in msg else "not in this set" if msg.startswith("no head")
                else msg[:50]}
    honest = r.get("heads", {}).get("honest_metrics")
    if honest:  # trained on this file: report the cross-validated numbers instead
        r = {**r, **{k: v for k, v in honest.items() if k in KEYS}, "cv": True}
    return r


def cell(r: dict[str, Any]) -> str:
    if "error" in r:
        return r["error"]
    parts = [f"{k}={r[k]:.3f}" for k in KEYS if r.get(k) is not None]
    return ", ".join(parts) + (" (cv)" if r.get("cv") else "") + f"  [{r['items_per_second']:.0f}/s]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--heads", type=Path, help="local heads directory (default: train one now)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    local = args.heads
    tmp = None
    if local is None:
        try:
            from patiently.heads.train import train_heads

            tmp = tempfile.TemporaryDirectory(prefix="patiently-heads-")
            train_heads(args.data, tmp.name, seed=0)
            local = Path(tmp.name)
        except PatientlyError as exc:
            print(f"no local heads: {exc}")
    rows = []
    for label, task, files, kw in jobs(args.data):
        if not all(f.exists() for f in files):
            continue
        shipped = measure(label, task, files, kw, None)
        loc = measure(label, task, files, kw, local) if local else {"error": "n/a"}
        rows.append({"task": label, "shipped": shipped, "local": loc})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        width = max(len(r["task"]) for r in rows)
        print(f"{'task':<{width}}  {'shipped heads':<58}  local heads")
        for r in rows:
            print(f"{r['task']:<{width}}  {cell(r['shipped']):<58}  {cell(r['local'])}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
