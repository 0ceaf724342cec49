"""The Kaggle "Customer Support on Twitter" (TWCS) export, rebuilt into reply threads.

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id`` (an unnamed leading index column, as in the shared file, is
ignored). Threads come from the reply links, which can point anywhere in the file, so
unlike the other readers this one holds the whole file as compact tuples before it emits
anything (about 2-3x the file size for the 500 MB full export).

Rules, chosen to match the dataset provider's own JSONL (``twcs-first-5000.jsonl``):

* a thread's root is a tweet with no ``in_response_to_tweet_id``, or whose parent is not in
  the file; every tweet reachable through reply links belongs to its root's thread;
* only support threads are emitted: the root is a customer tweet (``inbound`` True) and the
  thread has at least one customer and one agent (brand) message. Brand broadcasts with
  customer replies and unanswered tweets are skipped without an error;
* conversation id ``twcs-{root tweet id}``, channel ``social``, source ``twcs``; message id
  is the tweet id, author the ``author_id``; ``meta.in_reply_to`` keeps the parent tweet id.
* messages are ordered by time (ties and missing times keep reply order: depth first,
  replies by tweet id, which is the provider's order).

A bad tweet (unknown ``inbound`` value, empty or oversized text, duplicate id) is reported
and left out; its replies then start threads of their own, as orphans do.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ..errors import RecordError
from ..model import Conversation, Message
from ._common import (
    ReadOptions,
    author_name,
    bad_time,
    check_text,
    iter_lines,
    open_binary,
    parse_iso,
    too_many,
)
from ._csvrows import column_of_bad_cell, iter_rows

TWCS_COLUMNS = ("tweet_id", "author_id", "inbound", "created_at", "text", "in_response_to_tweet_id")
_TIME_FORMAT = "%a %b %d %H:%M:%S %z %Y"
_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


class Tweet(NamedTuple):
    author: str
    inbound: bool
    sent_at: datetime | None
    text: str
    parent: str | None
    line: int


def _norm_id(value: str) -> str:
    # pandas wrote the reply column as floats ("3.0") because of its empty cells.
    value = value.strip()
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    return value


def _id_key(tid: str) -> tuple[int, int, str]:
    return (0, int(tid), "") if tid.isdigit() else (1, 0, tid)


def _parse_time(value: str) -> datetime:
    try:
        return datetime.strptime(value, _TIME_FORMAT)
    except ValueError:
        return parse_iso(value)


def read_twcs(path: Path, options: ReadOptions) -> Iterator[Conversation | RecordError]:
    file = str(path)
    tweets: dict[str, Tweet] = {}
    with open_binary(path) as f:
        rows = iter_rows(iter_lines(f, options.encoding, options.line_limit), options)
        first = next(rows, None)
        if first is None:
            return
        header = [h.strip().lower() for h in (first.cells or [])]
        missing = [c for c in TWCS_COLUMNS if c not in header]
        if missing or first.problem:
            yield RecordError(file, 1, None, f"not a TWCS header: missing column(s) {', '.join(missing)}; "
                              f"found columns: {', '.join(header) or '(none)'}")
            return
        col = {c: header.index(c) for c in TWCS_COLUMNS}
        authors: dict[str, str] = {}  # one string object per brand/customer, not one per tweet
        for line, cells, problem, column in rows:
            if cells is None or problem:
                yield RecordError(file, line, column_of_bad_cell(cells, header, column), problem or "unreadable row")
                continue
            result = _tweet(file, line, cells, col, options, tweets, authors)
            if isinstance(result, RecordError):
                yield result
            else:
                tid, tweet, warning = result
                if warning is not None:
                    yield warning
                tweets[tid] = tweet
    yield from _threads(file, tweets, options)


def _tweet(file: str, line: int, cells: list[str], col: dict[str, int], options: ReadOptions,
           tweets: dict[str, Tweet], authors: dict[str, str],
           ) -> RecordError | tuple[str, Tweet, RecordError | None]:
    def cell(name: str) -> str:
        i = col[name]
        return cells[i] if i < len(cells) else ""

    tid = _norm_id(cell("tweet_id"))
    if not tid:
        return RecordError(file, line, "tweet_id", "missing tweet id")
    if tid in tweets:
        first = tweets[tid].line
        return RecordError(file, line, "tweet_id", f"duplicate tweet id {tid} (first on line {first})")
    inbound = _BOOLS.get(cell("inbound").strip().lower())
    if inbound is None:
        return RecordError(file, line, "inbound", f"inbound must be True or False, not {cell('inbound')!r}")
    text = cell("text")
    reason = check_text(text, options.max_message_chars)
    if reason:
        return RecordError(file, line, "text", reason)
    sent_at, warning = None, None
    raw_time = cell("created_at").strip()
    if raw_time:
        try:
            sent_at = _parse_time(raw_time)
        except ValueError:
            warning = bad_time(file, line, "created_at", raw_time)
    author = author_name(cell("author_id")) or ""
    author = authors.setdefault(author, author)
    parent = _norm_id(cell("in_response_to_tweet_id")) or None
    return tid, Tweet(author, inbound, sent_at, text, parent, line), warning


def _threads(file: str, tweets: dict[str, Tweet], options: ReadOptions,
             ) -> Iterator[Conversation | RecordError]:
    children: dict[str, list[str]] = {}
    for tid, t in tweets.items():
        if t.parent is not None and t.parent in tweets:
            children.setdefault(t.parent, []).append(tid)
    for kids in children.values():
        kids.sort(key=_id_key)
    visited: set[str] = set()
    roots = [tid for tid, t in tweets.items() if t.parent is None or t.parent not in tweets]
    # Tweets left unvisited after all roots sit in a reply cycle: break it at its first tweet.
    for tid in [*roots, *tweets]:
        if tid in visited:
            continue
        thread = _walk(tid, children, visited)
        root = tweets[tid]
        members = [tweets[m] for m in thread]
        if not root.inbound or all(m.inbound for m in members):
            continue
        if len(thread) > options.max_messages:
            yield RecordError(file, root.line, None, too_many(len(thread), options.max_messages))
            continue
        order = list(range(len(thread)))
        if all(m.sent_at is not None for m in members):
            order.sort(key=lambda i: members[i].sent_at)  # type: ignore[arg-type, return-value]
        messages = tuple(
            Message(thread[i], "customer" if members[i].inbound else "agent", members[i].text,
                    author=members[i].author or None, sent_at=members[i].sent_at,
                    meta={"in_reply_to": members[i].parent} if members[i].parent else {})
            for i in order)
        yield Conversation(f"twcs-{tid}", messages, channel="social", source="twcs")


def _walk(root: str, children: dict[str, list[str]], visited: set[str]) -> list[str]:
    """Depth-first reply order from ``root``; iterative because real threads can be deep."""
    out: list[str] = []
    stack = [root]
    while stack:
        tid = stack.pop()
        if tid in visited:
            continue
        visited.add(tid)
        out.append(tid)
        stack.extend(reversed(children.get(tid, ())))
    return out
