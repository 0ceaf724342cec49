"""``patiently practice``: list, scripted JSON, terminal chat, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from patiently.practice.cli import practice_command
from patiently.practice.engine import MAX_TRAINEE_CHARS
from patiently.practice.scenario import get_scenario


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(practice_command, list(args), input=input)


def test_list_json_has_id_and_title() -> None:
    r = run("--list", "--json")
    assert r.exit_code == 0
    items = json.loads(r.output)
    assert len(items) >= 12 and all({"id", "title"} <= set(i) for i in items)


def test_no_scenario_lists_them() -> None:
    r = run()
    assert r.exit_code == 0 and "vpn-home-wifi" in r.output and "patiently practice SCENARIO" in r.output


def test_script_json_has_transcript_final_state_and_debrief(tmp_path: Path) -> None:
    sc = get_scenario("password-lockout-repeat")
    script = tmp_path / "trainee.txt"
    script.write_text("# a comment\n" + "\n".join(sc.test_scripts.patient) + "\n\n", encoding="utf-8")
    r = run(sc.id, "--script", str(script), "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["transcript"][0]["role"] == "customer"
    assert len([m for m in out["transcript"] if m["role"] == "agent"]) == len(sc.test_scripts.patient)
    final = out["final_state"]
    assert {"anger", "confusion", "trust", "resolved", "facts_uncovered"} <= set(final)
    assert final["resolved"] is True and "phone_mail" in final["facts_uncovered"]
    assert out["debrief"]["scores"]["overall"] == out["debrief"]["overall"]
    assert "handling_repeats" in out["debrief"]["targets"]


def test_script_text_with_state(tmp_path: Path) -> None:
    script = tmp_path / "t.txt"
    script.write_text("Reinstall the VPN client.\n", encoding="utf-8")
    r = run("vpn-home-wifi", "--script", str(script), "--show-state")
    assert r.exit_code == 0 and "anger" in r.output and "Debrief" in r.output


def test_interactive_chat_with_state_and_debrief() -> None:
    r = run("vpn-home-wifi", "--show-state", input="Does it happen only at home or in the office too?\n/state\n/quit\n")
    assert r.exit_code == 0, r.output
    assert "Priya Raman:" in r.output and "anger" in r.output and "Debrief" in r.output


def test_unknown_scenario_and_empty_script(tmp_path: Path) -> None:
    r = run("nope")
    assert r.exit_code == 2 and "choose one of" in r.output
    empty = tmp_path / "e.txt"
    empty.write_text("\n# nothing\n", encoding="utf-8")
    r = run("vpn-home-wifi", "--script", str(empty))
    assert r.exit_code == 2 and "no trainee messages" in r.output


def test_script_with_a_bom(tmp_path: Path) -> None:
    """A script saved by Windows Notepad: the BOM was sent as part of the first message, and a
    first line '# comment' was not skipped."""
    script = tmp_path / "bom.txt"
    script.write_bytes(b"\xef\xbb\xbf# a comment\r\nIs it only at home?\r\n")
    for source, stdin in ((str(script), None), ("-", script.read_bytes().decode("utf-8"))):
        r = run("vpn-home-wifi", "--script", source, "--json", input=stdin)
        assert r.exit_code == 0, r.output
        said = [m["text"] for m in json.loads(r.output)["transcript"] if m["role"] == "agent"]
        assert said == ["Is it only at home?"]


@pytest.mark.parametrize("line", ["\x07\x1b[31m\x00", "\u200b\u202e", "\x1b[0m \x1b[1;32m"])
def test_script_line_of_only_control_characters_is_refused_with_its_number(tmp_path: Path, line: str) -> None:
    script = tmp_path / "odd.txt"
    script.write_text(f"# comment\n\n\x0c\nIs it only at home?\n{line}\nThanks!\n", encoding="utf-8")
    r = run("vpn-home-wifi", "--script", str(script), "--json")
    assert r.exit_code == 2 and f"{script} line 5:" in r.output and "write something to the customer" in r.output


def test_script_line_over_the_web_apps_limit_is_refused(tmp_path: Path) -> None:
    script = tmp_path / "long.txt"
    script.write_text("Hello there.\n" + "word " * (MAX_TRAINEE_CHARS // 5) + "x" * 10 + "\n", encoding="utf-8")
    r = run("vpn-home-wifi", "--script", str(script), "--json")
    assert r.exit_code == 2 and f"{script} line 2:" in r.output and f"at most {MAX_TRAINEE_CHARS:,}" in r.output
    script.write_text("Hello there " + "x" * (MAX_TRAINEE_CHARS - 12) + "\n", encoding="utf-8")  # exactly at it
    assert run("vpn-home-wifi", "--script", str(script), "--json").exit_code == 0


def test_interactive_does_not_send_a_line_of_control_characters() -> None:
    r = run("vpn-home-wifi", input="\x07\x1b[31m\nDoes it happen only at home?\n/quit\n")
    assert r.exit_code == 0, r.output
    assert "not sent: write something" in r.output and r.output.count("you> ") >= 3


def test_chat_commands_in_a_script_are_not_sent_to_the_customer(tmp_path: Path) -> None:
    sc = get_scenario("password-lockout-repeat")
    first, second, *rest = sc.test_scripts.patient
    script = tmp_path / "trainee.txt"
    script.write_text(f"{first}\n/state\n{second}\n/debrief\n" + "\n".join(rest) + "\n", encoding="utf-8")
    out = json.loads(run(sc.id, "--script", str(script), "--json").output)
    said = [m["text"] for m in out["transcript"] if m["role"] == "agent"]
    assert said == [first, second]  # /state skipped, /debrief ended the script: nothing after it was sent
    only = tmp_path / "only.txt"
    only.write_text("/debrief\n", encoding="utf-8")
    r = run(sc.id, "--script", str(only))
    assert r.exit_code == 2 and "has no trainee messages" in r.output
