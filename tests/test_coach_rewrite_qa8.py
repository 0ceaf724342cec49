"""The coach's rewrite on QA pass 8's drafts (``Rewrite problems``), each with made-up variants.

Like ``test_coach_rewrite_quality.py``, most tests hand the rewriter its flags directly
(category + the flagged words), so they pin what the rewrite does with a flag, not what the
detectors flag today. Each rule has the QA case, variants, and a draft where the behaviour
before the fix was already right and must stay.
"""

from __future__ import annotations

import pytest

from patiently.coach import rewrite as rw
from patiently.coach.rewrite_frame import Situation, situation
from patiently.model import Message

Flag = tuple[str, str]  # (category, the flagged words as they appear in the draft)


def flags_for(draft: str, flags: list[Flag], plain: dict[str, str] | None = None) -> list[rw.FlagDraft]:
    out = []
    for category, words in flags:
        start = draft.index(words)
        data = {"plain": plain} if plain else {}
        out.append(rw.FlagDraft(category, [(start, start + len(words))], data))
    return out


def rewrite(draft: str, *flags: Flag, states: tuple[str, ...] = (), where: Situation | None = None,
            plain: dict[str, str] | None = None) -> str:
    fds = flags_for(draft, list(flags), plain)
    return rw.rewrite_draft(draft, fds, list(states), False, rw.plan(draft, fds, where), where)


def suggestions(draft: str, *flags: Flag, plain: dict[str, str] | None = None) -> list[str]:
    fds = flags_for(draft, list(flags), plain)
    return rw.suggestions(draft, fds, [], rw.plan(draft, fds))


# --- b25: a gloss follows its term, never an article; "provision the" + "Intune" is no compound
PROVISION = "setting up an account or device with what it needs"
INTUNE = "Microsoft's system for managing work devices"
GLOSSES = {"provision the": PROVISION, "Intune": INTUNE, "DNS": "the internet's address book"}


def test_qa8_b25_a_span_ending_in_an_article_is_no_compound_with_the_next_term() -> None:
    draft = "You need to re-provision the Intune profile."
    flags = [("jargon", "provision the"), ("jargon", "Intune")]
    assert rewrite(draft, *flags, plain=GLOSSES) == \
        f"You need to re-provision ({PROVISION}) the Intune profile (Intune: {INTUNE})."  # QA18 b06: no split
    # each flag's suggestion is its own term and gloss (the Intune flag carried "provision" before)
    assert suggestions(draft, *flags, plain=GLOSSES) == [f"provision ({PROVISION}) the",
                                                         f"Intune profile (Intune: {INTUNE})"]


@pytest.mark.parametrize(("draft", "expected"), [
    ("Please provision the Intune laptop today.",
     f"Please provision ({PROVISION}) the Intune ({INTUNE}) laptop today."),
    ("We provision the DNS server first.",
     f"We provision ({PROVISION}) the DNS server (DNS is the internet's address book) first."),
])
def test_qa8_b25_variants(draft: str, expected: str) -> None:
    words = [w for w in ("provision the", "Intune", "DNS") if w in draft]
    assert rewrite(draft, *[("jargon", w) for w in words], plain=GLOSSES) == expected


def test_qa8_b25_a_term_alone_is_still_glossed_after_it() -> None:
    assert rewrite("Open Intune on your laptop.", ("jargon", "Intune"), plain=GLOSSES) == \
        f"Open Intune ({INTUNE}) on your laptop."


# --- b37: a referral keeps the draft's own addressee; a bare "not our problem" is a whole clause
@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("The shipment is delayed. Not our problem, take it up with the courier.",
     [("dismissive", "Not our problem"), ("dismissive", "take it up with")],
     "The shipment is delayed. The courier can sort this out for you, and I'm happy to help you reach them."),
    ("Take it up with the courier.", [("dismissive", "Take it up with")],
     "The courier can sort this out for you, and I'm happy to help you reach them."),
    ("Not my problem, reach out to your manager.", [("dismissive", "Not my problem")],
     "Your manager can sort this out for you, and I'm happy to help you reach them."),
    ("The delay is real. Not our problem.", [("dismissive", "Not our problem")],
     "The delay is real. This is handled by [the right team], and here's how to reach them: [contact]."),
    # right before: the addressee of "contact" was always kept
    ("Not our problem, contact DHL.", [("dismissive", "Not our problem")],
     "DHL can sort this out for you, and I'm happy to help you reach them."),
])
def test_qa8_b37_referral_keeps_its_addressee(draft: str, flags: list[Flag], expected: str) -> None:
    assert rewrite(draft, *flags) == expected


