"""The one exception hierarchy of patiently.

    PatientlyError
    ├── InputError            bad user input (a file, a record, an option)
    │   ├── RecordError       one bad record: file, line and field are known
    │   └── OptionError       one bad reader option value: the option and its line are known
    ├── ConfigError           a settings or rubric file that does not validate
    ├── ModelError            an embedding model that cannot be loaded
    └── PluginError           a detector or reader entry point that fails to load
"""

from __future__ import annotations


class PatientlyError(Exception):
    """Base class for every error patiently raises on purpose."""


class InputError(PatientlyError):
    """Input that cannot be used as given; the message says what to do next."""


class RecordError(InputError):
    """One record of an input file is invalid; the rest of the file is still read."""

    def __init__(self, file: str, line: int | None, field: str | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
        where = file if line is None else f"{file}:{line}"
        what = f" field '{field}'" if field else ""
        super().__init__(f"{where}:{what} {reason}".replace(": ", ": ", 1))

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "reason": self.reason}


class OptionError(InputError):
    """A reader option as typed (``--role``, or the web import form's ``roles`` field) that
    cannot be used; ``line`` is the 1-based item of a repeated option or line of a text field."""

    def __init__(self, option: str, reason: str, line: int | None = None) -> None:
        self.option = option
        self.reason = reason
        self.line = line
        super().__init__(f"{option}{'' if line is None else f' line {line}'}: {reason}")


class ConfigError(PatientlyError):
    """A settings file, rubric or override that does not validate."""


class ModelError(PatientlyError):
    """An embedding model that is missing or cannot be loaded offline."""


class PluginError(PatientlyError):
    """A registered detector that cannot be loaded or does not follow the contract."""
