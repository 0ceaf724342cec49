"""``patiently explain`` rendering: the transcript, highlights, coaching notes and scores."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from patiently.explain import STYLES, explain_to_text, render_conversation, styled_text
from patiently.report.spans import Mark, highlight

# tests/ is on sys.path (pytest's rootdir-relative import mode): share the hand-made result
from test_report import EXAMPLES, _example_results, sample_result


def test_explain_shows_messages_notes_and_scores() -> None:
    text = explain_to_text(sample_result(), width=100)
    for part in ("My printer is STILL broken!!! This is ridiculous.",
                 "I'm sorry, that sounds really frustrating.",
                 "<script>alert('x')</script> the HP on floor 2",  # shown verbatim: a terminal is not HTML
                 "Ticket closed"):
        assert part in text
    assert "Talks down to the customer." in text and "-18 Professional courtesy" in text  # note under m4
    assert "+12 Empathy" in text
    assert "▸ condescending" in text and "▸ frustration" in text  # what each highlight is
    assert "Scores" in text and "Overall patience" in text and "Handling repeats gracefully" in text
    assert "not applicable" in text and "coaching" in text
    # the note sits under its own message, after the message text
    assert text.index("Obviously.") < text.index("Talks down to the customer.")


def test_explain_agents_are_indented_like_a_chat() -> None:
    lines = explain_to_text(sample_result(), width=120).splitlines()
    agent = next(line for line in lines if "I'm sorry, that sounds" in line)
    customer = next(line for line in lines if "My printer is STILL" in line)
    assert len(agent) - len(agent.lstrip()) > len(customer) - len(customer.lstrip())


def test_highlight_styles_follow_the_finding_kind() -> None:
    text = styled_text(highlight("as I said, restart it", [Mark(0, 9, "bad", "x"), Mark(11, 18, "warn", "y")]))
    assert text.plain == "as I said, restart it"
    styles = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert styles == {"as I said": STYLES["bad"], "restart": STYLES["warn"]}


def test_render_returns_renderables_without_printing(capsys: pytest.CaptureFixture[str]) -> None:
    parts = render_conversation(sample_result())
    assert len(parts) >= 7 and not capsys.readouterr().out
    console = Console(record=True, width=80, force_terminal=True, color_system="truecolor")
    for p in parts:
        console.print(p)
    assert "\x1b[" in console.export_text(styles=True)  # the highlights do carry styles


def test_explain_without_messages() -> None:
    r = sample_result()
    del r["messages"]
    assert "not stored" in explain_to_text(r)


@pytest.mark.skipif(not EXAMPLES.exists(), reason="examples/conversations.jsonl is not there yet")
def test_explain_on_pipeline_output_of_the_examples() -> None:
    results = _example_results()
    for r in results[:5]:
        text = explain_to_text(r, width=120)
        for m in r["messages"]:
            assert m["text"].split()[0] in text
        for behaviour, detail in r["score_details"].items():
            for item in detail["items"]:
                assert item["note"].split()[0] in text, (behaviour, item)
    json.dumps(results)

