"""QA pass 21's rewrite defects, asserted on the rewritten text, with made-up variants of each."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.lexicon import load_data


def test_library_is_v8() -> None:
    assert load_data("rewrites")["version"] >= 8


def rewrite(draft: str, context: str) -> tuple[str, bool, list[str]]:
    r = check(draft, context=context)
    assert r.rewrite is not None
    return r.rewrite.text, r.rewrite.complete, list(r.rewrite.unchanged)


WIDOWER = "Customer: My wife died last week and I can't get into her email to tell her friends. Please help."


@pytest.mark.parametrize("stock", [
    "We apologize for any inconvenience this may cause.",  # QA21 b09
    "We apologise for the inconvenience caused to you.",
    "We apologize for any inconvenience this may have caused.",
    "We apologize for any inconvenience during this time.",
])
def test_condolence_replaces_the_whole_stock_sentence(stock: str) -> None:
    text, _, _ = rewrite(stock + " For security reasons we cannot provide access to another user's account.",
                         WIDOWER)
    assert text.startswith("I'm so sorry for your loss. ")
    assert "cause" not in text and "during this time" not in text
    assert "another user's account" in text


def test_stock_apology_tail_goes_with_it_for_anyone() -> None:
    text, _, _ = rewrite("We apologize for any inconvenience this may cause. Please update the app.",
                         "Customer: This is the third time the app crashed today!!")
    assert "may cause" not in text and "Please update the app." in text


APOLOGISED = "Customer: I sent the wrong box back by mistake, I'm so sorry. The headphones are still here."


@pytest.mark.parametrize("draft", [
    "That's going to be a problem. You should have checked before sealing the package. "
    "Send the right item within 48 hours or the refund is cancelled.",  # QA21 b37
    "That's going to be an issue. Please send the right item.",
    "We can't accept the wrong item. Please send the headphones.",
])
def test_no_problem_at_all_never_before_a_problem_or_refusal(draft: str) -> None:
    text, _, _ = rewrite(draft, APOLOGISED)
    assert "No problem at all" not in text
    assert "accept the wrong item" in text or draft.split(".")[0] in text  # the draft's fact stays


def test_no_problem_at_all_still_answers_a_plain_apology() -> None:
    r = check("Security is under Settings, second item from the top.",
              context="Customer: I don't see Security under Profile, sorry.")
    assert r.rewrite is None or "problem" not in r.rewrite.text.lower().replace("no problem at all", "")


@pytest.mark.parametrize("draft", [
    "lol no reason huh, they all say that. the system flagged u for aimbot, ban stays. gg.",  # QA21 b08
    "Nice try, they all say that. The system flagged your account for cheating and the ban stays.",
])
def test_no_apology_in_front_of_a_jab_that_stays(draft: str) -> None:
    r = check(draft, context="Customer: bro my account got banned for no reason fix it")
    assert r.rewrite is not None
    text = r.rewrite.text
    # since dismissive v20 (fix round 20) "they all say that." is flagged and cut; where nothing of the jab stays in
    # the rewrite (no unchanged no_acknowledgment sentence, no "they all say that"), an opener is no longer hollow
    stays = "they all say that" in text.lower() or any(
        f.category == "no_acknowledgment" and f.text in r.rewrite.unchanged for f in r.flags)
    if stays:
        assert "sorry" not in text.lower() and "frustrating" not in text
    if any(f.category == "no_acknowledgment" for f in r.flags) and stays:
        assert not r.rewrite.complete
        assert any(f.text in r.rewrite.unchanged for f in r.flags if f.category == "no_acknowledgment")


def test_pointer_tail_goes_with_as_i_mentioned() -> None:  # QA21 b01 "more fully: just above"
    text, _, _ = rewrite("As I mentioned just above, it's under Billing > Invoices, top right corner. "
                         "Please re-read my previous message before asking again.",
                         "Customer: where do I find my invoice?\nAgent: Billing > Invoices, top right.\n"
                         "Customer: I can't see it, where is it?")
    assert "just above" not in text and "Billing > Invoices, top right corner" in text


def test_cut_never_glues_sentences() -> None:  # QA21 b03 "network.one!"
    text, _, _ = rewrite("No worries. Tap the little fan picture (that's the wifi), then tap your network. "
                         "Even my kids can do this one!",
                         "Customer: I'm 78 and my new tablet won't connect to the wifi.")
    assert "network." in text and "one!" not in text and "network.o" not in text.lower()


@pytest.mark.parametrize("draft, kept", [
    ("Damn, that sucks. Not sure what happened tbh, probably some sync crap. Try logging out and back in I guess.",
     "probably some sync problem. Try logging out"),  # QA21 b22
    ("Not sure why, it's some update crap. Restart the app.", "some update problem. Restart the app."),
])
def test_cut_at_a_sentence_end_keeps_the_stop(draft: str, kept: str) -> None:
    text, _, _ = rewrite(draft, "Customer: Your app deleted all my notes!!!")
    assert kept in text


def test_kept_stop_and_joined() -> None:
    from patiently.coach.rewrite_tidy import joined, kept_stop

    assert kept_stop("probably some sync ", "crap.", " Try again.") == "."
    assert kept_stop("It works. ", "Lol.", " Try again.") == ""
    assert kept_stop("it works ", "lol.", " and then") == ""
    assert joined(["tap your network.", "one!"]) == "tap your network. one!"
    assert joined(["version 2.", "0"]) == "version 2.0"


def test_draft_that_apologises_gets_no_second_apology() -> None:  # QA21 g11
    # since coach_cues v14 (fix round 20) the draft is no longer flagged at all (its ", sorry." and "would drive anyone
    # up the wall" acknowledge the customer): no rewrite is the best outcome; one, if any, must not apologise twice
    r = check(
        "Five log-outs in one day would drive anyone up the wall, sorry. Version 6.2.0 has a bug that signs "
        "people out. The fix (6.2.1) goes out tomorrow.",
        "Customer: Oh fantastic, the banking app has logged me out for the fifth time today. "
        "Really loving this new update.")
    assert r.rewrite is None or r.rewrite.text.lower().count("sorry") == 1
