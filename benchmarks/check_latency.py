"""Latency of POST /api/v1/check under load, next to the trivial GET /api/v1/health.

Starts ``patiently serve --api-only`` on 127.0.0.1 (a free port, one worker per core by
default) and drives it with N closed-loop clients for a fixed time per endpoint: each client
sends its next request as soon as the previous answer arrives, with no think time. It prints
p50 / p99 latency, requests per second and errors for health and for the check, and the
check/health ratios (the coach's own cost).

The load client is ``wrk`` (Debian: ``apt-get install wrk``; one C thread, ~1/10 of the CPU a
Python client needs) with a generated Lua script that POSTs a different body per request;
without wrk, an httpx.AsyncClient fallback runs in this process (it competes with the server
for the same cores, so its numbers are worse). Check bodies are 120-word drafts made of
sentences with names, times and numbers filled in (no two drafts, and hardly two sentences,
alike: nothing is answered from a per-text cache) with the same 10-message context, as
when agents re-check drafts in one conversation; ``--vary-context`` makes every context
different too (the cost of a first check in a conversation).

    .venv/bin/python benchmarks/check_latency.py                  # 20 clients, 30 s per endpoint
    .venv/bin/python benchmarks/check_latency.py --seconds 5 --vary-context --json

Targets (2 cores): check p50 <= 15 ms, p99 <= 60 ms, no errors. Loopback traffic only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
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
# Good and bad sentences (empathy, steps, a confirmation check; "As I said", blame, jargon, an
# ultimatum, "I can't"), each with a name and a time or a number filled in per draft.
TEMPLATES = [
    "I'm sorry this is still not working, {name}, and I know the presentation at {time} is close.",
    "Let's try one more thing together before {time}, {name}.",
    "First, click the Start button on laptop NB-{num} and type Network reset.",
    "Then click Network reset and choose Reset now, {name}; your laptop will restart and be back by {time}.",
    "After it restarts, click the wifi icon, choose OfficeNet and type your password again, {name}.",
    "If it still spins after that, I will send {name} from our team to your desk before {time}.",
    "As I said, you should have restarted laptop NB-{num} earlier, it's obvious.",
    "Please flush the DNS cache and renew the DHCP lease on NB-{num}.",
    "Does that sound okay, {name}? I can stay until {time}.",
    "Let me know how it goes and I'll stay on the chat with you until it works, {name}.",
    "Please reply within {minutes} minutes or I will close ticket {num}.",
    "I can't change the network settings myself, {name}, they are locked until {time}.",
]
NAMES = ["Alex", "Sam", "Dana", "Priya", "Tom", "Mia", "Jonas", "Aisha", "Luca", "Noor", "Kim", "Ravi", "Eva",
         "Omar", "Lena", "Ben", "Sofia", "Ivan", "Yuki", "Ana", "Chris", "Zoe", "Max", "Nina", "Paul", "Rosa"]


def draft(rng: random.Random, n: int, words: int = 120) -> str:
    """A draft of about ``words`` words: ticket ``n`` and sentences with their blanks filled in."""
    out: list[str] = [f"Ticket {n}:"]
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(TEMPLATES).format(
            name=rng.choice(NAMES), num=rng.randrange(1000, 100_000), minutes=rng.randrange(5, 60),
            time=f"{rng.randrange(8, 18)}:{rng.randrange(60):02d}"))
    return " ".join(out)


def context(n: int | None) -> list[dict[str, str]]:
    """The 10-message context; with ``n``, one that differs per request (its ticket number)."""
    if n is None:
        return CONTEXT
    first = {**CONTEXT[0], "text": f"Ticket {n}: {CONTEXT[0]['text']}"}
    return [first, *CONTEXT[1:]]


def body(rng: random.Random, n: int, vary_context: bool) -> dict[str, Any]:
    return {"draft": draft(rng, n), "context": context(n if vary_context else None)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- wrk ------------------------------------------------------------------------------------
LUA = """
local bodies = {%s}
local i = 0
local headers = {["Content-Type"] = "application/json"}
local method, path = "%s", "%s"
request = function()
  if method == "GET" then return wrk.format("GET", path) end
  i = i %% #bodies + 1
  return wrk.format("POST", path, headers, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"max_us": %%d, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def lua_script(method: str, path: str, bodies: list[str]) -> str:
    quoted = ",\n".join(f"[==[{b}]==]" for b in bodies)
    assert all("]==]" not in b for b in bodies)
    return LUA % (quoted, method, path)


def drive_wrk(base: str, method: str, path: str, clients: int, seconds: float, bodies: list[str],
              threads: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(lua_script(method, path, bodies))
        script = fh.name
    try:
        cmd = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", script, base + path]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(script)
    m = re.search(r"^WRKJSON (.*)$", out, re.MULTILINE)
    if m is None:
        raise SystemExit(f"wrk printed no summary:\n{out}")
    r = json.loads(m.group(1))
    errors = {k: r[k] for k in ("connect", "read", "write", "status", "timeout") if r[k]}
    return {"requests": r["requests"], "rps": round(r["requests"] / (r["duration_us"] / 1e6), 1),
            "p50_ms": round(r["p50_us"] / 1000, 2), "p99_ms": round(r["p99_us"] / 1000, 2),
            "max_ms": round(r["max_us"] / 1000, 2), "errors": errors}


# --- the Python fallback --------------------------------------------------------------------
async def drive_python(url: str, method: str, clients: int, seconds: float, bodies: list[str]) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    counter = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        async def worker() -> None:
            nonlocal counter
            while time.perf_counter() < deadline:
                counter += 1
                t0 = time.perf_counter()
                try:
                    if method == "POST":
                        r = await client.post(url, content=bodies[counter % len(bodies)], headers=headers)
                    else:
                        r = await client.get(url)
                    ok, key = r.status_code == 200, str(r.status_code)
                except httpx.HTTPError as exc:
                    ok, key = False, type(exc).__name__
                latencies.append(time.perf_counter() - t0)
                if not ok:
                    errors[key] = errors.get(key, 0) + 1

        t_start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - t_start
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else lat * 99
    return {"requests": len(lat), "rps": round(len(lat) / elapsed, 1), "p50_ms": round(q[49] * 1000, 2),
            "p99_ms": round(q[98] * 1000, 2), "max_ms": round(lat[-1] * 1000, 2) if lat else 0.0,
            "errors": errors}


# --- in process ---------------------------------------------------------------------------
def in_process(n: int = 300) -> dict[str, float]:
    """CPU per ``patiently.coach.check`` call (ms) without HTTP: the same context every time
    (a re-check: the context's analysis is kept) and a new context every time."""
    from patiently.coach import check
    from patiently.coach.engine import warm_up

    warm_up()
    rng = random.Random(7)
    out: dict[str, float] = {}
    for name, vary in (("same_context_ms", False), ("new_context_ms", True)):
        bodies = [body(rng, 10_000_000 + k, vary) for k in range(n + 20)]
        for b in bodies[:20]:
            check(b["draft"], b["context"])
        t0 = time.process_time()
        for b in bodies[20:]:
            check(b["draft"], b["context"])
        out[name] = round(1000 * (time.process_time() - t0) / n, 2)
    return out


# --- the server ---------------------------------------------------------------------------
def tree_cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process and its children (Linux /proc; None elsewhere)."""
    try:
        pids = [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        return total
    except (OSError, ValueError, IndexError):
        return None


def measured(run: Any, pid: int) -> dict[str, Any]:
    """``run()``'s figures plus the server's CPU per request (ms) while it ran."""
    before = tree_cpu_seconds(pid)
    out: dict[str, Any] = run()
    after = tree_cpu_seconds(pid)
    if before is not None and after is not None and out["requests"]:
        out["server_cpu_ms"] = round(1000 * (after - before) / out["requests"], 3)
    return out


def serve_cmd(port: int, workers: int) -> list[str]:
    exe = Path(sys.executable).with_name("patiently")
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "patiently.cli"]
    return [*head, "serve", "--api-only", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--log-level", "warning"]


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    t_end = time.time() + timeout
    while time.time() < t_end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early with status {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0, help="per endpoint")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes (default: cores)")
    ap.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    ap.add_argument("--wrk-threads", type=int, default=1)
    ap.add_argument("--bodies", type=int, default=6000, help="distinct check bodies cycled through")
    ap.add_argument("--vary-context", action="store_true", help="a different context in every request")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-in-process", action="store_true", help="skip the in-process check() timing")
    args = ap.parse_args()
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); use --client python")

    local = {} if args.no_in_process else in_process()
    rng = random.Random(20)
    bodies = [json.dumps(body(rng, n, args.vary_context)) for n in range(args.bodies)]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(serve_cmd(port, args.workers), stderr=subprocess.DEVNULL)
    try:
        wait_ready(base, proc)
        headers = {"content-type": "application/json"}
        for b in bodies[-args.workers * 8:]:  # every worker: lexicons, embedder, the context's analysis
            httpx.post(f"{base}/api/v1/check", content=b, headers=headers, timeout=60).raise_for_status()
        if client == "wrk":
            health = measured(lambda: drive_wrk(base, "GET", "/api/v1/health", args.clients, args.seconds, [""],
                                                args.wrk_threads), proc.pid)
            coach = measured(lambda: drive_wrk(base, "POST", "/api/v1/check", args.clients, args.seconds, bodies,
                                               args.wrk_threads), proc.pid)
        else:
            health = measured(lambda: asyncio.run(drive_python(
                f"{base}/api/v1/health", "GET", args.clients, args.seconds, bodies)), proc.pid)
            coach = measured(lambda: asyncio.run(drive_python(
                f"{base}/api/v1/check", "POST", args.clients, args.seconds, bodies)), proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    result = {"client": client, "clients": args.clients, "seconds": args.seconds, "workers": args.workers,
              "cpus": os.cpu_count(), "vary_context": args.vary_context, "in_process": local,
              "health": health, "check": coach,
              "ratio_p50": round(coach["p50_ms"] / max(health["p50_ms"], 1e-9), 1),
              "ratio_rps": round(health["rps"] / max(coach["rps"], 1e-9), 1),
              # Little's law for closed-loop clients: latency = clients / throughput
              "little_p50_ms": round(1000 * args.clients / max(coach["rps"], 1e-9), 1),
              "targets_met": coach["p50_ms"] <= 15 and coach["p99_ms"] <= 60 and not coach["errors"]}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    if local:
        print(f"check() in process: {local['same_context_ms']:.2f} ms CPU per call with the same context, "
              f"{local['new_context_ms']:.2f} ms with a new context every call")
    for name in ("health", "check"):
        r = result[name]
        cpu = f"  server CPU {r['server_cpu_ms']:.2f} ms/request" if "server_cpu_ms" in r else ""
        print(f"{name:7s} p50 {r['p50_ms']:8.2f} ms  p99 {r['p99_ms']:8.2f} ms  {r['rps']:8.1f} req/s  "
              f"{r['requests']} requests  errors {r['errors'] or 0}{cpu}")
    print(f"check/health: p50 {result['ratio_p50']}x, throughput {result['ratio_rps']}x; "
          f"{args.clients} clients / {coach['rps']} req/s = {result['little_p50_ms']} ms (Little's law)")
    print(f"targets (p50<=15 ms, p99<=60 ms, no errors): {'met' if result['targets_met'] else 'NOT met'} "
          f"({client} client, {args.clients} clients, {args.workers} worker(s), {os.cpu_count()} CPUs"
          f"{', a new context per request' if args.vary_context else ''})")


if __name__ == "__main__":
    main()
