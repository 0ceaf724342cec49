"""Lexicon time per coach check: the literal index (patiently.lexicon_index) vs the full regexes.

Records every lexicon lookup that is not remembered (``Lexicon._find`` calls) while checking
benchmark drafts against the benchmark context, then replays them with the index and with
each category's one big regex (``gated=False``), and prints the milliseconds per check.

    .venv/bin/python benchmarks/lexicon_speed.py [--checks 150]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from patiently import lexicon as lx
from patiently import lexicon_index as li
from patiently.coach import check
from patiently.coach.engine import warm_up


def bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("check_latency", Path(__file__).with_name("check_latency.py"))
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checks", type=int, default=150)
    args = ap.parse_args()
    bench = bench_module()
    warm_up()
    names = [p.name.removesuffix(".yaml") for p in (resources.files("patiently") / "lexicons").iterdir()
             if p.name.endswith(".yaml")]
    calls: list[tuple[lx.Lexicon, str, tuple[str, ...] | None]] = []
    for name in names:
        lex = lx.load_lexicon(name)

        def record(text: str, categories: tuple[str, ...] | None, lex: lx.Lexicon = lex) -> Any:
            calls.append((lex, text, categories))
            return lex._find(text, categories)

        lex._memo = lru_cache(maxsize=lx.MEMO_SIZE)(record)
    rng = random.Random(5)
    drafts = [bench.draft(rng, n) for n in range(args.checks + 30)]
    for d in drafts[:30]:
        check(d, bench.CONTEXT)
    calls.clear()
    for d in drafts[30:]:
        check(d, bench.CONTEXT)

    def replay(gated: bool) -> float:
        li.folded.cache_clear()
        li.trigrams.cache_clear()
        lx.words_of.cache_clear()
        t0 = time.process_time()
        for lex, text, cats in calls:
            lex._find(text, cats, gated)
        return 1000 * (time.process_time() - t0) / args.checks

    indexed = min(replay(True) for _ in range(5))
    full = min(replay(False) for _ in range(5))
    print(f"{len(calls) / args.checks:.0f} lexicon lookups per check (not remembered); "
          f"indexed {indexed:.2f} ms per check, full regexes {full:.2f} ms ({full / indexed:.1f}x)")


if __name__ == "__main__":
    main()
