"""The 1,920 drafts of the black-box QA passes 5-28 (``tests/data/qa_cases.json.gz``: 40 good and 40 bad
drafts per pass, each written by a fresh tester with the expected categories noted before the run; see
docs/coach.md#accuracy-on-drafts-it-has-not-seen) as a case-by-case regression gate, as each fix round
checked them by hand: a good draft gets no warning or problem, and a bad one gets a warning or problem in
one of its expected categories. ``KNOWN_FAILURES`` are the cases that fail today (a pass's failures stay
open until a round takes them); a change that breaks any other case fails here, and one that fixes a known
failure is told to take it off the list."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from patiently.coach import check

CASES = Path(__file__).resolve().parent / "data" / "qa_cases.json.gz"
COUNTED = {"warning", "problem"}

# pass -> ids failing today (updated by each round; passes 25-27 were fixed by rounds 25-27 of the sixth session,
# 2026-12-01).
KNOWN_FAILURES = {
    "qa6": {"G08", "G19"},
    "qa7": {"g22", "g27", "b28"},
    # qa8 g20 fixed by customer.frustration v17 ("still no light" was counted twice, 0.80: thanks did not acknowledge)
    "qa9": {"g11", "g20", "g36", "b07", "b20", "b24", "b39"},
    "qa16": {"b37"},
    "qa17": {"g24", "g33"},
    "qa18": {"b20"},
    # b07 ("This is theft.") and b28 ("I can't pay my staff") read as upset by the mood round (customer.frustration v17)
    "qa20": {"b26"},
    "qa23": {"g18"},
    # g26 ("I want to cancel my membership.") fixed by customer.frustration v16: a cancellation request is calm
    # g07, g12, g35, g36 (calm read as upset), b24, b35 (upset read as calm) fixed by the mood round (v17)
    # qa24's 13 open misses (b02 b08 b10 b16 b22 b23 b26 b28 b31 b34 b36 b37 b39) fixed by round fl24 (cue families
    # in condescending v25, blame v18, dismissive v24, non_technical v7, info_given v9 / info_asked v10)
    # pass 28 measured the sixth session's final code and is not fixed
    "qa28": {"b04", "b05", "b06", "b09", "b10", "b20", "b21", "b29", "b37", "b38", "b40"},
}


def _cases() -> list[dict[str, Any]]:
    with gzip.open(CASES, "rt", encoding="utf-8") as fh:
        return list(json.load(fh))


def _ok(case: dict[str, Any]) -> bool:
    result = check(case["draft"], context=case["context"] or None)
    counted = {f.category for f in result.flags if f.severity in COUNTED}
    return not counted if case["kind"] == "good" else bool(counted & set(case["expected"]))


def test_the_cases_file_holds_twenty_four_passes_of_forty_and_forty() -> None:
    cases = _cases()
    assert len(cases) == 1920
    for n in range(5, 29):
        mine = [c for c in cases if c["pass"] == f"qa{n}"]
        assert sum(c["kind"] == "good" for c in mine) == 40 and sum(c["kind"] == "bad" for c in mine) == 40, n
        assert all(c["expected"] for c in mine if c["kind"] == "bad"), n


@pytest.mark.parametrize("qa_pass", [f"qa{n}" for n in range(5, 29)])
def test_no_qa_case_gets_worse(qa_pass: str) -> None:
    known = KNOWN_FAILURES.get(qa_pass, set())
    broken, fixed = [], []
    for case in (c for c in _cases() if c["pass"] == qa_pass):
        ok = _ok(case)
        if not ok and case["id"] not in known:
            broken.append(case["id"])
        elif ok and case["id"] in known:
            fixed.append(case["id"])
    assert not broken, f"{qa_pass}: cases that passed before now fail: {broken}"
    assert not fixed, f"{qa_pass}: known failures now pass, take them off KNOWN_FAILURES: {fixed}"
