"""Practice with a simulated customer: pick a scenario, chat, end, read the debrief, comment.

Every page works with plain form posts (``static/practice.js`` only spares the reload when
sending a message) and has a JSON twin. A session's trainee writes in it; once finished,
anyone logged in may read it and comment (``practice_store.may_read``). Progress,
assignments and team results are in :mod:`.practice_team`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ...practice.engine import MAX_TRAINEE_CHARS
from ...report import charts
from ...report.spans import KIND_TITLES, Mark, finding_kind, highlight, label_kinds, pretty_label
from .. import practice_stats as stats
from .. import practice_store as ps
from .. import store
from ..auth import Viewer, check_csrf, require_login
from ..practice_live import live_sessions
from ..render import CommentId, SessionId, check_text, json_object, page, wants_json

router = APIRouter(tags=["practice"])
MOODS = ("anger", "confusion", "trust")


async def fields(request: Request) -> dict[str, str]:
    """A form's fields, or a JSON object's (scripts), as strings. A JSON number or true/false
    is taken as written (``"seed": 7``, ``"show": true``); a list or an object is refused, not
    stored as its Python spelling. Text that cannot be stored (a NUL) is refused too."""
    if request.headers.get("content-type", "").startswith("application/json"):
        return {str(k): _json_field(str(k), v) for k, v in (await json_object(request)).items()}
    return {k: check_text(v, k) for k, v in (await request.form()).items() if isinstance(v, str)}


def _json_field(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise HTTPException(422, f"{name}: must be a string")


async def call(fn: Any, *args: Any) -> Any:
    """Run a blocking store call off the event loop; its refusals become HTTP errors."""
    try:
        return await run_in_threadpool(fn, *args)
    except ps.PracticeError as exc:
        raise HTTPException(exc.status, str(exc)) from exc


def _engine_args(request: Request) -> tuple[Any, Any, Any]:
    web = request.app.state.web
    return web.db, live_sessions(request.app), web.analyzer()


@router.get("/practice", summary="Practice: pick a scenario (assigned first), your sessions, peers' sessions")
async def practice_home(request: Request, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    db = request.app.state.web.db

    def build() -> dict[str, Any]:
        mine = ps.sessions_of(db, viewer.id, limit=50)
        return {"scenarios": stats.scenario_list(db, viewer.id),
                "assignments": stats.assignment_dicts(db, viewer.id),
                "active": [s for s in mine if s["status"] == "active"],
                "finished": [s for s in mine if s["status"] == "finished"][:10],
                "peers": ps.peer_sessions(db, viewer.id), "can_assign": viewer.sees_team}

    return page(request, "practice.html", await run_in_threadpool(build), title="Practice")


@router.post("/practice/sessions", dependencies=[Depends(check_csrf)], status_code=201,
             summary="Start a practice session",
             description="Form or JSON: `scenario` (an id from /practice.json) and optionally `seed` (the same seed "
                         "and the same messages give the same conversation). Answers 201 with the session.")
async def start_session(request: Request, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    f = await fields(request)
    session = await call(ps.start, *_engine_args(request), viewer.id, f.get("scenario", ""),
                         whole_number(f.get("seed", ""), "seed"))
    if wants_json(request):
        return page(request, "practice_session.html", {"session": session}, status=201)
    return RedirectResponse(session["href"], status_code=303)


def whole_number(text: str, field: str) -> int | None:
    """``text`` as a whole number in ASCII digits (None when blank); 422 otherwise. isdigit()
    alone lets "²" through, which int() then refuses: a 500."""
    text = text.strip()
    if not text:
        return None
    try:
        if text.isascii() and text.isdigit():
            return int(text)
    except ValueError:  # more digits than int() reads
        pass
    raise HTTPException(422, f"{field}: a whole number")


def _chat_data(request: Request, viewer: Viewer, session_id: int) -> dict[str, Any]:
    row, msgs = ps.readable(request.app.state.web.db, session_id, viewer.id)
    return {"session": ps.session_dict(row, msgs), "scenario": ps.scenario_summary(row.scenario_id)}


def _chat_page(request: Request, viewer: Viewer, data: dict[str, Any], *, error: str | None = None,
               draft: str = "", status: int = 200) -> Response:
    s = data["session"]
    owner = s["trainee"] == viewer.username

    def html() -> dict[str, Any]:
        return {"can_write": owner and s["status"] == "active", "owner": owner, "error": error, "draft": draft,
                "moods": MOODS, "max_chars": MAX_TRAINEE_CHARS}

    title = f"Practice: {s['title']}"
    return page(request, "practice_session.html", data, html=html, title=title, status=status)


@router.get("/practice/sessions/{session_id}", summary="A practice chat (yours, or a finished one)")
async def chat(request: Request, session_id: SessionId,
               viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    data = await call(_chat_data, request, viewer, session_id)
    return _chat_page(request, viewer, data)


@router.post("/practice/sessions/{session_id}/messages", dependencies=[Depends(check_csrf)],
             summary="Send the customer a message; get their answer",
             description="Form or JSON `text`. JSON answers `{\"turn\": {trainee, customer, state, finished, "
                         "debrief_href}}`; a session ends by itself once the customer thanks you for the fix.")
async def send_message(request: Request, session_id: SessionId,
                       viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    text = (await fields(request)).get("text", "")
    try:
        turn = await run_in_threadpool(ps.send, *_engine_args(request), session_id, viewer.id, text)
    except ps.PracticeError as exc:
        if wants_json(request) or exc.status in (403, 404):
            raise HTTPException(exc.status, str(exc)) from exc
        data = await call(_chat_data, request, viewer, session_id)
        return _chat_page(request, viewer, data, error=str(exc), draft=text, status=exc.status)
    if wants_json(request):
        return page(request, "practice_session.html", {"turn": turn})
    target = turn["debrief_href"] or f"/practice/sessions/{session_id}#latest"
    return RedirectResponse(target, status_code=303)


@router.post("/practice/sessions/{session_id}/mood", dependencies=[Depends(check_csrf)],
             summary="Show or hide the customer's mood (anger, confusion, trust) in your session",
             description="Form or JSON `show` = 1 | 0.")
async def toggle_mood(request: Request, session_id: SessionId,
                      viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    show = (await fields(request)).get("show", "").lower() in ("1", "true", "on", "yes")
    await call(ps.set_mood, request.app.state.web.db, session_id, viewer.id, show)
    if wants_json(request):
        return page(request, "practice_session.html", {"show_mood": show})
    return RedirectResponse(f"/practice/sessions/{session_id}", status_code=303)


@router.post("/practice/sessions/{session_id}/end", dependencies=[Depends(check_csrf)],
             summary="End a practice session and get the debrief",
             description="Stores the debrief (a session without a message of yours is abandoned instead).")
async def end_session(request: Request, session_id: SessionId,
                      viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    session = await call(ps.end, *_engine_args(request), session_id, viewer.id)
    if wants_json(request):
        return page(request, "practice_debrief.html", {"session": session})
    return RedirectResponse(session["debrief_href"] or "/practice", status_code=303)


# --- the debrief --------------------------------------------------------------------------
def _debrief_data(request: Request, viewer: Viewer, session_id: int) -> dict[str, Any]:
    db = request.app.state.web.db
    row, msgs = ps.readable(db, session_id, viewer.id)
    if row.status != "finished":
        raise ps.PracticeError(409, "this session has no debrief: end it first" if row.status == "active"
                               else "this session was abandoned before a message: no debrief")
    return {"session": ps.session_dict(row, msgs), "scenario": ps.scenario_summary(row.scenario_id),
            "debrief": row.debrief or {}, "comments": ps.comments_for(db, session_id)}


def evidence_marks(debrief: Mapping[str, Any], messages: Sequence[Mapping[str, Any]],
                   kinds: Mapping[str, str]) -> dict[str, list[Mark]]:
    """Highlights per message id. The debrief keeps each finding's evidence as text: it is
    found again in the finding's own message first, then in any message of the transcript."""
    texts = {str(m["id"]): str(m["text"]) for m in messages}
    out: dict[str, list[Mark]] = {}
    for idx, f in enumerate(debrief.get("findings") or []):
        label = str(f.get("label", ""))
        kind = finding_kind(label, kinds)
        title = f"{pretty_label(label)} ({KIND_TITLES.get(kind, kind)}): {f.get('explanation', '')}"
        order = [str(f.get("message_id"))] + [k for k in texts if k != str(f.get("message_id"))]
        for ev in f.get("evidence") or []:
            for mid in order:
                at = texts.get(mid, "").find(ev) if ev else -1
                if at >= 0:
                    out.setdefault(mid, []).append(Mark(at, at + len(ev), kind, label, title, idx))
                    break
    return out


