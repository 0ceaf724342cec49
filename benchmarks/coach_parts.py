"""Where a reply-coach check spends its time: CPU per check for each detector, the rewrite's
three stages and the rest, on the drafts of ``check_latency.py`` (120 words after its 10-message
context, the same context every time: a re-check, the context's analysis kept).

    .venv/bin/python benchmarks/coach_parts.py            # 500 checks
    .venv/bin/python benchmarks/coach_parts.py --checks 300 --json

To compare two versions, run it in both trees (``PYTHONPATH=OTHER/src``) one after the other,
twice each, and compare the shares: the machine's noise moves every part together.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_latency

REWRITE_STAGES = ("plan", "suggestions", "rewrite_draft")


def _timed(acc: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[name] += time.process_time() - t0
    return wrapper


def measure(checks: int = 500, warm: int = 20) -> dict[str, Any]:
    from patiently.coach import check, engine
    from patiently.coach import rewrite as rw

    engine.warm_up()
    acc: dict[str, float] = defaultdict(float)
    detectors = engine.prefix_cache().analyzer.detectors
    stages = {stage: getattr(rw, stage) for stage in REWRITE_STAGES}
    for det in detectors:
        det.detect = _timed(acc, det.id, det.detect)
    for stage, fn in stages.items():
        setattr(rw, stage, _timed(acc, f"rewrite.{stage}", fn))
    try:
        return _run(check, acc, checks, warm)
    finally:  # the process goes on as it was (the tests run this in a shared worker)
        for det in detectors:
            del det.detect  # the instance attribute: the class's method again
        for stage, fn in stages.items():
            setattr(rw, stage, fn)
        gc.unfreeze()


def _run(check: Callable[..., Any], acc: dict[str, float], checks: int, warm: int) -> dict[str, Any]:
    rng = random.Random(7)
    bodies = [check_latency.body(rng, 10_000_000 + k, False) for k in range(warm + checks)]
    for b in bodies[:warm]:
        check(b["draft"], b["context"])
    # As the server does after its warm-up: the loaded models and lexicons leave the collector's
    # view, so a full collection (~170 ms without this) does not land on whichever part allocates.
    gc.collect()
    gc.freeze()
    acc.clear()
    t0 = time.process_time()
    for b in bodies[warm:]:
        check(b["draft"], b["context"])
    total = time.process_time() - t0
    parts = {k: round(1000 * v / checks, 3) for k, v in sorted(acc.items(), key=lambda kv: -kv[1])}
    detectors = sum(v for k, v in parts.items() if not k.startswith("rewrite."))
    rewrite = sum(v for k, v in parts.items() if k.startswith("rewrite."))
    whole = 1000 * total / checks
    return {"checks": checks, "total_ms": round(whole, 3), "detectors_ms": round(detectors, 3),
            "rewrite_ms": round(rewrite, 3), "rest_ms": round(whole - detectors - rewrite, 3), "parts": parts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checks", type=int, default=500)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = measure(args.checks)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['checks']} checks: {out['total_ms']:.2f} ms CPU per check = detectors {out['detectors_ms']:.2f} "
          f"+ rewrite {out['rewrite_ms']:.2f} + the rest {out['rest_ms']:.2f} "
          "(context, customer state, flags, JSON models)")
    for name, ms in out["parts"].items():
        print(f"  {name:36s} {ms:7.3f} ms  {100 * ms / out['total_ms']:5.1f}%")


if __name__ == "__main__":
    main()
