"""Golden findings: what the analyser and the coach say on the examples, frozen to a file.

The speed work on the coach (lexicon prefilters, the context cache, focusing detectors on
the draft) must not change a single finding. ``tests/data/findings_golden.json.gz`` was
written by this module BEFORE that work; ``tests/test_coach_perf.py`` compares today's
output with it. When a detector is changed ON PURPOSE, regenerate it and review the diff:

    .venv/bin/python tests/coach_golden.py --write
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "data" / "findings_golden.json.gz"
EXAMPLES = [ROOT / "examples" / n for n in ("conversations.jsonl", "tickets.csv", "transcript.txt")]


def _round(obj: Any) -> Any:
    """Floats to 6 places: the comparison is about findings, not about the last ulp of a dot product."""
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_round(v) for v in obj]
    return obj


def example_conversations() -> list[Any]:
    from patiently.errors import RecordError
    from patiently.readers import read_conversations

    return [c for c in read_conversations(EXAMPLES) if not isinstance(c, RecordError)]


def analysis() -> dict[str, Any]:
    """Full batch analysis (corpus pass included) of every example conversation."""
    from patiently.pipeline import Analyzer

    out: dict[str, Any] = {}
    for res in Analyzer().analyze_batch(example_conversations()):
        out[res.conversation.id] = _round({"findings": [f.to_dict() for f in res.findings],
                                           "scores": res.scores, "errors": res.errors})
    return out


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("check_latency", ROOT / "benchmarks" / "check_latency.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def coach_cases() -> list[tuple[str, str, Any]]:
    """(name, draft, context): every agent message of the examples checked against the messages
    before it, the coach tests' named drafts, and benchmark-style drafts."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_coach as tc

    cases: list[tuple[str, str, Any]] = []
    for conv in example_conversations():
        for i, m in enumerate(conv.messages):
            if m.role == "agent" and i > 0:
                ctx = [{"role": p.role, "text": p.text, "author": p.author,
                        "sent_at": p.sent_at.isoformat() if p.sent_at else None} for p in conv.messages[:i]]
                cases.append((f"{conv.id}#{i}", m.text, ctx))
                cases.append((f"{conv.id}#{i}-alone", m.text, None))
    for name, (draft, context, _cat) in sorted(tc.BAD.items()):
        cases.append((f"bad:{name}", draft, context))
    for name, (draft, context) in sorted(tc.GOOD.items()):
        cases.append((f"good:{name}", draft, context))
        cases.append((f"good:{name}-upset", draft, tc.UPSET))
        cases.append((f"good:{name}-nontech", draft, tc.NOT_TECHNICAL))
    bench = _bench_module()
    rng = random.Random(4)
    for n in range(12):
        cases.append((f"bench:{n}", bench.draft(rng, n), bench.CONTEXT))
    return cases


def coach(golden: dict[str, Any] | None = None) -> dict[str, Any]:
    """Coach results per case; the drafts of generated cases come from ``golden`` when given
    (the benchmark's draft generator may change; the frozen drafts stay the test input)."""
    from patiently.coach import check

    out: dict[str, Any] = {}
    for name, draft, context in coach_cases():
        if golden is not None and name.startswith("bench:") and name in golden:
            draft = golden[name]["draft"]
        data = check(draft, context).model_dump()
        data.pop("version", None)
        out[name] = _round(data)
    return out


def compute(golden: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"analysis": analysis(), "coach": coach(golden["coach"] if golden else None)}


def load() -> dict[str, Any]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"(re)write {GOLDEN.relative_to(ROOT)}")
    args = ap.parse_args()
    golden = None if args.write else load()
    data = compute(golden)
    if args.write:
        GOLDEN.parent.mkdir(exist_ok=True)
        with gzip.GzipFile(GOLDEN, "wb", mtime=0) as fh:
            fh.write(json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False).encode("utf-8"))
        print(f"wrote {GOLDEN}: {len(data['analysis'])} conversations, {len(data['coach'])} coach checks")
        return
    assert golden is not None
    bad = [k for part in ("analysis", "coach") for k in golden[part] if golden[part][k] != data[part].get(k)]
    print("identical" if not bad else f"{len(bad)} differ: {bad[:20]}")


if __name__ == "__main__":
    main()
