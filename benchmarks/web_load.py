"""The web app under load: 50 simulated coaches browsing 5,000 stored conversations.

    python benchmarks/web_load.py [--seconds 60] [--users 50] [--workers 1] [--think 1.0]

1. Builds (once; reused while it has enough conversations) a SQLite database of
   ``--conversations`` conversations in ``out/web_load/``: the real public conversations in
   ../shared/data/conversations when present (Twitter support, Ubuntu IRC) plus variants of
   the bundled examples (other agents, customers and dates), re-dated into the last 26 weeks,
   their agents mapped onto a team of ``--agents`` names. They go through the import job
   (``Jobs.start_import``: read, analyse, store in batches), the path of an upload.
2. Starts ``patiently serve`` on 127.0.0.1 (a subprocess, ``--workers`` processes).
3. Logs ``--users`` clients in (session cookies, like browsers) and lets them browse for
   ``--seconds``: the team dashboard, the conversation list, conversation pages, agent pages
   (HTML, as a browser asks for them), with ``/api/v1/health`` mixed in as the trivial
   baseline. Each user waits a random 0..2x``--think`` seconds between pages (0: back to back).
4. Prints p50 / p99 / max per page type, overall, requests/s and errors.

With ``--during rescore|import`` it times the team dashboard while a job writes instead:
``--users`` clients each ask for ``/team.json`` every ``--think`` seconds while a rubric change
rescores every stored conversation, or while ``--conversations`` generated ones are imported
again (other agents and dates), then checks that the dashboard after the job shows the job's
data (the cached default view against the same period computed afresh).

The load generator runs on the same machine as the server: on a small machine they share
the cores, so treat absolute numbers as a floor and compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import quantiles
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT.parent / "shared" / "data" / "conversations"
REAL_FILES = ("twcs-first-5000.jsonl", "ubuntu-irc-train.jsonl")
EXAMPLES = ROOT / "examples" / "conversations.jsonl"
OUT = ROOT / "out" / "web_load"
PASSWORD = "bench password 1"
ADMIN = "bench-admin"  # --during rescore changes the rubric, which only admins may
COACHES = 5  # accounts the simulated users log in as (several sessions each)
LOOPBACK = "127.0.0.1"
WEEKS = 26
# Page mix of one simulated coach: kind -> weight.
MIX = {"team": 20, "conversation": 45, "conversations": 15, "agent": 10, "health": 10}
AGENT_NAMES = ["alex", "bea", "carlos", "dana", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi", "lena",
               "marco", "nina", "omar", "priya", "quinn", "rosa", "sam", "tomas", "uma", "vik", "wen", "xavi",
               "yara", "zoe"]


# --- the database ---------------------------------------------------------------------------
def team_names(n: int) -> list[str]:
    return [AGENT_NAMES[i % len(AGENT_NAMES)] + ("" if i < len(AGENT_NAMES) else str(i // len(AGENT_NAMES)))
            for i in range(n)]


def _redate(conv: dict[str, Any], start: datetime) -> None:
    """Move a conversation to ``start``, keeping the gaps between its messages."""
    times = [datetime.fromisoformat(m["sent_at"]) for m in conv["messages"] if m.get("sent_at")]
    if not times:
        for i, m in enumerate(conv["messages"]):
            m["sent_at"] = (start + timedelta(minutes=2 * i)).isoformat()
        return
    first = min(t if t.tzinfo else t.replace(tzinfo=UTC) for t in times)
    for m in conv["messages"]:
        if m.get("sent_at"):
            t = datetime.fromisoformat(m["sent_at"])
            m["sent_at"] = (start + ((t if t.tzinfo else t.replace(tzinfo=UTC)) - first)).isoformat()


def generate(n: int, n_agents: int, use_real: bool, seed: int = 5) -> Iterator[dict[str, Any]]:
    """``n`` canonical conversations: real ones first (when present), then example variants."""
    rng = random.Random(seed)
    team = team_names(n_agents)
    now = datetime(2026, 10, 30, 17, 0, tzinfo=UTC)
    sources: list[Path] = [REAL_DATA / f for f in REAL_FILES if (REAL_DATA / f).exists()] if use_real else []
    examples = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]

    def place(conv: dict[str, Any]) -> dict[str, Any]:
        mapping: dict[str, str] = {}
        for m in conv["messages"]:
            if m.get("role") == "agent":
                m["author"] = mapping.setdefault(m.get("author") or "agent", rng.choice(team))
        start = now - timedelta(weeks=WEEKS) + timedelta(seconds=rng.uniform(0, WEEKS * 7 * 86400))
        _redate(conv, start.replace(hour=rng.randint(8, 17)))
        return conv

    made = 0
    real_share = n // 2  # half real, half example variants (when the real data is there)
    for path in sources:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if made >= real_share:
                    break
                conv = json.loads(line)
                if len(conv.get("messages") or []) < 2:
                    continue
                yield place(conv)
                made += 1
    i = 0
    while made < n:
        base = examples[i % len(examples)]
        conv = json.loads(json.dumps(base))
        conv["id"] = f"{base['id']}-v{i // len(examples)}"
        conv["source"] = "bench"
        for m in conv["messages"]:
            if m.get("role") == "customer":
                m["author"] = f"customer{rng.randint(1, 4000)}"
        yield place(conv)
        made += 1
        i += 1


def stored_conversations(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path) as con:
            return int(con.execute("select count(*) from results").fetchone()[0])
    except sqlite3.Error:
        return 0


def build_db(path: Path, n: int, n_agents: int, use_real: bool) -> None:
    from patiently.pipeline import Analyzer
    from patiently.web.auth import create_user
    from patiently.web.db import Database
    from patiently.web.jobs import Jobs, wait_for
    from patiently.web.store import active_rubric

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    db.migrate()
    for i in range(COACHES):
        db.write(lambda s, i=i: create_user(s, f"coach{i}", PASSWORD, "coach"))
    fd, name = tempfile.mkstemp(prefix="patiently-load-", suffix=".jsonl")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for conv in generate(n, n_agents, use_real):
            out.write(json.dumps(conv) + "\n")
    analyzer = Analyzer()
    analyzer.rubric = active_rubric(db)
    jobs = Jobs(db, lambda: analyzer)
    job_id, _ = jobs.start_import(Path(name), "web_load.jsonl", "jsonl", None)
    job = wait_for(db, job_id, timeout=3600)
    jobs.shutdown()
    db.dispose()
    if job["status"] != "done":
        raise SystemExit(f"building the database failed: {job['message']}")
    print(f"built {path} in {time.perf_counter() - t0:.0f}s: {job['message']}", flush=True)


def ensure_users(path: Path) -> None:
    """The coaches (and the admin) the benchmark logs in as, also in a database built elsewhere."""
    from sqlalchemy import select

    from patiently.web.auth import create_user
    from patiently.web.db import Database
    from patiently.web.models import User

    db = Database(f"sqlite:///{path}")
    db.migrate()
    with db.read() as s:
        have = set(s.scalars(select(User.username)))
    for name, role in [*((f"coach{i}", "coach") for i in range(COACHES)), (ADMIN, "admin")]:
        if name not in have:
            db.write(lambda s, n=name, r=role: create_user(s, n, PASSWORD, r))
    db.dispose()


# --- the server -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    exe = Path(sys.executable).parent / "patiently"
    port = free_port()
    cmd = [str(exe), "serve", "--db", f"sqlite:///{db}", "--host", LOOPBACK, "--port", str(port),
           "--workers", str(workers)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://{LOOPBACK}:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server not healthy after 120s:\n{log.read_text()}")


# --- the users ------------------------------------------------------------------------------
@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


async def log_in(client: httpx.AsyncClient, username: str) -> None:
    r = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', r.text)
    assert token, "no CSRF field on /login"
    r = await client.post("/login", data={"username": username, "password": PASSWORD, "next": "/team",
                                          "csrf_token": token.group(1)})
    if r.status_code != 303:
        raise SystemExit(f"log-in as {username} failed: {r.status_code} {r.text[:200]}")


def pick(rng: random.Random, pks: list[int], agents: list[str]) -> tuple[str, str]:
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    if kind == "team":
        return kind, "/team"
    if kind == "conversation":
        return kind, f"/conversations/{rng.choice(pks)}"
    if kind == "conversations":
        return kind, "/conversations" + (f"?offset={rng.randrange(0, len(pks), 100)}" if rng.random() < 0.3 else "")
    if kind == "agent":
        return kind, f"/agents/{rng.choice(agents)}"
    return kind, "/api/v1/health"


async def user(client: httpx.AsyncClient, seed: int, until: float, think: float, pks: list[int],
               agents: list[str], stats: Stats) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, think))  # do not start in lockstep
    while time.monotonic() < until:
        kind, url = pick(rng, pks, agents)
        t0 = time.perf_counter()
        try:
            r = await client.get(url)
            ok = r.status_code == 200 and (kind == "health" or r.text.rstrip().endswith("</html>"))
            problem = "" if ok else f"{url}: {r.status_code}"
        except httpx.HTTPError as exc:
            problem = f"{url}: {type(exc).__name__} {exc}"
        elapsed = time.perf_counter() - t0
        if problem:
            stats.errors[kind].append(problem)
        else:
            stats.latencies[kind].append(elapsed)
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def run_load(url: str, users: int, seconds: float, think: float, pks: list[int], agents: list[str],
                   workers: int = 1) -> tuple[Stats, float, float]:
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    headers = {"Accept": "text/html,application/xhtml+xml"}
    clients = [httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0, headers=headers, trust_env=False)
               for _ in range(users)]
    try:
        gate = asyncio.Semaphore(4)  # argon2 log-ins: a few at a time

        async def one(i: int, c: httpx.AsyncClient) -> None:
            async with gate:
                await log_in(c, f"coach{i % COACHES}")

        await asyncio.gather(*(one(i, c) for i, c in enumerate(clients)))
        # Warm-up, not measured: each page kind on a few connections at once, so that every
        # worker process has filled its caches (which worker answers is up to the kernel).
        t0 = time.perf_counter()
        for path in ("/team", "/conversations", f"/conversations/{pks[0]}", f"/agents/{agents[0]}"):
            await asyncio.gather(*(c.get(path) for c in clients[:4 * workers]))
        warm = time.perf_counter() - t0
        stats = Stats()
        start = time.monotonic()
        await asyncio.gather(*(user(c, i, start + seconds, think, pks, agents, stats)
                               for i, c in enumerate(clients)))
        return stats, time.monotonic() - start, warm
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


# --- the dashboard while a job writes --------------------------------------------------------
async def start_job(admin: httpx.AsyncClient, kind: str, upload: Path) -> int:
    """Start a rescoring (one behaviour's weight moved by one) or an import of ``upload``."""
    csrf = {"X-CSRF-Token": admin.cookies["patiently_csrf"]}
    if kind == "rescore":
        behaviours = (await admin.get("/rubric.json")).json()["rubric"]["behaviours"]
        name, weight = next(iter(behaviours)), next(iter(behaviours.values()))["weight"]
        r = await admin.post("/rubric.json", json={"weights": {name: weight + 1 if weight < 100 else weight - 1}},
                             headers=csrf)
    else:
        with open(upload, "rb") as fh:
            r = await admin.post("/import.json", files={"file": ("web_load_job.jsonl", fh.read())},
                                 data={"format": "jsonl"}, headers=csrf)
    if r.status_code != 202:
        raise SystemExit(f"starting the {kind} failed: {r.status_code} {r.text[:300]}")
    return int(r.json()["job"]["id"])


async def during_job(url: str, db: Path, kind: str, users: int, think: float, upload: Path) -> dict[str, Any]:
    """Time GET /team.json from ``users`` clients while the job runs; then check its data."""
    admin, *pollers = [httpx.AsyncClient(base_url=url, timeout=300.0, trust_env=False) for _ in range(users + 1)]
    try:
        await log_in(admin, ADMIN)
        for i, c in enumerate(pollers):
            await log_in(c, f"coach{i % COACHES}")
        before = (await admin.get("/team.json")).json()  # the cached view the job makes stale
        job_id = await start_job(admin, kind, upload)
        start, ended = time.monotonic(), asyncio.Event()
        samples: list[tuple[float, float]] = []  # (sent, seconds), from the job's start
        seen: set[str] = set()  # the team numbers shown: does the dashboard follow the job?

        async def poll(i: int, c: httpx.AsyncClient) -> None:
            await asyncio.sleep(think * i / users)  # spread over the interval
            while not ended.is_set():
                sent = time.monotonic()
                r = await c.get("/team.json")
                r.raise_for_status()
                samples.append((sent - start, time.monotonic() - sent))
                seen.add(json.dumps(r.json()["team"], sort_keys=True))
                await asyncio.sleep(think)

        async def watch() -> dict[str, Any]:
            while True:
                job: dict[str, Any] = (await admin.get(f"/jobs/{job_id}.json")).json()["job"]
                if job["status"] in ("done", "failed"):
                    ended.set()
                    return job
                await asyncio.sleep(0.1)

        job, *_ = await asyncio.gather(watch(), *(poll(i, c) for i, c in enumerate(pollers)))
        seconds = time.monotonic() - start
        after = (await admin.get("/team.json")).json()
    finally:
        await asyncio.gather(*(c.aclose() for c in [admin, *pollers]))
    fresh = fresh_team(db)
    during = [t for sent, t in samples if sent < seconds]
    slowest = sorted((s for s in samples if s[0] < seconds), key=lambda s: s[1])[-5:]
    return {"job": kind, "status": job["status"], "message": job["message"], "job_s": round(seconds, 1),
            "team_json": summarise(during), "slowest": [[round(sent, 1), round(t, 2)] for sent, t in slowest],
            "versions_seen": len(seen), "changed": after["team"] != before["team"],
            "final_matches_fresh": after == fresh, "differs_in": sorted(k for k in fresh if after.get(k) != fresh[k])}


def fresh_team(path: Path) -> dict[str, Any]:
    """The default team view computed here, from the database file, as its JSON twin has it."""
    from types import SimpleNamespace

    from fastapi.encoders import jsonable_encoder

    from patiently.web import store
    from patiently.web.db import Database
    from patiently.web.render import JsonResponse
    from patiently.web.routes import dashboard

    db = Database(f"sqlite:///{path}")
    try:
        data = dashboard._team_period(SimpleNamespace(db=db), dashboard.date_range(None, None, store.date_span(db)))
    finally:
        db.dispose()
    out: dict[str, Any] = json.loads(JsonResponse(jsonable_encoder(data)).body)
    return out


def job_report(out: dict[str, Any], n_conv: int, users: int, think: float) -> None:
    t = out["team_json"]
    print(f"\n{n_conv:,} conversations · {out['job']} job {out['status']} in {out['job_s']}s ({out['message']}) · "
          f"{users} client(s) asking /team.json every {think:g}s")
    print(f"/team.json during the job: n={t['n']} p50 {t.get('p50_ms', 0):.0f} ms, p99 {t.get('p99_ms', 0):.0f} ms, "
          f"max {t.get('max_ms', 0):.0f} ms; slowest [sent at, took] {out['slowest']} s; "
          f"{out['versions_seen']} different team numbers seen")
    print(f"after the job: dashboard changed {out['changed']}, matches a fresh computation "
          f"{out['final_matches_fresh']}" + (f" (differs in {out['differs_in']})" if out["differs_in"] else ""))


# --- the report -----------------------------------------------------------------------------
def summarise(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ms = sorted(v * 1000 for v in values)
    cuts = quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0]] * 99
    return {"n": len(ms), "p50_ms": round(cuts[49], 1), "p99_ms": round(cuts[98], 1), "max_ms": round(ms[-1], 1)}


