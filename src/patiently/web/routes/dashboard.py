"""Team dashboard and agent pages. Aggregates come from :mod:`patiently.summary` (the
same numbers as the CLI and the HTML report); this module only slices them by week and
agent and picks the conversations worth a coach's time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from ...report import charts
from ...report.spans import finding_kind, highlight, label_kinds
from ...summary import agent_summary, coaching_items, team_summary
from .. import store
from ..auth import Viewer, require_login, require_team
from ..render import page, wants_json

router = APIRouter(tags=["dashboard"])
REVIEW_ROWS = 10
DEFAULT_WEEKS = 12  # the team dashboard's default period
AGENT_TABLE_ROWS = 100  # an agent page lists this many of their conversations (the JSON has all)
Result = Mapping[str, Any]


def week_of(started_at: str | None) -> str | None:
    """ISO week (``2026-W41``) of a conversation's first message, in its own time zone."""
    if not started_at:
        return None
    try:
        year, week, _ = datetime.fromisoformat(started_at).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(fmean(vals), 1) if vals else None


def weekly(results: Sequence[Result], agent: str | None = None) -> list[dict[str, Any]]:
    """Mean patience and behaviour scores per week (an agent's own scores when ``agent`` is given)."""
    weeks: dict[str, list[Mapping[str, float | None]]] = defaultdict(list)
    for r in results:
        week = week_of(r.get("started_at"))
        if week is None:
            continue
        scores = r["scores"] if agent is None else ((r.get("agent_scores") or {}).get(agent) or {}).get("scores")
        if scores:
            weeks[week].append(scores)
    out = []
    for week in sorted(weeks):
        rows = weeks[week]
        names = sorted({k for s in rows for k in s if k != "overall"})
        out.append({"week": week, "conversations": len(rows), "patience": _mean(s.get("overall") for s in rows),
                    "behaviours": {b: _mean(s.get(b) for s in rows) for b in names}})
    return out


def conversation_row(r: Result) -> dict[str, Any]:
    return {"pk": r["pk"], "id": r["id"], "subject": r.get("subject"), "agents": r.get("agents") or [],
            "started_at": r.get("started_at"), "overall": r["scores"].get("overall"),
            "href": f"/conversations/{r['pk']}"}


def worth_reviewing(results: Sequence[Result]) -> dict[str, list[dict[str, Any]]]:
    scored = sorted((r for r in results if r["scores"].get("overall") is not None),
                    key=lambda r: r["scores"]["overall"])
    broken = [r for r in results if any(f["label"] == "agent.broken_promise" for f in r.get("findings") or [])]
    escalated = [r for r in results if any(f["label"] == "customer.frustration_trajectory"
                                           and (f.get("data") or {}).get("trend") == "escalating"
                                           for f in r.get("findings") or [])]

    def worst(rows: list[Result]) -> list[dict[str, Any]]:
        rows = sorted(rows, key=lambda r: (r["scores"].get("overall") is None, r["scores"].get("overall") or 0))
        return [conversation_row(r) for r in rows[:REVIEW_ROWS]]

    return {"lowest_scores": [conversation_row(r) for r in scored[:REVIEW_ROWS]],
            "broken_promises": worst(broken), "escalations": worst(escalated)}


def _spark(points: list[dict[str, Any]], key: str, title: str, **kw: Any) -> Markup:
    values = [p[key] if key == "patience" else p["behaviours"].get(key) for p in points]
    labels = [f"{p['week']} ({p['conversations']} conversations)" for p in points]
    return Markup(charts.sparkline(values, title=title, labels=labels, lo=0, hi=100, **kw))


def _team_data(results: Sequence[Result]) -> dict[str, Any]:
    team = team_summary(results)
    agents = [{k: v for k, v in a.items() if k != "conversation_ids"} for a in agent_summary(results)]
    return {"team": team, "weekly": weekly(results), "agents": agents,
            "agent_weekly": {a["agent"]: [{"week": w["week"], "patience": w["patience"]}
                                          for w in weekly(results, a["agent"])] for a in agents},
            "worth_reviewing": worth_reviewing(results)}


def _day(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name}: expected a date as YYYY-MM-DD, e.g. 2026-11-30, not {value!r}") from None


def date_range(raw_from: str | None, raw_to: str | None, span: Mapping[str, Any],
               today: date | None = None) -> dict[str, Any]:
    """The dashboard's period: ``from``/``to`` as given (inclusive), the missing end filled in.

    The default is the last DEFAULT_WEEKS ISO weeks up to the newest conversation (or today,
    whichever is earlier): an export of last quarter opens on its own last quarter rather
    than on empty weeks, and a live team's newest conversation is today anyway. A period
    without ``to`` ends there too; one without ``from`` starts DEFAULT_WEEKS weeks before
    ``to``'s week. Conversations without a date appear only in the default view.
    """
    start, end = _day(raw_from, "from"), _day(raw_to, "to")
    today = today or date.today()
    anchor = min(span["last"], today) if span.get("last") else today
    default = start is None and end is None
    end = end or max(anchor, start or anchor)
    try:
        start = start or end - timedelta(days=end.weekday(), weeks=DEFAULT_WEEKS - 1)
    except OverflowError:  # 12 weeks before to=0001-01-01 is before the calendar starts
        raise HTTPException(422, f"to: {end} leaves no {DEFAULT_WEEKS} weeks before it; give from "
                                 "as well") from None
    if start > end:
        raise HTTPException(422, f"from: {start} is after to: {end}")
    return {"from": start, "to": end, "default": default, "days": (end - start).days + 1,
            "first": span.get("first"), "last": span.get("last"), "undated": span.get("undated", 0),
            "undated_included": default}


