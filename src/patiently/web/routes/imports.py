"""Import: upload a file, analyse it in the background, follow the progress.

The upload is copied to a temporary file (the readers stream from paths and pick the
format by extension), then the job runner reads, analyses and stores it. Bad records are
listed on the job with their line and reason; everything else is imported.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ...readers import FORMATS
from ..auth import Viewer, check_csrf, require_team
from ..jobs import job_dict
from ..models import ImportJob
from ..render import page, wants_json

router = APIRouter(tags=["import"])
RECENT_JOBS = 20


@router.get("/import", summary="Import page: upload form and recent jobs")
def import_page(request: Request, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    with request.app.state.web.db.read() as s:
        jobs = [job_dict(j) for j in s.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(RECENT_JOBS))]
    return page(request, "import.html", {"formats": list(FORMATS), "jobs": jobs}, title="Import")


def _save_upload(upload: UploadFile) -> Path:
    suffix = "".join(Path(upload.filename or "upload.jsonl").suffixes[-2:]) or ".jsonl"
    fd, name = tempfile.mkstemp(prefix="patiently-import-", suffix=suffix)
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(upload.file, out)
    return Path(name)


@router.post("/import", dependencies=[Depends(check_csrf)], status_code=202,
             summary="Upload a file to import (canonical JSONL, CSV, TWCS, a transcript, or a Zendesk, "
                     "Freshdesk or Intercom export)",
             description="Answers 202 with the job; follow it at /jobs/{id}. Re-importing a conversation "
                         "(same source and id) updates it.")
async def upload(request: Request, viewer: Annotated[Viewer, Depends(require_team)],
                 file: Annotated[UploadFile, File()], format: Annotated[str, Form()] = "auto") -> Response:
    if format not in FORMATS:
        raise HTTPException(422, f"format: one of {', '.join(FORMATS)}")
    if not file.filename:
        raise HTTPException(422, "file: choose a file to import")
    path = await run_in_threadpool(_save_upload, file)
    if path.stat().st_size == 0:
        path.unlink(missing_ok=True)
        raise HTTPException(422, "file: the upload is empty")
    job_id, _ = await run_in_threadpool(request.app.state.web.jobs.start_import, path, file.filename, format,
                                        viewer.id)
    if wants_json(request):
        return page(request, "job.html", {"job": {"id": job_id, "status": "queued", "href": f"/jobs/{job_id}"}},
                    status=202)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.get("/jobs/{job_id}", summary="A job's progress and its bad records")
def job_page(request: Request, job_id: int, viewer: Annotated[Viewer, Depends(require_team)]) -> Response:
    with request.app.state.web.db.read() as s:
        job = s.get(ImportJob, job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id}")
        data = {"job": job_dict(job)}
    return page(request, "job.html", data, title=f"Job {job_id}")
