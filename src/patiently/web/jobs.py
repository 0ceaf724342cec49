"""Background jobs: imports and rescoring, one at a time on one worker thread.

Analysis is CPU-bound Python, so running two imports side by side would only make both
slower; a single worker keeps them in order and lets the analyzer (detectors, embedder
and the active rubric) be shared without locks. Progress is written to the job's row, so
any page (or any worker process) can show it, and it survives a restart: a job left
"running" by a crash is marked failed at the next start.

Before a job that changed the data reports "done", it warms the pages' caches (``warm``: the
team dashboard) on this thread, so the first page view after an import does not wait for the
aggregates over every stored result.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..errors import PatientlyError, RecordError
from ..model import Conversation as ConvModel
from ..pipeline import Analyzer, ConversationResult
from ..readers import ReadOptions, is_warning, read_conversations
from ..rubric import Rubric
from . import store
from .db import Database
from .import_options import form_hints, stored_options
from .models import Conversation, ImportJob, utcnow

log = logging.getLogger(__name__)
SAVE_BATCH = 200
PROGRESS_SECONDS = 0.5  # write progress at most this often
MAX_ERRORS_KEPT = 1000


class Jobs:
    def __init__(self, db: Database, analyzer: Callable[[], Analyzer],
                 warm: Callable[[], None] | None = None) -> None:
        self.db = db
        self._analyzer = analyzer
        self._warm = warm
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="patiently-job")

    def recover(self) -> None:
        """Jobs a previous process left unfinished cannot finish now: say so."""
        self.db.write(lambda s: s.execute(
            update(ImportJob).where(ImportJob.status.in_(("queued", "running")))
            .values(status="failed", message="the server stopped before this job finished; import the file again",
                    finished_at=utcnow())))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _new(self, **fields: Any) -> int:
        def add(s: Session) -> int:
            job = ImportJob(**fields)
            s.add(job)
            s.flush()
            return job.id

        return self.db.write(add)

    def _set(self, job_id: int, **fields: Any) -> None:
        self.db.write(lambda s: s.execute(update(ImportJob).where(ImportJob.id == job_id).values(**fields)))

    def _finish(self, job_id: int, counts: dict[str, int], **fields: Any) -> None:
        """Mark a job done, warming the caches first. The counters are written before warming:
        ``store.data_stamp`` reads them, so the warmed values are computed under the final stamp,
        and phase "summarising" ends ``store.jobs_writing`` (pages wait for fresh values again).
        The closing write changes only what the stamp does not read (status, phase, message,
        finish time), so it leaves them valid."""
        if self._warm is not None:
            self._set(job_id, phase="summarising", **counts)
            try:
                self._warm()
            except Exception:  # a page computes it itself then; the job's data is saved either way
                log.exception("job %s: warming the caches failed", job_id)
        self._set(job_id, status="done", phase="done", finished_at=utcnow(), **counts, **fields)

    def _run(self, job_id: int, work: Callable[[int], None], shown: Callable[[str], str] = str) -> None:
        """Run ``work``; a failure's message, passed through ``shown``, is the job's message."""
        self._set(job_id, status="running")
        try:
            work(job_id)
        except PatientlyError as exc:  # the input's fault: tell the user what to fix
            self._set(job_id, status="failed", message=shown(str(exc)), finished_at=utcnow())
        except Exception as exc:
            log.exception("job %s failed", job_id)
            self._set(job_id, status="failed", message=shown(f"{type(exc).__name__}: {exc}"), finished_at=utcnow())

    # --- import -------------------------------------------------------------------------
    def start_import(self, path: Path, filename: str, fmt: str, user_id: int | None,
                     options: ReadOptions | None = None) -> tuple[int, Future[None]]:
        """Queue the import of ``path`` (a temporary copy of the upload named ``filename``,
        deleted when done) in format ``fmt``, read with ``options`` (the import form's; stored
        with the job). Messages name the upload, not the server's copy."""
        options = replace(options, format=fmt) if options else ReadOptions(format=fmt)
        job_id = self._new(kind="import", filename=filename[:255], format=fmt, user_id=user_id, phase="queued",
                           options=stored_options(options))
        shown = partial(_named, copy=str(path), name=filename)
        return job_id, self._pool.submit(self._run, job_id, lambda jid: self._import(jid, path, options, shown),
                                         shown)

    def _import(self, job_id: int, path: Path, options: ReadOptions, shown: Callable[[str], str] = str) -> None:
        try:
            self._set(job_id, phase="reading")
            convs: list[ConvModel] = []
            errors: list[dict[str, Any]] = []
            for item in read_conversations([path], options):
                if isinstance(item, RecordError):
                    if len(errors) < MAX_ERRORS_KEPT:
                        errors.append({"line": item.line, "field": item.field, "reason": shown(item.reason),
                                       "skipped": not is_warning(item)})
                else:
                    convs.append(item)
        finally:
            discard_upload(path)
        self._set(job_id, phase="analysing", total=len(convs), errors=errors)
        analyzer = self._analyzer()
        last = 0.0

        def progress(done: int, _messages: int) -> None:
            nonlocal last
            if time.monotonic() - last >= PROGRESS_SECONDS:
                last = time.monotonic()
                self._set(job_id, done=done)

        created = updated = 0
        batch = []
        for result in analyzer.analyze_batch(convs, on_progress=progress):
            batch.append(result)
            if len(batch) >= SAVE_BATCH:
                c, u = self._save(batch, analyzer.rubric.id, job_id)
                created, updated, batch = created + c, updated + u, []
                self._set(job_id, phase="saving", done=len(convs), created=created, updated=updated)
        if batch:
            c, u = self._save(batch, analyzer.rubric.id, job_id)
            created, updated = created + c, updated + u
        skipped = sum(1 for e in errors if e["skipped"])
        self._finish(job_id, {"done": len(convs), "created": created, "updated": updated},
                     message=f"{created} new, {updated} updated, {skipped} bad record(s) skipped")

    def _save(self, batch: list[ConversationResult], rubric_id: str, job_id: int) -> tuple[int, int]:
        def save(s: Session) -> tuple[int, int]:
            return store.upsert_results(s, batch, rubric_id, job_id)

        return self.db.write(save)

    # --- rescoring ----------------------------------------------------------------------
    def start_rescore(self, rubric: Rubric, user_id: int | None) -> tuple[int, Future[None]]:
        job_id = self._new(kind="rescore", filename=rubric.id, user_id=user_id, phase="queued")
        return job_id, self._pool.submit(self._run, job_id, lambda jid: self._rescore(jid, rubric))

    def _rescore(self, job_id: int, rubric: Rubric) -> None:
        with self.db.read() as s:
            ids = list(s.scalars(select(Conversation.id).order_by(Conversation.id)))
        self._set(job_id, phase="rescoring", total=len(ids))
        done = 0
        for i in range(0, len(ids), SAVE_BATCH):
            chunk = ids[i:i + SAVE_BATCH]
            done += self.db.write(partial(_rescore_chunk, ids=chunk, rubric=rubric))
            self._set(job_id, done=done, updated=done)  # ``updated``: saved results, which the stamp counts
        self._finish(job_id, {"updated": done}, message=f"{done} conversation(s) rescored with {rubric.id}")


