"""Conversation list and page: messages with evidence highlighted, findings, the score
breakdown, and the review form where a coach marks each finding correct or wrong."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...report.spans import finding_kind, highlight, label_kinds, message_marks, message_notes
from .. import store
from ..auth import Viewer, check_csrf, require_login
from ..render import ConversationId, check_text, json_object, page, wants_json
from .dashboard import conversation_row

router = APIRouter(tags=["conversations"])
VERDICTS = ("correct", "wrong")
PAGE_SIZE = 100


@router.get("/conversations", summary="Conversations, lowest score first (an agent sees their own)")
def conversation_list(request: Request, viewer: Annotated[Viewer, Depends(require_login)],
                      agent: str | None = None, q: str | None = None, offset: int = 0) -> Response:
    rows = _sorted_rows(request.app.state.web.db)
    if not viewer.sees_team:
        agent = viewer.agent_name
    if agent:
        rows = [r for r in rows if agent in r["agents"]]
    if q:
        needle = q.lower()
        rows = [r for r in rows if needle in f"{r['id']} {r['subject'] or ''}".lower()]
    offset = max(0, offset)
    data = {"total": len(rows), "offset": offset, "limit": PAGE_SIZE, "agent": agent, "q": q,
            "conversations": rows[offset:offset + PAGE_SIZE]}
    return page(request, "conversations.html", data, title="Conversations")


def _sorted_rows(db: Any) -> list[dict[str, Any]]:
    """Every conversation's row, lowest score first (cached with the results; filters keep the
    order). While a job stores results, a list a few seconds old, like the dashboard's."""
    return db.cached("conversation_rows", lambda: sorted(
        (conversation_row(r) for r in store.all_results(db)),
        key=lambda r: (r["overall"] is None, r["overall"] or 0, r["pk"])), stale_ok=True)


def _load(request: Request, pk: int, viewer: Viewer) -> dict[str, Any]:
    r = store.get_conversation(request.app.state.web.db, pk)
    if r is None:
        raise HTTPException(404, f"no conversation {pk}")
    if not viewer.may_see_conversation(r.get("agents") or []):
        raise HTTPException(403, "agents can only see their own conversations")
    return r


@router.get("/conversations/{pk}", summary="One conversation: messages, findings, scores, reviews")
def conversation_page(request: Request, pk: ConversationId,
                      viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    web = request.app.state.web
    r = _load(request, pk, viewer)
    reviews = store.reviews_for(web.db, pk)
    data = {"conversation": r, "reviews": reviews}
    rubric = store.active_rubric(web.db)

    def html() -> dict[str, Any]:
        kinds = label_kinds(rubric)
        titles = {k: b.title for k, b in rubric.behaviours.items()}
        marks = message_marks(r, kinds)
        notes = message_notes(r, titles)
        messages = [{**m, "segments": highlight(m.get("text") or "", marks.get(str(m.get("id")), [])),
                     "notes": notes.get(str(m.get("id")), [])} for m in r.get("messages") or []]
        findings = [{**f, "index": i, "kind": finding_kind(f["label"], kinds)}
                    for i, f in enumerate(r.get("findings") or [])]
        mine = next((rv for rv in reviews if rv["reviewer"] == viewer.username), None)
        verdicts = {v["finding"]: v["verdict"] for v in mine["verdicts"]} if mine else {}
        breakdown = [{"name": b, "title": titles.get(b, b), **d} for b, d in (r.get("score_details") or {}).items()]
        return {"messages": messages, "findings": findings, "breakdown": breakdown, "my_verdicts": verdicts,
                "my_note": mine["note"] if mine else "", "can_review": viewer.sees_team}

    return page(request, "conversation.html", data, html=html, title=f"Conversation {r['id']}")


@router.post("/conversations/{pk}/review", dependencies=[Depends(check_csrf)],
             summary="Save your review of a conversation's findings",
             description="Form fields `finding-<index>` = correct | wrong (or empty to skip) and `note`; "
                         "or JSON `{\"verdicts\": {\"0\": \"correct\"}, \"note\": \"...\"}`.")
async def review(request: Request, pk: ConversationId,
                 viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    if not viewer.sees_team:
        raise HTTPException(403, "only coaches and admins review conversations")
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await json_object(request)
        raw = body.get("verdicts")
        if raw is not None and not isinstance(raw, dict):
            raise HTTPException(422, "verdicts: expected an object {finding index: \"correct\" | \"wrong\"}, "
                                     "e.g. {\"0\": \"correct\"}")
        note = body.get("note")
        if note is not None and not isinstance(note, str):
            raise HTTPException(422, "note: must be a string")
        items = list((raw or {}).items())
    else:
        form = await request.form()
        note = check_text(str(form.get("note") or ""), "note")
        items = [(k.removeprefix("finding-"), v) for k, v in form.items() if k.startswith("finding-")]
    verdicts = _verdicts(items)
    note = note or ""
    if len(note) > 5000:
        raise HTTPException(422, "note: at most 5,000 characters")
    try:
        saved = await run_in_threadpool(store.save_review, request.app.state.web.db, pk, viewer.id, verdicts,
                                        note.strip())
    except LookupError as exc:
        raise HTTPException(404, f"no analysed conversation {pk}") from exc
    except ValueError as exc:  # a finding the conversation does not have: the earlier review stays
        raise HTTPException(422, str(exc)) from exc
    if wants_json(request):
        return page(request, "conversation.html", {"review": saved})
    return RedirectResponse(f"/conversations/{pk}#review", status_code=303)


def _verdicts(items: list[tuple[Any, Any]]) -> dict[int, str]:
    """Finding index -> verdict; an empty verdict skips the finding. 422 for anything else:
    a review saved without what the coach sent would replace their earlier one."""
    verdicts: dict[int, str] = {}
    for key, value in items:
        if value is None or value == "":
            continue
        if value not in VERDICTS:
            raise HTTPException(422, f"verdict for finding {key}: expected one of {', '.join(VERDICTS)}")
        # ASCII digits only: "²" passes isdigit() but not int().
        if not (key.isascii() and key.isdigit() and len(key) <= 100):
            raise HTTPException(422, f"verdicts: {key!r} is not a finding index (0, 1, 2, …)")
        verdicts[int(key)] = str(value)
    return verdicts
