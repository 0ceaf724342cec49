"""Reader options as people type them, read by one set of rules for the command line and the
web import form.

The CLI repeats an option (``--role 55501=agent --role bot=system``); the form takes one pair
a line. Both come here, so a value the CLI takes the form takes too, and a bad one is an
:class:`~patiently.errors.OptionError` naming the option (``--role`` or ``roles``) and, for
the form, the line to fix. Each pair is checked on its own (a role ReadOptions would refuse
for the whole map is named with its line); ReadOptions checks the result again when built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import OptionError
from ..model import ROLES
from ._common import CSV_FIELDS, INTERNAL_NOTES, ReadOptions, usable_delimiter

SHOWN_CHARS = 80  # of a bad value quoted back: a pasted file must not become the error message


@dataclass(frozen=True)
class OptionNames:
    """What each option is called where it was typed, for the messages."""

    roles: str = "--role"
    csv_columns: str = "--csv-column"
    csv_delimiter: str = "--csv-delimiter"
    encoding: str = "--encoding"
    internal_notes: str = "--internal-notes"


CLI_NAMES = OptionNames()


def _shown(value: str) -> str:
    return repr(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…")


def _pairs(items: Iterable[str], option: str, shape: str, example: str,
           numbered: bool) -> Iterable[tuple[int | None, str, str, str]]:
    """(line, item, key, value) of each non-blank item; a blank line of a form is skipped but
    still counted, so the line numbers match what the user sees."""
    for n, item in enumerate(items, 1):
        if not item.strip():
            continue
        line = n if numbered else None
        key, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not key or not value:
            raise OptionError(option, f"{_shown(item.strip())} must be {shape}, e.g. {example}", line)
        yield line, item.strip(), key, value


def parse_roles(items: Iterable[str], option: str = CLI_NAMES.roles, numbered: bool = False) -> dict[str, str]:
    """``NAME=ROLE`` items (a speaker name, role synonym, author type or help-desk author id)
    as ReadOptions.role_map; a later item for the same name wins."""
    out: dict[str, str] = {}
    for line, item, key, value in _pairs(items, option, "NAME=ROLE", "55501=agent or helpdesk-bot=system",
                                         numbered):
        if value not in ROLES:
            raise OptionError(option, f"{_shown(item)}: unknown role {_shown(value)}; roles are {', '.join(ROLES)}",
                              line)
        out[key] = value
    return out


def parse_csv_columns(items: Iterable[str], option: str = CLI_NAMES.csv_columns,
                      numbered: bool = False) -> dict[str, str]:
    """``FIELD=NAME`` items (which CSV column holds a field) as ReadOptions.csv_columns."""
    out: dict[str, str] = {}
    for line, item, key, value in _pairs(items, option, "FIELD=NAME", "text=body", numbered):
        if key not in CSV_FIELDS:
            raise OptionError(option, f"{_shown(item)}: unknown field {_shown(key)}; fields are "
                                      f"{', '.join(CSV_FIELDS)}", line)
        out[key] = value
    return out


def parse_delimiter(value: str | None, option: str = CLI_NAMES.csv_delimiter) -> str | None:
    """One character, or ``tab`` (a tab is hard to type in a shell or a form); None: guessed."""
    if value is None:
        return None
    value = "\t" if value.lower() in ("tab", "\\t") else value
    if not usable_delimiter(value):
        raise OptionError(option, f"{_shown(value)}: give one character (e.g. ';' or '|') or 'tab'")
    return value


def check_encoding(value: str, option: str = CLI_NAMES.encoding) -> str:
    """A text encoding the readers can use. They split lines on the byte ``\\n``, so only
    encodings that keep it one byte (UTF-8, Latin-1, cp1252...) can be read; UTF-16 must be
    converted first."""
    try:
        newline = "\n".encode(value)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise OptionError(option, f"unknown text encoding {_shown(value)}; e.g. utf-8, latin-1, cp1252") from None
    if newline != b"\n":
        raise OptionError(option, f"{_shown(value)} files cannot be read line by line; convert them to UTF-8 "
                                  "first, e.g. `iconv -f UTF-16 -t UTF-8 in.jsonl > out.jsonl`")
    return value


def parse_read_options(fmt: str = "auto", *, roles: Iterable[str] = (), csv_columns: Iterable[str] = (),
                       csv_delimiter: str | None = None, encoding: str = "utf-8", internal_notes: str = "skip",
                       max_message_chars: int = 100_000, names: OptionNames = CLI_NAMES,
                       numbered: bool = False) -> ReadOptions:
    """ReadOptions from options as typed; ``numbered``: items are lines of a text field, and
    errors name the line. Raises OptionError for a bad value, InputError for a bad set."""
    if internal_notes not in INTERNAL_NOTES:
        raise OptionError(names.internal_notes, f"{_shown(internal_notes)}: one of {', '.join(INTERNAL_NOTES)}")
    role_map = parse_roles(roles, names.roles, numbered)
    mapping = parse_csv_columns(csv_columns, names.csv_columns, numbered)
    return ReadOptions(format=fmt, csv_columns=mapping or None, role_map=role_map or None,
                       max_message_chars=max_message_chars, internal_notes=internal_notes,
                       encoding=check_encoding(encoding, names.encoding),
                       csv_delimiter=parse_delimiter(csv_delimiter, names.csv_delimiter))


def as_lines(pairs: Mapping[str, str] | None) -> list[str]:
    """A role map or column mapping back as the ``KEY=VALUE`` items it was typed as."""
    return [f"{k}={v}" for k, v in (pairs or {}).items()]
