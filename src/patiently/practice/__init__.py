"""Practice simulator: chat with a simulated IT customer, then get a debrief (issue #6).

    from patiently.practice import get_scenario, Session, debrief
    session = Session(get_scenario("vpn-home-wifi"), seed=1)
    print(session.opening)
    turn = session.reply("I'm sorry it keeps dropping. Does it happen only at home?")
    print(turn.text, turn.state.anger)
    report = debrief(session)

The customer is a state machine driven by the same detectors as ``patiently analyze``;
scenarios are validated YAML under ``practice/scenarios/`` (docs/practice.md).
"""

from __future__ import annotations

from .debrief import debrief, session_json
from .engine import CustomerTurn, Session, run_script
from .scenario import Scenario, UnknownScenarioError, get_scenario, load_scenario_file, load_scenarios
from .state import CustomerState, Move, update

__all__ = ["CustomerState", "CustomerTurn", "Move", "Scenario", "Session", "UnknownScenarioError", "debrief",
           "get_scenario", "load_scenario_file", "load_scenarios", "run_script", "session_json", "update"]
