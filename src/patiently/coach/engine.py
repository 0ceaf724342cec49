"""The reply coach: the analyser's findings on a draft, turned into advice for the agent.

The draft becomes the last agent message (id ``draft``) of a Conversation made of the context
messages, and the SAME detectors run on it through one process-wide :class:`Analyzer`; so the
coach and ``patiently analyze`` always agree on the evidence. Findings on the draft map to
coach categories; findings on the context describe the customer (frustrated, confused,
repeating, non-technical), which raises severities and drives ``no_acknowledgment``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..config import Settings, settings_for_heads
from ..detectors.agent_scripted_empathy import names_situation
from ..lexicon import lexicon_names, load_lexicon
from ..model import Conversation, Finding, Message
from ..pipeline import Analyzer
from ..readers._common import not_unicode
from ..text import blank, sentence_spans
from . import rewrite as rw
from .context import MAX_CONTEXT_MESSAGES, CoachInputError, ContextInput, parse_context
from .customer_state import acknowledges, customer_state, reassures
from .models import CheckResult, ContextSummary, Flag, Rewrite, Strength, TextSpan
from .prefixes import CONVERSATION_ID, PrefixCache
from .rewrite_agree import keeps_substance
from .rewrite_apology import JAB_CATEGORIES
from .rewrite_frame import own_apology, situation

DRAFT_ID = "draft"
STOCK_SCORE = 0.45  # a stock line found by the lexicon alone: info, a warning for an upset customer
MAX_DRAFT_CHARS = 20_000  # ~3,000 words: far beyond a support reply, small enough to stay fast

# Analyser label -> coach category.
CATEGORIES: dict[str, str] = {
    "agent.dismissive": "dismissive", "agent.blame": "blame", "agent.condescending": "condescending",
    "agent.pressure": "pressure", "agent.impatient_repeat": "impatient_repeat", "agent.jargon": "jargon",
    "agent.negative_phrasing": "negative_phrasing", "agent.unprofessional": "unprofessional",
    "agent.scripted_empathy": "scripted_empathy", "agent.premature_closure": "premature_closure",
    "agent.redundant_question": "redundant_question",
}
# Positive behaviours reported as strengths, with the minimum score that counts.
STRENGTHS: dict[str, float] = {
    "agent.empathy": 0.4, "agent.clarifying_question": 0.5, "agent.step_by_step": 0.4,
    "agent.progress_update": 0.4, "agent.confirmation_check": 0.5, "agent.promise": 0.5, "agent.paraphrase": 0.4,
}


@dataclass(frozen=True)
class SeverityRule:
    """score < warn_at: info; >= problem_at: problem; else warning. One level up if the
    customer is in one of the ``escalate`` states (what is awkward with a calm customer hurts
    an upset, confused or non-technical one)."""

    warn_at: float
    problem_at: float
    escalate: frozenset[str]


def _rule(warn: float, problem: float, *states: str) -> SeverityRule:
    return SeverityRule(warn, problem, frozenset(states))


SEVERITY: dict[str, SeverityRule] = {
    "dismissive": _rule(0.35, 0.75, "frustrated", "repeating"),
    "blame": _rule(0.3, 0.7, "frustrated"),
    "condescending": _rule(0.3, 0.75, "frustrated", "confused", "non_technical"),
    "pressure": _rule(0.4, 0.8, "frustrated", "confused"),
    "impatient_repeat": _rule(0.3, 0.9, "repeating", "frustrated", "confused"),
    "jargon": _rule(0.5, 0.9, "non_technical", "confused"),
    "negative_phrasing": _rule(0.5, 0.9, "frustrated"),
    "unprofessional": _rule(0.3, 0.6, "frustrated"),
    "scripted_empathy": _rule(0.6, 1.01, "frustrated"),
    "premature_closure": _rule(0.4, 0.9, "frustrated", "confused"),
    "redundant_question": _rule(0.5, 0.95, "frustrated", "repeating"),
    "no_acknowledgment": _rule(0.0, 0.8, "repeating"),
}
_LEVELS = ("info", "warning", "problem")
# the tone categories whose flagged words cannot also be a strength (a jargon term inside steps can)
_JAB_CATEGORIES = JAB_CATEGORIES | {"pressure"}  # the rewrite's jabs, and pressure

WHY: dict[str, str] = {
    "dismissive": '"{text}" can read as a brush-off; own the problem and give a next step.',
    "blame": '"{text}" puts the fault on the customer; focus on the fix and on next time.',
    "condescending": '"{text}" can come across as talking down; explain without judging.',
    "pressure": '"{text}" rushes the customer; give them the time they need.',
    "impatient_repeat": '"{text}" points back to an earlier answer; a repeat means it didn\'t land, '
                        "so answer again in full.",
    "jargon": '"{text}" is a technical term the customer may not know; say what it means.',
    "negative_phrasing": '"{text}" says what can\'t be done; lead with what you can do.',
    "unprofessional": '"{text}" is out of place in a support reply; keep it neutral and kind.',
    "scripted_empathy": '"{text}" is a stock line; say what you understand of their situation instead.',
    "premature_closure": '"{text}" closes before the customer confirmed the fix works.',
    "redundant_question": "The customer already told you this{given}; confirm it instead of asking again.",
    "no_acknowledgment": "The customer sounds {state}, and the draft goes straight on; acknowledge it first.",
}
CONTEXT_NOTES: dict[str, str] = {
    "frustrated": "The customer sounds frustrated or stressed: acknowledge it before the fix; "
                  "rushing, blame and brush-offs weigh more.",
    "repeating": "The customer is repeating themselves: the earlier answer didn't land; answer again in full.",
    "confused": "The customer is confused: short sentences, one step at a time, and check it made sense.",
    "non_technical": "The customer says or shows they are not technical: plain words; unexplained jargon is a problem.",
}
_EXTRA_WHY: dict[tuple[str, str], str] = {
    ("jargon", "non_technical"): " They said they aren't technical.",
    ("impatient_repeat", "repeating"): " They are already repeating themselves.",
    ("pressure", "frustrated"): " They are already stressed.",
}

# Unicode categories Cc (control), Cs (surrogate) and Co (private use), less newline, CR and tab:
# what binary data decoded as text is full of (a regex: ~20x faster than a per-character loop).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                      "\U000f0000-\U000ffffd\U00100000-\U0010fffd]")

_lock = threading.Lock()
_analyzer: Analyzer | None = None
_prefixes: PrefixCache | None = None
_settings: Settings | None = None  # None: the defaults (the shipped heads)


def use_heads(directory: str | None) -> None:
    """Check every later draft of this process with the heads of a ``train-heads`` folder
    (``check --heads``, ``serve --heads``); None: the shipped heads."""
    global _analyzer, _settings
    settings = settings_for_heads(directory)  # checked here, before any check is made
    with _lock:
        _settings, _analyzer = settings, None


def get_analyzer() -> Analyzer:
    """One Analyzer per process (detectors, lexicons and the embedder are loaded once)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                _analyzer = Analyzer(_settings)
    return _analyzer


