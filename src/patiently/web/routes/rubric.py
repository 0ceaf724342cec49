"""Rubric page: every behaviour's weight, baseline and rules; admins edit the weights, or the
whole rubric as YAML (the ``--rubric FILE`` format, validated by the same code as the CLI).

Saving stores a new rubric version (``name@N``, N one above every stored version) and rescores
every stored conversation from its stored findings in the background: scores are a pure
function of findings, so no detector runs again. Each version has a page with what changed
against the version before it, its YAML, and (for admins) a button that restores it as a new
version.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from ...config import format_validation_error
from ...detectors import registry
from ...errors import PluginError
from ...rubric import Rubric, RubricError, default_rubric_text, parse_rubric, rubric_yaml
from .. import store
from ..auth import Viewer, check_csrf, require_admin, require_login
from ..render import json_object, page, utf8, wants_json

router = APIRouter(tags=["rubric"])

YAML_MEDIA = "application/yaml"
MAX_YAML = 200_000  # characters; the built-in rubric is about 8,000


@cache
def known_labels() -> frozenset[str]:
    """The labels the installed detectors produce: a rule naming anything else never matches."""
    try:
        return frozenset(label for d in registry.available().values() for label in d.labels)
    except PluginError:  # no detectors to ask: accept what the built-in rubric names
        return frozenset(label for _, label in _labels_of(store.builtin_rubric()))


def _labels_of(rubric: Rubric) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, b in rubric.behaviours.items():
        out += [(name, x) for x in b.when] + [(name, r.label) for r in (*b.credits, *b.deductions)]
        out += [(name, x) for e in b.expect for x in (e.when, *e.any_of)]
    return out


def active_yaml(rubric: Rubric, rows: list[dict[str, Any]]) -> str:
    """The active rubric as YAML: the built-in file itself (comments and all) until a version is
    saved; stored versions keep only their data, so they are written out afresh."""
    return default_rubric_text() if all(h["builtin"] for h in rows) else rubric_yaml(rubric)


def _history(rows: list[dict[str, Any]], active: Rubric) -> list[dict[str, Any]]:
    seen_active = False
    out = []
    for h in rows:
        is_active = not seen_active and h["rubric_id"] == active.id
        seen_active = seen_active or is_active
        out.append({k: h[k] for k in ("version", "rubric_id", "created_at", "user", "builtin")}
                   | {"active": is_active, "href": f"/rubric/versions/{h['version']}",
                      "yaml_href": f"/rubric.yaml?version={h['version']}"})
    return out


def _data(request: Request, rubric: Rubric, errors: dict[str, str] | None = None, *,
          yaml_text: str | None = None, yaml_errors: list[dict[str, Any]] | None = None,
          notice: str | None = None) -> dict[str, Any]:
    rows = store.rubric_history(request.app.state.web.db)
    return {"rubric": rubric.model_dump(mode="json"), "id": rubric.id, "version": rubric.version,
            "history": _history(rows, rubric), "errors": errors or {},
            "yaml": active_yaml(rubric, rows) if yaml_text is None else yaml_text,
            "yaml_errors": yaml_errors or [], "yaml_href": "/rubric.yaml", "notice": notice}


@router.get("/rubric", summary="The active rubric",
            description="Behaviours, weights and rules of the active rubric, its YAML, and every version "
                        "(who saved it, when, links to its page and YAML).")
def rubric_page(request: Request, viewer: Annotated[Viewer, Depends(require_login)]) -> Response:
    rubric = store.active_rubric(request.app.state.web.db)
    return page(request, "rubric.html", _data(request, rubric), title="Rubric")


@router.get("/rubric.yaml", summary="Download a rubric as YAML", response_class=Response,
            responses={200: {"content": {YAML_MEDIA: {}}, "description": "The rubric, as `--rubric FILE` reads it"}})
def rubric_download(request: Request, viewer: Annotated[Viewer, Depends(require_login)],
                    version: Annotated[int | None, Query(description="a version number; default: the active one")]
                    = None) -> Response:
    if version is None:
        rubric = store.active_rubric(request.app.state.web.db)
        text = active_yaml(rubric, store.rubric_history(request.app.state.web.db))
    else:
        entry = _version_entry(request, version)
        rubric = _rubric_of(entry)
        text = default_rubric_text() if entry["builtin"] else rubric_yaml(rubric)
    filename = f"rubric-{rubric.name}-{rubric.version}.yaml"
    return Response(utf8(text), media_type=YAML_MEDIA,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def parse_weights(raw: dict[str, Any], rubric: Rubric) -> tuple[dict[str, float], dict[str, str]]:
    """Weights per behaviour from a form or JSON; errors per field, in words."""
    weights: dict[str, float] = {}
    errors: dict[str, str] = {}
    for name in raw:
        if name not in rubric.behaviours:
            errors[name] = "not a behaviour of this rubric"
    for name in rubric.behaviours:
        value = raw.get(name, rubric.behaviours[name].weight)
        try:
            w = float(value)
        except (TypeError, ValueError):
            errors[name] = f"{value!r} is not a number"
            continue
        if not 0 <= w <= 100 or w != w:
            errors[name] = "must be between 0 and 100"
        weights[name] = w
    return weights, errors


async def _store_and_rescore(request: Request, viewer: Viewer, previous: Rubric, rubric: Rubric,
                             extra: dict[str, Any] | None = None) -> Response:
    """Save ``rubric`` as the new version, start rescoring, and answer: JSON 202 with the job and
    what changed, or a redirect to the new version's page (which shows the changes). The
    store numbers the version (``rubric``'s own number is ignored), in the transaction that
    saves it, so admins saving at once never share a number."""
    web = request.app.state.web
    try:
        rubric = await run_in_threadpool(store.save_rubric, web.db, rubric, viewer.id)
    except ValueError as exc:  # text that cannot be stored (e.g. restoring a version saved before the check)
        raise HTTPException(422, f"{rubric.id}: {exc}") from exc
    job_id, _ = await run_in_threadpool(web.jobs.start_rescore, rubric, viewer.id)
    if wants_json(request):
        data = {"id": rubric.id, "version": rubric.version, "previous": previous.id,
                "changes": rubric_changes(previous, rubric), "job": {"id": job_id, "href": f"/jobs/{job_id}"},
                "href": f"/rubric/versions/{rubric.version}", **(extra or {})}
        return page(request, "rubric.html", data, status=202)
    return RedirectResponse(f"/rubric/versions/{rubric.version}?job={job_id}", status_code=303)


@router.post("/rubric", dependencies=[Depends(check_csrf)], summary="Change behaviour weights (admin)",
             description="Form fields `weight-<behaviour>` or JSON `{\"weights\": {\"empathy\": 2}}`. Saves a new "
                         "rubric version and rescores stored conversations in the background.")
async def save_rubric(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    web = request.app.state.web
    current = store.active_rubric(web.db)
    if request.headers.get("content-type", "").startswith("application/json"):
        raw = (await json_object(request)).get("weights")
        if not isinstance(raw, dict):
            raise HTTPException(422, "weights: expected an object {behaviour: weight}")
    else:
        form = await request.form()
        raw = {k.removeprefix("weight-"): v for k, v in form.items() if k.startswith("weight-")}
    weights, errors = parse_weights(raw, current)
    rubric = None
    if not errors:
        data = current.model_dump(mode="json")  # its version is replaced when it is saved
        for name, w in weights.items():
            data["behaviours"][name]["weight"] = w
        try:
            rubric = Rubric.model_validate(data)
        except ValidationError as exc:
            errors["rubric"] = format_validation_error(exc, "rubric")
    if rubric is None:
        return page(request, "rubric.html", _data(request, current, errors), status=422, title="Rubric")
    return await _store_and_rescore(request, viewer, current, rubric)


@router.post("/rubric/yaml", dependencies=[Depends(check_csrf)], summary="Replace the whole rubric (admin)",
             description="Form field `yaml` or JSON `{\"yaml\": \"...\"}`: a rubric in the `--rubric FILE` format, "
                         "validated as the CLI does, plus every label must be one the detectors produce. Its "
                         "`version` is set by the server. Invalid: 422 and `yaml_errors` (line, field, message), "
                         "nothing saved. Unchanged: 200 with a notice, nothing saved. Otherwise 202 (JSON) or "
                         "303 to the new version's page: a new version, rescored in the background.")
async def save_rubric_yaml(request: Request, viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    web = request.app.state.web
    current = store.active_rubric(web.db)
    if request.headers.get("content-type", "").startswith("application/json"):
        text = (await json_object(request)).get("yaml")
        if not isinstance(text, str):
            raise HTTPException(422, "yaml: expected a string holding the rubric")
    else:
        text = str((await request.form()).get("yaml") or "")
    text = text.replace("\r\n", "\n")  # browsers send CRLF; line numbers are the same either way
    problems: list[dict[str, Any]] = []
    rubric: Rubric | None = None
    if len(text) > MAX_YAML:
        problems = [{"line": None, "field": "", "message": f"too long ({len(text):,} characters; at most "
                                                             f"{MAX_YAML:,})"}]
    else:
        labels = await run_in_threadpool(known_labels)
        try:
            rubric = parse_rubric(text, "rubric", labels=labels)
        except RubricError as exc:
            problems = [{"line": p.line, "field": p.field, "message": p.message, "text": str(p)}
                        for p in exc.problems]
    for p in problems:
        p.setdefault("text", (f"line {p['line']}: " if p["line"] else "") + p["message"])
    if rubric is None:
        return page(request, "rubric.html", _data(request, current, yaml_text=text, yaml_errors=problems),
                    status=422, title="Rubric")
    if rubric.model_copy(update={"version": current.version}) == current:
        return page(request, "rubric.html",
                    _data(request, current, yaml_text=text, notice="Nothing changed, so nothing was saved."),
                    title="Rubric")
    return await _store_and_rescore(request, viewer, current, rubric)


def _version_entry(request: Request, version: int) -> dict[str, Any]:
    return _entry_and_previous(request, version)[0]


def _entry_and_previous(request: Request, version: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Version N's row and the row saved before it (None for the first)."""
    history = store.rubric_history(request.app.state.web.db)
    for i, h in enumerate(history):
        if h["version"] == version:
            return h, (history[i + 1] if i + 1 < len(history) else None)
    raise HTTPException(404, f"no rubric version {version}")


def _rubric_of(entry: dict[str, Any]) -> Rubric:
    try:
        return Rubric.model_validate(entry["data"])
    except ValidationError as exc:  # stored by an older patiently whose rubric format differed
        raise HTTPException(422, format_validation_error(exc, entry["rubric_id"])) from exc


@router.get("/rubric/versions/{version}", summary="One rubric version and what changed",
            description="The version's rubric and YAML, who saved it and when, and what changed against "
                        "the version before it. `?job=` links the rescoring job started by the save.")
def rubric_version_page(request: Request, version: int, viewer: Annotated[Viewer, Depends(require_login)],
                        job: Annotated[int | None, Query(description="the rescoring job to link")] = None
                        ) -> Response:
    entry, prev = _entry_and_previous(request, version)
    rubric = _rubric_of(entry)
    previous = _rubric_of(prev) if prev else None
    active = store.active_rubric(request.app.state.web.db)
    data = {"version": version, "id": rubric.id, "rubric": rubric.model_dump(mode="json"),
            "created_at": entry["created_at"], "user": entry["user"], "builtin": entry["builtin"],
            "active": rubric.id == active.id and version == active.version,
            "previous": {"version": prev["version"], "id": previous.id,
                         "href": f"/rubric/versions/{prev['version']}"} if prev and previous else None,
            "changes": rubric_changes(previous, rubric) if previous else None,
            "yaml": default_rubric_text() if entry["builtin"] else rubric_yaml(rubric),
            "yaml_href": f"/rubric.yaml?version={version}",
            "job": {"id": job, "href": f"/jobs/{job}"} if job else None}
    return page(request, "rubric_version.html", data, title=f"Rubric {rubric.id}")


@router.post("/rubric/versions/{version}/restore", dependencies=[Depends(check_csrf)],
             summary="Restore an earlier rubric version (admin)",
             description="Saves a new version equal to version N (under the next number) and rescores stored "
                         "conversations in the background: 202 (JSON) or 303 to the new version's page.")
async def restore_rubric_version(request: Request, version: int,
                                 viewer: Annotated[Viewer, Depends(require_admin)]) -> Response:
    current = store.active_rubric(request.app.state.web.db)
    old = _rubric_of(_version_entry(request, version))
    if old.model_copy(update={"version": current.version}) == current:
        raise HTTPException(409, f"version {version} is the same as the active rubric {current.id}")
    return await _store_and_rescore(request, viewer, current, old, {"restored_from": version})


# --- what changed between two versions ------------------------------------------------------
def _rule_text(kind: str, rule: dict[str, Any]) -> str:
    if kind == "expect":
        return f"missing {' / '.join(rule['any_of'])} after {rule['when']} −{rule['points']:g}"
    sign = "+" if kind == "credits" else "−"
    out = f"{rule['label']} {sign}{rule['points']:g}"
    if rule.get("max") is not None:
        out += f" (max {rule['max']:g})"
    if rule.get("where"):
        out += " where " + ", ".join(f"{k}={v}" for k, v in rule["where"].items())
    if rule.get("min_score"):
        out += f" if score ≥ {rule['min_score']:g}"
    return out


def _shown(value: Any) -> str:
    """80.0 as 80, 1.25 as 1.25: numbers as people wrote them in the YAML."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def rubric_changes(old: Rubric, new: Rubric) -> dict[str, Any]:
    """What ``new`` changes against ``old``: behaviours added or removed, and per kept behaviour its
    changed fields (weight, baseline, …) and the rules added or removed (a rule whose points
    changed is one removed and one added; ``rules_reworded`` names lists where only notes or
    the order changed). ``summary`` says it in lines for people."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    summary: list[str] = []
    top = [{"field": k, "from": a[k], "to": b[k]} for k in ("name", "description") if a[k] != b[k]]
    summary += [f"{c['field']}: {c['from']!r} → {c['to']!r}" for c in top]
    added = [n for n in b["behaviours"] if n not in a["behaviours"]]
    removed = [n for n in a["behaviours"] if n not in b["behaviours"]]
    summary += [f"behaviour added: {n}" for n in added] + [f"behaviour removed: {n}" for n in removed]
    changed: list[dict[str, Any]] = []
    for name in (n for n in b["behaviours"] if n in a["behaviours"]):
        ob, nb = a["behaviours"][name], b["behaviours"][name]
        fields = [{"field": k, "from": ob[k], "to": nb[k]} for k in nb
                  if k not in ("credits", "deductions", "expect") and ob.get(k) != nb[k]]
        rules_added: list[dict[str, str]] = []
        rules_removed: list[dict[str, str]] = []
        reworded: list[str] = []
        for kind in ("credits", "deductions", "expect"):
            before = [_rule_text(kind, r) for r in ob[kind]]
            new_rules = []
            for text in (_rule_text(kind, r) for r in nb[kind]):
                if text in before:
                    before.remove(text)
                else:
                    new_rules.append({"kind": kind, "rule": text})
            if not new_rules and not before and ob[kind] != nb[kind]:  # same rules; a note or the order differs
                reworded.append(kind)
            rules_added += new_rules
            rules_removed += [{"kind": kind, "rule": text} for text in before]
        if fields or rules_added or rules_removed or reworded:
            changed.append({"behaviour": name, "fields": fields, "rules_added": rules_added,
                            "rules_removed": rules_removed, "rules_reworded": reworded})
            summary += [f"{name}: {f['field']} {_shown(f['from'])} → {_shown(f['to'])}" for f in fields]
            summary += [f"{name}: {r['kind']} rule added: {r['rule']}" for r in rules_added]
            summary += [f"{name}: {r['kind']} rule removed: {r['rule']}" for r in rules_removed]
            summary += [f"{name}: {kind}: notes or order changed" for kind in reworded]
    return {"rubric": top, "behaviours_added": added, "behaviours_removed": removed, "behaviours_changed": changed,
            "summary": summary or ["no change in behaviours, weights or rules"]}
