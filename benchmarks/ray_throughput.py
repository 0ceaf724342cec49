"""Messages/s of the same file through analyze_batch (one process) and analyze_ray (local Ray).

    python benchmarks/ray_throughput.py [--data FILE] [--limit N] [--cpus N] [--batch-size MESSAGES]

Both runs go through ``analyze_files`` (read, analyse, corpus pass, JSONL to /dev/null); they
differ only in the runner. The Ray time is end to end: starting the local Ray and its workers
(each loads the detectors and the embedder) is counted, as a user of ``--ray`` pays it; the
start-up is also printed apart. The two result files are compared: they must be identical.
Skips cleanly when the data file (../shared/data, not in the repository) or Ray is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import time
from pathlib import Path

from throughput import DEFAULT_DATA, subset  # the sibling script (run as benchmarks/ray_throughput.py)


def _run(path: Path, runner: object | None) -> dict[str, float | str]:
    from patiently.analyze import analyze_files
    from patiently.pipeline import Analyzer

    analyzer = Analyzer()  # models load lazily, inside the timed run, in both cases (on Ray: in each worker)
    out = io.StringIO()
    t0 = time.perf_counter()
    run = analyze_files([path], analyzer, out=out, **({"runner": runner} if runner else {}))
    secs = time.perf_counter() - t0
    return {"conversations": run.conversations, "messages": run.messages, "errors": len(run.errors),
            "seconds": round(secs, 2), "messages_per_second": round(run.messages / secs, 1),
            "sha256": hashlib.sha256(out.getvalue().encode()).hexdigest()[:16]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N conversations only")
    ap.add_argument("--cpus", type=int, default=None, help="CPUs of the local Ray (default: all)")
    ap.add_argument("--batch-size", type=int, default=None, help="messages per Ray task (default: as analyze_batch)")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the public datasets live in ../shared/data)")
        return 0
    try:
        import ray
    except ImportError:
        print("skipped: Ray is not installed (pip install 'patiently[ray]')")
        return 0
    from patiently.distributed import RayRunner
    from patiently.pipeline import CHUNK_MESSAGES

    path = subset(args.data, args.limit, "patiently-ray-bench-subset.jsonl")
    cpus = args.cpus or os.cpu_count() or 1
    batch = _run(path, None)
    print(json.dumps({"analyze_batch": batch}))

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    t0 = time.perf_counter()
    ray.init(address="local", num_cpus=cpus, include_dashboard=False, logging_level="warning")
    start = time.perf_counter() - t0
    try:
        on_ray = _run(path, RayRunner(batch_size=args.batch_size or CHUNK_MESSAGES))
    finally:
        ray.shutdown()
    end_to_end = round(start + float(on_ray["seconds"]), 2)
    ray_row = {**on_ray, "ray_start_seconds": round(start, 2), "end_to_end_seconds": end_to_end,
               "end_to_end_messages_per_second": round(float(on_ray["messages"]) / end_to_end, 1), "cpus": cpus}
    print(json.dumps({"analyze_ray": ray_row}))
    same = batch["sha256"] == on_ray["sha256"]
    print(f"analyze_batch {batch['messages_per_second']:,.0f} msg/s · analyze_ray {on_ray['messages_per_second']:,.0f} "
          f"msg/s on {cpus} CPUs ({ray_row['end_to_end_messages_per_second']:,.0f} with the Ray start-up) · "
          f"speed-up {float(on_ray['messages_per_second']) / float(batch['messages_per_second']):.2f}x · "
          f"identical results: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
