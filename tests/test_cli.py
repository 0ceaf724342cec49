"""The CLI as a user runs it: files in, JSONL + report out, bad records reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from patiently.cli import cli

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"id": "t1", "channel": "chat", "messages": [
    {"id": "m1", "role": "customer", "text": "My password is locked AGAIN, this is ridiculous!!",
     "sent_at": "2026-10-05T09:00:00+00:00"},
    {"id": "m2", "role": "agent", "author": "sam", "sent_at": "2026-10-05T09:01:00+00:00",
     "text": "I'm sorry, being locked out right before work is stressful. I've unlocked it now - "
             "could you try logging in and tell me if it works?"},
    {"id": "m3", "role": "customer", "text": "It works, thanks!", "sent_at": "2026-10-05T09:03:00+00:00"}]}


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_analyze_writes_results_and_report(tmp_path: Path) -> None:
    inp = _write(tmp_path, [json.dumps(GOOD)])
    out, rep = tmp_path / "r.jsonl", tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["analyze", str(inp), "--out", str(out), "--report", str(rep), "-q"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["id"] == "t1"
    assert {"scores", "findings"} <= rows[0].keys() and "overall" in rows[0]["scores"]
    f = rows[0]["findings"][0]
    assert {"label", "score", "evidence", "explanation", "detector"} <= f.keys()
    assert rep.read_text().lower().startswith("<!doctype html>")
    assert "sam" in res.output  # the per-agent table


def test_bad_records_are_reported_and_valid_ones_kept(tmp_path: Path) -> None:
    bad_role = {**GOOD, "id": "t2", "messages": [{"role": "robot", "text": "hi"}]}
    inp = _write(tmp_path, [json.dumps(GOOD), "{not json", json.dumps(bad_role),
                            json.dumps({**GOOD, "id": "t3"})])
    errs = tmp_path / "errors.jsonl"
    res = CliRunner().invoke(cli, ["analyze", str(inp), "--json", "-q", "--errors", str(errs)])
    assert res.exit_code == 0
    summary = json.loads(res.stdout[res.stdout.index("{"):])
    assert summary["conversations"] == 2
    lines = sorted(e["line"] for e in summary["errors"])
    assert lines == [2, 3]
    assert "role" in {e["field"] for e in summary["errors"]} or any(
        "role" in (e["field"] or "") for e in summary["errors"])
    assert len(errs.read_text().splitlines()) == 2


def test_nothing_valid_exits_non_zero(tmp_path: Path) -> None:
    inp = _write(tmp_path, ["{not json", "[]"])
    res = CliRunner().invoke(cli, ["analyze", str(inp), "-q"])
    assert res.exit_code != 0


def test_bad_override_is_a_clear_error(tmp_path: Path) -> None:
    from patiently.cli import main

    inp = _write(tmp_path, [json.dumps(GOOD)])
    with pytest.raises(SystemExit) as exc:
        import sys

        sys.argv = ["patiently", "analyze", str(inp), "--set", "silence.chat_secs=5", "-q"]
        main()
    assert exc.value.code == 2


def test_explain_from_input_and_from_results(tmp_path: Path) -> None:
    inp = _write(tmp_path, [json.dumps(GOOD)])
    res = CliRunner().invoke(cli, ["explain", str(inp), "t1"])
    assert res.exit_code == 0, res.output
    assert "locked" in res.output
    out = tmp_path / "r.jsonl"
    CliRunner().invoke(cli, ["analyze", str(inp), "--out", str(out), "-q"])
    res2 = CliRunner().invoke(cli, ["explain", str(out), "t1", "--json"])
    assert json.loads(res2.output)["id"] == "t1"
    missing = CliRunner().invoke(cli, ["explain", str(inp), "nope"])
    assert missing.exit_code == 1


def test_demo_examples_analyse_cleanly(tmp_path: Path) -> None:
    ex = ROOT / "examples"
    files = [ex / "conversations.jsonl", ex / "tickets.csv", ex / "transcript.txt"]
    res = CliRunner().invoke(cli, ["analyze", *map(str, files), "--json", "-q"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout[res.stdout.index("{"):])
    assert summary["conversations"] >= 35 and summary["errors"] == []
    assert len(summary["agents"]) >= 5


def test_detectors_command_lists_all() -> None:
    res = CliRunner().invoke(cli, ["detectors", "--json"])
    assert res.exit_code == 0
    assert len(json.loads(res.output)) >= 23


def test_help_desk_options_reach_the_reader(tmp_path: Path) -> None:
    zendesk = ROOT / "examples" / "helpdesk" / "zendesk-tickets.ndjson"

    def messages(*extra: str) -> int:
        out = tmp_path / "r.jsonl"
        res = CliRunner().invoke(cli, ["analyze", str(zendesk), "--out", str(out), "-q", *extra])
        assert res.exit_code == 0, res.output
        return sum(len(json.loads(line)["messages"]) for line in out.read_text().splitlines())

    skipped, kept = messages(), messages("--internal-notes", "system")
    assert kept > skipped  # the examples hold internal notes, left out by default
    bad = CliRunner().invoke(cli, ["analyze", str(zendesk), "--role", "no-equals-sign"])
    assert bad.exit_code != 0 and "--role" in bad.output
    wrong = CliRunner().invoke(cli, ["analyze", str(zendesk), "--role", "70021=robot"])
    assert wrong.exit_code != 0 and "robot" in str(wrong.output) + str(wrong.exception)


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "patiently", "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Usage: python -m patiently" in out.stdout


def test_nothing_valid_still_writes_the_report_and_names_it(tmp_path: Path) -> None:
    good = _write(tmp_path, [json.dumps(GOOD)])
    out, rep = tmp_path / "r.jsonl", tmp_path / "r.html"
    args = ["--out", str(out), "--report", str(rep), "--json", "-q"]
    assert CliRunner().invoke(cli, ["analyze", str(good), *args]).exit_code == 0
    assert "t1" in rep.read_text()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id":"b1","messages":[{"role":"bogus","text":"x"}]}\nnot json\n', encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(bad), *args])
    assert res.exit_code == 1 and out.read_text() == ""
    assert json.loads(res.stdout[res.stdout.index("{"):res.stdout.rindex("}") + 1])["report"] == str(rep)
    html = rep.read_text()  # this run's (empty) report, not the last run's
    assert "t1" not in html and "No valid conversation was read from the inputs (2 bad records skipped)" in html
    res = CliRunner().invoke(cli, ["analyze", str(bad), "--report", str(rep), "-q"])
    assert f"report:  {rep}" in res.stdout
