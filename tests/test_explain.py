"""``patiently explain`` rendering: the transcript, highlights, coaching notes and scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from patiently.analyze import find_conversation
from patiently.explain import STYLES, explain_to_text, missing_message, render_conversation, result_json, styled_text
from patiently.model import Conversation
from patiently.pipeline import Analyzer
from patiently.readers import ReadOptions
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



# --- explain FILE ID: --json output and a conversation that was skipped --------------------

def _strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


def test_result_json_is_strict_json() -> None:
    r = sample_result()
    r["meta"] = {"x": float("nan"), "big": float("inf"), "keep": [1.5, -float("inf")]}
    out = _strict(result_json(r))
    assert out["meta"] == {"x": None, "big": None, "keep": [1.5, None]}  # type: ignore[index]
    assert out["id"] == r["id"]  # type: ignore[index]


def test_result_json_of_a_conversation_read_with_nan(tmp_path: Path) -> None:
    path = tmp_path / "nan.jsonl"
    path.write_text('{"id": "nan", "messages": [{"role": "agent", "text": "hi", "x": NaN}], "m": Infinity}\n',
                    encoding="utf-8")
    found = find_conversation([path], "nan")
    assert isinstance(found, Conversation)
    out = _strict(result_json(Analyzer().analyze(found).to_dict()))
    assert out["id"] == "nan"  # type: ignore[index]


def not_found(paths: list[Path], conversation_id: str, options: ReadOptions | None = None) -> str:
    """What ``explain`` says for a conversation the inputs do not give (as the command finds it)."""
    found = find_conversation(paths, conversation_id, options)
    return missing_message(None if isinstance(found, Conversation) else found, paths, conversation_id)


def test_not_found_says_a_skipped_conversation_was_skipped_and_why(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "ok", "messages": [{"role": "agent", "text": "hi"}]}\n'
                    '{"id": "wt-role", "messages": [{"role": 5, "text": "hi"}]}\n'
                    '{"id": 42, "messages": [{"role": "agent", "text": "x\\ud800"}]}\n', encoding="utf-8")
    msg = not_found([path], "wt-role")
    assert msg.startswith(f"conversation 'wt-role' ({path}:2) was skipped as a bad record: messages[0].role: "
                          "unknown role 5")
    assert f"{path}:3" in not_found([path], "42") and "not valid Unicode" in not_found([path], "42")
    assert not_found([path], "nope") == f"no conversation 'nope' in {path}"


def test_not_found_in_csv_and_helpdesk_exports(tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("conversation_id,role,text\nc1,customer,hi\nc2,customer,hi\nc2,robot,hello\n", encoding="utf-8")
    assert not_found([csv], "c2").startswith(f"conversation 'c2' ({csv}:4) was skipped as a bad record: role: "
                                             "unknown role 'robot'")
    tickets = tmp_path / "z.ndjson"
    tickets.write_text(json.dumps({"id": 7, "requester_id": 1, "subject": "x", "comments": [
        {"id": 1, "author_id": 999, "public": True, "body": "hello"}]}) + "\n", encoding="utf-8")
    msg = not_found([tickets], "7", ReadOptions(format="zendesk"))
    assert msg.startswith(f"conversation '7' ({tickets}:1) was skipped as a bad record: comments[0].author_id: "
                          "unknown author 999")


def test_a_custom_rubric_title_is_shown_as_text(tmp_path: Path) -> None:
    """A title is the rubric author's text: "[/x]" once raised rich's MarkupError, and an
    escape code reached the terminal."""
    from patiently.rubric import default_rubric_text, load_rubric

    path = tmp_path / "r.yaml"
    path.write_text(default_rubric_text().replace("title: Empathy", 'title: "[/x] Emp\\u001b[2Jathy"'),
                    encoding="utf-8")
    text = explain_to_text(sample_result(), width=100, rubric=load_rubric(path))
    assert "[/x] Emp␛[2Jathy" in text and "\x1b" not in text


def test_times_carry_their_date_when_the_day_changes() -> None:
    """ex-004's customer waited 3 days: '10:05' then '12:05' read as two hours."""
    result = sample_result()
    msgs = result["messages"]
    stamps = ["2026-09-21T10:05:00+00:00", "2026-09-21T10:07:00+00:00", "2026-09-24T12:05:00+00:00"]
    for m, t in zip(msgs, stamps, strict=False):
        m["sent_at"] = t
    text = explain_to_text(result, width=100)
    assert "2026-09-21 10:05" in text and "2026-09-24 12:05" in text
    assert "2026-09-21 10:07" not in text and "10:07" in text  # same day: the clock alone
    for m in msgs:
        m["sent_at"] = "1970-01-01T09:12:00+00:00"  # a clock-only transcript: no made-up date
    assert "1970" not in explain_to_text(result, width=100)
