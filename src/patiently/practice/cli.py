"""``patiently practice``: the simulator on the command line (a standalone click command).

The main CLI attaches it with ``cli.add_command(practice_command)``. Three uses:

* ``patiently practice`` (or ``--list [--json]``): the scenarios;
* ``patiently practice SCENARIO``: chat in the terminal (``/state``, ``/debrief``, ``/quit``);
* ``patiently practice SCENARIO --script trainee.txt --json``: one trainee message per line
  (``/debrief`` or ``/quit`` ends the script early, ``/state`` is skipped), the transcript,
  final state and debrief as JSON (for tests, benchmarks and the web app).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import PatientlyError
from ..terminal import json_for_terminal, visible, visible_tree

HELP_LINE = "Type your reply and press Enter. Commands: /state, /debrief, /quit."


def _bar(value: float, width: int = 10) -> str:
    filled = round(value * width)
    return "█" * filled + "·" * (width - filled)


def state_line(state: Any) -> str:
    facts = len(state.facts)
    return (f"[anger {_bar(state.anger)} {state.anger:.2f} | confusion {_bar(state.confusion)} "
            f"{state.confusion:.2f} | trust {_bar(state.trust)} {state.trust:.2f} | facts {facts} | "
            f"steps {len(state.steps)}{' | resolved' if state.resolved else ''}]")


def render_list(scenarios: dict[str, Any]) -> str:
    # Scenario files are anyone's: a title or a name holding "\x1b]0;..." must not retitle
    # the terminal (terminal.visible shows control characters instead of sending them).
    lines = []
    for sc in scenarios.values():
        p = sc.persona
        lines.append(visible(f"{sc.id:28} {sc.title}", ""))
        lines.append(visible(f"{'':28} {p.name}, {p.role} · {', '.join(s.replace('_', ' ') for s in sc.sides)}", ""))
    return "\n".join(lines)


def render_debrief(d: dict[str, Any]) -> str:
    d = visible_tree(d)  # its texts come from the scenario file and the trainee
    ok = d["success"]["passed"]
    lines = [click.style(f"Debrief: {d['title']}", bold=True),
             f"Outcome: {'success' if ok else 'not yet'} "
             + ", ".join(f"{k} {'✓' if v else '✗'}" for k, v in d["success"].items() if k != "passed"),
             f"Overall patience score: {d['overall']}",
             "Scores this scenario targets: " + ", ".join(f"{k} {v}" for k, v in d["targets"].items()),
             "All scores: " + ", ".join(f"{k} {v}" for k, v in d["scores"].items() if k != "overall" and v is not None),
             f"Moves: {d['helped']} helped, {d['hurt']} hurt."]
    for m in d["worst_moves"]:
        lines += ["", f"Turn {m['turn']} hurt (impact +{m['impact']:.2f}): \"{m['text']}\"",
                  f"  found: {', '.join(m['labels']) or 'nothing wrong in tone; the move itself did not fit'}",
                  f"  {m['next_move']}"]
        if m.get("ideal"):
            lines.append(f"  a better wording: {m['ideal']}")
    return "\n".join(lines)


def render_transcript(session: Any, show_state: bool) -> str:
    """A scripted session as text: the conversation, then the debrief."""
    from .debrief import debrief

    name = visible(session.scenario.persona.name, "")
    lines = [f"{name}: {visible(session.opening)}"]
    for rec in session.turns:
        lines += [f"you> {visible(rec.message.text)}", f"{name}: {visible(rec.turn.text)}"]
        if show_state:
            lines.append(state_line(rec.turn.state))
    return "\n".join(lines) + "\n\n" + render_debrief(debrief(session))


def _read_script(path: str) -> list[str]:
    """The trainee's messages: one per line; blank lines and ``#`` comments are skipped. A line
    the web app would refuse (only control characters, too long) is refused with its number."""
    from .engine import trainee_text_problem

    try:
        # utf-8-sig, as the readers: a BOM (Windows Notepad) is not part of the first message
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="--script") from None
    text = text.removeprefix("\ufeff")  # stdin is decoded as plain UTF-8
    lines: list[str] = []
    # numbered by "\n", as an editor shows them; a stray \r, \f or \x1c inside still splits
    for number, physical in enumerate(text.split("\n"), 1):
        for raw in physical.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            # the chat's commands mean the same in a script (they were sent to the customer):
            # /debrief, /quit and /exit end it; /state is what --show-state prints anyway
            if line.lower() in ("/quit", "/exit", "/debrief"):
                return _some(lines, path)
            if line.lower() == "/state":
                continue
            if problem := trainee_text_problem(line):
                raise click.BadParameter(f"{path} line {number}: {problem}", param_hint="--script")
            lines.append(line)
    return _some(lines, path)


def _some(lines: list[str], path: str) -> list[str]:
    if not lines:
        raise click.BadParameter(f"{path} has no trainee messages (one per line)", param_hint="--script")
    return lines


def _interactive(session: Any, show_state: bool) -> None:
    from .debrief import debrief
    from .engine import trainee_text_problem

    sc = session.scenario
    name, role = visible(sc.persona.name, ""), visible(sc.persona.role, "")
    click.echo(click.style(visible(sc.title, ""), bold=True))
    click.echo(f"{visible(sc.summary)}\nYou are chatting with {name} ({role}). {HELP_LINE}\n")
    click.echo(f"{name}: {visible(session.opening)}")
    if show_state:
        click.echo(click.style(state_line(session.state), dim=True))
    while not session.finished:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            break
        cmd = text.strip().lower()
        if cmd in ("/quit", "/exit", "/debrief"):
            break
        if cmd == "/state":
            click.echo(state_line(session.state))
            continue
        if not cmd:
            continue
        if problem := trainee_text_problem(text.strip()):
            click.echo(f"(not sent: {problem})")
            continue
        turn = session.reply(text)
        click.echo(f"{name}: {visible(turn.text)}")
        if show_state:
            click.echo(click.style(state_line(turn.state), dim=True))
    if session.turns:
        click.echo("\n" + render_debrief(debrief(session)))


@click.command("practice")
@click.argument("scenario", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the scenarios and exit.")
@click.option("--json", "as_json", is_flag=True, help="JSON output (with --list or --script).")
@click.option("--script", "script", metavar="FILE", help="Scripted trainee: one message per line ('-': stdin).")
@click.option("--show-state", is_flag=True, help="Show the customer's anger, confusion and trust after each turn.")
@click.option("--seed", default=0, show_default=True, help="Seed for the customer's choice of lines.")
@click.option("--llm-url", metavar="URL", envvar="PATIENTLY_LLM_URL",
              help="Optional OpenAI-compatible server to phrase the customer's replies.")
@click.option("--llm-model", default="local", show_default=True, help="Model name sent to the LLM server.")
def practice_command(scenario: str | None, list_only: bool, as_json: bool, script: str | None, show_state: bool,
                     seed: int, llm_url: str | None, llm_model: str) -> None:
    """Practise patience with a simulated IT customer, then get a debrief.

    Without SCENARIO (or with --list): the scenarios. SCENARIO is an id from the list or a
    scenario .yaml file.
    """
    from .scenario import get_scenario, load_scenarios

    try:
        if list_only or scenario is None:
            scenarios = load_scenarios()
            if as_json:
                click.echo(json_for_terminal(json.dumps([s.summary_dict() for s in scenarios.values()], indent=2,
                                                        ensure_ascii=False)))
            else:
                click.echo(render_list(scenarios))
                click.echo("\nStart one with: patiently practice SCENARIO")
            return
        sc = get_scenario(scenario)
        llm = None
        if llm_url:
            from .llm import LLMSettings

            llm = LLMSettings(url=llm_url, model=llm_model)
        from .engine import Session, run_script

        if script is not None:
            from .debrief import session_json

            session = run_script(sc, _read_script(script), seed=seed, llm=llm)
            click.echo(json_for_terminal(json.dumps(session_json(session), indent=2, ensure_ascii=False)) if as_json
                       else render_transcript(session, show_state))
            return
        _interactive(Session(sc, seed=seed, llm=llm), show_state)
    except PatientlyError as exc:
        click.echo(f"error: {visible(str(exc))}", err=True)
        sys.exit(2)
