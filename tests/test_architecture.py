"""Tests that protect the architecture: every detector is registered, tested, documented,
picklable, small; every label the rubric scores is produced by some detector."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from patiently.detectors.base import Detector
from patiently.detectors.registry import available, names
from patiently.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[1]
DETECTOR_NAMES = names()


def test_all_issue_labels_are_registered() -> None:
    expected = {
        "customer.frustration", "customer.confusion", "customer.repeat", "agent.empathy",
        "agent.clarifying_question", "agent.paraphrase", "agent.progress_update", "agent.step_by_step",
        "agent.confirmation_check", "agent.promise", "agent.dismissive", "agent.blame", "agent.condescending",
        "agent.pressure", "agent.impatient_repeat", "agent.jargon", "agent.negative_phrasing",
        "agent.unprofessional", "agent.scripted_empathy", "agent.premature_closure",
        "agent.redundant_question", "agent.broken_promise", "agent.long_silence",
    }
    assert expected <= set(DETECTOR_NAMES)


@pytest.mark.parametrize("name", DETECTOR_NAMES)
def test_detector_contract_tests_and_docs(name: str) -> None:
    det = available()[name]
    assert isinstance(det, Detector)
    assert det.version >= 1 and det.labels and det.description
    assert det.labels[0] == name
    module = type(det).__module__.rsplit(".", 1)[-1]
    assert (ROOT / "tests" / "detectors" / f"test_{module}.py").exists(), f"{name} has no tests"
    assert (ROOT / "docs" / "detectors" / f"{name}.md").exists(), f"{name} has no docs page"
    # Workers receive detectors by pickle: no lambdas or open handles in their state.
    assert pickle.loads(pickle.dumps(det)).id == det.id


def test_modules_stay_small() -> None:
    big = [str(p.relative_to(ROOT)) for p in (ROOT / "src" / "patiently").rglob("*.py")
           if sum(1 for _ in p.open(encoding="utf-8")) > 500]
    assert not big, f"modules over 500 lines: {big}"


def test_every_rubric_label_has_a_producer() -> None:
    produced = {label for d in available().values() for label in d.labels}
    rubric = load_rubric()
    used = set()
    for b in rubric.behaviours.values():
        used |= {r.label for r in b.credits + b.deductions} | set(b.when)
        for e in b.expect:
            used |= {e.when, *e.any_of}
    assert used <= produced, f"rubric labels nobody produces: {used - produced}"
