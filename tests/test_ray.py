"""Batch analysis on Ray (patiently.distributed) gives analyze_batch's results, in order.

Two kinds of tests: fast ones against a stand-in for the ``ray`` module (the runner's own
logic: start/stop, chunking, order, the missing-extra error), and ``slow`` ones on one real
local Ray for the whole module (skipped without the ray extra; 2 CPUs, no network).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from patiently import distributed
from patiently.analyze import analyze_files
from patiently.cli import cli
from patiently.distributed import RayRunner, analyze_ray
from patiently.errors import InputError, RecordError
from patiently.pipeline import Analyzer
from patiently.readers import read_conversations

from conftest import ROOT_EXAMPLES

EXAMPLES = [ROOT_EXAMPLES / "conversations.jsonl", ROOT_EXAMPLES / "tickets.csv", ROOT_EXAMPLES / "transcript.txt"]
SCRIPTED = "agent.scripted_empathy"  # the corpus detector: its reuse findings come from the corpus pass
GOOD = {"id": "g1", "channel": "chat", "messages": [
    {"id": "m1", "role": "customer", "text": "My printer is offline AGAIN!!"},
    {"id": "m2", "role": "agent", "author": "sam", "text": "Sorry about that, let me restart the queue for you."}]}
ROBOT = {**GOOD, "id": "g2", "messages": [{"role": "robot", "text": "x"}]}
BAD_LINES = [json.dumps(GOOD), "{not json", json.dumps(ROBOT), json.dumps({**GOOD, "id": "g3"})]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="module")
def batch(analyzer: Analyzer) -> list[dict[str, Any]]:
    """The reference: the examples through analyze_batch, corpus pass included."""
    return [r.to_dict() for r in analyzer.analyze_batch(read_conversations(EXAMPLES))]


# --- the runner's logic, against a stand-in for ray -------------------------------------
class FakeRay:
    """Just enough of ``ray`` for RayRunner: tasks run at once, in this process."""

    def __init__(self, cpus: int = 3, initialized: bool = False) -> None:
        self.cpus, self.initialized = cpus, initialized
        self.inits: list[dict[str, Any]] = []
        self.shutdowns = self.killed = 0
        self.calls: list[tuple[int, list[str]]] = []  # (actor, conversation ids) per task

    def is_initialized(self) -> bool:
        return self.initialized

    def init(self, **kwargs: Any) -> None:
        self.inits.append(kwargs)
        self.initialized = True

    def shutdown(self) -> None:
        self.shutdowns += 1
        self.initialized = False

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": float(self.cpus)}

    def put(self, value: Any) -> Any:
        return value

    def get(self, ref: Any) -> Any:
        return ref

    def kill(self, actor: Any) -> None:
        self.killed += 1

    def remote(self, **_options: Any) -> Any:
        fake = self

        def wrap(cls: type) -> Any:
            class Handle:
                def __init__(self, n: int, worker: Any) -> None:
                    def run(convs: list) -> Any:
                        fake.calls.append((n, [c.id for c in convs]))
                        return worker.analyze_chunk(convs)

                    self.analyze_chunk = SimpleNamespace(remote=run)

            counter = iter(range(1000))
            return SimpleNamespace(remote=lambda shared: Handle(next(counter), cls(shared)))

        return wrap


@pytest.fixture
def fake_ray(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRay]:
    fake = FakeRay()
    monkeypatch.setattr(distributed, "require_ray", lambda: fake)
    yield fake


def test_chunks_go_round_robin_and_results_come_back_in_input_order(fake_ray: FakeRay, analyzer: Analyzer,
                                                                    batch: list[dict[str, Any]]) -> None:
    results = [r.to_dict() for r in analyze_ray(EXAMPLES, analyzer, num_cpus=2, batch_size=40)]
    assert results == batch
    assert len(fake_ray.calls) > 2 and {n for n, _ in fake_ray.calls} == {0, 1}
    assert [cid for _, ids in fake_ray.calls for cid in ids] == [r["id"] for r in batch]


def test_a_local_ray_is_started_offline_and_shut_down(fake_ray: FakeRay) -> None:
    list(analyze_ray(EXAMPLES[2:], num_cpus=2))
    (kwargs,) = fake_ray.inits
    assert kwargs["address"] == "local" and kwargs["num_cpus"] == 2 and kwargs["include_dashboard"] is False
    assert fake_ray.shutdowns == 1 and fake_ray.killed == 2


def test_a_cluster_address_is_joined_and_left_running_workers_capped(fake_ray: FakeRay) -> None:
    list(analyze_ray(EXAMPLES[2:], address="ray://head:10001", num_cpus=2))
    (kwargs,) = fake_ray.inits
    assert kwargs["address"] == "ray://head:10001" and "num_cpus" not in kwargs
    assert fake_ray.killed == 2  # min(3 cluster CPUs, num_cpus=2) workers
    fake_ray.initialized, fake_ray.inits = True, []  # inside a Ray job: use it, never shut it down
    list(analyze_ray(EXAMPLES[2:]))
    assert fake_ray.inits == [] and fake_ray.shutdowns == 1


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    with pytest.raises(InputError, match=r"pip install 'patiently\[ray\]'"):
        analyze_ray(EXAMPLES)
    res = CliRunner().invoke(cli, ["analyze", str(EXAMPLES[2]), "-q", "--ray"])
    assert isinstance(res.exception, InputError) and "patiently[ray]" in str(res.exception)


def test_ray_flag_before_an_input_is_a_clear_error() -> None:
    res = CliRunner().invoke(cli, ["analyze", "--ray", str(EXAMPLES[2]), "-q"])
    assert res.exit_code == 2 and "not a Ray address" in res.output


# --- on a real local Ray ------------------------------------------------------------------
@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    """One local Ray for the module (starting one takes seconds); analyze_ray uses it as is."""
    ray = pytest.importorskip("ray")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="warning")
    yield ray
    ray.shutdown()
    monkeypatch.undo()


@pytest.mark.slow
@pytest.mark.xdist_group("ray")  # one local Ray for the run (make test: --dist loadgroup)
def test_ray_results_equal_analyze_batch_on_the_examples(local_ray: Any, analyzer: Analyzer,
                                                         batch: list[dict[str, Any]]) -> None:
    # small chunks: several tasks on both workers; the corpus pass still sees every conversation
    results = [r.to_dict() for r in analyze_ray(EXAMPLES, analyzer, batch_size=50)]
    assert [r["id"] for r in results] == [r["id"] for r in batch]
    assert results == batch  # findings, scores, agent scores, errors
    single = {c.id: analyzer.analyze(c).to_dict() for c in read_conversations(EXAMPLES)
              if not isinstance(c, RecordError)}
    added = [f for r in results for f in r["findings"] if f not in single[r["id"]]["findings"]]
    assert added, "the examples should exercise the corpus pass"
    assert {f["detector"].split("@")[0] for f in added} == {SCRIPTED}
    assert local_ray.is_initialized()  # a Ray it did not start is left running


@pytest.mark.slow
@pytest.mark.xdist_group("ray")  # one local Ray for the run (make test: --dist loadgroup)
def test_bad_records_are_reported_as_in_analyze_files(local_ray: Any, analyzer: Analyzer, tmp_path: Path) -> None:
    inp = tmp_path / "mixed.jsonl"
    inp.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    runs = {}
    for name, kwargs in (("local", {}), ("ray", {"runner": RayRunner(batch_size=1)})):
        seen: list[RecordError] = []
        out = io.StringIO()
        run = analyze_files([inp], analyzer, out=out, on_error=seen.append, **kwargs)
        assert seen == run.errors
        runs[name] = ([e.to_dict() for e in run.errors], out.getvalue(), run.conversations)
    assert runs["ray"] == runs["local"]
    assert [e["line"] for e in runs["ray"][0]] == [2, 3] and runs["ray"][2] == 2


@pytest.mark.slow
@pytest.mark.xdist_group("ray")  # one local Ray for the run (make test: --dist loadgroup)
def test_cli_ray_flag_writes_the_same_results(local_ray: Any, batch: list[dict[str, Any]], tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    res = CliRunner().invoke(cli, ["analyze", *map(str, EXAMPLES), "--out", str(out), "--json", "-q", "--ray"])
    assert res.exit_code == 0, res.output
    assert [json.loads(line) for line in out.read_text().splitlines()] == json.loads(json.dumps(batch))
    summary = json.loads(res.stdout[res.stdout.index("{"):])
    assert summary["conversations"] == len(batch) and summary["errors"] == []