def report(stats: Stats, seconds: float, warm: float, args: argparse.Namespace, n_conv: int) -> dict[str, Any]:
    pages = [k for k in MIX if k != "health"]
    rows = {k: summarise(stats.latencies[k]) | {"errors": len(stats.errors[k])} for k in MIX}
    html = [v for k in pages for v in stats.latencies[k]]
    total = sum(len(v) for v in stats.latencies.values()) + sum(len(v) for v in stats.errors.values())
    out = {"conversations": n_conv, "users": args.users, "workers": args.workers, "think_s": args.think,
           "seconds": round(seconds, 1), "warm_up_s": round(warm, 2), "pages": rows,
           "html_overall": summarise(html) | {"errors": sum(len(stats.errors[k]) for k in pages)},
           "requests": total, "requests_per_s": round(total / seconds, 1),
           "errors": sum(len(v) for v in stats.errors.values()),
           "error_examples": [e for v in stats.errors.values() for e in v[:3]]}
    print(f"\n{n_conv:,} conversations · {args.users} users · {args.workers} worker(s) · think 0..{2 * args.think:g}s "
          f"· {seconds:.0f}s · warm-up {warm:.2f}s")
    print(f"{'page':<16}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for name, row in [*rows.items(), ("HTML overall", out["html_overall"])]:
        print(f"{name:<16}{row['n']:>7}{row.get('p50_ms', 0):>9.1f}{row.get('p99_ms', 0):>9.1f}"
              f"{row.get('max_ms', 0):>9.1f}{row['errors']:>8}")
    print(f"{total:,} requests, {out['requests_per_s']} requests/s, {out['errors']} errors")
    for e in out["error_examples"]:
        print("  error:", e)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conversations", type=int, default=5000)
    ap.add_argument("--agents", type=int, default=40, help="team size the conversations' agents map onto")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between a user's pages (s); 0: none")
    ap.add_argument("--workers", type=int, default=1, choices=(1, 2))
    ap.add_argument("--db", type=Path, help="database file (default: out/web_load/conversations-N.db)")
    ap.add_argument("--rebuild", action="store_true", help="build the database even if one is there")
    ap.add_argument("--no-real", action="store_true", help="only variants of the bundled examples")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--during", choices=("rescore", "import"),
                    help="time /team.json while this job runs instead of the browsing mix (see above)")
    args = ap.parse_args(argv)
    if not 1 <= args.users <= 500 or not 0 < args.seconds <= 3600:
        ap.error("--users 1..500 and --seconds up to 3600")
    db = args.db or OUT / f"conversations-{args.conversations}.db"
    if args.rebuild or stored_conversations(db) < args.conversations:
        build_db(db, args.conversations, args.agents, not args.no_real)
    else:
        print(f"reusing {db} ({stored_conversations(db):,} conversations)", flush=True)
    with sqlite3.connect(db) as con:
        pks = [r[0] for r in con.execute("select conversation_id from results")]
        agents = [r[0] for r in con.execute("select distinct agent from conversation_agents")]
    log = db.with_suffix(".server.log")
    upload = OUT / f"job-{args.conversations}.jsonl"
    if args.during:
        ensure_users(db)
        if args.during == "import":  # the same ids again: other agents and dates (seed), so results change
            upload.parent.mkdir(parents=True, exist_ok=True)
            upload.write_text("".join(json.dumps(c) + "\n" for c in
                                      generate(args.conversations, args.agents, False, seed=int(time.time()))))
    proc, url = start_server(db, args.workers, log)
    try:
        if args.during:
            out = asyncio.run(during_job(url, db, args.during, args.users, args.think, upload))
        else:
            stats, seconds, warm = asyncio.run(run_load(url, args.users, args.seconds, args.think, pks, agents,
                                                         args.workers))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    if args.during:
        job_report(out, len(pks), args.users, args.think)
        if args.json:
            args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        return 0 if out["status"] == "done" and out["final_matches_fresh"] else 1
    out = report(stats, seconds, warm, args, len(pks))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0 if out["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