@router.get("/team", summary="Team dashboard",
            description="`from` and `to` (YYYY-MM-DD, inclusive) pick the period; the default is the last "
                        f"{DEFAULT_WEEKS} weeks up to the newest conversation. The period used is in `range`.")
def team_page(request: Request, viewer: Annotated[Viewer, Depends(require_team)],
              from_: Annotated[str | None, Query(alias="from", description="First day, YYYY-MM-DD")] = None,
              to: Annotated[str | None, Query(description="Last day, YYYY-MM-DD")] = None) -> Response:
    web = request.app.state.web
    if _day(from_, "from") is None and _day(to, "to") is None:
        # The default view is what nearly every visit asks for: computed once per data change
        # (its period moves with the data, so it is part of the cached value). Other periods
        # are computed per request; caching each would let the cache grow without bound.
        if wants_json(request):
            return page(request, "team.html", _default_team(web), title="Team")
        data, drawn = _default_team_html(web)
        return page(request, "team.html", data, title="Team", html=lambda: drawn)
    data = _team_period(web, date_range(from_, to, store.date_span(web.db)))
    return page(request, "team.html", data, title="Team",
                html=lambda: _team_html(data, store.active_rubric(web.db)))


def _team_period(web: Any, period: dict[str, Any]) -> dict[str, Any]:
    results = store.results_between(web.db, period["from"], period["to"], period["undated_included"])
    return {"range": period, **_team_data(results)}


def _default_team(web: Any) -> dict[str, Any]:
    """The default view's numbers. While a job stores results, a value a few seconds old
    (``Database.cached``): the dashboard answers at once instead of after a recomputation."""
    return web.db.cached("team", lambda: _team_period(web, date_range(None, None, store.date_span(web.db))),
                         stale_ok=True)


