"""Rewrite rules from QA pass 18 (rewrite library v5): each case and made-up variants. The rewriter is
handed its flags directly (:mod:`coach_rewrite_helpers`), so the tests pin what the rewrite does with a
flag, not what the detectors flag today; a few go through ``check()`` end to end."""

from __future__ import annotations

import pytest

from coach_rewrite_helpers import flags_for, rewrite
from patiently.coach import check
from patiently.coach import rewrite as rw
from patiently.coach.rewrite_frame import Situation

FAILING = Situation(earlier_contact=True, failing=True, agent_before=True)


# --- (1) grammar and self-contradiction ---------------------------------------------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    # b30: an adverb between "you'd" and the verb is no verb ("it helps to actually charged it"); "Well," goes
    ("Well, if you'd actually charged it before starting the update like the instructions say, this wouldn't "
     "have happened.", "if you'd actually charged it",
     "Next time, it helps to charge it before starting the update like the instructions say."),
    ("If you had just saved the file, this wouldn't have happened.", "If you had just saved",
     "Next time, it helps to save the file."),
    ("Look, if you'd properly read the guide, you would know the port is 8443.", "if you'd properly read",
     "Just so you know, the port is 8443; it was in the guide, but that's easy to miss."),
])
def test_b30_an_adverb_is_no_verb(draft: str, flag: str, expected: str) -> None:
    assert rewrite(draft, ("blame", flag)) == expected


@pytest.mark.parametrize("draft", ["Try changing the protocol to TCP in the settings. Closing this ticket as resolved.",
                                   "Try changing the protocol to TCP in the settings. I'm closing the ticket now as "
                                   "solved."])
def test_b11_as_resolved_goes_with_the_closing_and_a_new_fix_is_checked(draft: str) -> None:
    closing = "Closing this ticket" if "Closing" in draft else "closing the ticket"
    got = rewrite(draft, ("premature_closure", closing), where=FAILING)
    assert "resolved" not in got and "solved" not in got
    assert got == ("Try changing the protocol to TCP in the settings. I'll keep this ticket open for now. "
                   "Could you try it and let me know whether it works for you?")


def test_b17_a_reported_fix_after_still_failing_is_checked() -> None:
    draft = "I've reset your mail app settings. This should be fixed now. I'll go ahead and close the ticket."
    got = rewrite(draft, ("premature_closure", "I'll go ahead and close the ticket"), where=FAILING)
    assert got == ("I've reset your mail app settings. I'll keep this ticket open for now. "
                   "Could you try it and let me know whether it works for you?")
    # an escalation is no fix to try (right before, must stay)
    draft = "I've escalated this to engineering. I'll go ahead and close the ticket."
    got = rewrite(draft, ("premature_closure", "I'll go ahead and close the ticket"), where=FAILING)
    assert "Could you try it" not in got


@pytest.mark.parametrize(("draft", "expected"), [
    ("We don't support home printers. You'll have to sort that out yourself.",
     "Home printers aren't something we support, but [alternative] is."),
    ("We don't offer refunds on sale items.", "Refunds on sale items aren't something we offer, but [alternative] is."),
    # the head noun decides, not the last word (right before, must stay)
    ("We don't support printing from personal accounts.",
     "Printing from personal accounts isn't something we support, but [alternative] is."),
    ("We don't support this printer.", "This printer isn't something we support, but [alternative] is."),
])
def test_b15_a_refusal_agrees_and_keeps_its_verb(draft: str, expected: str) -> None:
    flag = draft[:draft.index(" ", draft.index("support" if "support" in draft else "offer"))]
    assert rewrite(draft, ("negative_phrasing", flag), ("dismissive", flag)) == expected


def test_b26_explain_slowly_so_its_easy_goes_whole() -> None:
    draft = "Let me explain it slowly so it's easy for you: click your picture at the top, then 'Change picture'."
    assert rewrite(draft, ("condescending", "slowly so it's easy for you")) == \
        "Let me go through it step by step: click your picture at the top, then 'Change picture'."
    draft = "I'll try to explain it slowly. A browser is the program you use to go on the internet."
    assert rewrite(draft, ("condescending", "explain it slowly")).startswith("Let me go through it step by step.")


# --- (2) no placeholder for what the draft already says ------------------------------------------
@pytest.mark.parametrize(("draft", "flag", "expected"), [
    ("In future, please make sure to always work in the online version as instructed in the onboarding guide.",
     "In future, please make sure to always work in the online version as instructed",
     "To avoid this next time, it helps to work in the online version, as set out in the onboarding guide."),
    ("Next time, please remember to save a copy before you update.", "Next time, please remember to save",
     "To avoid this next time, it helps to save a copy before you update."),
])
def test_b14_a_lecture_keeps_its_own_tip(draft: str, flag: str, expected: str) -> None:
    got = rewrite(draft, ("blame", flag))
    assert got == expected and "[" not in got


@pytest.mark.parametrize(("draft", "expected"), [
    ("Your account was disabled because you ignored the three reminder emails about the mandatory security "
     "training.", "Your account was disabled because the three reminder emails about the mandatory security "
     "training got missed."),
    # a stretch of time is no topic of the reminders (right before, must stay)
    ("This happened because you ignored the update notifications for three weeks.",
     "This happened because the update notifications got missed for three weeks."),
])
def test_b02_what_the_reminders_were_about_stays_with_them(draft: str, expected: str) -> None:
    assert rewrite(draft, ("blame", "you ignored the")) == expected


