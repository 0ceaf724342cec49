"""The import form's reader options: read by the CLI's rules, stored with the job, and pointed
at when a job's errors give advice in CLI terms.

The form takes what ``patiently analyze`` takes (``--role``, ``--csv-column``,
``--csv-delimiter``, ``--encoding``, ``--internal-notes``) as fields, pairs one a line, and
:func:`patiently.readers.options.parse_read_options` reads both, so a value means the same in
either place. The readers' messages name the CLI flags (the CLI is where most of them are
read); :func:`form_hints` says which form field does the same, rather than rewording them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import ROLES
from ..readers import ReadOptions
from ..readers._common import CSV_FIELDS, INTERNAL_NOTES
from ..readers.options import OptionNames, as_lines, parse_read_options

# The form's field names, which the errors name (``roles line 2: ...``).
FORM_NAMES = OptionNames(roles="roles", csv_columns="csv_columns", csv_delimiter="csv_delimiter",
                         encoding="encoding", internal_notes="internal_notes")
# What the page offers, also in its JSON twin, so a script can build a valid request.
CHOICES: dict[str, list[str]] = {"internal_notes": list(INTERNAL_NOTES), "roles": list(ROLES),
                                 "csv_fields": list(CSV_FIELDS)}


@dataclass(frozen=True)
class FormOptions:
    """The option fields as the form sent them (blank: the reader's default)."""

    roles: str = ""
    csv_columns: str = ""
    csv_delimiter: str = ""
    encoding: str = ""
    internal_notes: str = ""

    def read_options(self, fmt: str) -> ReadOptions:
        """ReadOptions by the CLI's rules; raises OptionError naming the field (and line), or
        InputError when ReadOptions refuses the set."""
        # A delimiter is one character, possibly a space: strip only around a visible one.
        delimiter = self.csv_delimiter.strip() or self.csv_delimiter or None
        return parse_read_options(fmt, roles=_lines(self.roles), csv_columns=_lines(self.csv_columns),
                                  csv_delimiter=delimiter, encoding=self.encoding.strip() or "utf-8",
                                  internal_notes=self.internal_notes.strip() or "skip", names=FORM_NAMES,
                                  numbered=True)


def _lines(text: str) -> list[str]:
    """A text field's lines as a browser shows them (not ``splitlines``, which also splits at
    form feeds and U+2028 and would shift the line numbers the errors give)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def stored_options(options: ReadOptions) -> dict[str, Any]:
    """What a job keeps of its reader options (JSON), in the form's terms."""
    return {"roles": dict(options.role_map or {}), "csv_columns": dict(options.csv_columns or {}),
            "csv_delimiter": options.csv_delimiter, "encoding": options.encoding,
            "internal_notes": options.internal_notes}


def shown_options(stored: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The options a job used that differ from the defaults, as (label, value) for its page."""
    if not stored:
        return []
    delimiter = stored.get("csv_delimiter")
    encoding, notes = stored.get("encoding") or "utf-8", stored.get("internal_notes") or "skip"
    shown = [("Roles", ", ".join(as_lines(stored.get("roles")))),
             ("CSV columns", ", ".join(as_lines(stored.get("csv_columns")))),
             ("CSV delimiter", "tab" if delimiter == "\t" else repr(delimiter) if delimiter else ""),
             ("Encoding", "" if encoding == "utf-8" else str(encoding)),
             ("Internal notes", "" if notes == "skip" else str(notes))]
    return [(label, value) for label, value in shown if value]


# CLI flags the readers' advice names, and the form field that does the same.
_FLAG_FIELDS: dict[str, str] = {
    "--role": "Roles (one NAME=ROLE a line)",
    "--csv-column": "CSV columns (one FIELD=NAME a line)",
    "--csv-delimiter": "CSV delimiter",
    "--encoding": "Encoding",
    "--internal-notes": "Internal notes",
    "--format": "Format",
}
_FLAG = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in _FLAG_FIELDS) + r")(?![\w-])")


def form_hints(texts: Iterable[str | None]) -> list[str]:
    """One line per CLI flag that ``texts`` (a job's message and error reasons) advise, naming
    the import form's field that does the same, in the order first advised."""
    flags: dict[str, None] = {}
    for text in texts:
        for m in _FLAG.finditer(text or ""):
            flags.setdefault(m.group(1))
    return [f"Where a message says {flag}, use the import form's {_FLAG_FIELDS[flag]} field instead and import "
            "the file again (conversations imported before are updated, not duplicated)." for flag in flags]