CAUSES = {"fact": "uncovered", "step": "step done", "wrong": "wrong step", "early": "step too early",
          "unexplained": "step not explained", "event": ""}


def cause_text(cause: str) -> str:
    """An effect's cause in words: ``wrong:reinstall_vpn`` -> ``wrong step: reinstall vpn``."""
    kind, _, name = cause.partition(":")
    if kind in CAUSES and name:
        words = name.replace("_", " ")
        return f"{CAUSES[kind]}: {words}" if CAUSES[kind] else words
    return pretty_label(cause)


def _debrief_html(data: Mapping[str, Any], rubric: Any) -> dict[str, Any]:
    d, s = data["debrief"], data["session"]
    kinds = label_kinds(rubric)
    titles = {k: b.title for k, b in rubric.behaviours.items()}
    marks = evidence_marks(d, s["messages"], kinds)
    moves = {m["message_id"]: {**m, "effects": [{**e, "cause_text": cause_text(e["cause"])} for e in m["effects"]]}
             for m in d.get("moves") or []}
    messages = [{**m, "segments": highlight(m["text"], marks.get(m["id"], [])), "move": moves.get(m["id"])}
                for m in s["messages"]]
    targets = d.get("targets") or {}
    scores = d.get("scores") or {}
    names = [b for b in titles if b in scores] + [b for b in scores if b not in titles and b != "overall"]
    names.sort(key=lambda b: b not in targets)  # the behaviours this scenario targets first
    chart = charts.hbar_chart([(titles.get(b, b) + (" (target)" if b in targets else ""), scores.get(b))
                               for b in names], title="Scores of this session", label_width=250)
    start, final = d.get("initial_state") or {}, d.get("final_state") or {}
    mood = charts.hbar_chart([(f"{m.capitalize()} {when}", st.get(m)) for m in MOODS
                              for when, st in (("at the start", start), ("at the end", final))],
                             title="The customer's mood, start and end (0–1)", max_value=1.0,
                             fmt=lambda v: f"{v:.2f}", color=lambda v: charts.KIND_COLORS["customer"],
                             label_width=170, width=460)
    findings = [{**f, "kind": finding_kind(str(f.get("label")), kinds)} for f in d.get("findings") or []]
    return {"messages": messages, "titles": titles, "score_chart": Markup(chart), "mood_chart": Markup(mood),
            "findings": findings, "helped": [m for m in d.get("moves") or [] if m["verdict"] == "helped"],
            "hurt": [m for m in d.get("moves") or [] if m["verdict"] == "hurt"]}