# --- b07: a sentence left out whole leaves its noun phrase where the next sentence points back
@pytest.mark.parametrize(("draft", "expected"), [
    ("Oh great, another person who can't find the power button. It's the round one.",
     "The power button is the round one."),
    ("Oh great, another person who can't find the power button. Press the round one.",
     "Press the round button."),
    ("Oh great, another person who can't find the power button. Press it for two seconds.",
     "Press the power button for two seconds."),
    ("Oh great, another person who forgot their password. I have reset it.", "I have reset your password."),
    # no pointer back: the next sentence says it all and stays as it is
    ("Oh great, another person who can't find the power button. The button is on the back.",
     "The button is on the back."),
])
def test_qa8_b07_a_cut_sentence_keeps_the_referent(draft: str, expected: str) -> None:
    assert rewrite(draft, ("unprofessional", "Oh great, another")) == expected


def test_qa8_b07_a_leftover_sneer_is_not_given_a_referent() -> None:
    draft = "Great job clicking the phishing link. Let's hope it was worth it."
    assert "phishing" not in rewrite(draft, ("unprofessional", "Great job clicking"))


# --- b09: a sentence that only claims it is solved goes with the closure it backs
@pytest.mark.parametrize(("draft", "expected"), [
    ("Your issue is resolved. Closing the ticket.", "I'll keep this ticket open for now."),
    ("The problem has been fixed! I'm closing this ticket.", "I'll keep this ticket open for now."),
    # the claim inside a sentence with a fix: softened, and the fix gets its check
    ("I reset your password, so your issue is resolved. Closing the ticket.",
     "I reset your password, so this should fix it. I'll keep this ticket open for now. "
     "Could you try it and let me know whether it works for you?"),
])
def test_qa8_b09_the_claim_goes_with_the_closure(draft: str, expected: str) -> None:
    closing = next(w for w in ("Closing the ticket", "I'm closing this ticket") if w in draft)
    assert rewrite(draft, ("premature_closure", closing)) == expected


def test_qa8_b09_a_confirmed_closure_keeps_its_claim() -> None:
    draft = "Your issue is resolved. Closing the ticket."
    got = rewrite(draft, ("premature_closure", "Closing the ticket"), where=Situation(confirmed=True))
    assert got == draft


# --- b23: "Nothing I can do about X" keeps X; a placeholder never replaces the draft's only fact
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    ("Nothing I can do about the outage. You'll just have to wait like everyone else.",
     "Nothing I can do",
     "I can't sort out the outage myself, but here's what I can do: [option]."),
    ("There's nothing we can do about your refund now.", "nothing we can do",
     "I can't sort out your refund myself, but here's what I can do: [option]."),
    # right before: about "it", nothing to keep
    ("There's nothing we can do about it.", "nothing we can do",
     "I can't change that myself, but here's what I can do: [option]."),
])
def test_qa8_b23_the_fact_stays(draft: str, flag: str, expected: str) -> None:
    flags = [("dismissive", flag)]
    if "wait like" in draft:
        flags.append(("dismissive", "You'll just have to wait"))
    assert rewrite(draft, *flags) == expected


# --- b28: a fallback that leads into the answer takes the draft's own answer
def test_qa8_b28_the_answer_follows_the_lead_in() -> None:
    draft = "How many times do I have to explain this? Settings, Accounts, Sign out."
    flag = ("impatient_repeat", "How many times do I have to")
    assert rewrite(draft, flag, where=Situation(agent_before=True)) == \
        "Let me go through it again, step by step: Settings, Accounts, Sign out."
    assert rewrite(draft, flag, where=Situation()) == "Let me go through it step by step: Settings, Accounts, Sign out."


def test_qa8_b28_no_answer_keeps_the_placeholder() -> None:
    draft = "How many times do I have to explain this?"
    assert rewrite(draft, ("impatient_repeat", "How many times do I have to"), where=Situation(agent_before=True)) \
        == "Let me go through it again, step by step: [the answer in full]."


