"""``heads.dir`` / ``--heads``: the analyser reads its trained heads from a local folder."""

import json
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from patiently.cli import cli
from patiently.config import load_settings
from patiently.errors import ConfigError
from patiently.heads import shipped_dir

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "conversations.jsonl"


@pytest.fixture
def local_heads(tmp_path: Path) -> Path:
    out = tmp_path / "heads"
    shutil.copytree(shipped_dir(), out)
    return out


def _without(heads: Path, name: str) -> Path:
    manifest = json.loads((heads / "manifest.json").read_text(encoding="utf-8"))
    del manifest["heads"][name]
    (heads / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (heads / f"{name}.npz").unlink()
    return heads


def test_a_copy_of_the_shipped_heads_gives_the_same_findings(local_heads: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outs = []
    for extra in ([], ["--heads", str(local_heads)]):
        out = tmp_path / f"out{len(outs)}.jsonl"
        r = runner.invoke(cli, ["analyze", str(EXAMPLES), "--out", str(out), "-q", *extra])
        assert r.exit_code == 0, r.output
        outs.append([(x["id"], x["findings"], x["scores"]) for x in map(json.loads, out.read_text().splitlines())])
    assert outs[0] == outs[1]


def test_the_local_heads_are_the_ones_read(local_heads: Path) -> None:
    from patiently.detectors import agent_tone

    s = load_settings(overrides=[f"heads.dir={local_heads}"])
    assert s.heads.dir == str(local_heads)
    assert agent_tone._head(s.heads.dir) is not agent_tone._head(None)


def test_a_folder_without_a_needed_head_stops_before_any_input(local_heads: Path) -> None:
    folder = _without(local_heads, "agent_tone")
    r = CliRunner().invoke(cli, ["analyze", str(EXAMPLES), "--heads", str(folder), "-q"])
    assert r.exit_code == 2
    assert "no head 'agent_tone' (agent.tone reads it)" in r.output and "--only agent_tone" in r.output
    with pytest.raises(ConfigError, match=r"heads\.dir: .*no head 'agent_tone'.*\(from --set\)"):
        load_settings(overrides=[f"heads.dir={folder}"])


def test_not_a_heads_folder(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["explain", str(EXAMPLES), "ex-001", "--heads", str(tmp_path)])
    assert r.exit_code == 2 and "is not a heads folder (no manifest.json)" in r.output


def test_check_with_heads(local_heads: Path) -> None:
    from patiently.coach import engine
    from patiently.coach.cli import check_command

    try:
        r = CliRunner().invoke(check_command, ["Thanks, I've reset it for you.", "--json", "--heads", str(local_heads)])
        assert r.exit_code == 0, r.output
        assert engine.get_analyzer().settings.heads.dir == str(local_heads)
        bad = CliRunner().invoke(check_command, ["hi", "--heads", str(_without(local_heads, "goemotions"))])
        assert bad.exit_code == 2 and "no head 'goemotions' (customer.frustration reads it)" in bad.output
    finally:
        engine.use_heads(None)
    assert engine.get_analyzer().settings.heads.dir is None


def test_serve_settings_carry_the_heads_to_the_coach_and_the_web_app(local_heads: Path, monkeypatch) -> None:
    pytest.importorskip("fastapi")
    from patiently.coach import engine
    from patiently.rubric import load_rubric
    from patiently.server.app import ServerSettings, create_app
    from patiently.web.app import WebState
    from patiently.web.settings import WebSettings

    try:
        create_app(ServerSettings(heads_dir=str(local_heads), warm_up=False))
        assert engine.get_analyzer().settings.heads.dir == str(local_heads)
    finally:
        engine.use_heads(None)
    state = WebState.__new__(WebState)  # the analyser alone, without a database
    state.settings = WebSettings(heads_dir=str(local_heads))
    state._analyzer, state._analyzer_lock, state.db = None, threading.Lock(), None
    monkeypatch.setattr("patiently.web.app.store.active_rubric", lambda db: load_rubric())
    assert state.analyzer().settings.heads.dir == str(local_heads)


def test_customer_frustration_reads_the_goemotions_head_of_the_folder(local_heads: Path) -> None:
    import numpy as np

    from patiently.detectors.customer_frustration import emotion
    from patiently.heads import NEGATIVE_EMOTIONS, load_heads

    # A local head that never hears anger, annoyance, ...: its negative-emotion signal is 0.
    arrays = dict(np.load(local_heads / "goemotions.npz"))
    classes = load_heads().linear("goemotions").classes
    arrays["bias"] = arrays["bias"].copy()
    arrays["bias"][[classes.index(c) for c in NEGATIVE_EMOTIONS]] = -50.0
    np.savez(local_heads / "goemotions.npz", **arrays)
    angry = ["This is awful, I am furious with your useless service"]
    assert emotion(angry)[0] > 0.5
    assert emotion(angry, str(local_heads))[0] == 0.0


# --- bench frustration / escalation: the same detector, the same heads folder -------------------
# Named mini-conversations: one angry customer message and one calm one, labelled; for the
# escalation task, two conversations (one derails) whose customers open the same way.
FRUSTRATION_SET = [
    {"id": "angry", "messages": [
        {"id": "1", "role": "customer", "text": "This is awful, I am furious with your useless service!!",
         "labels": {"negative": True}},
        {"id": "2", "role": "agent", "text": "I'm sorry, let me look into it right now."}]},
    {"id": "calm", "messages": [
        {"id": "1", "role": "customer", "text": "Could you tell me how to change my password?",
         "labels": {"negative": False}},
        {"id": "2", "role": "agent", "text": "Of course: open Settings, then Security."}]},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _spy_emotion(monkeypatch) -> list[str | None]:
    """The heads folders customer.frustration's emotion signal is asked to read."""
    from patiently.detectors import customer_frustration

    seen: list[str | None] = []
    real = customer_frustration.emotion

    def spy(texts: list[str], heads_dir: str | None = None) -> list[float]:
        seen.append(heads_dir)
        return real(texts, heads_dir)

    monkeypatch.setattr(customer_frustration, "emotion", spy)
    return seen


@pytest.mark.parametrize("task", ["frustration", "escalation"])
def test_bench_reads_the_goemotions_head_of_the_heads_folder(task: str, local_heads: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    from patiently.bench.tasks import run_bench

    rows = FRUSTRATION_SET if task == "frustration" else [
        {**c, "labels": {"derails": c["id"] == "angry"}} for c in FRUSTRATION_SET]
    data = _jsonl(tmp_path / f"{task}.jsonl", rows)
    shipped = run_bench(task, [data])
    seen = _spy_emotion(monkeypatch)
    local = run_bench(task, [data], heads_dir=local_heads)
    assert seen and set(seen) == {str(local_heads)}  # never the shipped head
    assert local["heads"] == {**shipped["heads"], "dir": str(local_heads), "shipped": False}
    assert local["heads"]["head"] == "goemotions"
    metrics = ("precision", "recall", "f1") if task == "frustration" else ("accuracy", "auc")
    assert {k: local[k] for k in metrics} == {k: shipped[k] for k in metrics}  # a copy: the same numbers


def test_bench_frustration_needs_the_analysers_heads(local_heads: Path, tmp_path: Path) -> None:
    from patiently.bench.tasks import run_bench

    data = _jsonl(tmp_path / "frustration.jsonl", FRUSTRATION_SET)
    with pytest.raises(ConfigError, match=r"no head 'goemotions' \(customer\.frustration reads it\)"):
        run_bench("frustration", [data], heads_dir=_without(local_heads, "goemotions"))
