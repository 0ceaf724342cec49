"""A --db that cannot be opened is a clear error naming the URL, never a SQLAlchemy traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from patiently.cli import main
from patiently.errors import ConfigError
from patiently.web.db import open_database


@pytest.mark.parametrize(("url", "says"), [
    ("notaurl", "not a database URL"),
    ("mysql://x/db", "not supported"),
    ("sqlite:////no/such/folder/x.db", "cannot open the database: unable to open database file"),
])
def test_bad_database_urls(url: str, says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        open_database(url)


def test_the_password_is_not_shown() -> None:
    with pytest.raises(ConfigError) as err:
        open_database("postgresql://u:secret@127.0.0.1:1/db")  # nothing listens on port 1
    assert "secret" not in str(err.value) and "u:***@127.0.0.1:1/db" in str(err.value)


def test_cli_commands_exit_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = f"sqlite:///{tmp_path}/missing/x.db"
    for args in (["users", "create", "y", "--password", "abcdefghijkl", "--db", bad], ["serve", "--db", bad]):
        monkeypatch.setattr(sys, "argv", ["patiently", *args])
        with pytest.raises(SystemExit) as exit_:
            main()
        assert exit_.value.code == 2
        said = capsys.readouterr().err
        assert "cannot open the database" in said and "Traceback" not in said
    open_database(f"sqlite:///{tmp_path}/ok.db").dispose()  # and a good one opens, migrated


def test_export_reviews_needs_an_existing_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A read-only command: a mistyped path is an error, not a new empty database and "0 exported"."""
    missing = tmp_path / "nonexist.db"
    monkeypatch.setattr(sys, "argv", ["patiently", "export-reviews", "--db", f"sqlite:///{missing}"])
    with pytest.raises(SystemExit) as exit_:
        main()
    said = capsys.readouterr().err
    assert exit_.value.code == 2 and f"no database at {missing}" in said and "exported" not in said
    assert not missing.exists()
    # users create may still make one; export-reviews then reads it.
    monkeypatch.setattr(sys, "argv", ["patiently", "users", "create", "first", "--password", "abcdefghijkl",
                                      "--db", f"sqlite:///{missing}"])
    main()
    assert missing.exists()
    monkeypatch.setattr(sys, "argv", ["patiently", "export-reviews", "--db", f"sqlite:///{missing}"])
    main()
    assert "0 labelled finding(s) exported" in capsys.readouterr().err
