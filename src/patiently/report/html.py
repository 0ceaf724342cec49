"""Build the HTML report: result dicts -> template context -> one self-contained file.

All aggregates come from :mod:`patiently.summary` (the same numbers as the CLI table), so
this module only arranges them; the template only lays them out. Customer and agent text
is untrusted, so Jinja runs with autoescape on and only our own SVG is marked safe.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from statistics import fmean
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..rubric import Rubric, load_rubric
from ..summary import agent_summary, coaching_items, team_summary
from . import charts
from .spans import (
    KIND_TITLES,
    finding_kind,
    highlight,
    label_kinds,
    message_marks,
    message_notes,
    pretty_label,
    sort_worst_first,
    top_labels,
)

Result = Mapping[str, Any]
MAX_AGENTS_TABLE = 60
MAX_AGENTS_HEATMAP = 20
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def anchor(kind: str, key: str) -> str:
    """A valid, stable HTML id for any conversation/agent/message id (they may hold spaces,
    ``#`` or non-ASCII); a short hash keeps two ids that slug the same apart."""
    slug = _UNSAFE.sub("-", key).strip("-")[:60]
    if slug != key:
        slug = f"{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"
    return f"{kind}-{slug}"


def _env() -> Environment:
    env = Environment(loader=PackageLoader("patiently.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["score_color"] = charts.score_color
    env.filters["pretty"] = pretty_label
    env.filters["num"] = lambda v, d=0: "–" if v is None else f"{v:,.{d}f}"
    env.globals["KIND_TITLES"] = KIND_TITLES
    return env


def _time(value: str | None, fmt: str = "%H:%M") -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).strftime(fmt)
    except ValueError:
        return value


def _trend(results: Sequence[Result]) -> dict[str, Any] | None:
    """Mean patience per day, month or year (whichever gives a readable number of points)."""
    dated = [(r["started_at"], r["scores"].get("overall")) for r in results
             if r.get("started_at") and r["scores"].get("overall") is not None]
    for width, name in ((10, "day"), (7, "month"), (4, "year")):
        buckets: dict[str, list[float]] = {}
        for when, score in dated:
            buckets.setdefault(when[:width], []).append(score)
        if 2 <= len(buckets) <= 60:
            keys = sorted(buckets)
            means = [round(fmean(buckets[k]), 1) for k in keys]
            tips = [f"{k} ({len(buckets[k]):,} conversation{'' if len(buckets[k]) == 1 else 's'})" for k in keys]
            svg = charts.sparkline(means, title=f"Mean patience per {name}", labels=tips, width=900, height=70)
            return {"svg": Markup(svg), "unit": name, "first": keys[0], "last": keys[-1]}
    return None


def _frequent(results: Sequence[Result], team: Mapping[str, Any], kinds: Mapping[str, str],
              rubric: Rubric, example: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The most frequent findings, split into what patience looks like and where it breaks.

    Missing behaviours (an ``expect`` rule: frustrated customer, no empathy) are not
    findings but are often the main coaching point, so they count as breaks too.
    """
    notes: dict[str, str] = {}
    for b in rubric.behaviours.values():
        for rule in b.credits + b.deductions:
            if rule.note:
                notes.setdefault(rule.label, rule.note)
        for rule in b.credits:
            notes.setdefault(rule.label, f"Counts toward {b.title.lower()}.")
        for exp in b.expect:
            notes.setdefault(f"missing:{'|'.join(exp.any_of)}", exp.note)
    missing: Counter[str] = Counter()
    for r in results:
        missing.update({i["label"] for i in coaching_items(r) if i["label"].startswith("missing:")})
    good, bad, customer = [], [], []
    for label, count in team["label_counts"].items():
        kind = finding_kind(label, kinds)
        row = {"label": label, "count": count, "kind": kind, "note": notes.get(label, ""),
               "example": example.get(label)}
        if kind == "good":
            good.append(row)
        elif kind in ("bad", "warn"):
            bad.append(row)
        elif kind == "customer":
            customer.append(row)
    bad += [{"label": lab, "count": n, "kind": "bad", "note": notes.get(lab, ""), "example": example.get(lab)}
            for lab, n in missing.items()]
    bad.sort(key=lambda r: -r["count"])
    return {"good": good[:10], "bad": bad[:10], "customer": customer}


def _detail(r: Result, anchors: Mapping[str, str], kinds: Mapping[str, str], rubric: Rubric) -> dict[str, Any]:
    """One conversation, ready to lay out: segments per message, notes, score breakdown."""
    conv_anchor = anchors[r["id"]]
    titles = {k: b.title for k, b in rubric.behaviours.items()}
    marks = message_marks(r, kinds)
    notes = message_notes(r, titles)
    msg_anchor = {str(m["id"]): f"{conv_anchor}--{anchor('m', str(m['id']))}" for m in r.get("messages") or []}
    messages = [{
        "id": m["id"], "anchor": msg_anchor[str(m["id"])], "role": m.get("role") or "system",
        "author": m.get("author") or m.get("role") or "", "time": _time(m.get("sent_at")),
        "segments": highlight(m.get("text") or "", marks.get(str(m["id"]), [])),
        "notes": notes.get(str(m["id"]), []),
    } for m in r.get("messages") or []]
    breakdown = []
    details = r.get("score_details") or {}
    for name in list(rubric.behaviours) + [b for b in details if b not in rubric.behaviours]:
        if name not in details:
            continue
        items = [{**i, "href": ("#" + msg_anchor[str(i["message_id"])]) if str(i.get("message_id")) in msg_anchor
                  else None} for i in details[name].get("items", [])]
        breakdown.append({"name": name, "title": titles.get(name, name), "score": details[name].get("score"),
                          "reasons": items})
    agent_scores = r.get("agent_scores") or {}
    return {
        "id": r["id"], "anchor": conv_anchor, "subject": r.get("subject"), "channel": r.get("channel"),
        "started": _time(r.get("started_at"), "%Y-%m-%d %H:%M"), "agents": r.get("agents") or [],
        "overall": (r.get("scores") or {}).get("overall"), "n_messages": r.get("n_messages", len(messages)),
        "messages": messages, "breakdown": breakdown, "errors": r.get("errors") or [],
        "agent_scores": [(a, s["scores"].get("overall")) for a, s in agent_scores.items()]
        if len(agent_scores) > 1 else [],
        "has_messages": bool(r.get("messages")),
    }


def _read_note(read: Mapping[str, int] | None) -> dict[str, Any] | None:
    """What reading the inputs cost, for the top of the report (``meta["read"]``: the run's
    counts); None when nothing was lost. With no conversation the report is empty, and says so:
    a stale-looking empty page must not pass for a run that had nothing to report."""
    if not read:
        return None
    lost = [f"{n:,} {what}{'s' if n != 1 else ''} skipped" for what, n in
            (("bad record", read.get("skipped_records", 0)), ("file", read.get("skipped_files", 0))) if n]
    if read.get("conversations"):
        return {"empty": False, "lost": True, "text": f"{', '.join(lost)} while reading the inputs."} if lost else None
    why = f" ({', '.join(lost)})" if lost else ""
    return {"empty": True, "lost": bool(lost),
            "text": f"No valid conversation was read from the inputs{why}: this report is empty."}


def build_context(results: Sequence[Result], *, rubric: Rubric | None = None, title: str = "Patience report",
                  meta: Mapping[str, Any] | None = None, max_detailed: int = 400) -> dict[str, Any]:
    rubric = rubric or load_rubric()
    meta = dict(meta or {})
    kinds = label_kinds(rubric)
    titles = {k: b.title for k, b in rubric.behaviours.items()}
    team = team_summary(results)
    agents = agent_summary(results)
    order = sort_worst_first(results)
    detailed = order[:max(0, max_detailed)]
    anchors: dict[str, str] = {}
    for r in results:
        anchors.setdefault(r["id"], anchor("conv", str(r["id"])))
    detailed_ids = {results[i]["id"] for i in detailed}

    def href(conv_id: str | None, message_id: str | None = None) -> str | None:
        if conv_id is None or conv_id not in detailed_ids:
            return None
        base = anchors[conv_id]
        return f"#{base}--{anchor('m', str(message_id))}" if message_id is not None else f"#{base}"

    # Example conversation per label: the worst detailed conversation that has it.
    example: dict[str, str] = {}
    for i in detailed:
        for f in results[i].get("findings") or []:
            example.setdefault(f["label"], href(results[i]["id"]) or "")
        for item in coaching_items(results[i]):
            example.setdefault(item["label"], href(results[i]["id"]) or "")

    behaviour_names = [b for b in rubric.behaviours if b in team["behaviours"]] or list(team["behaviours"])
    bins = [f"{10 * i}–{10 * i + 9}" for i in range(9)] + ["90–100"]
    charts_ = {
        "histogram": Markup(charts.histogram(team["score_histogram"], bins, title="Patience score distribution",
                                             colors=[charts.score_color(10 * i + 5) for i in range(10)])),
        "behaviours": Markup(charts.hbar_chart(
            [(titles.get(b, b), team["behaviours"][b]) for b in behaviour_names],
            title="Mean score per behaviour",
            tips=[f"{titles.get(b, b)}: {team['behaviours'][b]} — {rubric.behaviours[b].description}"
                  if b in rubric.behaviours else b for b in behaviour_names])),
    }
    top_agents = agents[:MAX_AGENTS_HEATMAP]
    if top_agents:
        charts_["heatmap"] = Markup(charts.heatmap(
            [f"{a['agent']} ({a['conversations']:,})" for a in top_agents],
            ["Patience"] + [titles.get(b, b) for b in behaviour_names],
            [[a["patience"]] + [a["behaviours"].get(b) for b in behaviour_names] for a in top_agents],
            title="Mean behaviour score per agent",
            row_hrefs=[f"#{anchor('agent', a['agent'])}" for a in top_agents]))
    fr = team["frustration"]
    trends = fr["trends"]
    if trends:
        charts_["frustration"] = Markup(charts.hbar_chart(
            [("At the start", fr["start"]), ("At the end", fr["end"])], title="Mean customer frustration (0–1)",
            max_value=1.0, fmt=lambda v: f"{v:.2f}", color=lambda v: charts.KIND_COLORS["customer"],
            label_width=110, width=420))
        charts_["trends"] = Markup(charts.stacked_bar(
            [("calmed", trends.get("calmed", 0), charts.KIND_COLORS["good"]),
             ("steady", trends.get("steady", 0), "#9ca3af"),
             ("escalating", trends.get("escalating", 0), charts.KIND_COLORS["bad"])],
            title="Frustrated conversations by trend", width=420))

    agent_rows = [{
        **a, "anchor": anchor("agent", a["agent"]),
        "strongest_title": titles.get(a["strongest"] or "", a["strongest"]),
        "strongest_score": a["behaviours"].get(a["strongest"]) if a["strongest"] else None,
        "top_href": href(a["top_coaching_point"]["conversation"], a["top_coaching_point"].get("message_id"))
        if a["top_coaching_point"] else None,
    } for a in agents[:MAX_AGENTS_TABLE]]
    rows = []
    for i in order:
        r = results[i]
        chips = top_labels(r, kinds)
        agents_ = r.get("agents") or []
        rows.append({
            "id": r["id"], "href": href(r["id"]), "subject": r.get("subject") or "", "channel": r.get("channel") or "",
            "agents": ", ".join(agents_[:3]) + (f" +{len(agents_) - 3}" if len(agents_) > 3 else ""),
            "n_messages": r.get("n_messages", 0), "overall": r["scores"].get("overall"), "chips": chips,
            "search": " ".join([str(r["id"]), r.get("subject") or "", *agents_, *(lab for lab, _ in chips)]).lower(),
        })
    frequent = _frequent(results, team, kinds, rubric, example)
    errors = Counter(e.get("detector", "?") for r in results for e in r.get("errors") or [])
    return {
        "title": title, "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "version": __version__,
        "meta": meta, "analyzer": meta.pop("analyzer", None), "inputs": meta.pop("inputs", None),
        "read_note": _read_note(meta.pop("read", None)),
        "team": team, "rubric": rubric, "titles": titles, "charts": charts_, "trend": _trend(results),
        "frequent": frequent, "customer_states": frequent["customer"],
        "agents": agent_rows, "agents_total": len(agents), "rows": rows,
        "details": [_detail(results[i], anchors, kinds, rubric) for i in detailed],
        "left_out": len(results) - len(detailed), "max_detailed": max_detailed,
        "detector_errors": dict(errors.most_common()),
    }


def render_html(results: Sequence[Result], **kw: Any) -> str:
    return _env().get_template("report.html.j2").render(**build_context(results, **kw))
