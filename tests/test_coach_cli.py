"""``patiently check`` as a standalone click command (the lead attaches it to the main CLI)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from patiently.coach.cli import check_command


def run(*args: str, stdin: bytes | str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(check_command, list(args), input=stdin)
    return r.exit_code, r.stdout, r.stderr


def test_human_output() -> None:
    code, out, _ = run("You should have saved your work.")
    assert code == 0 and "blame" in out and "Next time, it helps to save your work" in out


def test_json_and_context_file(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.txt"
    ctx.write_text("Customer: I'm not very technical, what do I do?\n", encoding="utf-8")
    code, out, _ = run("Check the IMAP settings.", "--context", str(ctx), "--json")
    data = json.loads(out)
    assert code == 0 and "non_technical" in data["context"]["customer"]
    assert data["flags"][0]["category"] == "jargon" and data["flags"][0]["severity"] == "problem"


def test_stdin_and_fail_on() -> None:
    code, out, _ = run("-", "--fail-on", "warning", stdin="As I said, restart it.")
    assert code == 1 and "impatient_repeat" in out
    code, _, _ = run("-", "--fail-on", "warning", stdin="Thanks, I'm on it and will update you by 3pm.")
    assert code == 0


def test_bad_input_exits_2() -> None:
    for args, stdin in ((["-"], b"\xff\xfe\x00\x89binary"), (["   "], None), (["ok", "--context", "{bad"], None),
                        (["-"], b"x" * (1024 * 1024 + 10))):
        code, _, err = run(*args, stdin=stdin)
        assert code == 2 and err.startswith("error:"), (args, err)


def test_bom_in_context_files_and_on_stdin(tmp_path: Path) -> None:
    """Files saved by Windows Notepad start with a BOM: it was 'text before the first speaker
    line', and a draft on stdin kept it (and lost its capital in the rewrite)."""
    txt, jsonl = tmp_path / "ctx.txt", tmp_path / "ctx.jsonl"
    txt.write_bytes(b"\xef\xbb\xbfCustomer: My VPN keeps dropping!!\r\nAgent: ok\r\nCustomer: It STILL drops.\r\n")
    jsonl.write_bytes(b'\xef\xbb\xbf{"messages":[{"role":"customer","text":"It STILL drops!!"}]}\n')
    for ctx in (txt, jsonl):
        code, out, err = run("Please restart it.", "--context", str(ctx), "--json")
        assert code == 0, err
        assert "frustrated" in json.loads(out)["context"]["customer"]
    code, out, _ = run("-", "--json", stdin=b"\xef\xbb\xbfJust restart it.")
    data = json.loads(out)
    assert code == 0 and data["draft"] == "Just restart it."
    assert data["flags"][0]["suggestion"] == "Let's restart it."


def test_context_that_names_no_file(tmp_path: Path) -> None:
    """A mistyped path was parsed as a transcript ('text before the first speaker line')."""
    for value, needle in ((str(tmp_path), "is a directory"), (str(tmp_path / "missing.txt"), "no such file"),
                          ("ctx.jsonl", "no such file"), ("/nonexistent/file", "no such file")):
        code, _, err = run("ok", "--context", value)
        assert code == 2 and err.startswith(f"error: --context {value}: {needle}"), err
    # Transcript text that merely mentions a path is still text.
    code, out, err = run("ok", "--context", "Customer: the log is in /var/log/app.txt")
    assert code == 0 and "Context: 1 message;" in out, err


def test_text_that_is_not_valid_unicode(tmp_path: Path) -> None:
    """A non-UTF-8 byte in argv becomes a surrogate (surrogateescape): --json gave a traceback.
    A lone "\\ud800" escape in a JSONL context made the verdict "Looks good"."""
    code, out, err = run("Caf\udce9, just restart it.", "--json")
    assert (code, out) == (2, "") and err.startswith("error: draft is not UTF-8 text: byte 0xe9 at character 4")
    code, _, err = run("ok", "--context", "Customer: caf\udce9 broken")
    assert code == 2 and err.startswith("error: --context is not UTF-8 text: byte 0xe9"), err
    ctx = tmp_path / "surr.jsonl"
    ctx.write_text('{"messages":[{"role":"customer","text":"\\ud800 it is broken!!"}]}\n', encoding="utf-8")
    code, _, err = run("ok", "--context", str(ctx))
    assert code == 2 and err.startswith("error: context.messages[0].text: text is not valid Unicode"), err


def test_control_characters_in_the_draft_are_shown_not_sent_to_the_terminal() -> None:
    draft = "As I said, you should have restarted the router \x1b[2J earlier, it is obvious. \x9b"
    code, out, _ = run(draft)
    assert code == 0 and "blame" in out
    assert "\x1b" not in out and "\x9b" not in out  # neither the escape nor the C1 CSI reaches the terminal
    assert "\u241b[2J" in out  # shown as the control picture, so the agent sees what was there
    code, out, _ = run(draft, "--json")
    assert code == 0 and "\x1b" not in out and "\x9b" not in out
    result = json.loads(out)  # the JSON still holds the real characters, as escapes
    assert any("\x1b[2J" in f["suggestion"] for f in result["flags"])


def test_the_line_end_after_a_piped_draft_is_not_part_of_it() -> None:
    code, out, _ = run("-", "--json", stdin="As I said, restart it.\n")
    assert code == 0 and json.loads(out)["draft"] == "As I said, restart it."
    code, out, _ = run("-", "--json", stdin="Line one.\r\n\r\nLine two.\r\n")
    assert json.loads(out)["draft"] == "Line one.\r\n\r\nLine two."  # only the last line end goes
    code, out, _ = run("Thanks for waiting!", "--context", "Customer: my VPN drops")
    assert "Context: 1 message;" in out
