"""Measured behaviour of every scenario: a patient scripted trainee resolves the issue with the
customer calmer than at the start; an impatient one does not, and scores lower on the
behaviours the scenario targets (the same rubric as real tickets)."""

from __future__ import annotations

from functools import cache

import pytest

from patiently.practice import Session, debrief, get_scenario, load_scenarios, run_script
from patiently.practice.engine import CustomerTurn

IDS = list(load_scenarios())


@cache
def played(sid: str, kind: str) -> tuple[Session, dict]:
    sc = get_scenario(sid)
    session = run_script(sc, list(getattr(sc.test_scripts, kind)))
    return session, debrief(session, suggestions=1)


@pytest.mark.parametrize("sid", IDS)
def test_patient_trainee_resolves_and_calms(sid: str) -> None:
    session, d = played(sid, "patient")
    assert session.state.resolved
    assert session.state.anger < session.initial.anger
    assert d["success"]["passed"], d["success"]


@pytest.mark.parametrize("sid", IDS)
def test_impatient_trainee_fails_and_scores_lower_on_targets(sid: str) -> None:
    session, d = played(sid, "impatient")
    assert not (session.state.resolved and session.state.anger < session.initial.anger)
    assert not d["success"]["passed"]
    _, good = played(sid, "patient")
    for behaviour in get_scenario(sid).targets:
        assert good["targets"][behaviour] is not None
        assert (d["targets"][behaviour] or 0) < good["targets"][behaviour], behaviour
    assert d["overall"] < good["overall"]


def test_same_seed_same_conversation_other_seed_other_words() -> None:
    sc = get_scenario("exec-board-email")
    lines = list(sc.test_scripts.patient)
    a = [m.text for m in run_script(sc, lines, seed=3).messages]
    b = [m.text for m in run_script(sc, lines, seed=3).messages]
    assert a == b
    others = {tuple(m.text for m in run_script(sc, lines, seed=s).messages) for s in range(6)}
    assert len(others) > 1  # the lines vary with the seed...
    states = {run_script(sc, lines, seed=s).state for s in range(3)}
    assert len({(st.resolved, st.facts, st.steps) for st in states}) == 1  # ...the outcome does not


def test_a_question_by_meaning_reveals_a_hidden_fact_and_telling_does_not() -> None:
    sc = get_scenario("vpn-home-wifi")
    s = Session(sc)
    told = s.reply("It is probably your home network.")
    assert not told.revealed
    asked = s.reply("Does this happen when you're in the office too, or just when you work from home?")
    assert asked.revealed == ("home_only",)
    assert any(k.startswith("fact:") for k in asked.situations)
    assert any(r in asked.text for r in sc.problem.facts[0].reveal)


def test_turn_carries_findings_effects_and_state() -> None:
    s = Session(get_scenario("lost-work-restore"))
    turn = s.reply("You should have saved your work more often.")
    assert isinstance(turn, CustomerTurn)
    assert "agent.blame" in {f.label for f in turn.findings}
    assert any(e.cause == "agent.blame" for e in turn.effects)
    assert turn.state.anger > s.initial.anger
    assert turn.to_dict()["state"]["anger"] == round(turn.state.anger, 3)
    assert len(s.conversation.messages) == 3  # opening, trainee, customer


def test_empty_message_is_refused() -> None:
    with pytest.raises(ValueError):
        Session(get_scenario("vpn-home-wifi")).reply("   ")


def test_debrief_lists_helpful_and_harmful_moves_with_a_better_wording() -> None:
    sc = get_scenario("lost-work-restore")
    s = run_script(sc, [sc.test_scripts.patient[0], "Hurry up, I don't have all day. You should have saved it."])
    d = debrief(s)
    assert [m["verdict"] for m in d["moves"]] == ["helped", "hurt"]
    worst = d["worst_moves"][0]
    assert worst["turn"] == 2 and "agent.pressure" in worst["labels"]
    assert worst["ideal"] and "all day" not in worst["ideal"]
    assert "version" in worst["next_move"].lower() or "ask" in worst["next_move"].lower()
    assert any(f["label"] == "agent.blame" and f["evidence"] for f in d["findings"])
    assert set(d["targets"]) == set(sc.targets)


def test_replies_without_llm_need_no_network() -> None:
    """Every reply comes from the scenario's own lines (no LLM configured). How fast they come
    is measured by benchmarks/practice_separation.py (p99 target 100 ms), not here: a timed
    assertion fails on a busy shared machine without saying anything about the code."""
    sc = get_scenario("slow-laptop-long-session")
    s = Session(sc)
    s.reply("warm up")
    for line in sc.test_scripts.patient:
        turn = s.reply(line)
        assert turn.text.strip() and turn.source == "scenario"
