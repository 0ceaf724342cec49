"""The pure state update: findings, facts and steps move the customer as documented."""

from __future__ import annotations

from patiently.practice.scenario import get_scenario
from patiently.practice.state import CustomerState, Move, success, update

VPN = get_scenario("vpn-home-wifi")
SLOW = get_scenario("slow-user-mfa")
PRINTER = get_scenario("printer-non-technical")


def start(sc=VPN) -> CustomerState:  # type: ignore[no-untyped-def]
    return CustomerState.initial(sc)


def test_empathy_and_clarifying_questions_calm_and_build_trust() -> None:
    s0 = start()
    s1, out = update(s0, Move(findings=(("agent.empathy", 0.9), ("agent.clarifying_question", 0.8))), VPN)
    assert s1.anger < s0.anger and s1.trust > s0.trust
    assert {e.cause for e in out.effects} == {"agent.empathy", "agent.clarifying_question"}


def test_dismissive_blame_and_pressure_raise_anger() -> None:
    s0 = start()
    for label in ("agent.dismissive", "agent.blame", "agent.pressure", "agent.impatient_repeat"):
        s1, _ = update(s0, Move(findings=((label, 0.8),)), VPN)
        assert s1.anger > s0.anger and s1.trust < s0.trust, label


def test_jargon_confuses_a_novice_more_than_an_expert() -> None:
    novice, _ = update(start(PRINTER), Move(findings=(("agent.jargon", 0.8),)), PRINTER)
    expert_sc = get_scenario("software-install-denied")
    expert, _ = update(start(expert_sc), Move(findings=(("agent.jargon", 0.8),)), expert_sc)
    assert novice.confusion - PRINTER.start.confusion > expert.confusion - expert_sc.start.confusion


def test_persona_amplifies_what_upsets_them() -> None:
    # VPN persona is upset by dismissive (x1.5) but not by negative phrasing.
    d1, _ = update(start(), Move(findings=(("agent.dismissive", 0.8),)), VPN)
    exec_sc = get_scenario("exec-board-email")
    d2, _ = update(start(exec_sc), Move(findings=(("agent.pressure", 0.8),)), exec_sc)
    d3, _ = update(start(), Move(findings=(("agent.pressure", 0.8),)), VPN)
    assert d2.anger - exec_sc.start.anger > d3.anger - VPN.start.anger
    assert d1.anger > VPN.start.anger


def test_facts_are_revealed_once_and_steps_need_them() -> None:
    s1, out = update(start(), Move(steps=("check_address",)), VPN)
    assert out.too_early and not s1.steps  # asked nothing yet: the step makes no sense
    s2, out = update(s1, Move(facts=("home_only",)), VPN)
    assert out.revealed == ("home_only",) and s2.facts == ("home_only",)
    s3, out = update(s2, Move(facts=("home_only",)), VPN)
    assert out.revealed == ()
    s4, out = update(s3, Move(steps=("check_address",)), VPN)
    assert out.done == ("check_address",) and not s4.resolved
    s5, _ = update(s4, Move(facts=("new_router",)), VPN)
    s6, out = update(s5, Move(steps=("change_router_range",)), VPN)
    assert out.resolved_now and s6.resolved and s6.anger < s5.anger
    assert success(s6, VPN)["resolved"]


def test_wrong_steps_confuse_and_cost_trust() -> None:
    s0 = start()
    s1, out = update(s0, Move(wrong_steps=("reinstall_vpn",)), VPN)
    assert out.wrong == ("reinstall_vpn",)
    assert s1.confusion > s0.confusion and s1.trust < s0.trust


def test_unexplained_step_does_not_progress_for_a_novice() -> None:
    s0 = CustomerState.initial(PRINTER)
    s1, _ = update(s0, Move(facts=("which_printer",)), PRINTER)
    s2, out = update(s1, Move(findings=(("agent.jargon", 0.7),), steps=("choose_printer",)), PRINTER)
    assert out.unexplained and not s2.steps and s2.confusion > s1.confusion


def test_rushed_customer_goes_quiet_and_reveals_nothing() -> None:
    s0 = CustomerState.initial(SLOW)
    s1, out = update(s0, Move(findings=(("agent.pressure", 0.8),), facts=("android_phone",)), SLOW)
    assert s1.quiet and not s1.facts and not out.revealed


def test_slow_customer_needs_a_turn_per_step_and_one_step_at_a_time() -> None:
    s1, _ = update(CustomerState.initial(SLOW), Move(facts=("android_phone",)), SLOW)
    s2, out = update(s1, Move(steps=("install_app",)), SLOW)
    assert out.started == "install_app" and s2.busy_with == "install_app" and not s2.steps
    s3, out = update(s2, Move(steps=("approve_test",)), SLOW)  # a new step while busy
    assert out.busy_conflict and s3.steps == ("install_app",) and s3.confusion > s2.confusion


def test_update_is_pure() -> None:
    s0 = start()
    move = Move(findings=(("agent.empathy", 0.9),), facts=("home_only",))
    assert update(s0, move, VPN) == update(s0, move, VPN)
    assert s0 == start()
