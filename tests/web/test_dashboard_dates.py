"""The team dashboard's period: from/to in the page and its JSON twin, the default of the
last 12 weeks up to the newest conversation, undated conversations, and bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from patiently.web.routes.dashboard import DEFAULT_WEEKS, date_range

from .conftest import EXAMPLES, import_file


def _start_days() -> dict[str, date]:
    """Each example conversation's first day, in its own time zone."""
    out = {}
    for line in (EXAMPLES / "conversations.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        first = next(m["sent_at"] for m in rec["messages"] if m.get("sent_at"))
        out[rec["id"]] = datetime.fromisoformat(first).date()
    return out


@pytest.fixture(scope="module")
def with_undated(imported: dict, clients: Callable[[str | None], TestClient]) -> int:
    job = import_file(clients("coach"), EXAMPLES / "transcript.txt")  # transcripts carry no times
    assert job["status"] == "done"
    return int(job["created"])


def test_default_is_the_last_12_weeks_up_to_the_newest(with_undated: int,
                                                        clients: Callable[[str | None], TestClient]) -> None:
    days = _start_days()
    data = clients("coach").get("/team.json").json()
    period = data["range"]
    newest = max(days.values())
    assert period["default"] and period["to"] == newest.isoformat() and period["last"] == newest.isoformat()
    start = date.fromisoformat(period["from"])
    assert start.weekday() == 0 and len({w["week"] for w in data["weekly"]}) <= DEFAULT_WEEKS
    assert (newest - start).days < DEFAULT_WEEKS * 7
    assert period["undated"] == with_undated and period["undated_included"]
    assert data["team"]["conversations"] == len(days) + with_undated  # all examples lie within 12 weeks


def test_from_to_filters_page_and_json_twin(with_undated: int, clients: Callable[[str | None], TestClient]) -> None:
    c = clients("coach")
    days = _start_days()
    query = {"from": "2026-09-01", "to": "2026-09-30"}
    data = c.get("/team.json", params=query).json()
    inside = {cid for cid, d in days.items() if date(2026, 9, 1) <= d <= date(2026, 9, 30)}
    assert 0 < len(inside) < len(days)
    assert data["team"]["conversations"] == len(inside)  # the undated transcripts are left out
    assert not data["range"]["default"] and not data["range"]["undated_included"]
    assert all("2026-W35" <= w["week"] <= "2026-W40" for w in data["weekly"])
    shown = {r["id"] for rows in data["worth_reviewing"].values() for r in rows}
    assert shown <= inside
    assert c.get("/team", params=query, headers={"Accept": "application/json"}).json() == data
    html = c.get("/team", params=query).text
    assert 'name="from" value="2026-09-01"' in html and 'name="to" value="2026-09-30"' in html
    assert '<a href="/team">Last 12 weeks</a>' in html and "<svg" in html
    # One end given: the other is filled in.
    only_from = c.get("/team.json", params={"from": "2026-10-01"}).json()
    assert only_from["range"]["to"] == max(days.values()).isoformat()
    assert only_from["team"]["conversations"] == sum(1 for d in days.values() if d >= date(2026, 10, 1))
    empty = c.get("/team", params={"from": "2025-01-01", "to": "2025-01-31"})
    assert empty.status_code == 200 and "No conversations in this period" in empty.text


@pytest.mark.parametrize(("query", "message"), [
    ({"from": "yesterday"}, "from: expected a date as YYYY-MM-DD"),
    ({"to": "2026-13-01"}, "to: expected a date"),
    ({"from": "2026-10-02", "to": "2026-10-01"}, "is after"),
])
def test_bad_dates_are_422_with_the_field(imported: dict, clients: Callable[[str | None], TestClient],
                                          query: dict[str, str], message: str) -> None:
    c = clients("coach")
    r = c.get("/team.json", params=query)
    assert r.status_code == 422 and message in r.json()["error"]
    assert c.get("/team", params=query).status_code == 422


def test_date_range_rules() -> None:
    span = {"first": date(2026, 1, 5), "last": date(2030, 1, 1), "undated": 0}
    # Data stamped in the future (a wrong clock somewhere) does not move the default past today.
    r = date_range(None, None, span, today=date(2026, 11, 30))
    assert (r["from"], r["to"]) == (date(2026, 9, 14), date(2026, 11, 30)) and r["default"]
    assert r["from"].weekday() == 0 and (r["to"] - r["from"]).days == (DEFAULT_WEEKS - 1) * 7  # to is a Monday
    r = date_range(None, "2026-03-04", span, today=date(2026, 11, 30))
    assert r["from"] == date(2025, 12, 15) and not r["default"]  # 12 ISO weeks ending with 4 March's week
    empty = date_range(None, None, {"first": None, "last": None, "undated": 0}, today=date(2026, 11, 30))
    assert empty["to"] == date(2026, 11, 30)
    with pytest.raises(HTTPException):
        date_range("2026-02-30", None, span)
