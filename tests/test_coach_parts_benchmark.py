"""benchmarks/coach_parts.py: its parts add up to the check it times (a smoke run of a few checks)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_parts_add_up() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("coach_parts", BENCHMARKS / "coach_parts.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out = mod.measure(checks=5, warm=1)
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert out["checks"] == 5 and out["total_ms"] > 0
    assert {"rewrite.plan", "rewrite.suggestions", "rewrite.rewrite_draft"} <= set(out["parts"])
    assert any(k.startswith("agent.tone@") for k in out["parts"])
    assert abs(out["detectors_ms"] + out["rewrite_ms"] + out["rest_ms"] - out["total_ms"]) < 0.01
    assert out["rest_ms"] >= 0
