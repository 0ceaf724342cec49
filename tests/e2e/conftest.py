"""End-to-end fixtures: the real server as a subprocess on loopback, and Debian's chromium
driven by Playwright (the PyPI package; its own browser downloads are never used).

The tests skip when chromium or playwright is missing, unless ``PATIENTLY_E2E_REQUIRED=1``
(set by ``make test``, whose ``e2e-deps`` target installs chromium): then they fail, so CI
cannot pass without running them. Screenshots go to ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = Path(os.environ.get("PATIENTLY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ADMIN, PASSWORD = "admin", "correct horse battery"
START_TIMEOUT = 90.0


def _missing(reason: str) -> None:
    if os.environ.get("PATIENTLY_E2E_REQUIRED") == "1":
        pytest.fail(f"browser tests are required here but {reason}", pytrace=False)
    pytest.skip(reason)


def _patiently() -> list[str]:
    exe = Path(sys.executable).parent / "patiently"
    return [str(exe)] if exe.exists() else [shutil.which("patiently") or "patiently"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str
    db: Path
    log: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``patiently serve`` on a free loopback port over a fresh SQLite file, with one admin."""
    pytest.importorskip("sqlalchemy")
    tmp = tmp_path_factory.mktemp("e2e")
    db, log = tmp / "p.db", tmp / "server.log"
    url_db = f"sqlite:///{db}"
    env = {**os.environ, "PATIENTLY_PASSWORD": PASSWORD}
    subprocess.run([*_patiently(), "users", "create", ADMIN, "--role", "admin", "--db", url_db],
                   env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen([*_patiently(), "serve", "--db", url_db, "--host", "127.0.0.1", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}", pytrace=False)
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"server not healthy after {START_TIMEOUT:.0f}s:\n{log.read_text()}", pytrace=False)
            time.sleep(0.2)
        yield Server(base, db, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(f"no chromium at {CHROMIUM} (make e2e-deps installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Tab:
    """A browser page plus what went wrong around it (requests off loopback, script errors)."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Any, server: Server) -> Iterator[Tab]:
    """A fresh browser context (no cookies) whose requests may only go to the server."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    tab = Tab(context.new_page())

    def guard(route: Any) -> None:  # offline by design: anything else is refused and recorded
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            tab.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab.page.on("pageerror", lambda exc: tab.js_errors.append(str(exc)))
    try:
        yield tab
    finally:
        context.close()


def shoot(page: Any, name: str) -> Path:
    """A full-page screenshot kept as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
