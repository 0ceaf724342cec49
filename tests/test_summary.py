"""Per-agent summaries: the strongest behaviour needs evidence (QA: a rude agent's strongest
behaviour was "Professional courtesy", a baseline with nothing found)."""

from __future__ import annotations

from patiently.pipeline import Analyzer
from patiently.summary import agent_summary

from conftest import conv

# Nothing creditable: every behaviour sits at its baseline or below.
CURT_AGENT = conv(
    ("c", "My laptop won't turn on after the update and I have a presentation in an hour."),
    ("a:bob", "Hold the power button."),
    ("c", "I held it, nothing happens."),
    ("a:bob", "Then it's probably the battery. You should have charged it."),
)
PATIENT_AGENT = conv(
    ("c", "I'm locked out AGAIN. Third time this week. I have to run payroll by 3pm!!"),
    ("a:alice", "I'm sorry you've been locked out again, with payroll due at 3pm that's really stressful. "
                "Could you tell me what message you see when you sign in?"),
    ("c", "It says my account is locked."),
    ("a:alice", "Thanks. I've unlocked the account now. Could you try signing in and tell me if it works?"),
    ("c", "OK that worked, I'm in. Thanks."),
    cid="c2",
)


def _rows() -> dict[str, dict]:
    results = [r.to_dict() for r in Analyzer().analyze_batch([CURT_AGENT, PATIENT_AGENT])]
    return {row["agent"]: row for row in agent_summary(results)}


def test_strongest_behaviour_needs_a_credit() -> None:
    rows = _rows()
    assert rows["bob"]["strongest"] is None  # shown as "–", not a baseline
    strongest = rows["alice"]["strongest"]
    assert strongest is not None and strongest != "professional_courtesy"
    assert rows["alice"]["patience"] > rows["bob"]["patience"] + 5