def _rescore_chunk(s: Session, ids: list[int], rubric: Rubric) -> int:
    return store.rescore_rows(s, s.scalars(select(Conversation).where(Conversation.id.in_(ids))), rubric)


def discard_upload(path: Path) -> None:
    """Delete an upload's temporary copy and the folder made for it."""
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty, or already gone: leave it
        path.parent.rmdir()


def _named(message: str, copy: str, name: str) -> str:
    """``message`` naming the uploaded file rather than the server's temporary copy of it."""
    return message.replace(copy, name)


def job_dict(job: ImportJob) -> dict[str, Any]:
    pct = 100.0 if job.status == "done" else (round(100 * job.done / job.total, 1) if job.total else 0.0)
    return {"id": job.id, "kind": job.kind, "filename": job.filename, "format": job.format,
            "status": job.status, "phase": job.phase, "total": job.total, "done": job.done, "percent": pct,
            "created": job.created, "updated": job.updated, "errors": job.errors or [], "message": job.message,
            "options": job.options, "hints": form_hints([job.message, *(e.get("reason") for e in job.errors or [])]),
            "created_at": job.created_at, "finished_at": job.finished_at}


def wait_for(db: Database, job_id: int, timeout: float = 60.0) -> dict[str, Any]:
    """Poll until the job ends (tests and the CLI)."""
    deadline = time.monotonic() + timeout
    while True:
        with db.read() as s:
            job = s.get(ImportJob, job_id)
            assert job is not None
            if job.status in ("done", "failed") or time.monotonic() > deadline:
                return job_dict(job)
        time.sleep(0.05)


