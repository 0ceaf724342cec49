"""Due times of commitments ("I'll call you back by 3 pm"), relative to when they were said.

Stdlib only. Clock times are read in the timezone of the message's ``sent_at`` (an aware
datetime keeps its tzinfo, a naive one stays naive), because "by 3 pm" means 3 pm where the
agent wrote it. A clock time already past when it was said means the next day. Without a
``sent_at``, relative expressions ("in 2 hours") still give ``seconds`` but no ``due``.

"As soon as it's ready" (QA pass 25) is tied to an event, not the word "soon": the whole clause is the due text and
``Due.event`` says so (the vague default still stands for its seconds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

# Hours that vague day parts stand for (office conventions, not precise promises).
MORNING_HOUR = 12  # "tomorrow morning": before noon
AFTERNOON_HOUR = 17
EVENING_HOUR = 20
END_OF_DAY_HOUR = 17  # "by end of day", "tomorrow", "on Monday"
MOMENT_SECONDS = 5 * 60  # "in a minute", "in a moment", "in a sec"

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "sixty": 60, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 5, "few": 5,
}
_UNIT_SECONDS = {"sec": 1, "second": 1, "min": 60, "minute": 60, "hour": 3600, "hr": 3600, "day": 86400,
                 "business day": 86400, "working day": 86400, "week": 7 * 86400}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_AMOUNT = r"(?P<n>\d+(?:\.\d+)?|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|" \
          r"thirty|forty-five|forty|sixty|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few)"
_UNIT = r"(?P<u>(?:business|working)\s+days?|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?)"
_RELATIVE = re.compile(rf"\b(?:in|within|under|in\s+the\s+next|within\s+the\s+next)\s+{_AMOUNT}\s*{_UNIT}\b", re.I)
_HALF_HOUR = re.compile(r"\b(?:in|within)\s+(?:half\s+an\s+hour|a\s+half\s+hour|30\s*m)\b", re.I)
_WITHIN_THE = re.compile(r"\bwithin\s+the\s+(?P<u>hour|day|week)\b", re.I)
_MOMENT = re.compile(r"\b(?:in\s+a\s+(?:minute|moment|sec|second|jiffy)|in\s+a\s+few|right\s+back|"
                     r"back\s+in\s+a\s+(?:bit|minute|moment|sec))\b", re.I)
_CLOCK = re.compile(
    r"\b(?P<prep>by|at|before|around|until|no\s+later\s+than)\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*"
    r"(?P<ap>a\.?m\.?|p\.?m\.?)?(?![\w%/-])",
    re.I,
)
_NOON = re.compile(r"\b(?:by|at|before|around)\s+(?P<w>noon|midday|midnight|lunch(?:time)?)\b", re.I)
_EOD = re.compile(r"\b(?:by\s+|before\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?"
                  r"(?:(?:business\s+|work(?:ing)?\s+)?day|today)|eod|cob|close\s+of\s+business)\b", re.I)
_TODAY = re.compile(r"\b(?P<w>later\s+today|today|this\s+(?:morning|afternoon|evening)|tonight)\b", re.I)
_TOMORROW = re.compile(r"\btomorrow(?:\s+(?P<part>morning|afternoon|evening|night|first\s+thing))?\b|"
                       r"\bfirst\s+thing\s+tomorrow\b", re.I)
_WEEKDAY = re.compile(r"\b(?:on\s+|by\s+|next\s+|this\s+)?(?P<d>monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri)\b"
                      r"(?:\s+(?P<part>morning|afternoon|evening))?", re.I)
_NEXT_WEEK = re.compile(r"\bnext\s+week\b", re.I)
_VAGUE = re.compile(r"\b(?:shortly|soon|asap|as\s+soon\s+as\s+(?:possible|i\s+can|we\s+can|i\s+know|we\s+know)|"
                    r"in\s+a\s+(?:bit|while|little\s+while)|later(?!\s+today)|momentarily|"
                    r"(?:once|when)\s+(?:i|we)\s+(?:hear|know|have|get))\b", re.I)
# "as soon as it's ready to collect": the event is the due, not "soon" (QA pass 25, g21)
# v2 (QA pass 26, g12/g38): "the moment it's back up", "when it's live", "once she approves" as well
_EVENT = re.compile(r"\b(?:as\s+soon\s+as\s+(?!possible\b|(?:i|we)\s+(?:can|know)\b)(?:it|they|the|your|this|that|he|"
                    r"she|we|i|its|their|our|everything)|(?:the|that)\s+(?:moment|minute|second|instant)\s+(?:it|they|the|"
                    r"your|this|that|he|she|its|their|our|everything)|(?:once|when|whenever|right\s+after)\s+(?:it|they|the|"
                    r"your|this|that|he|she|its|their|everything))\b[^.,;:!?\n]{0,50}", re.I)


@dataclass(frozen=True, slots=True)
class Due:
    """When something was promised for; ``due`` needs a sent_at, ``seconds`` not always."""

    due: datetime | None
    seconds: float | None
    start: int
    end: int
    vague: bool = False
    event: bool = False  # tied to an event ("as soon as it's ready"), not a time


def _amount(raw: str) -> float:
    r = re.sub(r"\s+", " ", raw.lower().strip())
    if r.startswith("half"):
        return 0.5
    try:
        return float(r)
    except ValueError:
        return float(_NUM_WORDS.get(r, 1))


def _unit(raw: str) -> int:
    u = re.sub(r"\s+", " ", raw.lower())
    for key in ("business day", "working day"):
        if u.startswith(key):
            return _UNIT_SECONDS[key]
    u = u.rstrip("s") if u not in ("secs",) else "sec"
    return _UNIT_SECONDS.get(u, _UNIT_SECONDS.get(u[:3], 60))


def _at_hour(base: datetime, days: int, hour: int, minute: int = 0) -> datetime:
    d = base + timedelta(days=days)
    return d.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _relative(seconds: float, sent_at: datetime | None, start: int, end: int, vague: bool = False,
              event: bool = False) -> Due:
    return Due(sent_at + timedelta(seconds=seconds) if sent_at else None, float(seconds), start, end, vague, event)


def _absolute(due: datetime | None, sent_at: datetime | None, start: int, end: int) -> Due:
    if due is None or sent_at is None:
        return Due(None, None, start, end)
    return Due(due, (due - sent_at).total_seconds(), start, end)


def _clock_hm(m: re.Match[str]) -> tuple[int, int] | None:
    """Hour and minute of a clock match (24 h), or None when it is not a time."""
    h, mi, ap = int(m.group("h")), int(m.group("m") or 0), (m.group("ap") or "").lower().replace(".", "")
    if ap == "" and m.group("m") is None and m.group("prep").lower() not in ("by", "before", "until"):
        return None  # "at 3" without am/pm or minutes is too often a count or a version
    if h > 23 or mi > 59 or (ap and h > 12):
        return None
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    elif not ap and h < 8:
        h += 12  # "by 3" in office talk means the afternoon
    return h, mi


def _clock(m: re.Match[str], sent_at: datetime | None) -> Due | None:
    hm = _clock_hm(m)
    if hm is None:
        return None
    if sent_at is None:
        return Due(None, None, m.start(), m.end())
    due = _at_hour(sent_at, 0, *hm)
    if due <= sent_at:
        due += timedelta(days=1)
    return _absolute(due, sent_at, m.start(), m.end())


def _on_day(text: str, day: Due, clocks: list[tuple[Due, int, int]], sent_at: datetime | None) -> Due:
    """A day ("tomorrow", "on Monday") next to a clock time ("at 10:00") is that day at that time."""
    for clock, h, mi in clocks:
        lo, hi = (day, clock) if day.start < clock.start else (clock, day)
        if hi.start - lo.end > 3 or text[lo.end:hi.start].strip(" ,") not in ("", "at", "by"):
            continue
        if day.due is None or sent_at is None:
            return Due(None, None, lo.start, hi.end)
        return _absolute(day.due.replace(hour=h, minute=mi), sent_at, lo.start, hi.end)
    return day


def _weekday(m: re.Match[str], sent_at: datetime | None) -> Due:
    if sent_at is None:
        return Due(None, None, m.start(), m.end())
    target = next(i for i, d in enumerate(_WEEKDAYS) if d.startswith(m.group("d").lower()[:3]))
    days = (target - sent_at.weekday()) % 7 or 7
    part = (m.group("part") or "").lower()
    hour = {"morning": MORNING_HOUR, "afternoon": AFTERNOON_HOUR, "evening": EVENING_HOUR}.get(part, END_OF_DAY_HOUR)
    return _absolute(_at_hour(sent_at, days, hour), sent_at, m.start(), m.end())


def parse_due(text: str, sent_at: datetime | None, vague_seconds: float | None = None) -> Due | None:
    """The first due time in ``text``; vague words ("shortly") get ``vague_seconds``."""
    found: list[Due] = []
    days: list[Due] = []  # named days, which take the hour of a clock time next to them
    clocks: list[tuple[Due, int, int]] = []
    for m in _RELATIVE.finditer(text):
        found.append(_relative(_amount(m.group("n")) * _unit(m.group("u")), sent_at, m.start(), m.end()))
    for m in _HALF_HOUR.finditer(text):
        found.append(_relative(1800, sent_at, m.start(), m.end()))
    for m in _WITHIN_THE.finditer(text):
        found.append(_relative(_UNIT_SECONDS[m.group("u").lower()], sent_at, m.start(), m.end()))
    for m in _MOMENT.finditer(text):
        found.append(_relative(MOMENT_SECONDS, sent_at, m.start(), m.end()))
    for m in _CLOCK.finditer(text):
        d = _clock(m, sent_at)
        hm = _clock_hm(m)
        if d is not None and hm is not None:
            found.append(d)
            clocks.append((d, *hm))
    for m in _NOON.finditer(text):
        w = m.group("w").lower()
        hour = 0 if w == "midnight" else 12
        due = _at_hour(sent_at, 1 if w == "midnight" else 0, hour) if sent_at else None
        if due is not None and sent_at is not None and due <= sent_at:
            due += timedelta(days=1)
        found.append(_absolute(due, sent_at, m.start(), m.end()))
    for m in _EOD.finditer(text):
        due = None
        if sent_at is not None:
            due = _at_hour(sent_at, 0, END_OF_DAY_HOUR)
            if due <= sent_at:  # said after hours: the end of the next working day
                due += timedelta(days=1)
        found.append(_absolute(due, sent_at, m.start(), m.end()))
    for m in _TOMORROW.finditer(text):
        part = (m.group("part") or "").lower()
        hour = {"morning": MORNING_HOUR, "first thing": 10, "afternoon": AFTERNOON_HOUR,
                "evening": EVENING_HOUR, "night": EVENING_HOUR}.get(part, END_OF_DAY_HOUR)
        if "first thing" in m.group().lower():
            hour = 10
        days.append(_absolute(_at_hour(sent_at, 1, hour) if sent_at else None, sent_at, m.start(), m.end()))
    for m in _TODAY.finditer(text):
        w = m.group("w").lower()
        hour = MORNING_HOUR if "morning" in w else EVENING_HOUR if ("evening" in w or w == "tonight") \
            else END_OF_DAY_HOUR
        due = _at_hour(sent_at, 0, hour) if sent_at else None
        if due is not None and sent_at is not None and due <= sent_at:
            due = sent_at + timedelta(hours=2)  # "later today" said late: a short wait
        found.append(_absolute(due, sent_at, m.start(), m.end()))
    for m in _WEEKDAY.finditer(text):
        if m.group("d").lower() in ("mon", "wed", "sat", "sun") and not m.group().lower().startswith(("on", "by")):
            continue  # short forms are ambiguous words ("sat", "wed") unless introduced
        days.append(_weekday(m, sent_at))
    for day in days:
        merged = _on_day(text, day, clocks, sent_at)
        if merged is not day:
            found = [d for d in found if not (merged.start <= d.start and d.end <= merged.end)]
        found.append(merged)
    for m in _NEXT_WEEK.finditer(text):
        found.append(_relative(7 * 86400, sent_at, m.start(), m.end()))
    if not found:
        vague = _EVENT.search(text) or _VAGUE.search(text)
        if vague is None:
            return None
        event = vague.re is _EVENT
        if vague_seconds is None:
            return Due(None, None, vague.start(), vague.end(), vague=True, event=event)
        return _relative(vague_seconds, sent_at, vague.start(), vague.end(), vague=True, event=event)
    found.sort(key=lambda d: d.start)
    return found[0]
