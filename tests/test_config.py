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
    p.write_text("- a\n- b\n")
    with pytest.raises(ConfigError, match="mapping of sections"):
        load_settings(p)
    p.write_text("")
    assert load_settings(p).pressure == load_settings().pressure  # an empty file: the defaults
