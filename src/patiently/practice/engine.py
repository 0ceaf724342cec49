"""A practice session: the trainee writes, the simulated customer answers.

Each trainee message is analysed in context by the SAME detectors as real tickets (one
process-wide :class:`Analyzer`, shared with the reply coach), its sentences are matched with
the scenario's hidden facts and resolution steps, and :func:`state.update` moves the
customer. The reply is then chosen from the scenario's lines for the situation, with a
seeded random generator: the same seed and the same messages give the same conversation.
An optional LLM only rephrases the chosen line; it never decides what happens.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..detectors.base import DetectorContext
from ..model import Conversation, Finding, Message
from ..pipeline import Analyzer
from .matching import Matcher
from .scenario import Scenario
from .state import CustomerState, Effect, Move, Outcome, update

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
CONTEXT_WINDOW = 24  # messages analysed with each new one: keeps a reply's cost flat in long sessions
AGENT_GAP_S, CUSTOMER_GAP_S, SLOW_GAP_S = 45, 30, 75
MAX_TRAINEE_CHARS = 4_000  # one trainee message, in the web app and on the command line
ANGRY_AT = 0.6


# A terminal escape sequence (colour, cursor moves: ESC [ ... letter) shows nothing, and nor
# do control, format and space characters: a message of only these is a blank turn.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_UNSEEN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def shows_something(text: str) -> bool:
    """Whether ``text`` shows anything to the customer."""
    return any(unicodedata.category(ch) not in _UNSEEN for ch in _ESCAPE.sub("", text))


def trainee_text_problem(text: str) -> str | None:
    """Why a trainee message is not sent (nothing visible, or over MAX_TRAINEE_CHARS), or None."""
    if not shows_something(text):
        return "write something to the customer (the message shows nothing: only spaces or control characters)"
    if len(text) > MAX_TRAINEE_CHARS:
        return f"a message has at most {MAX_TRAINEE_CHARS:,} characters, this one {len(text):,}"
    return None


@dataclass(frozen=True)
class CustomerTurn:
    """The customer's answer to one trainee message, and why it came out that way."""

    text: str
    situations: tuple[str, ...]
    state: CustomerState
    effects: tuple[Effect, ...]
    findings: tuple[Finding, ...]
    revealed: tuple[str, ...] = ()
    steps_done: tuple[str, ...] = ()
    finished: bool = False
    source: str = "scenario"  # or "llm" when the line was rephrased

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "situations": list(self.situations), "state": self.state.to_dict(),
                "effects": [e.to_dict() for e in self.effects], "revealed": list(self.revealed),
                "steps_done": list(self.steps_done), "finished": self.finished, "source": self.source,
                "findings": [{"label": f.label, "score": round(f.score, 3), "explanation": f.explanation}
                             for f in self.findings]}


@dataclass
class TurnRecord:
    """A trainee message with the state before it and the customer turn it caused."""

    message: Message
    before: CustomerState
    turn: CustomerTurn
    notes: list[str] = field(default_factory=list)