@router.get("/practice/sessions/{session_id}/debrief",
            summary="A finished session's debrief: scores, evidence, moves that helped and hurt, comments")
async def debrief_page(request: Request, session_id: SessionId,
                       viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    data = await call(_debrief_data, request, viewer, session_id)
    rubric = store.active_rubric(request.app.state.web.db)
    return page(request, "practice_debrief.html", data, html=lambda: _debrief_html(data, rubric),
                title=f"Debrief: {data['session']['title']}")


@router.post("/practice/sessions/{session_id}/comments", dependencies=[Depends(check_csrf)], status_code=201,
             summary="Comment on a finished practice session (as yourself)",
             description="Form or JSON `text`; the author is always the logged-in user.")
async def comment(request: Request, session_id: SessionId,
                  viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    text = (await fields(request)).get("text", "")
    db = request.app.state.web.db
    await call(ps.readable, db, session_id, viewer.id)
    saved = await call(ps.add_comment, db, session_id, viewer.id, text)
    if wants_json(request):
        return page(request, "practice_debrief.html", {"comment": saved}, status=201)
    return RedirectResponse(f"/practice/sessions/{session_id}/debrief#comments", status_code=303)


@router.post("/practice/comments/{comment_id}/delete", dependencies=[Depends(check_csrf)],
             summary="Delete a comment (its author or an admin)")
async def delete_comment(request: Request, comment_id: CommentId,
                         viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    session_id = await call(ps.delete_comment, request.app.state.web.db, comment_id, viewer.id, viewer.is_admin)
    if wants_json(request):
        return page(request, "practice_debrief.html", {"deleted": comment_id})
    return RedirectResponse(f"/practice/sessions/{session_id}/debrief#comments", status_code=303)
