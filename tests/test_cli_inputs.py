"""`patiently analyze` and its inputs: outputs that would overwrite them, user text that looks
like rich markup, files whose format cannot be told, warnings, empty files, encodings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from patiently.cli import cli, main
from patiently.errors import InputError, RecordError
from patiently.readers import is_file_error, read_conversations

ROOT = Path(__file__).resolve().parents[1]
HELPDESK = ROOT / "examples" / "helpdesk"


def _record(cid: str, role: str = "customer", author: str | None = None, sent_at: object = None) -> str:
    message: dict[str, object] = {"role": role, "text": "My VPN keeps dropping, can you help?"}
    if author is not None:
        message["author"] = author
    if sent_at is not None:
        message["sent_at"] = sent_at
    return json.dumps({"id": cid, "messages": [message]})


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["analyze", *args])


def _flat(text: str) -> str:
    """Rich wraps at 80 columns under the test runner: compare words, not lines."""
    return " ".join(text.split())


# --- 1. an output that is an input ------------------------------------------------------------


@pytest.mark.parametrize("option", ["--out", "--errors", "--report"])
def test_an_output_naming_an_input_is_refused_and_the_input_kept(tmp_path: Path, option: str) -> None:
    inp = _write(tmp_path / "in.jsonl", [_record("a"), _record("b")])
    before = inp.read_bytes()
    # spelled differently from the input: the comparison is by file, not by string
    res = _run(str(inp), option, str(tmp_path / "." / "in.jsonl"), "-q")
    assert res.exit_code == 2
    assert option in res.output and "is also an input" in _flat(res.output)
    assert inp.read_bytes() == before


def test_an_output_naming_the_rubric_or_another_output_is_refused(tmp_path: Path) -> None:
    inp = _write(tmp_path / "in.jsonl", [_record("a")])
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text((ROOT / "src" / "patiently" / "rubrics" / "default.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    before = rubric.read_bytes()
    res = _run(str(inp), "--rubric", str(rubric), "--report", str(rubric), "-q")
    assert res.exit_code == 2 and "the --rubric" in _flat(res.output)
    assert rubric.read_bytes() == before
    same = tmp_path / "same.jsonl"
    res = _run(str(inp), "--out", str(same), "--errors", str(same), "-q")
    assert res.exit_code == 2 and "--errors" in res.output and not same.exists()


def test_a_missing_input_stops_the_run_before_out_is_emptied(tmp_path: Path) -> None:
    inp = _write(tmp_path / "in.jsonl", [_record("a")])
    out = _write(tmp_path / "results.jsonl", ['{"earlier": "results"}'])
    res = _run(str(inp), str(tmp_path / "missing.jsonl"), "--out", str(out), "-q")
    assert res.exit_code != 0 and isinstance(res.exception, InputError)
    assert "missing.jsonl: file not found" in str(res.exception)
    assert out.read_text(encoding="utf-8") == '{"earlier": "results"}\n'


# --- 2. user text is printed, never parsed as markup ------------------------------------------


def test_a_role_or_author_that_looks_like_markup_is_printed_literally(tmp_path: Path) -> None:
    inp = _write(tmp_path / "in.jsonl", [
        _record("a", role="[/x]"), _record("b", role="[bold]boss"),
        _record("c"), json.dumps({"id": "d", "messages": [
            {"role": "customer", "text": "It is broken again."},
            {"role": "agent", "author": "[/y] [bold]sam", "text": "Let me check that for you."}]})])
    out = tmp_path / "r.jsonl"
    res = _run(str(inp), "--out", str(out), "-q")
    assert res.exit_code == 0, res.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["c", "d"]
    text = _flat(res.output)
    assert "unknown role '[/x]'" in text and "unknown role '[bold]boss'" in text
    assert "[/y] [bold]sam" in text  # the agent table


def test_an_error_message_with_markup_is_printed_literally(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    inp = _write(tmp_path / "in.jsonl", [_record("a")])
    monkeypatch.setattr(sys, "argv", ["patiently", "analyze", str(inp), "-q",
                                      "--set", "rubric.behaviours.empathy.[/x]=2"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    assert "behaviours.empathy.[/x]" in _flat(capsys.readouterr().err)


# --- 4. a file whose format cannot be told ----------------------------------------------------


def test_the_documented_helpdesk_glob_skips_the_readme_and_analyses_the_rest(tmp_path: Path) -> None:
    files = sorted(str(p) for p in HELPDESK.iterdir())  # what the shell makes of examples/helpdesk/*
    assert any(f.endswith("README.md") for f in files)
    out, errors = tmp_path / "out" / "helpdesk.jsonl", tmp_path / "errors.jsonl"
    res = _run(*files, "--out", str(out), "--errors", str(errors))
    assert res.exit_code == 0, res.output
    assert len(out.read_text().splitlines()) == 10
    text = _flat(res.output)
    assert "README.md: cannot tell the input format" in text and "the file was skipped" in text
    assert "3 bad records skipped · 1 file skipped · 1 warning" in text
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    readme = [r for r in rows if r["file"].endswith("README.md")]
    assert readme == [{**readme[0], "line": None, "field": None, "skipped": True}]
    assert sum(r["skipped"] for r in rows) == 4 and sum(not r["skipped"] for r in rows) == 1


def test_an_unknown_format_is_a_file_error_among_several_and_fatal_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# notes\nnothing to see\n", encoding="utf-8")
    good = _write(tmp_path / "in.jsonl", [_record("a")])
    items = list(read_conversations([notes, good]))
    assert isinstance(items[0], RecordError) and is_file_error(items[0])
    assert items[0].file == str(notes) and "the file was skipped" in items[0].reason
    assert [getattr(i, "id", None) for i in items[1:]] == ["a"]
    with pytest.raises(InputError, match="cannot tell the input format"):
        list(read_conversations([notes]))
    res = _run(str(notes), "-q")
    assert res.exit_code != 0 and "cannot tell the input format" in str(res.exception)


# --- 10. warnings are not skipped records -----------------------------------------------------


def test_warnings_are_printed_and_counted_apart_from_skipped_records(tmp_path: Path) -> None:
    inp = _write(tmp_path / "in.jsonl", [_record("a", sent_at="not a date"), "{broken", _record("c")])
    res = _run(str(inp), "-q")
    assert res.exit_code == 0, res.output
    text = _flat(res.output)
    assert "warning: " + str(inp) + ":1: field 'messages[0].sent_at' unparseable timestamp" in text
    assert "skipped " + str(inp) + ":1" not in text and "skipped " + str(inp) + ":2" in text
    assert "1 bad records skipped · 1 warning ·" in text
    summary = _run(str(inp), "-q", "--json")
    data = json.loads(summary.stdout[summary.stdout.index("{"):])
    assert (data["conversations"], data["skipped_records"], data["warnings"], data["skipped_files"]) == (2, 1, 1, 0)
    assert [(e["line"], e["skipped"]) for e in data["errors"]] == [(1, False), (2, True)]


# --- 13. empty input, encodings ---------------------------------------------------------------


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    res = _run(str(empty), "-q")
    assert res.exit_code == 1
    text = _flat(res.output)
    assert f"no conversation in {empty}" in text
    assert "None" not in text and "errors above" not in text


def test_the_encoding_option_reads_latin1_and_refuses_utf16(tmp_path: Path) -> None:
    inp = tmp_path / "l1.jsonl"
    inp.write_bytes(json.dumps({"id": "a", "messages": [
        {"role": "customer", "text": "Caf\u00e9 wifi is down"}]}, ensure_ascii=False).encode("latin-1") + b"\n")
    assert "not valid utf-8" in _flat(_run(str(inp), "-q").output)
    out = tmp_path / "r.jsonl"
    res = _run(str(inp), "-q", "--encoding", "latin-1", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8"))["messages"][0]["text"] == "Caf\u00e9 wifi is down"
    wide = _run(str(inp), "-q", "--encoding", "utf-16")
    assert wide.exit_code == 2 and "convert them to UTF-8" in _flat(wide.output)
    u16 = tmp_path / "u16.jsonl"
    u16.write_bytes(_record("a").encode("utf-16") + "\n".encode("utf-16-le"))
    res = _run(str(u16), "-q")
    assert res.exit_code != 0 and "is UTF-16 or UTF-32 text; convert it to UTF-8" in str(res.exception)
