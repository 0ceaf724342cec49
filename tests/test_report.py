"""The HTML report: self-contained, escaped, evidence marked on the right characters."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from patiently.report import Mark, highlight, render_report, write_report
from patiently.report.charts import hbar_chart, heatmap, histogram, sparkline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "conversations.jsonl"
REMOTE = re.compile(r"""(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)


def _span(text: str, part: str, mid: str) -> dict[str, Any]:
    start = text.index(part)
    return {"message_id": mid, "start": start, "end": start + len(part)}


def sample_result(cid: str = "t-1", overall: float = 52.0) -> dict[str, Any]:
    """A hand-made result with good, bad, minor and customer evidence, overlapping spans and
    hostile text, in the JSONL schema (``ConversationResult.to_dict()``)."""
    m1 = "My printer is STILL broken!!! This is ridiculous."
    m2 = "I'm sorry, that sounds really frustrating. Could you tell me which printer it is?"
    m3 = "<script>alert('x')</script> the HP on floor 2"
    m4 = "As I already said, just restart the spooler service. Obviously."
    findings = [
        {"label": "customer.frustration", "score": 0.9, "message_id": "m1", "author": "dana",
         "evidence": [_span(m1, "STILL", "m1"), _span(m1, "!!!", "m1"), _span(m1, "ridiculous", "m1")],
         "explanation": "Customer sounds frustrated.", "detector": "customer.frustration@1",
         "data": {"reasons": ["shouting"]}},
        {"label": "customer.frustration_trajectory", "score": 0.0, "message_id": "m1", "author": "dana",
         "evidence": [_span(m1, "ridiculous", "m1")], "explanation": "Calmed down by the end.",
         "detector": "customer.frustration@1", "data": {"start": 0.9, "end": 0.1, "peak": 0.9, "trend": "calmed"}},
        {"label": "agent.empathy", "score": 0.8, "message_id": "m2", "author": "sam",
         "evidence": [_span(m2, "that sounds really frustrating", "m2")], "explanation": "Acknowledges feelings.",
         "detector": "agent.empathy@1"},
        {"label": "agent.clarifying_question", "score": 0.7, "message_id": "m2", "author": "sam",
         "evidence": [_span(m2, "Could you tell me which printer it is?", "m2")], "explanation": "Asks to clarify.",
         "detector": "agent.clarifying_question@1"},
        {"label": "agent.dismissive", "score": 0.8, "message_id": "m4", "author": "sam",
         "evidence": [_span(m4, "As I already said, just restart", "m4")], "explanation": "Brushes the customer off.",
         "detector": "agent.dismissive@1"},
        {"label": "agent.jargon", "score": 0.6, "message_id": "m4", "author": "sam",
         "evidence": [_span(m4, "restart the spooler service", "m4")], "explanation": "Unexplained jargon.",
         "detector": "agent.jargon@1"},
        {"label": "agent.condescending", "score": 0.9, "message_id": "m4", "author": "sam",
         "evidence": [_span(m4, "Obviously", "m4")], "explanation": "Talks down to the customer.",
         "detector": "agent.condescending@1"},
    ]
    details = {
        "empathy": {"score": 70.0, "items": [
            {"label": "agent.empathy", "points": 12.0, "finding": 2, "message_id": "m2",
             "note": "Acknowledges feelings."},
            {"label": "agent.dismissive", "points": -12.0, "finding": 4, "message_id": "m4",
             "note": "Brushes the customer off."}]},
        "active_listening": {"score": 75.6, "items": [
            {"label": "agent.clarifying_question", "points": 5.6, "finding": 3, "message_id": "m2",
             "note": "Asks to clarify."}]},
        "professional_courtesy": {"score": 59.0, "items": [
            {"label": "agent.condescending", "points": -18.0, "finding": 6, "message_id": "m4",
             "note": "Talks down to the customer."}]},
        "clear_explanations": {"score": 69.0, "items": [
            {"label": "agent.jargon", "points": -6.0, "finding": 5, "message_id": "m4",
             "note": "Explain technical terms in plain words, especially for non-technical customers."}]},
        "handling_repeats": {"score": None, "items": []},
    }
    scores = {k: v["score"] for k, v in details.items()} | {"overall": overall}
    return {
        "id": cid, "channel": "chat", "source": "test", "subject": "Printer <b>offline</b>", "n_messages": 5,
        "agents": ["sam"], "started_at": "2026-10-05T09:00:00+00:00", "scores": scores, "score_details": details,
        "agent_scores": {"sam": {"scores": scores}}, "findings": findings, "errors": [],
        "messages": [
            {"id": "m1", "role": "customer", "author": "dana", "text": m1, "sent_at": "2026-10-05T09:00:00+00:00"},
            {"id": "m2", "role": "agent", "author": "sam", "text": m2, "sent_at": "2026-10-05T09:01:00+00:00"},
            {"id": "m3", "role": "customer", "author": "dana", "text": m3, "sent_at": "2026-10-05T09:02:00+00:00"},
            {"id": "m4", "role": "agent", "author": "sam", "text": m4, "sent_at": "2026-10-05T09:03:00+00:00"},
            {"id": "m5", "role": "system", "author": None, "text": "Ticket closed", "sent_at": None},
        ],
    }