# --- b22 / b36: grudging and demanding tails go; the short question that remains stays
@pytest.mark.parametrize(("draft", "flags", "expected"), [
    ("Sure, whatever. I'll reset it again I guess.", [("unprofessional", "Sure, whatever")], "I'll reset it again."),
    ("Sure, whatever. I'll reset it again I guess.",
     [("unprofessional", "Sure, whatever"), ("unprofessional", "I'll reset it again I guess")], "I'll reset it again."),
    ("Whatever. Restart it, I guess.", [("unprofessional", "Whatever")], "Restart it."),
    ("Look, I don't have all day. Is it plugged in or not?", [("pressure", "I don't have all day")],
     "Is it plugged in?"),
    ("I don't have all day. Did you restart it or not?", [("pressure", "I don't have all day")],
     "Did you restart it?"),
    # right before: "No offense." alone still goes once its jab went
    ("No offense, but this is basic stuff. Open Settings.", [("condescending", "this is basic stuff")],
     "Open Settings."),
])
def test_qa8_b22_b36_tails(draft: str, flags: list[Flag], expected: str) -> None:
    assert rewrite(draft, *flags) == expected


# --- g23: "still" is an earlier contact only as a failed attempt or a wait, not in "can I still use"
@pytest.mark.parametrize(("text", "earlier"), [
    ("can I still use the old banking app? I'm worried I'll lose access to my money", False),
    ("Is the old portal still available?", False),
    ("It STILL does not work!!", True),
    ("I'm still waiting for the refund.", True),
    ("I asked this yesterday and nobody answered.", True),
])
def test_qa8_g23_still_alone_is_no_earlier_contact(text: str, earlier: bool) -> None:
    assert situation([Message("m1", "customer", text)], ["frustrated"]).earlier_contact is earlier


# --- the same pass's drafts as the detectors now flag them: a rule for the shape, so the
# draft's facts stay (before, each became a placeholder or lost its instruction)
@pytest.mark.parametrize(("draft", "flags", "expected"), [
    # b14: the referral in the next sentence names who
    ("That's not my department. Contact the billing team.", [("dismissive", "not my department")],
     "The billing team can sort this out for you, and I'm happy to help you reach them."),
    # b10: "refer to the FAQ" is "read the FAQ"; "We understand your frustration" is the stock line
    ("We understand your frustration. Please refer to the FAQ.",
     [("scripted_empathy", "We understand your frustration"), ("dismissive", "Please refer to the FAQ.")],
     "I can see why this is frustrating. Here's the guide that covers it: [link], and I'm happy to walk you "
     "through it."),
    # b21: a non-apology and the "Anyway," that waves the customer off
    ("I'm sorry you feel that way. Anyway, the return window closed yesterday.",
     [("dismissive", "sorry you feel that way. Anyway")],
     "I'm sorry this has been so frustrating. The return window closed yesterday."),
    # b32: "you'd" (no space before 'd) and "you wouldn't be in this mess"
    ("If you'd read the instructions you wouldn't be in this mess.", [("blame", "If you'd read")],
     "Next time, it helps to read the instructions."),
    # b34: a bare "Closing." is the ticket's closing
    ("Problem solved then. Closing.", [("premature_closure", "Problem solved")], "I'll keep this ticket open for now."),
    # b39: the adverb first; "Try again" stays without its jab
    ("Clearly you typed the password wrong. Try again, carefully this time.",
     [("blame", "you typed the password wrong"), ("condescending", "Try again, carefully this time")],
     "The password may have been mistyped, which happens to everyone. Try again."),
    # b27: the mock surprise with its interjection; what happened without "you"
    ("Wow, what a surprise, the update you skipped broke things.",
     [("unprofessional", "what a surprise"), ("blame", "the update you skipped broke")],
     "The update that was skipped broke things."),
    # b16: the first clause left out takes the "so" that tied the rest to it
    ("You broke the hinge by opening it too far, so this isn't covered.", [("blame", "You broke the hinge by opening")],
     "This isn't covered."),
    # right before and still: a clause left out in the middle keeps the sentence's own start
    ("Fine, whatever you say, I'll reset it.", [("unprofessional", "whatever you say")], "Fine, I'll reset it."),
])
def test_qa8_new_flags_keep_the_facts(draft: str, flags: list[Flag], expected: str) -> None:
    assert rewrite(draft, *flags) == expected
