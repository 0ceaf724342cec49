"""Rewrite round 25: QA pass 25's rewrites that were worse than the draft (b02, b12, b17, b24, b25, b26, b37) and
two that needed edits (b18, b35), with made-up variants that must be fixed and near-misses that must stay as
they were. No rewrite may be worse than the draft: it keeps what answered the customer, says nothing its kept
words contradict, and is never complete where the cuts took most of what the draft said."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.coach.rewrite import FlagDraft
from patiently.coach.rewrite_agree import keeps_substance
from patiently.coach.rewrite_tidy import tidy

MANAGER = "Customer: I'm checking with my manager which licence tier we need, give me a bit."
TONIGHT = ("Customer: My OneDrive isn't syncing.\nAgent: Try signing out of OneDrive and back in.\n"
           "Customer: Thanks, I'll try the steps tonight and let you know.")
THINK = "Customer: I'm not sure if we still need it, can I think about it?"
SERVER = "Customer: This is ridiculous, I've lost a whole day of work because the server went down AGAIN!"
CAMERA = "Customer: The expenses app crashes every time I open the camera to scan a receipt."


def result(draft: str, context: str) -> tuple[str, bool, list[str]]:
    r = check(draft, context=context)
    assert r.rewrite is not None
    return r.rewrite.text, r.rewrite.complete, list(r.rewrite.unchanged)


# --- a replacement never sits next to a kept clause that says the opposite (the library's contradictions) ---

@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("I need your answer now, I'm not going to wait around all day.",
                 "When you're ready, please send me your answer.", id="b26"),
    pytest.param("I need your answer now, and I'm not gonna wait forever.",
                 "When you're ready, please send me your answer.", id="not_gonna_wait"),
    pytest.param("I need your answer now because we don't have all day.",
                 "When you're ready, please send me your answer.", id="dont_have_all_day"),
])
def test_b26_no_patience_next_to_a_refusal_to_wait(draft: str, want: str) -> None:
    text, complete, _ = result(draft, MANAGER)
    assert text == want and complete


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("I'm closing this ticket now. If it doesn't work, open a new one.",
                 "I'll keep this ticket open for now. If it doesn't work, just reply here.", id="b37"),
    pytest.param("Closing this ticket now. Feel free to log a new request if it still fails.",
                 "I'll keep this ticket open for now. Just reply here if it still fails.", id="log_a_new_request"),
    pytest.param("I've closed this ticket; please open a new one if you still have problems.",
                 "I'll keep this ticket open for now; just reply here if you still have problems.", id="same_sentence"),
])
def test_b37_a_ticket_kept_open_asks_for_a_reply_here(draft: str, want: str) -> None:
    assert result(draft, TONIGHT)[0].startswith(want)


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("You need to decide right now whether to keep the licence, otherwise it will be gone.",
                 "Let me know whether to keep the licence.", id="b35"),
    pytest.param("I need you to decide right now whether you want the upgrade, or else the offer will expire.",
                 "Let me know whether you want the upgrade.", id="or_else_expire"),
    pytest.param("You have to decide immediately whether to keep the room, otherwise your booking will be cancelled.",
                 "Let me know whether to keep the room.", id="booking_cancelled"),
])
def test_b35_a_softened_ask_keeps_no_threat(draft: str, want: str) -> None:
    assert result(draft, THINK)[0] == want


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Works fine for me. Probably something on your phone.",
                 "It works on my side, so let's find out what's different on yours.", id="b18"),
    pytest.param("It works on my end. Most likely an issue with your laptop.",
                 "It works on my side, so let's find out what's different on yours.", id="most_likely_laptop"),
])
def test_b18_no_blame_after_lets_find_out(draft: str, want: str) -> None:
    assert result(draft, CAMERA)[0] == want


@pytest.mark.parametrize(("draft", "context"), [
    # kind, legitimate wordings: no flag, nothing rewritten
    pytest.param("No rush at all, I'll wait for your answer.", MANAGER, id="no_rush"),
    pytest.param("Sure, take your time. I'm not going anywhere.", MANAGER, id="not_going_anywhere"),
    pytest.param("Great, I'll close this ticket then. If anything else comes up, open a new one.",
                 "Customer: It works now, thanks!", id="confirmed_closure_new_ticket"),
    pytest.param("It works on my end. Could you tell me which phone model you have?", CAMERA, id="asks_model"),
    pytest.param("That's not supported. What I can do is lend you one of ours.",
                 "Customer: Can I use my own router?", id="refusal_with_offer"),
])
def test_near_misses_stay_quiet(draft: str, context: str) -> None:
    assert check(draft, context=context).rewrite is None


# --- a refusal's offer ends its sentence; a finality clause goes after it -------------------------------------

@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("No, you can't use your personal Gmail on the work phone. That's not allowed and it won't be "
                 "changed.", "No, you can't use your personal Gmail on the work phone. That isn't something we "
                 "support, but [alternative] works and I can help you set it up.", id="b25"),
    pytest.param("That's not allowed and that's final.",
                 "That isn't something we support, but [alternative] works and I can help you set it up.",
                 id="thats_final"),
    pytest.param("That's not supported and HR decides that.",
                 "That isn't something we support and HR decides that, but [alternative] works and I can help you "
                 "set it up.", id="offer_after_the_drafts_clause"),
])
def test_b25_the_offer_ends_its_sentence(draft: str, want: str) -> None:
    text, complete, _ = result(draft, "Customer: Can I add my personal Gmail to the work phone?")
    assert text == want and not complete  # the placeholder is the agent's to fill


# --- no apology before a kept lecture ------------------------------------------------------------------------

def test_b12_a_flagged_lecture_goes_and_the_apology_may_come() -> None:
    # flag round 25 reads the habit lecture as condescending: the rewrite takes it out, and with no lecture left
    # the apology for our outage is what the customer needed
    r = check("The server was restarted at 14:00. Please save your work regularly.", context=SERVER)
    assert any(f.category == "condescending" for f in r.flags)
    assert r.rewrite is not None and "regularly" not in r.rewrite.text
    assert r.rewrite.text.startswith("I'm sorry") and r.rewrite.text.endswith("The server was restarted at 14:00.")


@pytest.mark.parametrize("draft", [
    pytest.param("The laptop has been repaired. Next time, make sure to back up your files.", id="next_time"),
    pytest.param("We restarted the VPN gateway. Remember to save your work often.", id="remember_often"),
])
def test_b12_no_apology_before_a_kept_lecture(draft: str) -> None:
    r = check(draft, context=SERVER)
    assert r.rewrite is not None
    assert "sorry" not in r.rewrite.text.lower() and r.rewrite.text == draft  # the agent's words all stay
    assert not r.rewrite.complete and r.rewrite.unchanged
    ack = next(f for f in r.flags if f.category == "no_acknowledgment")
    assert "advice" in ack.suggestion


@pytest.mark.parametrize("draft", [
    pytest.param("The server was restarted at 14:00. I've restored your files from last night's backup.",
                 id="a_fix_not_a_lecture"),
    pytest.param("The server was restarted at 14:00. Please save your work and log out by 18:00 for the update.",
                 id="an_instruction_with_a_time"),
])
def test_b12_near_miss_an_instruction_keeps_the_apology(draft: str) -> None:
    r = check(draft, context=SERVER)
    assert r.rewrite is not None and r.rewrite.text.startswith("I'm sorry")


# --- the rewrite keeps what answered the customer ------------------------------------------------------------

@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("You must have clicked on a phishing link, that's why your account got locked.",
                 "It looks like a phishing link got clicked on, which is easy to do. That's why your account got "
                 "locked.", id="b02"),
    pytest.param("The files were deleted from your folder because you didn't follow the retention policy.",
                 "The files were deleted from your folder under the retention policy.", id="b17"),
    pytest.param("Your mailbox was archived because you ignored the storage limits.",
                 "Your mailbox was archived under the storage limits.", id="ignored_limits"),
    pytest.param("Sure. It's very basic stuff, most people figure it out on their own, but I'll spell it out for "
                 "you.", "Sure. Let me walk you through it step by step.", id="b24"),
    pytest.param("Fine, I'll spell it out for you again.", "Fine, let me walk you through it step by step.",
                 id="spell_it_out_again"),
    pytest.param("Honestly it's simple, but I'll dumb it down for you.",
                 "Let me walk you through it step by step.", id="dumb_it_down"),
])
def test_the_answer_survives_the_cuts(draft: str, want: str) -> None:
    assert result(draft, "Customer: I need help with this, please.")[0] == want


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("Happy to help! Let me walk you through it step by step.", "Customer: How do I share my calendar?",
                 id="walk_through"),
    pytest.param("It's S-R-V-01; I can spell it out again if that helps.", "Customer: What's the server name?",
                 id="spell_a_name"),
])
def test_spell_it_out_near_misses(draft: str, context: str) -> None:
    assert check(draft, context=context).rewrite is None


def test_a_pointer_at_a_cut_clause_goes_with_it() -> None:
    from patiently.coach.rewrite import rewrite_draft

    draft = "You clearly messed up the settings, that is why the sync stopped working."
    assert rewrite_draft(draft, [FlagDraft("blame", [(0, 21)])], [], False) == "The sync stopped working."
    draft = "You obviously ignored the warning popup, that's why your laptop got infected."
    assert rewrite_draft(draft, [FlagDraft("blame", [(0, 51)])], [], False) == "Your laptop got infected."


def test_a_reason_clause_goes_and_the_main_clause_stays() -> None:
    from patiently.coach.rewrite import rewrite_draft

    draft = "Your mailbox was archived since you never responded to the retention emails."
    span = (draft.index("you never"), draft.index("you never") + len("you never responded"))
    assert rewrite_draft(draft, [FlagDraft("blame", [span])], [], False) == "Your mailbox was archived."
    # a main clause too short to stand alone keeps the sentence's fallback; a condition is no reason
    draft = "It broke as you dropped it."
    span = (draft.index("you"), len(draft) - 1)
    assert "It broke." not in rewrite_draft(draft, [FlagDraft("blame", [span])], [], False)


def test_a_fragment_is_never_complete() -> None:
    from patiently.coach.rewrite import rewrite_draft

    # no rule rewrites the flagged word: its sentence goes, and with it most of what the draft said
    draft = "Your project files got wiped by the cleanup. Check the archive."
    flags = [FlagDraft("unprofessional", [(draft.index("wiped"), draft.index("wiped") + 5)])]
    text = rewrite_draft(draft, flags, [], False)
    assert text == "Check the archive." and not keeps_substance(draft, flags, text)
    assert keeps_substance(draft, flags, draft)
    short = "No. Stop asking."
    assert keeps_substance(short, [FlagDraft("dismissive", [(4, 15)])], "No.")  # too little to lose


def test_a_left_over_lower_case_but_goes_a_drafts_own_but_stays() -> None:
    assert tidy("but let me walk you through it.") == "Let me walk you through it."
    assert tidy("But I can help with that.") == "But I can help with that."


def test_library_is_v11() -> None:
    from patiently.lexicon import load_data

    assert load_data("rewrites")["version"] >= 11


# --- a guess that the fault is on the customer's side: an offer to check it, not a tip for next time -----------

@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Probably something on your phone.", "Let's check your phone together.", id="alone"),
    pytest.param("The app was updated yesterday. Probably something on your phone.",
                 "The app was updated yesterday. Let's check your phone together.", id="after_a_fact"),
    pytest.param("You should have updated the app. Probably something on your phone.",
                 "Next time, it helps to update the app. Let's check your phone together.", id="after_a_tip"),
])
def test_a_guess_at_the_customers_side_becomes_an_offer_to_check(draft: str, want: str) -> None:
    text, _, _ = result(draft, CAMERA)
    assert text == want and "[tip]" not in text
