"""Shared test helpers: build named mini-conversations tersely and run one detector."""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from patiently.config import Settings
from patiently.detectors.base import DetectorContext
from patiently.detectors.registry import get, load_detectors
from patiently.model import Conversation, Finding, Message

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
ROOT_EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
T0 = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


def conv(*turns: tuple, channel: str = "chat", cid: str = "c1", gap: float = 60.0) -> Conversation:
    """Build a conversation from (role, text) or (role, text, seconds_since_start) tuples.

    Roles may be "c"/"a"/"s" for customer/agent/system; agents are authored "sam" unless
    the role is given as "a:name". Without explicit times, messages are ``gap`` seconds apart.
    """
    roles = {"c": "customer", "a": "agent", "s": "system"}
    msgs = []
    for i, turn in enumerate(turns):
        role, text = turn[0], turn[1]
        secs = turn[2] if len(turn) > 2 else i * gap
        author = None
        if ":" in role:
            role, author = role.split(":", 1)
        role = roles.get(role, role)
        if role == "agent" and author is None:
            author = "sam"
        if role == "customer" and author is None:
            author = "cust"
        msgs.append(Message(f"m{i + 1}", role, text, author=author, sent_at=T0 + timedelta(seconds=secs)))
    return Conversation(cid, tuple(msgs), channel=channel)


def detect(name: str, conversation: Conversation, settings: Settings | None = None) -> list[Finding]:
    """Run one detector (and the detectors it requires) and return only its findings."""
    det = get(name)
    ctx = DetectorContext(conversation, settings or Settings())
    needed = load_detectors([name]) if not det.requires else _with_requirements(name)
    for d in needed:
        ctx.findings.extend(d.detect(conversation, ctx))
    return [f for f in ctx.findings if f.detector == det.id]


def _with_requirements(name: str) -> list:
    from patiently.detectors.registry import available, order

    det = get(name)
    wanted = {det.name}
    producers = {label: d for d in available().values() for label in d.labels}
    stack = list(det.requires)
    while stack:
        label = stack.pop()
        p = producers.get(label)
        if p is not None and p.name not in wanted:
            wanted.add(p.name)
            stack.extend(p.requires)
    return order([get(n) for n in wanted])


def labels(findings: list[Finding]) -> list[str]:
    return [f.label for f in findings]


def evidence_text(conversation: Conversation, finding: Finding) -> list[str]:
    """The text each evidence span points at: tests check spans, not just labels."""
    return [conversation.message(s.message_id).text[s.start : s.end] for s in finding.evidence]


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "conversations").exists():
        pytest.skip("../shared/data is not available")
    return SHARED_DATA


def load_script(name: str) -> ModuleType:
    """A module of ``scripts/`` (not a package) by file name, e.g. "make_frustration_bench"."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def jsonl_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
