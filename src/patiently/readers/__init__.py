"""Streaming readers: files in, Conversations (and RecordErrors) out.

    read_conversations(paths, ReadOptions(...)) -> Iterator[Conversation | RecordError]

Formats: canonical conversation ``jsonl``, one-row-per-message ``csv``, the Kaggle Twitter
support export ``twcs``, plain-text ``transcript``, and help-desk exports: ``zendesk``
(tickets with comments), ``freshdesk`` (tickets with conversations) and ``intercom``
(conversations with parts), as JSON Lines, a JSON array or an API page; ``auto`` picks one
per file with :func:`detect_format`.

Errors in records are *yielded*, not raised, so a caller can count and report them and
still analyse every valid conversation: a record with an error is skipped and reported
once, with the 1-based physical line where it starts and the field (``messages[3].role``
for JSONL, the column name for CSV). A bad timestamp is the one exception: the message is
kept without a time and a RecordError whose reason starts with ``warning:`` comes before
its conversation (see :func:`is_warning`). Among several files, one whose format cannot
be told (:class:`FormatUnknownError`) is skipped and reported as a RecordError without a
line (see :func:`is_file_error`) before any conversation is read; the only file given
raises it. A skipped record whose id could be read is a :class:`SkippedRecord` naming it.
A file that cannot be read at all raises :class:`~patiently.errors.InputError`.

Every reader except ``twcs`` (whose reply links span the file) holds one record at a time,
so input size does not matter; gzip-compressed files (``.gz``) are read transparently.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, RecordError
from ..model import Conversation
from ._common import DEFAULT_ROLES, FORMATS, ReadOptions, SkippedRecord, open_binary
from ._csvrows import DELIMITERS
from .csvfile import read_csv
from .freshdesk import read_freshdesk
from .intercom import read_intercom
from .jsonl import read_jsonl
from .transcript import SPEAKER_LINE, read_transcript
from .twcs import read_twcs
from .zendesk import read_zendesk

__all__ = ["DEFAULT_ROLES", "FORMATS", "FormatUnknownError", "ReadOptions", "SkippedRecord", "detect_format",
           "is_file_error", "is_warning", "plan_files", "read_conversations"]

Reader = Callable[[Path, ReadOptions], Iterator[Conversation | RecordError]]
READERS: dict[str, Reader] = {
    "jsonl": read_jsonl, "csv": read_csv, "twcs": read_twcs, "transcript": read_transcript,
    "zendesk": read_zendesk, "freshdesk": read_freshdesk, "intercom": read_intercom,
}
# Keys that only one kind of JSON export has (a quote before them must not be escaped, so a
# message text that mentions a key does not count). Help desks are told apart by these.
_JSON_MARKERS: dict[str, re.Pattern[str]] = {
    kind: re.compile(r'(?<!\\)"(?:' + keys + r')"\s*:') for kind, keys in {
        "jsonl": r"messages",
        "zendesk": r"plain_body|html_body|author_id|collaborator_ids|email_cc_ids|satisfaction_rating",
        "freshdesk": r"description_text|body_text|responder_id|fr_escalated|support_email|fr_due_by",
        "intercom": r"conversation_parts|part_type|delivered_as|conversation_message",
    }.items()
}

_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
               ".txt": "transcript", ".log": "transcript"}
_SNIFF_BYTES = 64 * 1024


_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")  # the UTF-32 ones start with these too


class FormatUnknownError(InputError):
    """A file whose format cannot be told (or is not one of ours): among several inputs it is
    skipped and reported, so one stray file (a README picked up by a glob) costs only itself."""


def is_warning(error: RecordError) -> bool:
    """True for a RecordError that did not cost its record (its conversation is still yielded)."""
    return error.reason.startswith("warning:")


def is_file_error(error: RecordError) -> bool:
    """True for a RecordError that cost a whole file (its format could not be told): every
    record error names its line, a file-level one has none."""
    return error.line is None


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _head(path: Path, encoding: str) -> str:
    with open_binary(path) as f:
        try:
            data = f.read(_SNIFF_BYTES)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{path}: cannot be read ({exc})") from exc
    if data.startswith(_UTF16_32_BOMS) and "\n".encode(encoding) == b"\n":
        # Read line by line as UTF-8, such a file would give one error per line, none saying why.
        raise FormatUnknownError(f"{path}: is UTF-16 or UTF-32 text; convert it to UTF-8 first, e.g. "
                                 f"`iconv -f UTF-16 -t UTF-8 {path.name} > utf8-{path.name}`")
    return data.decode(encoding, errors="replace").lstrip("\ufeff")


def _csv_kind(first_line: str) -> str:
    cells = {c.strip().strip('"').lower() for c in first_line.split(",")}
    return "twcs" if {"tweet_id", "author_id", "inbound"} <= cells else "csv"


def _json_kind(path: Path, head: str) -> str:
    """Which JSON export ``head`` starts: the one kind whose marker keys it has. Canonical
    records (``"messages"``, which no help desk uses) win, so their extra metadata keys
    never make them look like an export; with no markers at all it is jsonl too."""
    found = [kind for kind, marker in _JSON_MARKERS.items() if marker.search(head)]
    if "jsonl" in found:
        return "jsonl"
    helpdesks = found
    if len(helpdesks) > 1:
        raise FormatUnknownError(f"{path}: looks like more than one help-desk export ({', '.join(helpdesks)}); "
                         f"pass the format explicitly")
    return helpdesks[0] if helpdesks else "jsonl"


def detect_format(path: Path, encoding: str = "utf-8") -> str:
    """The format of one file: by extension, else by sniffing its first bytes (read in ``encoding``).

    ``.jsonl``/``.ndjson``/``.json`` -> zendesk, freshdesk or intercom when the first 64 KB
    have keys only that help desk's export has (``html_body``, ``description_text``,
    ``conversation_parts``...; two help desks at once is an error), else jsonl; ``.csv``/``.tsv``
    -> twcs when the header has ``tweet_id, author_id, inbound``, else csv (whose delimiter
    the CSV reader finds); ``.txt``/``.log`` ->
    transcript. A file it cannot place raises :class:`FormatUnknownError`.
    """
    path = Path(path)
    kind = _EXTENSIONS.get(_suffix(path))
    head = _head(path, encoding)  # also proves the file exists and is readable
    text = head.lstrip()
    first_line = text.split("\n", 1)[0]
    if kind == "jsonl" or (kind is None and text.startswith(("{", "["))):
        json_kind = _json_kind(path, text)
        if json_kind != "jsonl":
            return json_kind
        if text.startswith("["):
            raise FormatUnknownError(f"{path}: is a JSON array, not JSON Lines; convert it with "
                             f"`jq -c '.[]' {path.name} > {path.stem}.jsonl`")
        return "jsonl"
    if kind == "csv":
        return _csv_kind(first_line)
    if kind == "transcript":
        return kind
    if any(d in first_line for d in DELIMITERS) and ("conversation_id" in first_line.lower()
                                                or "tweet_id" in first_line.lower()):
        return _csv_kind(first_line)
    if any(SPEAKER_LINE.match(line) for line in text.splitlines()[:50]):
        return "transcript"
    raise FormatUnknownError(
        f"{path}: cannot tell the input format from its name or content; name it .jsonl, .csv or .txt, "
        f"or pass the format explicitly (one of {', '.join(FORMATS[1:])})")


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    if isinstance(paths, str | Path):
        paths = [paths]
    for p in paths:
        path = Path(p)
        if path.is_dir():
            # A folder means "its input files", in a stable order; other files are not ours to guess.
            found = sorted(q for q in path.iterdir() if q.is_file() and _suffix(q) in _EXTENSIONS)
            if not found:
                raise InputError(f"{path}: folder holds no .jsonl, .csv or .txt files")
            yield from found
        else:
            yield path


def plan_files(paths: Iterable[str | Path], options: ReadOptions | None = None,
               ) -> list[tuple[Path, str] | RecordError]:
    """Each input file with its format, or the file-level RecordError that skips it.

    Every file is checked before any is read, so a missing or unreadable file, or the only
    file's unknown format, raises (InputError) before a caller has written anything.
    """
    options = options or ReadOptions()
    files = list(_expand(paths))
    plan: list[tuple[Path, str] | RecordError] = []
    for path in files:
        if options.format != "auto":
            open_binary(path).close()  # proves it exists and is readable, as detection does
            plan.append((path, options.format))
            continue
        try:
            plan.append((path, detect_format(path, options.encoding)))
        except FormatUnknownError as exc:
            if len(files) == 1:
                raise
            reason = str(exc).removeprefix(f"{path}: ")
            plan.append(RecordError(str(path), None, None, f"{reason}; the file was skipped"))
    return plan


def read_conversations(paths: Iterable[str | Path], options: ReadOptions | None = None,
                       ) -> Iterator[Conversation | RecordError]:
    """Conversations from every file in turn, with RecordErrors inline (see the module doc)."""
    options = options or ReadOptions()
    for entry in plan_files(paths, options):
        if isinstance(entry, RecordError):
            yield entry
        else:
            yield from READERS[entry[1]](entry[0], options)
