import pytest

from patiently.config import load_settings
from patiently.errors import ConfigError


def test_defaults_and_dotted_overrides() -> None:
    s = load_settings(overrides=["silence.chat_seconds=600", "repeat.similarity=0.8"])
    assert s.silence.chat_seconds == 600
    assert s.silence.threshold("chat") == 600
    assert s.silence.threshold("email") == 86400
    assert s.silence.threshold(None) == s.silence.default_seconds
    assert s.repeat.similarity == 0.8


def test_unknown_keys_are_rejected_with_their_path() -> None:
    with pytest.raises(ConfigError, match=r"silence\.chat_secs"):
        load_settings(overrides=["silence.chat_secs=5"])
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        load_settings(overrides=["silence"])


def test_settings_file(tmp_path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("pressure:\n  nudge_within_seconds: 30\n")
    assert load_settings(p).pressure.nudge_within_seconds == 30


def test_settings_file_with_a_section_twice_or_an_alias_names_the_line(tmp_path) -> None:
    # YAML keeps the last of two equal keys: the first "jargon:" would be dropped without a word
    p = tmp_path / "s.yaml"
    p.write_text("jargon:\n  rare_zipf: 2.5\npressure:\n  nudge_within_seconds: 30\njargon:\n  rare_zipf: 3\n")
    with pytest.raises(ConfigError, match=r"s\.yaml, line 5: 'jargon' is given twice"):
        load_settings(p)
    p.write_text("pressure: &p\n  nudge_within_seconds: 30\nsilence: *p\n")
    with pytest.raises(ConfigError, match=r"line 3: YAML aliases"):
        load_settings(p)
    for not_a_mapping in ("- a\n- b\n", "[]\n", "0\n", "false\n"):
        p.write_text(not_a_mapping)
        with pytest.raises(ConfigError, match="mapping of sections"):
            load_settings(p)
    p.write_text("")
    assert load_settings(p).pressure == load_settings().pressure  # an empty file: the defaults


def test_settings_errors_name_the_line_and_true_is_not_a_number(tmp_path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("silence:\n  chat_secs: 3\npressure:\n  nudge_within_seconds: true\n")
    with pytest.raises(ConfigError) as err:
        load_settings(p)
    assert "line 2: silence.chat_secs: Extra inputs are not permitted" in str(err.value)
    assert "line 4: pressure.nudge_within_seconds: expected a number, not true/false" in str(err.value)
    with pytest.raises(ConfigError, match=r"silence\.chat_seconds: expected a number.*\(from --set\)"):
        load_settings(None, ["silence.chat_seconds=true"])
    assert load_settings(overrides=["repeat.similarity=1"]).repeat.similarity == 1.0  # an int is a number


def test_yaml_keys_of_different_types_are_different_keys() -> None:
    from patiently.config import read_yaml

    data, _, problems = read_yaml('1: a\n"1": b\n')
    assert problems == [] and data == {1: "a", "1": "b"}


def test_yaml_nested_too_deeply_is_a_clear_error(tmp_path) -> None:
    p = tmp_path / "deep.yaml"
    for depth in (100, 5000):  # past the depth limit; past Python's recursion limit while parsing
        p.write_text("silence: " + "[" * depth + "]" * depth + "\n")
        with pytest.raises(ConfigError, match="nested too deeply"):
            load_settings(p)


def test_settings_file_in_utf16_or_with_a_bom(tmp_path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("pressure:\n  nudge_within_seconds: 30\n", encoding="utf-16")
    with pytest.raises(ConfigError, match=r"s\.yaml: cannot read settings: .*UTF-16.*save it as UTF-8"):
        load_settings(p)
    p.write_text("pressure:\n  nudge_within_seconds: 30\n", encoding="utf-8-sig")
    assert load_settings(p).pressure.nudge_within_seconds == 30
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path)