def test_b07_a_refusal_said_again_goes() -> None:
    draft = "No, we can't change the address once an order is placed. That's not possible. There's nothing I can do."
    got = rewrite(draft, ("negative_phrasing", "we can't change"), ("dismissive", "nothing I can do"))
    assert got == ("No, we're not able to change the address once an order is placed. I can't change that myself, "
                   "but here's what I can do: [option].")
    assert got.count("[") == 1


# --- (3) a redundant question: thanks once, and a next step --------------------------------------
def _question(draft: str, given: str) -> str:
    fd = rw.FlagDraft("redundant_question", [(draft.index("?") - len(draft.split("?")[0].split(". ")[-1]),
                                              draft.index("?") + 1)], {"given_text": given})
    return rw.rewrite_draft(draft, [fd], [], False, rw.plan(draft, [fd]))


@pytest.mark.parametrize(("draft", "given", "expected"), [
    # b25: the question's purpose is the next step; the value comes back as the customer's
    ("Could you please give me your order number so I can look into this?", "order number is 55102",
     "Thanks, you already gave me your order number, 55102; I'll look into this now."),
    ("What's your employee ID so we can check the account?", "employee ID is 44120",
     "Thanks, you already gave me your employee ID, 44120; I'll check the account now."),
    # b12: the draft thanks already, and has no next step: the agent is asked for one
    ("Thanks. What model is your printer?", "HP LaserJet M404n",
     'Thanks. You mentioned "HP LaserJet M404n" earlier. Next, [your next step].'),
    # b40: "twice" is kept; the draft goes on after the question, so no placeholder
    ("Have you tried restarting your phone? If so, take the SIM out for a minute.",
     "I already restarted the phone twice",
     "Thanks for letting me know you already restarted the phone twice. If so, take the SIM out for a minute."),
])
def test_b12_b25_b40_a_redundant_question_thanks_once_with_a_next_step(draft: str, given: str, expected: str) -> None:
    got = _question(draft, given)
    assert got == expected and "go from there" not in got and got.lower().count("thanks") == 1


# --- (4) no apology before a brush-off, no stock line beside the empathy ---------------------------
def test_b28_a_worry_waved_off_never_follows_an_apology() -> None:
    r = check("That's probably just a glitch. Happens all the time. Just ignore it.",
              context="Customer: I'm really scared, someone logged into my bank app from another country last night!")
    assert r.rewrite is not None
    assert "glitch" not in r.rewrite.text and "all the time" not in r.rewrite.text and not r.rewrite.complete


@pytest.mark.parametrize(("draft", "flag", "gone", "kept"), [
    ("We apologise for any inconvenience this may have caused. Your feedback is important to us. Please update your "
     "contact details via the patient portal.", "We apologise for any inconvenience", "feedback is important",
     "Please update your contact details via the patient portal."),
    ("I apologize for the inconvenience. Your concern has been noted and forwarded to the relevant department.",
     "I apologize for the inconvenience", "relevant department",
     "This has been passed on to the team that handles it."),
])
def test_b10_b33_stock_lines_go_beside_the_empathy(draft: str, flag: str, gone: str, kept: str) -> None:
    got = rewrite(draft, ("scripted_empathy", flag))
    assert gone not in got and kept in got


@pytest.mark.parametrize(("draft", "flags", "expected"), [
    # b18: no "Take your time." beside a kept time of day
    ("I need an answer by 5pm today. I've got a lot of other accounts to get through, so I can't keep chasing you "
     "on this.", [("pressure", "I've got a lot of other accounts to get through"),
                  ("pressure", "I can't keep chasing you")], "I need an answer by 5pm today."),
    # b04: what another edit leaves out is no fact that keeps a clause
    ("This price is only guaranteed until I log off, and I can't keep holding your quote while you think it over.",
     [("pressure", "This price is only guaranteed until I log off"), ("pressure", "I can't keep holding your quote")],
     "Take your time."),
])
def test_b04_b18_pressure_without_a_contradiction(draft: str, flags: list[tuple[str, str]], expected: str) -> None:
    assert rewrite(draft, *flags) == expected


@pytest.mark.parametrize(("draft", "flag", "expected"), [
    ("Again? Wow, what a surprise. I've reset it. Maybe write this one down.", ("unprofessional", "what a surprise"),
     "I've reset it."),
    ("Honestly no idea, the portal is a bloody mess right now. Just keep trying.", ("unprofessional", "bloody"),
     "I'm not sure yet, but the portal is having problems right now. Just keep trying."),  # round 26
    ("Once again, it's Profile, then Security. It's right there, I've explained this twice now.",
     ("impatient_repeat", "I've explained this"), "It's Profile, then Security."),
    ("It's really very simple. You just click the paperclip. I'm sure you'll get the hang of it eventually.",
     ("condescending", "It's really very simple"),
     "You just click the paperclip. I'm sure you'll get the hang of it."),
])
def test_b03_b13_b19_b22_jabs_beside_a_flag(draft: str, flag: tuple[str, str], expected: str) -> None:
    assert rewrite(draft, flag) == expected


# --- (5) a gloss never splits a term from its noun ------------------------------------------------
def test_b06_the_gloss_follows_the_whole_term() -> None:
    draft = "The recipient's server is rejecting you on the reverse DNS lookup."
    fds = flags_for(draft, [("jargon", "DNS")])
    fds[0] = rw.FlagDraft("jargon", fds[0].spans, {"plain": {"DNS": "the internet's address book"}})
    got = rw.rewrite_draft(draft, fds, [], False, rw.plan(draft, fds))
    assert got == ("The recipient's server is rejecting you on the reverse DNS lookup "
                   "(DNS is the internet's address book).")
    assert rw.untouched(draft, fds, rw.plan(draft, fds)) == []  # the term is glossed: not listed as unchanged
