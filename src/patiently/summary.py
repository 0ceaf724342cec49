"""Team and agent summaries computed from result dicts (the JSONL schema).

The CLI table, the HTML report and the web app all read these same dicts, so a number
shown anywhere can be traced to the stored results.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from statistics import fmean
from typing import Any

Result = Mapping[str, Any]


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(fmean(vals), 1) if vals else None


def _about(result: Result, item: Mapping[str, Any], agent: str | None) -> bool:
    """The item counts for ``agent``: its finding is about the customer or is the agent's own."""
    if agent is None:
        return True
    findings = result.get("findings", [])
    idx = item.get("finding")
    f = findings[idx] if idx is not None and idx < len(findings) else None
    return f is None or not str(f.get("label", "")).startswith("agent.") or f.get("author") == agent


def evidence_points(result: Result, agent: str | None = None) -> dict[str, float]:
    """Per behaviour with a credit in this conversation (for ``agent``): its credits minus its
    deductions, the evidence for or against it beyond the baseline."""
    out: dict[str, float] = {}
    for behaviour, detail in result.get("score_details", {}).items():
        items = [i for i in detail.get("items", []) if _about(result, i, agent)]
        if any(i["points"] > 0 for i in items):
            out[behaviour] = sum(i["points"] for i in items)
    return out


def coaching_items(result: Result, agent: str | None = None) -> list[dict[str, Any]]:
    """Deductions of one conversation (optionally only those about ``agent``), largest first."""
    out: list[dict[str, Any]] = []
    for behaviour, detail in result.get("score_details", {}).items():
        for item in detail.get("items", []):
            if item["points"] >= 0 or not _about(result, item, agent):
                continue
            idx = item.get("finding")
            out.append({
                "behaviour": behaviour,
                "label": item["label"],
                "points": item["points"],
                "note": item["note"],
                "conversation": result["id"],
                "message_id": item.get("message_id"),
                "finding": idx,
            })
    out.sort(key=lambda i: i["points"])
    return out


def agent_summary(results: Iterable[Result]) -> list[dict[str, Any]]:
    """Per agent: conversations, mean patience, behaviour means, strongest behaviour and
    the coaching point that cost the most points, with an example to show.

    The strongest behaviour is the best-scoring one with positive evidence: credits that
    outweigh its deductions over the agent's conversations. A behaviour that only sat at its
    baseline ("nothing found") is no strength, even when its baseline is the highest; None
    when nothing qualifies."""
    per_scores: dict[str, list[dict[str, float | None]]] = defaultdict(list)
    per_items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    per_convs: dict[str, list[str]] = defaultdict(list)
    per_evidence: dict[str, dict[str, float]] = defaultdict(dict)
    for r in results:
        for agent, data in (r.get("agent_scores") or {}).items():
            per_scores[agent].append(data["scores"])
            per_convs[agent].append(r["id"])
            per_items[agent].extend(coaching_items(r, agent))
            for b, pts in evidence_points(r, agent).items():
                per_evidence[agent][b] = per_evidence[agent].get(b, 0.0) + pts
    rows: list[dict[str, Any]] = []
    for agent, score_list in per_scores.items():
        behaviours = sorted({k for s in score_list for k in s if k != "overall"})
        means = {b: _mean(s.get(b) for s in score_list) for b in behaviours}
        scored = {b: m for b, m in means.items() if m is not None}
        strengths = {b: m for b, m in scored.items() if per_evidence[agent].get(b, 0.0) > 0}
        strongest = max(strengths, key=lambda b: strengths[b]) if strengths else None
        weakest = min(scored, key=lambda b: scored[b]) if scored else None
        cost: Counter[str] = Counter()
        example: dict[str, dict[str, Any]] = {}
        for item in per_items[agent]:
            cost[item["label"]] += -item["points"]
            if item["label"] not in example or item["points"] < example[item["label"]]["points"]:
                example[item["label"]] = item
        top = None
        if cost:
            label, lost = cost.most_common(1)[0]
            top = {**example[label], "total_points": round(lost, 1),
                   "times": sum(1 for i in per_items[agent] if i["label"] == label)}
        rows.append({
            "agent": agent,
            "conversations": len(score_list),
            "patience": _mean(s.get("overall") for s in score_list),
            "behaviours": means,
            "strongest": strongest,
            "weakest": weakest,
            "top_coaching_point": top,
            "conversation_ids": per_convs[agent],
        })
    rows.sort(key=lambda r: (-(r["conversations"]), r["agent"]))
    return rows


def team_summary(results: Iterable[Result]) -> dict[str, Any]:
    results = list(results)
    overall = [r["scores"].get("overall") for r in results]
    hist = [0] * 10
    for v in overall:
        if v is not None:
            hist[min(9, int(v // 10))] += 1
    labels: Counter[str] = Counter(f["label"] for r in results for f in r.get("findings", []))
    behaviours = sorted({k for r in results for k in r["scores"] if k != "overall"})
    starts: list[float] = []
    ends: list[float] = []
    trends: Counter[str] = Counter()
    for r in results:
        for f in r.get("findings", []):
            if f["label"] == "customer.frustration_trajectory":
                starts.append(f["data"]["start"])
                ends.append(f["data"]["end"])
                trends[f["data"]["trend"]] += 1
    return {
        "conversations": len(results),
        "messages": sum(r.get("n_messages", 0) for r in results),
        "patience": _mean(overall),
        "behaviours": {b: _mean(r["scores"].get(b) for r in results) for b in behaviours},
        "score_histogram": hist,
        "label_counts": dict(labels.most_common()),
        "frustration": {"start": _mean(starts), "end": _mean(ends), "trends": dict(trends)},
        "errors": sum(len(r.get("errors", [])) for r in results),
    }
