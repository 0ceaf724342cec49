"""Latency of POST /api/v1/check under load, next to the trivial GET /api/v1/health.

Spawns ``uvicorn patiently.server.app:app_from_env`` on 127.0.0.1 (a free port), drives it
with N concurrent httpx.AsyncClient workers for a fixed time, per endpoint, and prints
p50 / p99 latency, requests per second and errors; the check/health ratio is the coach's
own cost. Every check request sends a DIFFERENT 120-word draft (sentences shuffled and a
ticket number), with a 10-message context, so nothing can be answered from a cache.

    .venv/bin/python benchmarks/check_latency.py                 # 20 clients, 30 s each
    .venv/bin/python benchmarks/check_latency.py --seconds 5 --workers 2 --json

Targets (2 cores): check p50 <= 15 ms, p99 <= 60 ms, no errors. Loopback traffic only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

CONTEXT = [
    {"role": "customer", "text": "Hi, my laptop won't connect to the office wifi since this morning. "
                                 "I'm not very technical."},
    {"role": "agent", "text": "Thanks for reaching out! Could you tell me which laptop model you have?"},
    {"role": "customer", "text": "It's a Dell Latitude 5420. I need it for a presentation at 2pm."},
    {"role": "agent", "text": "Thanks. Can you click the wifi icon at the bottom right "
                              "and tell me what networks you see?"},
    {"role": "customer", "text": "I see OfficeNet and Guest but when I click OfficeNet it just spins."},
    {"role": "agent", "text": "Understood. Let's try forgetting the network and joining again."},
    {"role": "customer", "text": "How do I forget it? I don't know where that is."},
    {"role": "agent", "text": "Right-click OfficeNet and choose Forget. Then click it again and enter your password."},
    {"role": "customer", "text": "I did that and it still spins. This is really frustrating, I have a deadline!"},
    {"role": "customer", "text": "It still doesn't work. I already told you it just spins!!"},
]
SENTENCES = [
    "I'm sorry this is still not working, and I know the presentation is close.",
    "Let's try one more thing together.",
    "First, click the Start button and type Network reset.",
    "Then click Network reset and choose Reset now; your laptop will restart, which takes about five minutes.",
    "After it restarts, click the wifi icon, choose OfficeNet and type your password again.",
    "If it still spins after that, I will send a technician to your desk before 1pm.",
    "As I said, you should have restarted it earlier, it's obvious.",
    "Please flush the DNS cache and renew the DHCP lease.",
    "Does that sound okay?",
    "Let me know how it goes and I'll stay on the chat with you until it works.",
    "Please reply within 10 minutes or I will close this chat.",
    "I can't change the network settings myself.",
]


def draft(rng: random.Random, n: int, words: int = 120) -> str:
    out: list[str] = [f"Ticket {n}:"]
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(SENTENCES))
    return " ".join(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def drive(url: str, method: str, clients: int, seconds: float, body: Any) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    counter = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        async def worker(wid: int) -> None:
            nonlocal counter
            rng = random.Random(wid)
            while time.perf_counter() < deadline:
                counter += 1
                payload = body(rng, counter) if callable(body) else None
                t0 = time.perf_counter()
                try:
                    r = await (client.post(url, json=payload) if method == "POST" else client.get(url))
                    ok = r.status_code == 200
                    key = str(r.status_code)
                except httpx.HTTPError as exc:
                    ok, key = False, type(exc).__name__
                latencies.append(time.perf_counter() - t0)
                if not ok:
                    errors[key] = errors.get(key, 0) + 1

        t_start = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - t_start
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else lat * 99
    return {"requests": len(lat), "rps": round(len(lat) / elapsed, 1), "p50_ms": round(q[49] * 1000, 2),
            "p99_ms": round(q[98] * 1000, 2), "errors": errors}


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    t_end = time.time() + timeout
    while time.time() < t_end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early with status {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not become ready")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "uvicorn", "patiently.server.app:app_from_env", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(args.workers), "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env={**os.environ, "PATIENTLY_SERVER_SETTINGS": "{}"})
    try:
        wait_ready(base, proc)
        body = lambda rng, n: {"draft": draft(rng, n), "context": CONTEXT}  # noqa: E731
        for _ in range(args.workers * 4):  # warm every worker (the embedder loads on first use)
            httpx.post(f"{base}/api/v1/check", json=body(random.Random(0), 0), timeout=60)
        health = asyncio.run(drive(f"{base}/api/v1/health", "GET", args.clients, args.seconds, None))
        coach = asyncio.run(drive(f"{base}/api/v1/check", "POST", args.clients, args.seconds, body))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    result = {"clients": args.clients, "seconds": args.seconds, "workers": args.workers, "cpus": os.cpu_count(),
              "health": health, "check": coach,
              "ratio_p50": round(coach["p50_ms"] / max(health["p50_ms"], 1e-9), 1),
              "targets_met": coach["p50_ms"] <= 15 and coach["p99_ms"] <= 60 and not coach["errors"]}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name in ("health", "check"):
        r = result[name]
        print(f"{name:7s} p50 {r['p50_ms']:8.2f} ms  p99 {r['p99_ms']:8.2f} ms  {r['rps']:8.1f} req/s  "
              f"{r['requests']} requests  errors {r['errors'] or 0}")
    print(f"check/health p50 ratio {result['ratio_p50']}x; targets (p50<=15 ms, p99<=60 ms, no errors): "
          f"{'met' if result['targets_met'] else 'NOT met'} ({args.clients} clients, {args.workers} worker(s), "
          f"{os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
