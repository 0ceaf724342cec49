"""Scenario files: the built-in set is complete and valid; bad files fail with file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from patiently.errors import ConfigError
from patiently.practice.scenario import (
    SIDES,
    UnknownScenarioError,
    get_scenario,
    load_scenario_file,
    load_scenarios,
    parse_scenario,
)

SCENARIOS = load_scenarios()
TOPICS = ("vpn", "password lock-out", "printer", "email on a new phone", "phishing scare", "slow laptop",
          "shared-drive permissions", "data restore")


def test_at_least_twelve_scenarios_cover_every_side_and_topic() -> None:
    assert len(SCENARIOS) >= 12
    sides = {s for sc in SCENARIOS.values() for s in sc.sides}
    assert sides == set(SIDES)
    topics = {sc.topic for sc in SCENARIOS.values()}
    assert set(TOPICS) <= topics


@pytest.mark.parametrize("sid", list(SCENARIOS))
def test_scenario_is_rich(sid: str) -> None:
    sc = SCENARIOS[sid]
    assert sc.problem.facts and sc.problem.steps and sc.problem.root_cause
    # Variety: situations the customer meets often have more than one wording.
    for key in ("opening", "angry", "calmer", "repeat_question", "waiting", "resolved", "thanks"):
        assert len(sc.lines[key]) >= 2, f"{sid}: lines.{key} needs variety"
    assert all(len(f.reveal) >= 2 and len(f.ask) >= 2 for f in sc.problem.facts)
    assert set(sc.success.facts) <= {f.id for f in sc.problem.facts}


def _yaml(path: Path, **changes: str) -> str:
    text = path.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


VPN_FILE = Path(__file__).resolve().parents[2] / "src/patiently/practice/scenarios/01-vpn-home-wifi.yaml"


def test_unknown_key_names_file_and_field() -> None:
    bad = _yaml(VPN_FILE, **{"  pace: normal\n": "  pace: normal\n  favourite_colour: blue\n"})
    with pytest.raises(ConfigError) as exc:
        parse_scenario(bad, "my.yaml")
    assert "my.yaml" in str(exc.value) and "persona.favourite_colour" in str(exc.value)


def test_missing_lines_and_unknown_fact_reference_are_reported() -> None:
    bad = _yaml(VPN_FILE, **{"      requires: [home_only]\n": "      requires: [on_the_moon]\n"})
    with pytest.raises(ConfigError, match="on_the_moon"):
        parse_scenario(bad, "x.yaml")
    bad = _yaml(VPN_FILE, **{"  goes_quiet:\n": "  sulks:\n"})
    with pytest.raises(ConfigError, match="goes_quiet"):
        parse_scenario(bad, "x.yaml")


def test_yaml_number_gotcha_gets_a_hint() -> None:
    bad = _yaml(VPN_FILE, **{'"192.168"': "192.168"})
    with pytest.raises(ConfigError, match="quotes"):
        parse_scenario(bad, "x.yaml")


def test_not_yaml_and_not_a_mapping() -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        parse_scenario("a: [b", "x.yaml")
    with pytest.raises(ConfigError, match="mapping"):
        parse_scenario("- a\n- b\n", "x.yaml")
    with pytest.raises(ConfigError, match=r"x\.yaml, line 2: 'id' is given twice"):
        parse_scenario("id: a\nid: b\n", "x.yaml")


def test_get_scenario_by_id_by_file_and_unknown(tmp_path: Path) -> None:
    assert get_scenario("vpn-home-wifi").id == "vpn-home-wifi"
    p = tmp_path / "custom.yaml"
    p.write_text(_yaml(VPN_FILE, **{"id: vpn-home-wifi": "id: custom-vpn"}), encoding="utf-8")
    assert get_scenario(str(p)).id == "custom-vpn"
    assert load_scenario_file(p).id == "custom-vpn"
    with pytest.raises(UnknownScenarioError, match="vpn-home-wifi"):
        get_scenario("no-such-scenario")


def test_a_misspelt_finding_in_upset_by_is_refused_with_its_line() -> None:
    # it used to be accepted, and the persona's amplification silently never applied
    bad = _yaml(VPN_FILE, **{"upset_by: [dismissive,": "upset_by: [dismisive,"})
    with pytest.raises(ConfigError, match=r"line \d+: persona\.upset_by: unknown finding 'dismisive'; "
                                          r"did you mean 'dismissive'\?"):
        parse_scenario(bad, "x.yaml")


def test_scenario_files_that_cannot_be_read_say_why(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.yaml: cannot read scenario: No such file"):
        get_scenario(str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match="is a directory"):
        get_scenario(str(tmp_path))
    p = tmp_path / "u16.yaml"
    p.write_text(VPN_FILE.read_text(encoding="utf-8"), encoding="utf-16")
    with pytest.raises(ConfigError, match="UTF-16"):
        load_scenario_file(p)
    p.write_text(VPN_FILE.read_text(encoding="utf-8"), encoding="utf-8-sig")  # a BOM is fine
    assert load_scenario_file(p).id == "vpn-home-wifi"


def test_a_model_level_problem_has_no_empty_field() -> None:
    bad = _yaml(VPN_FILE, **{"  facts: [home_only]": "  facts: [no_such_fact, home_only]"})
    with pytest.raises(ConfigError) as exc:
        parse_scenario(bad, "x.yaml")
    assert "success.facts: unknown facts ['no_such_fact']" in str(exc.value)
    assert "  : " not in str(exc.value) and "Value error" not in str(exc.value)