class Session:
    """One practice conversation. Not thread-safe: one trainee, one session."""

    def __init__(self, scenario: Scenario, *, seed: int = 0, analyzer: Analyzer | None = None,
                 llm: Any = None, llm_client: Any = None) -> None:
        from ..coach.engine import get_analyzer

        self.scenario = scenario
        self.seed = seed
        self.analyzer = analyzer or get_analyzer()
        self.llm = llm  # an LLMSettings, or None for the scenario's lines only
        self.llm_client = llm_client  # an httpx.Client (tests pass one with a mock transport)
        self.rng = random.Random(f"{scenario.id}:{seed}")
        self.state = CustomerState.initial(scenario)
        self.initial = self.state
        self.messages: list[Message] = []
        self.turns: list[TurnRecord] = []
        self.notes: list[str] = []
        self._clock = T0
        self._used: dict[str, list[str]] = {}
        self._matcher = Matcher(scenario, _embedder(self.analyzer))
        self.opening = self._say(self._pick("opening"))

    # --- the conversation -----------------------------------------------------------
    @property
    def conversation(self) -> Conversation:
        return Conversation(f"practice-{self.scenario.id}-{self.seed}", tuple(self.messages), channel="chat",
                            subject=self.scenario.title, meta={"scenario": self.scenario.id})

    @property
    def finished(self) -> bool:
        return bool(self.turns) and self.turns[-1].turn.finished

    def _add(self, role: str, text: str, gap: int) -> Message:
        self._clock += timedelta(seconds=gap)
        author = "trainee" if role == "agent" else self.scenario.persona.name
        m = Message(f"m{len(self.messages) + 1}", role, text, author=author, sent_at=self._clock)  # type: ignore[arg-type]
        self.messages.append(m)
        return m

    def _say(self, text: str) -> str:
        slow = self.scenario.persona.pace == "slow"
        self._add("customer", text, SLOW_GAP_S if slow else CUSTOMER_GAP_S)
        return text

    # --- one turn -------------------------------------------------------------------
    def reply(self, trainee_text: str) -> CustomerTurn:
        """The customer's answer to the trainee's next message."""
        text = " ".join(trainee_text.split()) if "\n" not in trainee_text else trainee_text.strip()
        if not text:
            raise ValueError("empty message: write something to the customer")
        text = text[:MAX_TRAINEE_CHARS]
        before = self.state
        msg = self._add("agent", text, AGENT_GAP_S)
        findings, sentences, vectors = self._analyse(msg)
        matched = self._matcher.match(sentences, vectors)
        move = Move(findings=tuple((f.label, f.score) for f in findings), facts=tuple(matched["fact"]),
                    steps=tuple(matched["step"]), wrong_steps=tuple(matched["wrong"]))
        state, outcome = update(before, move, self.scenario)
        self.state = state
        situations, line = self._compose(before, state, outcome)
        source = "scenario"
        if self.llm is not None:
            from .llm import rephrase

            line, note = rephrase(self.llm, self.scenario, self.messages, situations, line,
                                  self.llm_client)
            source = "scenario" if note else "llm"
            if note:
                self.notes.append(note)
        self._say(line)
        finished = before.resolved and state.resolved
        turn = CustomerTurn(line, situations, state, outcome.effects, tuple(findings), outcome.revealed,
                            outcome.done, finished, source)
        self.turns.append(TurnRecord(msg, before, turn))
        return turn

    def _analyse(self, msg: Message) -> tuple[list[Finding], list[str], Any]:
        """Findings on the new message (in context) and its sentences with their vectors."""
        conv = Conversation("practice", tuple(self.messages[-CONTEXT_WINDOW:]), channel="chat")
        ctx = DetectorContext(conv, self.analyzer.settings)
        result = self.analyzer.analyze(conv, ctx=ctx)
        findings = [f for f in result.findings if f.message_id == msg.id and f.label.startswith("agent.")]
        index, vecs = ctx.sentence_vectors()
        last = len(conv.messages) - 1
        rows = [r for r, (i, _s, _e) in enumerate(index) if i == last]
        sentences = [msg.text[s:e] for i, s, e in index if i == last]
        return findings, sentences, vecs[rows] if rows else None

    # --- the customer's words -------------------------------------------------------
    def _pick(self, situation: str, options: list[str] | None = None) -> str:
        """A line for the situation: seeded, and no line again until the others were used."""
        lines = options if options is not None else self.scenario.line_options(situation)
        if not lines:
            return ""
        key = situation if options is None else f"{situation}:{lines[0][:30]}"
        used = self._used.setdefault(key, [])
        fresh = [ln for ln in lines if ln not in used] or lines
        if len(fresh) == len(lines):
            used.clear()
        choice = self.rng.choice(fresh)
        used.append(choice)
        return choice

    def _compose(self, before: CustomerState, state: CustomerState, o: Outcome) -> tuple[tuple[str, ...], str]:
        """The situations of this turn, most telling first, and the customer's reply."""
        sc = self.scenario
        parts: list[tuple[str, str]] = []
        if before.resolved:
            key = "thanks" if state.anger < ANGRY_AT else "angry"
            return (key,), self._pick(key)
        if state.quiet:
            return ("goes_quiet",), self._pick("goes_quiet")
        content: list[tuple[str, str]] = []
        steps = {s.id: s for s in sc.problem.steps}
        facts = {f.id: f for f in sc.problem.facts}
        for s in o.done:
            content.append((f"step:{s}", self._pick(f"step:{s}", steps[s].progress)))
        if o.resolved_now:
            content.append(("resolved", self._pick("resolved")))
        for f in o.revealed:
            content.append((f"fact:{f}", self._pick(f"fact:{f}", facts[f].reveal)))
        wrong = {w.id: w for w in sc.problem.wrong_steps}
        for w in o.wrong:
            content.append((f"wrong:{w}", self._pick(f"wrong:{w}", wrong[w].reply)))
        if o.busy_conflict and sc.line_options("still_working"):
            content.append(("still_working", self._pick("still_working")))
        if o.started:
            content.append(("needs_time", self._pick("needs_time") if sc.line_options("needs_time")
                            else self._pick("waiting")))
        if o.unexplained or (o.too_early and not o.wrong):
            if o.unexplained:
                key = "repeat_question" if sc.rules.repeats_unclear else "confused"
            else:
                key = "not_yet" if sc.line_options("not_yet") else "wrong_step"
            content.append((key, self._pick(key)))
        elif state.confusion - before.confusion >= 0.15 and not o.wrong:
            key = "repeat_question" if sc.rules.repeats_unclear and state.confusion >= 0.5 else "confused"
            content.append((key, self._pick(key)))
        every = sc.rules.asks_again_every
        if every and not o.resolved_now and state.turn % every == 0 and all(k != "repeat_question" for k, _ in content):
            content.append(("repeat_question", self._pick("repeat_question")))
        if o.no_update and not o.resolved_now and sc.line_options("nudge"):
            content.append(("nudge", self._pick("nudge")))
        # The mood shows first: an angry customer still answers, but angrily; one who calmed says so.
        if state.anger >= ANGRY_AT and state.anger >= before.anger - 0.02:
            parts.append(("angry", self._pick("angry")))
        elif before.anger - state.anger >= 0.1 and not o.resolved_now:
            parts.append(("calmer", self._pick("calmer")))
        if not content and not parts:
            content.append(("waiting", self._pick("waiting")))
        parts.extend(content)
        return tuple(k for k, _ in parts), " ".join(t for _, t in parts if t)


def _embedder(analyzer: Analyzer) -> Any:
    from ..embeddings import get_embedder

    return get_embedder(analyzer.settings.embeddings)


def run_script(scenario: Scenario, lines: list[str], *, seed: int = 0, analyzer: Analyzer | None = None,
               llm: Any = None) -> Session:
    """Play a scripted trainee (one message per item; blank items skipped) and return the session."""
    session = Session(scenario, seed=seed, analyzer=analyzer, llm=llm)
    for line in lines:
        if line.strip():
            session.reply(line)
    return session