def _marks(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<mark class="k-([a-z]+)[^"]*" title=[^>]*>(.*?)</mark>', html)


# --- highlight() ----------------------------------------------------------------------------
def test_highlight_overlapping_spans_split_without_losing_text() -> None:
    text = "abcdefghij"
    segs = highlight(text, [Mark(2, 6, "good", "a"), Mark(4, 8, "bad", "b")])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.labels) for s in segs] == [
        ("ab", []), ("cd", ["a"]), ("ef", ["a", "b"]), ("gh", ["b"]), ("ij", [])]
    assert segs[2].kind == "bad"  # a problem stays visible where it overlaps something good


def test_highlight_adjacent_nested_identical_and_bad_spans() -> None:
    text = "hello world"
    adjacent = highlight(text, [(0, 5), (5, 6)])
    assert [(s.start, s.end, len(s.marks)) for s in adjacent] == [(0, 5, 1), (5, 6, 1), (6, 11, 0)]
    nested = highlight(text, [Mark(0, 11, "customer", "outer"), Mark(6, 11, "warn", "inner")])
    assert [(s.text, s.kind) for s in nested] == [("hello ", "customer"), ("world", "warn")]
    same = highlight(text, [Mark(0, 5, "good", "x"), Mark(0, 5, "good", "y")])
    assert same[0].text == "hello" and same[0].labels == ["x", "y"]
    clamped = highlight(text, [(-3, 2), (9, 50), (7, 7), (8, 4)])
    assert [(s.text, bool(s.marks)) for s in clamped] == [("he", True), ("llo wor", False), ("ld", True)]
    assert highlight("", [(0, 3)]) == []


# --- charts ---------------------------------------------------------------------------------
def test_charts_are_accessible_svg_and_escape_labels() -> None:
    for svg in (histogram([1, 5, 0], ["a", "b", "c"], title="H"),
                hbar_chart([("<x>", 50.0), ("none", None)], title="B"),
                heatmap(["<script>agent"], ["Empathy"], [[42.0]], title="M", row_hrefs=["#agent-x"]),
                sparkline([1.0, None, 3.0], title="S")):
        assert svg.startswith('<svg class="chart" role="img" aria-label=') and "<title>" in svg
        assert "<script>" not in svg and "<x>" not in svg
    assert "n/a" in hbar_chart([("none", None)], title="B")


# --- the report -----------------------------------------------------------------------------
@pytest.fixture
def report() -> str:
    other = sample_result("t-2", overall=81.0)
    other["agents"] = ["lee"]
    other["agent_scores"] = {"lee": other.pop("agent_scores")["sam"]}
    return render_report([other, sample_result()], meta={"inputs": ["a.jsonl"], "analyzer": {"rubric": "default@1"}})


def test_report_is_self_contained(report: str) -> None:
    assert report.startswith("<!doctype html>")
    assert not REMOTE.search(report)
    assert "http://" not in report and "https://" not in report
    assert "<link" not in report and not re.search(r"<script[^>]+src", report)
    assert report.count('<svg class="chart"') >= 5  # histogram, behaviours, heatmap, frustration, trends


def test_report_marks_evidence_on_the_right_text(report: str) -> None:
    marks = _marks(report)
    assert ("customer", "STILL") in marks and ("customer", "!!!") in marks
    assert ("good", "that sounds really frustrating") in marks
    assert ("good", "Could you tell me which printer it is?") in marks
    assert ("bad", "Obviously") in marks
    # dismissive [0, 31) overlaps jargon [19, 46): three segments, the overlap red (major wins)
    assert ("bad", "As I already said, just ") in marks and ("bad", "restart") in marks
    assert ("warn", " the spooler service") in marks
    assert 'title="condescending (impatient agent behaviour): Talks down to the customer."' in report