def prefix_cache() -> PrefixCache:
    """The analysed contexts of recent checks, for the process-wide Analyzer."""
    global _prefixes
    analyzer = get_analyzer()
    if _prefixes is None or _prefixes.analyzer is not analyzer:
        with _lock:
            if _prefixes is None or _prefixes.analyzer is not analyzer:
                _prefixes = PrefixCache(analyzer)
    return _prefixes


def warm_up() -> None:
    """Load everything a first check needs (the embedder takes ~0.5 s), e.g. at server start."""
    for name in lexicon_names():
        load_lexicon(name).prepare()
    check("Thanks for your patience. Could you try it and let me know?",
          "Customer: it still does not work, I am not very technical")
    # A draft that trips most detectors, so what they load or index on first use (lexicons
    # read only for some drafts, per-category indexes) is ready before the first request.
    check(_WARM_DRAFT, "Customer: My laptop runs Windows 11 and the wifi drops. I already told you that!!\n"
                       "Agent: Which version of Windows do you have?\nCustomer: Windows 11, as I said. This is urgent.")


_WARM_DRAFT = (
    "As I said, you should have restarted it, it's obvious. I can't change that, it is not supported, but I can "
    "offer a loaner or refer you to the network team. Please flush the DNS cache and renew the DHCP lease. "
    "Reply within 10 minutes or I will close the ticket. Which version of Windows do you have? I'll call you "
    "back at 3pm. I understand how frustrating this is. It's fixed now, so I'm closing this. Does that work?"
)


