"""Import: upload a file, analyse it in the background, follow the progress.

The upload is copied under its own name into a temporary folder (the readers stream from
paths, pick the format by extension and take a transcript's conversation ids from the file
name, so a re-import of ``transcript.txt`` updates ``transcript-1``), then the job runner
reads, analyses and stores it. Bad records are listed on the job with their line and reason;
everything else is imported. The form's reader options (roles, CSV columns...) are checked
before the upload is saved, so a bad one costs no job (see :mod:`..import_options`).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ...errors import InputError
from ...readers import FORMATS
from ..auth import Viewer, check_csrf, require_team
from ..import_options import CHOICES, FormOptions, shown_options
from ..jobs import discard_upload, job_dict
from ..models import ImportJob
from ..render import JobId, check_text, page, wants_json

router = APIRouter(tags=["import"])
RECENT_JOBS = 20


def _page_data(request: Request) -> dict[str, Any]:
    with request.app.state.web.db.read() as s:
        jobs = [job_dict(j) for j in s.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(RECENT_JOBS))]
    return {"formats": list(FORMATS), "choices": CHOICES, "jobs": jobs}


@router.get("/import", summary="Import page: upload form and recent jobs")
def import_page(request: Request, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    return page(request, "import.html", _page_data(request), title="Import")


def _refused(request: Request, exc: InputError, form: FormOptions) -> Response:
    """422 for reader options that cannot be used, naming the field and line; a browser gets the
    form again with what was typed (all but the file, which a page cannot fill in)."""
    data = {"error": str(exc), "field": getattr(exc, "option", None), "line": getattr(exc, "line", None),
            "values": asdict(form)}
    return page(request, "import.html", data, status=422, html=lambda: _page_data(request), title="Import")


MAX_NAME_BYTES = 200  # of the copy's name: a file name holds 255 bytes on most systems
MAX_SUFFIX = 20  # ".jsonl.gz" and the like; anything longer is no format's extension


def upload_name(filename: str) -> str:
    """The uploaded file's name as its copy on disk gets it: the last part of a path (browsers
    on Windows may send one), characters a name should not hold (controls, not valid
    Unicode) as "_", and at most MAX_NAME_BYTES, keeping a short extension."""
    name = re.split(r"[\\/]", filename)[-1].strip()
    name = "".join(ch if ch.isprintable() else "_" for ch in name)
    if not name.strip("."):
        name = "upload"
    elif name.startswith("."):  # ".jsonl": keep the extension, but not as a hidden file's name
        name = "upload" + name
    if len(name.encode()) > MAX_NAME_BYTES:
        suffix = "".join(PurePath(name).suffixes[-2:])
        suffix = suffix if len(suffix.encode()) <= MAX_SUFFIX else ""
        stem = name[:len(name) - len(suffix)] if suffix else name
        stem = stem.encode()[:MAX_NAME_BYTES - len(suffix.encode())].decode("utf-8", "ignore")
        name = stem + suffix
    return name


def _save_upload(upload: UploadFile) -> Path:
    path = Path(tempfile.mkdtemp(prefix="patiently-import-")) / upload_name(upload.filename or "upload.jsonl")
    try:
        with open(path, "wb") as out:
            shutil.copyfileobj(upload.file, out)
    except BaseException:
        discard_upload(path)
        raise
    return path


@router.post("/import", dependencies=[Depends(check_csrf)], status_code=202,
             summary="Upload a file to import (canonical JSONL, CSV, TWCS, a transcript, or a Zendesk, "
                     "Freshdesk or Intercom export)",
             description="Answers 202 with the job; follow it at /jobs/{id}. Re-importing a conversation "
                         "(same source and id) updates it. The optional reader options are those of "
                         "`patiently analyze` (--role, --csv-column, --csv-delimiter, --encoding, "
                         "--internal-notes), read by the same rules, pairs one a line; a bad value answers 422 "
                         "naming the field and line, and nothing is imported.")
async def upload(request: Request, viewer: Annotated[Viewer, Depends(require_team)],
                 file: Annotated[UploadFile, File()], format: Annotated[str, Form()] = "auto",
                 roles: Annotated[str, Form(description="one NAME=ROLE a line, as --role")] = "",
                 csv_columns: Annotated[str, Form(description="one FIELD=NAME a line, as --csv-column")] = "",
                 csv_delimiter: Annotated[str, Form(description="one character, or tab")] = "",
                 encoding: Annotated[str, Form(description="e.g. latin-1; blank: utf-8")] = "",
                 internal_notes: Annotated[str, Form(description="skip or system; blank: skip")] = "") -> Response:
    if format not in FORMATS:
        raise HTTPException(422, f"format: one of {', '.join(FORMATS)}")
    form = FormOptions(roles, csv_columns, csv_delimiter, encoding, internal_notes)
    for name, value in asdict(form).items():
        check_text(value, name)  # stored with the job: no NUL, no lone surrogate
    try:
        options = form.read_options(format)
    except InputError as exc:  # an OptionError names the field and line; ReadOptions may refuse the set
        return _refused(request, exc, form)
    if not file.filename:
        raise HTTPException(422, "file: choose a file to import")
    path = await run_in_threadpool(_save_upload, file)
    if path.stat().st_size == 0:
        discard_upload(path)
        raise HTTPException(422, "file: the upload is empty")
    job_id, _ = await run_in_threadpool(request.app.state.web.jobs.start_import, path, path.name, format,
                                        viewer.id, options)
    if wants_json(request):
        return page(request, "job.html", {"job": {"id": job_id, "status": "queued", "href": f"/jobs/{job_id}"}},
                    status=202)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.get("/jobs/{job_id}", summary="A job's progress and its bad records")
def job_page(request: Request, job_id: JobId, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    with request.app.state.web.db.read() as s:
        job = s.get(ImportJob, job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id}")
        data = {"job": job_dict(job)}
    used = shown_options(data["job"]["options"])
    return page(request, "job.html", data, html=lambda: {"used_options": used}, title=f"Job {job_id}")
