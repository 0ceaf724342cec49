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