def validate_draft(draft: object) -> str:
    if not isinstance(draft, str):
        raise CoachInputError(f"draft must be text, not {type(draft).__name__}")
    if not draft.strip():
        raise CoachInputError("draft is empty: write the reply to check")
    if len(draft) > MAX_DRAFT_CHARS:
        raise CoachInputError(f"draft has {len(draft):,} characters, over the limit of {MAX_DRAFT_CHARS:,}; "
                              "check one reply at a time")
    controls = len(_CONTROL.findall(draft))
    if "\x00" in draft or controls > max(2, len(draft) // 50):
        raise CoachInputError("draft looks like binary data, not text: give the reply as plain text")
    # One lone surrogate (a JSON "\ud800" escape) is not binary, but no detector and no JSON
    # writer can take it: refused here, not a 500 when the result is written.
    if problem := not_unicode(draft, "draft"):
        raise CoachInputError(problem)
    return draft


def check(draft: str, context: ContextInput = None, *, llm: Any = None) -> CheckResult:
    """Check a draft reply, optionally against the conversation so far (see :mod:`.context`).

    ``llm`` is an optional :class:`patiently.coach.llm.LLMSettings`; the result does not
    depend on it except for ``rewrite`` (polished when the endpoint answers).
    """
    draft = validate_draft(draft)
    messages = parse_context(context)
    truncated = max(0, len(messages) - MAX_CONTEXT_MESSAGES)
    messages = messages[truncated:]
    conv = Conversation(CONVERSATION_ID, (*messages, Message(DRAFT_ID, "agent", draft, author=DRAFT_ID)))
    # The context's analysis is kept by content: a re-check with the same conversation runs
    # the detectors on the draft only, with the same findings as a full analysis.
    cache = prefix_cache()
    result = cache.analyzer.analyze_focused(conv, cache.get(messages), score=False)
    on_draft = [f for f in result.findings if f.message_id == DRAFT_ID]
    states, state_scores = customer_state(conv, result.findings)

    pending: list[Pending] = []
    # A stock phrase with the agent's own specifics next to it ("You're right, you already told me
    # the serial number, and I'm sorry about that"; "I understand your frustration. ... That's on
    # us, and I'm sorry.") is not a script to an upset customer: not raised above its own level.
    specific = _specific_spans(on_draft)
    stock_states = [s for s in states if s != "frustrated"] if specific or _owns_it(draft) else states
    for f in on_draft:
        category = CATEGORIES.get(f.label)
        if category is None and f.label == "agent.empathy" and _stock_only(f):
            category = "scripted_empathy"  # same evidence, the single-draft view of a script
        if category is not None:
            pending.extend(_pending(draft, f, category, stock_states if category == "scripted_empathy" else states))
    pending.extend(_learned(draft, on_draft, pending, states))
    if not any(p.draft.category == "scripted_empathy" for p in pending):
        pending.extend(p for p in _stock_lines(draft, stock_states)
                       if not any(a <= p.draft.spans[0][0] < b for a, b in specific))
    if ("frustrated" in states and not acknowledges(draft, on_draft, result.findings, conv)
            and not any(p.draft.category == "scripted_empathy" for p in pending)):
        pending.append(_no_ack(draft, state_scores.get("frustrated", 0.5), states))
    pending = _dedupe(pending)
    pending.sort(key=lambda p: (p.draft.spans[0], p.draft.category))
    drafts = [p.draft for p in pending]
    where = situation(messages, states)
    per_flag = rw.plan(draft, drafts, where)  # shared by the suggestions and the rewrite
    texts = rw.suggestions(draft, drafts, states, per_flag, where)
    flags = [Flag(suggestion=t, **p.fields) for p, t in zip(pending, texts, strict=True)]

    # QA pass 18 (b26): words flagged as a jab are no strength ("this one trips up a lot of people who aren't very
    # tech-savvy" read as empathy and as condescending at once); each evidence span is compared, not the strength's
    # whole stretch, which may enclose a jab between two good sentences
    jabs = [(fl.span.start, fl.span.end) for fl in flags if fl.severity != "info" and fl.category in _JAB_CATEGORIES]
    strengths = [Strength(label=f.label, span=_span(f, draft), text=_text(f, draft), note=f.explanation)
                 for f in on_draft if f.label in STRENGTHS and f.score >= STRENGTHS[f.label]
                 and not (f.label == "agent.empathy" and _stock_only(f))
                 and not any(a < e.end and e.start < b for e in f.evidence if e.message_id == DRAFT_ID
                             for a, b in jabs)]
    has_confirmation = any(s.label == "agent.confirmation_check" for s in strengths)

    severities = {fl.severity for fl in flags}
    verdict = "rewrite" if "problem" in severities else "review" if "warning" in severities else "ok"
    rewrite = None
    if verdict != "ok":
        text = rw.rewrite_draft(draft, drafts, states, has_confirmation, per_flag, where)
        # A flag no rule rewrites (agent.tone's reading keeps its sentence) must not pass for
        # fixed: the agent is told which words are still to reword (QA pass 14: five "rewrites"
        # were the draft as it was, marked complete).
        unchanged = list(dict.fromkeys(flags[i].text for i in rw.untouched(draft, drafts, per_flag, where)
                                       if flags[i].severity != "info" and flags[i].text.strip()))
        # nor a rewrite that lost most of what the draft said besides its flagged words (QA25 b24: "Sure.")
        rewrite = Rewrite(text=text, source="embedded", unchanged=unchanged,
                          complete="[" not in text and not unchanged and keeps_substance(draft, drafts, text))
    out = CheckResult(
        draft=draft, verdict=verdict, flags=flags, strengths=strengths,
        context=ContextSummary(messages=len(messages), truncated=truncated, customer=states,
                               notes=[CONTEXT_NOTES[s] for s in states]),
        rewrite=rewrite, errors=result.errors, version=__version__,
    )
    if llm is not None and rewrite is not None:
        from .llm import polish

        polish(out, messages, llm)
    return out


def _stock_only(f: Finding) -> bool:
    """An agent.empathy finding that is a stock line and nothing more (no specifics of its own)."""
    return bool(f.data.get("stock")) and not f.data.get("specific")


def _owns_it(draft: str) -> bool:
    """An apology in the agent's own voice besides the stock lines ("That's on us, and I'm sorry")."""
    return own_apology(blank(draft, ((m.start, m.end) for m in load_lexicon("stock_empathy").find(draft))))


def _specific_spans(on_draft: list[Finding]) -> list[tuple[int, int]]:
    """The draft's sentences that acknowledge the customer's situation specifically."""
    return [(s.start, s.end) for f in on_draft if f.label == "agent.empathy" and f.data.get("specific")
            for s in f.evidence if s.message_id == DRAFT_ID]


def severity(category: str, score: float, states: list[str]) -> str:
    rule = SEVERITY[category]
    level = 0 if score < rule.warn_at else 2 if score >= rule.problem_at else 1
    if rule.escalate.intersection(states):
        level = min(2, level + 1)
    return _LEVELS[level]


@dataclass
class Pending:
    """A flag before its suggestion (suggestions are written together: they share sentences)."""

    draft: rw.FlagDraft
    fields: dict[str, Any]

    @property
    def score(self) -> float:
        return float(self.fields["score"])


def _pending(draft: str, f: Finding, category: str, states: list[str]) -> list[Pending]:
    spans = [(s.start, s.end) for s in f.evidence if s.message_id == DRAFT_ID and 0 <= s.start < s.end <= len(draft)]
    if not spans:
        return []
    if category == "redundant_question":  # one question: one flag over its sentence
        spans = [(min(s for s, _ in spans), max(e for _, e in spans))]
    return [_make(draft, category, (s, e), f.score, f.label, f.data, states) for s, e in spans]


def _make(draft: str, category: str, span: tuple[int, int], score: float, label: str,
          data: Mapping[str, Any], states: list[str], why: str | None = None) -> Pending:
    s, e = span
    sev = severity(category, score, states)
    if why is None:
        if category == "redundant_question":
            given = data.get("given_text")
            why = WHY[category].format(given=f' ("{_clip(str(given))}")' if given else "")
        else:
            why = WHY[category].format(text=_clip(draft[s:e]))
        why += "".join(v for (c, st), v in _EXTRA_WHY.items() if c == category and st in states)
    fields = {"category": category, "span": TextSpan(start=s, end=e), "text": draft[s:e], "severity": sev,
              "why": why, "label": label, "score": round(min(1.0, max(0.0, score)), 3)}
    return Pending(rw.FlagDraft(category, [(s, e)], data, sev), fields)


LEARNED_WHY = " (The tone model's reading: no rule matched these words, so judge it yourself.)"


def _learned(draft: str, on_draft: list[Finding], pending: list[Pending], states: list[str]) -> list[Pending]:
    """agent.tone's readings, where no rule-based flag covers the sentence: a second opinion
    for impatience worded outside the lexicons, never above ``warning`` (a model's guess should
    not make the verdict "rewrite" on its own) and saying that it is the model's."""
    out: list[Pending] = []
    for f in on_draft:
        category = f.data.get("category") if f.label == "agent.tone" else None
        if category not in SEVERITY:
            continue
        for s, e in ((sp.start, sp.end) for sp in f.evidence if sp.message_id == DRAFT_ID):
            if any(a < e and s < b for p in pending for a, b in p.draft.spans):
                continue
            if category == "negative_phrasing" and reassures(draft[s:e]):
                continue  # QA pass 20 (g13): "You're not going to fail over this, I promise." denies a fear, no ask
            p = _make(draft, str(category), (s, e), f.score, f.label, {**f.data, "learned": True}, states)
            p.fields["severity"] = p.draft.severity = min(p.fields["severity"], "warning", key=_LEVELS.index)
            p.fields["why"] += LEARNED_WHY
            out.append(p)
    return out


def _stock_lines(draft: str, states: list[str]) -> list[Pending]:
    """A known stock line (the lexicon agent.scripted_empathy uses). Without context the
    detectors cannot tell whether it fits, but for a single draft the script is the point."""
    return [_make(draft, "scripted_empathy", (m.start, m.end), STOCK_SCORE, "agent.scripted_empathy", {}, states)
            for m in load_lexicon("stock_empathy").find(draft) if not names_situation(draft, m.end)]


def _no_ack(draft: str, score: float, states: list[str]) -> Pending:
    sents = sentence_spans(draft)
    span = sents[0] if sents else (0, len(draft))
    state = "frustrated and is repeating themselves" if "repeating" in states else "frustrated or stressed"
    return _make(draft, "no_acknowledgment", span, score, "customer.frustration", {}, states,
                 why=WHY["no_acknowledgment"].format(state=state))


def _dedupe(pending: list[Pending]) -> list[Pending]:
    """Two findings of one category over the same words (e.g. scripted_empathy from two labels)."""
    kept: list[Pending] = []
    for p in sorted(pending, key=lambda p: -p.score):
        (s, e), cat = p.draft.spans[0], p.draft.category
        if any(k.draft.category == cat and s < k.draft.spans[0][1] and k.draft.spans[0][0] < e for k in kept):
            continue
        kept.append(p)
    return kept


def _span(f: Finding, draft: str) -> TextSpan:
    ev = [s for s in f.evidence if s.message_id == DRAFT_ID]
    if not ev:
        return TextSpan(start=0, end=len(draft))
    return TextSpan(start=min(s.start for s in ev), end=min(len(draft), max(s.end for s in ev)))


def _text(f: Finding, draft: str) -> str:
    sp = _span(f, draft)
    return draft[sp.start:sp.end]


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"