def _default_team_html(web: Any, stale_ok: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """The default view's numbers and charts (the costly part of the page), cached together:
    charts are drawn from the numbers they are kept with, so a page never shows charts of
    other data than its table, even while a job changes the data."""
    def draw() -> tuple[dict[str, Any], dict[str, Any]]:
        data = _default_team(web)
        return data, _team_html(data, store.active_rubric(web.db))

    return web.db.cached("team:html", draw, stale_ok=stale_ok)


def warm(web: Any) -> None:
    """Compute the default team view, numbers and charts, into the cache now. The job thread
    calls this after an import or a rescoring, so the first visit after new data finds it
    ready instead of waiting for the aggregates over every stored result (and never gets the
    value from before the job)."""
    _default_team_html(web, stale_ok=False)


def _team_html(data: Mapping[str, Any], rubric: Any) -> dict[str, Any]:
    titles = {k: b.title for k, b in rubric.behaviours.items()}
    team, points = data["team"], data["weekly"]
    names = [b for b in rubric.behaviours if b in team["behaviours"]]
    out: dict[str, Any] = {"titles": titles, "behaviour_names": names, "charts": {}}
    c = out["charts"]
    c["weekly"] = _spark(points, "patience", "Mean patience per week", width=900, height=80)
    c["behaviour_weekly"] = {b: _spark(points, b, f"{titles[b]} per week") for b in names}
    c["behaviours"] = Markup(charts.hbar_chart([(titles[b], team["behaviours"][b]) for b in names],
                                               title="Mean score per behaviour"))
    c["agent_weekly"] = {a: Markup(charts.sparkline([p["patience"] for p in pts], title=f"{a} per week",
                                                    labels=[p["week"] for p in pts], lo=0, hi=100, width=160,
                                                    height=30))
                         for a, pts in data["agent_weekly"].items()}
    if data["agents"]:
        top = data["agents"][:20]
        c["heatmap"] = Markup(charts.heatmap(
            [a["agent"] for a in top], ["Patience"] + [titles[b] for b in names],
            [[a["patience"]] + [a["behaviours"].get(b) for b in names] for a in top],
            title="Mean behaviour score per agent", row_hrefs=[f"/agents/{a['agent']}" for a in top]))
    fr = team["frustration"]
    if fr["trends"]:
        c["frustration"] = Markup(charts.hbar_chart(
            [("At the start", fr["start"]), ("At the end", fr["end"])], title="Mean customer frustration (0–1)",
            max_value=1.0, fmt=lambda v: f"{v:.2f}", color=lambda v: charts.KIND_COLORS["customer"],
            label_width=110, width=420))
        c["trends"] = Markup(charts.stacked_bar(
            [("calmed", fr["trends"].get("calmed", 0), charts.KIND_COLORS["good"]),
             ("steady", fr["trends"].get("steady", 0), "#9ca3af"),
             ("escalating", fr["trends"].get("escalating", 0), charts.KIND_COLORS["bad"])],
            title="Frustrated conversations by trend", width=420))
    return out


def _evidence(result: Result, finding: int | None, kinds: Mapping[str, str]) -> dict[str, Any] | None:
    """The message a coaching point is about, cut into highlighted segments."""
    findings = result.get("findings") or []
    if finding is None or not 0 <= finding < len(findings):
        return None
    f = findings[finding]
    msg = next((m for m in result.get("messages") or [] if str(m.get("id")) == str(f.get("message_id"))), None)
    if msg is None:
        return None
    spans = [(e["start"], e["end"]) for e in f.get("evidence") or [] if str(e.get("message_id")) == str(msg["id"])]
    return {"message_id": msg["id"], "author": msg.get("author"), "text": msg.get("text"), "spans": spans,
            "kind": finding_kind(f["label"], kinds), "segments": highlight(msg.get("text") or "", spans)}


def _agent_data(web: Any, agent: str) -> dict[str, Any] | None:
    results = [r for r in store.all_results(web.db) if agent in (r.get("agents") or [])]
    if not results:
        return None
    row = next(a for a in agent_summary(results) if a["agent"] == agent)
    summary = {k: v for k, v in row.items() if k != "conversation_ids"}
    scored = {b: v for b, v in summary["behaviours"].items() if v is not None}
    strengths = sorted(scored, key=lambda b: -scored[b])[:3]
    cost: dict[str, dict[str, Any]] = {}
    for r in results:
        for item in coaching_items(r, agent):
            c = cost.setdefault(item["label"], {"label": item["label"], "behaviour": item["behaviour"],
                                                "note": item["note"], "points": 0.0, "times": 0, "example": item})
            c["points"] = round(c["points"] + item["points"], 1)
            c["times"] += 1
            if item["points"] < c["example"]["points"]:
                c["example"] = item
    top = sorted(cost.values(), key=lambda c: c["points"])[:5]
    by_id = {(r["id"]): r for r in results}
    kinds = label_kinds(store.active_rubric(web.db))
    for c in top:
        ex = by_id.get(c["example"]["conversation"])
        full = store.get_conversation(web.db, ex["pk"]) if ex else None
        c["example"] = {**c["example"], "pk": ex["pk"] if ex else None,
                        "href": f"/conversations/{ex['pk']}" if ex else None,
                        "evidence": _evidence(full, c["example"]["finding"], kinds) if full else None}
    rows = sorted((conversation_row(r) | {"own_score": ((r.get("agent_scores") or {}).get(agent) or {})
                                          .get("scores", {}).get("overall")} for r in results),
                  key=lambda r: (r["own_score"] is None, r["own_score"] or 0))
    return {"agent": agent, "summary": summary, "strengths": [{"behaviour": b, "score": scored[b]} for b in strengths],
            "coaching_points": top, "weekly": weekly(results, agent), "conversations": rows}


@router.get("/agents/{agent:path}", summary="One agent: trend, strengths, coaching points, conversations")
def agent_page(request: Request, agent: str, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    if not viewer.may_see_agent(agent):
        raise HTTPException(403, "agents can only see their own page")
    web = request.app.state.web
    # Like the team view: a value a few seconds old while a job stores results; the page gets
    # its numbers with the charts drawn from them, cached together.
    drawn: dict[str, Any] = {}
    if wants_json(request):
        data = web.db.cached(f"agent:{agent}", lambda: _agent_data(web, agent), stale_ok=True)
    else:
        data, drawn = web.db.cached(f"agent:{agent}:html", lambda: _agent_charts(web, agent), stale_ok=True)
    if data is None:
        if agent != viewer.agent_name:
            raise HTTPException(404, f"no conversations with agent {agent!r}")
        # A new agent's own page ("My page" in the menu) before any of their conversations is
        # imported: an empty page that says so, not a 404.
        data = {"agent": agent, "summary": None, "strengths": [], "coaching_points": [], "weekly": [],
                "conversations": []}
    titles = drawn.get("titles") or {k: b.title for k, b in store.active_rubric(web.db).behaviours.items()}
    return page(request, "agent.html", data, html=lambda: {"titles": titles, "table_rows": AGENT_TABLE_ROWS, **drawn},
                title=f"Agent {agent}")


def _agent_charts(web: Any, agent: str) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """An agent's numbers (``agent:{agent}``, fresh: this is computed inside ``cached``) and
    the charts drawn from them."""
    data = web.db.cached(f"agent:{agent}", lambda: _agent_data(web, agent))
    if data is None:
        return None, {}
    titles = {k: b.title for k, b in store.active_rubric(web.db).behaviours.items()}
    return data, {"titles": titles,
                  "trend": _spark(data["weekly"], "patience", f"{agent}: patience per week", width=900, height=80),
                  "behaviours": Markup(charts.hbar_chart(
                      [(titles.get(b, b), v) for b, v in data["summary"]["behaviours"].items()],
                      title="Mean score per behaviour"))}
