"""Control characters from the input never reach the terminal raw (QA pass 3: 5): an agent
named with an escape sequence must not clear the screen, a scenario title must not retitle
the window. They are shown as their Unicode pictures (ESC as U+241B) instead."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from patiently.cli import cli
from patiently.practice.cli import practice_command
from patiently.terminal import json_for_terminal, visible

SCENARIOS = Path(__file__).resolve().parents[1] / "src" / "patiently" / "practice" / "scenarios"
NASTY = "\x1b[2J\x1b]0;PWNED\x07\x9b31m\r"


def test_visible_is_one_character_for_one() -> None:
    assert visible("a\x1b[2Jb\tc\nd\x7f\x9b") == "a\u241b[2Jb\tc\nd\u2421\ufffd"
    assert visible("a\tb\nc\r", "") == "a\u2409b\u240ac\u240d"
    assert len(visible(NASTY)) == len(NASTY) and visible("plain ünïcode ✓") == "plain ünïcode ✓"
    assert json.loads(json_for_terminal(json.dumps("x\x9by\x7f", ensure_ascii=False))) == "x\x9by\x7f"
    assert "\x9b" not in json_for_terminal(json.dumps("x\x9by", ensure_ascii=False))


def _conversation(tmp_path: Path) -> Path:
    conv = {"id": "e", "messages": [
        {"role": "customer", "author": "c", "text": "help!!! this is ridiculous"},
        {"role": "agent", "author": f"ag{NASTY}X", "text": f"As I said, just restart it {NASTY}"}]}
    path = tmp_path / "esc.jsonl"
    path.write_text(json.dumps(conv) + "\n", encoding="utf-8")
    return path


def test_analyze_table_and_errors_show_control_characters(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["analyze", str(_conversation(tmp_path)), "-q"])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.output and "\x07" not in res.output and "\x9b" not in res.output
    assert "ag\u241b[2J" in res.output
    bad = tmp_path / "bad.csv"
    bad.write_text(f"conversation_id,role,{NASTY}\nc1,agent,hi\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(bad), "-q"])
    assert res.exit_code == 1 and "\x1b" not in res.output and "\u241b]0;PWNED\u2407" in res.output


def test_explain_shows_control_characters(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["explain", str(_conversation(tmp_path)), "e"])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.output and "\x9b" not in res.output and "\u241b[2J" in res.output
    res = CliRunner().invoke(cli, ["explain", str(_conversation(tmp_path)), "e", "--json"])
    assert "\x9b" not in res.output
    assert json.loads(res.output)["messages"][1]["text"].endswith(NASTY)  # the data itself is kept


def test_practice_scenario_file_cannot_drive_the_terminal(tmp_path: Path) -> None:
    text = (SCENARIOS / "01-vpn-home-wifi.yaml").read_text(encoding="utf-8")
    text = text.replace("title: The VPN that only drops at home", 'title: "VPN \\e]0;PWNED\\a\\e[2J"')
    text = text.replace("  name: Priya Raman", '  name: "Priya \\e[31mRaman"')
    scenario = tmp_path / "sc.yaml"
    scenario.write_text(text, encoding="utf-8")
    script = tmp_path / "s.txt"
    script.write_text("Hi, sorry about this. Which network are you on?\n", encoding="utf-8")
    for args, stdin in (([str(scenario), "--script", str(script)], None), ([str(scenario)], "Hello\n/quit\n"),
                        ([str(scenario), "--script", str(script), "--json"], None)):
        res = CliRunner().invoke(practice_command, args, input=stdin)
        assert res.exit_code == 0, res.output
        assert "\x1b" not in res.output and "\x07" not in res.output, args
    assert "Debrief: VPN \u241b]0;PWNED\u2407" in CliRunner().invoke(
        practice_command, [str(scenario), "--script", str(script)]).output
