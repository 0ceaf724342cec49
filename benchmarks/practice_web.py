"""How long does practice in the web app take, per request, and after a restart?

In-process (FastAPI TestClient, no sockets) over a fresh SQLite file: one trainee plays every
scenario's patient and impatient scripts through ``POST /practice/sessions/{id}/messages``
(the customer's answer, both messages and the new state stored in one write), ends each
session (the debrief is computed and stored), then reads the debrief page. Separately, the
first message after a restart is timed for sessions of growing length: the live engine is
gone and is rebuilt by replaying the stored trainee messages with the stored seed.

    .venv/bin/python benchmarks/practice_web.py [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from patiently.practice import load_scenarios
from patiently.server import ServerSettings, create_app
from patiently.web import WebSettings
from patiently.web.auth import create_user
from patiently.web.practice_live import LiveSessions

PASSWORD = "benchmark password"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50_ms": round(1000 * pct(values, 0.5), 1),
            "p99_ms": round(1000 * pct(values, 0.99), 1), "max_ms": round(1000 * max(values), 1)}


def timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="patiently-practice-bench-"))
    app = create_app(ServerSettings(warm_up=False, web=WebSettings(db=f"sqlite:///{tmp}/bench.db")))
    timings: dict[str, list[float]] = {"start": [], "message": [], "end": [], "debrief_page": []}
    replay: list[dict[str, Any]] = []
    with TestClient(app) as c:
        app.state.web.db.write(lambda s: create_user(s, "trainee", PASSWORD, "agent", "trainee"))
        c.get("/login")
        csrf = c.cookies["patiently_csrf"]
        c.post("/login", data={"username": "trainee", "password": PASSWORD, "csrf_token": csrf})
        h = {"X-CSRF-Token": csrf}
        warm = c.post("/practice/sessions.json", json={"scenario": "vpn-home-wifi", "seed": 0}, headers=h)
        c.post(f"/practice/sessions/{warm.json()['session']['id']}/messages.json", json={"text": "Hello"},
               headers=h)  # loads the detectors and the embedder once
        for sc in load_scenarios().values():
            for script in (sc.test_scripts.patient, sc.test_scripts.impatient):
                r, t = timed(lambda sc=sc: c.post("/practice/sessions.json", json={"scenario": sc.id, "seed": 1},
                                                  headers=h))
                timings["start"].append(t)
                sid = r.json()["session"]["id"]
                finished = False
                for line in script:
                    r, t = timed(lambda line=line, sid=sid: c.post(f"/practice/sessions/{sid}/messages.json",
                                                                   json={"text": line}, headers=h))
                    assert r.status_code == 200, r.text
                    timings["message"].append(t)
                    finished = r.json()["turn"]["finished"]
                if not finished:
                    r, t = timed(lambda sid=sid: c.post(f"/practice/sessions/{sid}/end.json", headers=h))
                    assert r.status_code == 200, r.text
                    timings["end"].append(t)
                _, t = timed(lambda sid=sid: c.get(f"/practice/sessions/{sid}/debrief"))
                timings["debrief_page"].append(t)
        # After a restart: the first message to a session of n turns replays n turns first.
        sc = load_scenarios()["slow-laptop-long-session"]
        lines = sc.test_scripts.impatient * 20  # never resolves: the session stays open
        for n in (5, 20, 40):
            sid = c.post("/practice/sessions.json", json={"scenario": sc.id, "seed": 2},
                         headers=h).json()["session"]["id"]
            for line in lines[:n]:
                assert c.post(f"/practice/sessions/{sid}/messages.json", json={"text": line},
                              headers=h).status_code == 200
            r, warm = timed(lambda sid=sid, n=n: c.post(f"/practice/sessions/{sid}/messages.json",
                                                        json={"text": lines[n]}, headers=h))
            app.state.practice_live = LiveSessions()  # what a restart leaves: no live engines
            r2, cold = timed(lambda sid=sid, n=n: c.post(f"/practice/sessions/{sid}/messages.json",
                                                         json={"text": lines[n + 1]}, headers=h))
            assert r.status_code == r2.status_code == 200, (r.text, r2.text)
            replay.append({"turns_replayed": n + 1, "warm_ms": round(1000 * warm, 1), "after_restart_ms":
                           round(1000 * cold, 1)})
    out = {"requests": {k: ms(v) for k, v in timings.items()}, "replay": replay}
    print(f"{'request':14} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for k, v in out["requests"].items():
        print(f"{k:14} {v['n']:>4} {v['p50_ms']:>8} {v['p99_ms']:>8} {v['max_ms']:>8}")
    print("\nfirst message after a restart (replay) vs with the live engine:")
    for row in replay:
        print(f"  {row['turns_replayed']:>3} turns: {row['after_restart_ms']} ms (live: {row['warm_ms']} ms)")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
