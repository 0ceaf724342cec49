"""dismissive lexicon v10 (QA pass 13, b18): "nobody else has this issue" in any tense and any word
for the problem, next to the phrases it always had ("nobody else has this problem")."""

import pytest

from conftest import conv, detect, evidence_text


@pytest.mark.parametrize("draft, evidence", [
    ("Nobody else has this issue.", "Nobody else has this issue"),
    ("No one else is having this problem.", "No one else is having this problem"),
    ("Honestly, nobody else has had these errors.", "nobody else has had these errors"),
])
def test_nobody_else_has_this_issue(draft: str, evidence: str) -> None:
    c = conv(("c", "I still can't connect my smart plug to the app."), ("a", draft))
    found = detect("agent.dismissive", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == [evidence]


@pytest.mark.parametrize("draft", [
    "Nobody else has reported this bug yet, so thank you for flagging it; I've passed it to our developers "
    "and I'll update you by Friday.",
    "I'll check whether anyone else has this issue.",
    "Is nobody else having this problem at your office?",
])
def test_a_report_thanked_or_a_question_stays_quiet(draft: str) -> None:
    c = conv(("c", "I still can't connect my smart plug to the app."), ("a", draft))
    assert detect("agent.dismissive", c) == []