def test_report_escapes_untrusted_text(report: str) -> None:
    assert "<script>alert" not in report
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in report
    assert "Printer &lt;b&gt;offline&lt;/b&gt;" in report and "<b>offline</b>" not in report
    assert report.count("<script>") == 1  # only our own sorting/filtering script


def test_report_tables_anchors_and_coaching(report: str) -> None:
    assert 'id="conv-table"' in report and 'class="sortable"' in report and 'data-sort="num"' in report
    assert 'id="conv-filter"' in report
    assert 'id="conv-t-1"' in report and 'href="#conv-t-1"' in report
    assert 'id="conv-t-1--m-m4"' in report and 'href="#conv-t-1--m-m4"' in report  # breakdown -> message
    assert "For coaching, not for discipline" in report
    assert "Talks down to the customer." in report  # coaching note under the message
    assert report.index('href="#conv-t-1"') < report.index('href="#conv-t-2"')  # worst first
    assert 'id="agent-sam"' in report and "a.jsonl" in report


def test_max_detailed_says_what_was_left_out() -> None:
    html = render_report([sample_result("a", 40.0), sample_result("b", 90.0)], max_detailed=1)
    assert 'id="conv-a"' in html and 'id="conv-b"' not in html
    assert "1 higher-scoring conversations are not shown" in html
    assert render_report([]).startswith("<!doctype html>")


def test_odd_ids_get_valid_unique_anchors() -> None:
    html = render_report([sample_result("ticket #1 é", 40.0), sample_result("ticket-1", 41.0)])
    ids = re.findall(r'<article class="conv" id="([^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2 and all(re.fullmatch(r"[A-Za-z0-9_.-]+", i) for i in ids)


def _example_results() -> list[dict[str, Any]]:
    if not EXAMPLES.exists():
        pytest.skip("examples/conversations.jsonl is not there yet")
    from patiently.detectors.registry import get, names, order
    from patiently.errors import RecordError
    from patiently.pipeline import Analyzer
    from patiently.readers import read_conversations

    dets = []
    for n in names():
        with contextlib.suppress(Exception):  # detectors still being written elsewhere: use what loads
            dets.append(get(n))
    analyzer = Analyzer(detectors=order(dets))
    convs = [c for c in read_conversations([EXAMPLES]) if not isinstance(c, RecordError)]
    return [r.to_dict() for r in analyzer.analyze_batch(convs)]


def test_report_on_pipeline_output_of_the_examples(tmp_path: Path) -> None:
    results = _example_results()
    path = write_report(tmp_path / "sub" / "report.html", results, title="Examples")
    html = path.read_text(encoding="utf-8")
    assert not REMOTE.search(html)
    for r in results:
        assert f'id="conv-{r["id"]}"' in html
    # every highlighted span in the report is exactly the text the finding points at
    spans = {m["text"][e["start"]:e["end"]] for r in results for f in r["findings"] for e in f["evidence"]
             for m in r["messages"] if m["id"] == e["message_id"]}
    import html as htmllib

    marked = {htmllib.unescape(t) for _, t in _marks(html)}
    assert marked and all(any(t in s for s in spans) for t in marked)
    json.dumps(results)  # the report did not mutate the results into something unserialisable


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no headless chromium")
def test_screenshot_in_headless_chromium(tmp_path: Path) -> None:
    page = write_report(tmp_path / "r.html", [sample_result(), sample_result("t-2", 81.0)])
    shot = Path("/tmp/patiently-report-test.png")  # outside the repo, to look at by hand
    subprocess.run([shutil.which("chromium") or "/usr/bin/chromium", "--headless=new", "--no-sandbox",
                    "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000", f"--screenshot={shot}",
                    page.as_uri()], check=True, capture_output=True, timeout=90)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_report_says_what_reading_cost() -> None:
    empty = render_report([], meta={"read": {"conversations": 0, "skipped_records": 0, "skipped_files": 0}})
    assert "No valid conversation was read from the inputs: this report is empty." in empty
    assert "--errors FILE" not in empty
    lossy = render_report([sample_result()], meta={"read": {"conversations": 1, "skipped_records": 3,
                                                            "skipped_files": 1}})
    assert "3 bad records skipped, 1 file skipped while reading the inputs." in lossy and "--errors FILE" in lossy
    clean = render_report([sample_result()], meta={"read": {"conversations": 1, "skipped_records": 0}})
    assert 'id="read-note"' not in clean and 'id="read-note"' not in render_report([sample_result()])
