"""Rewrite rules from QA pass 16: each case and a made-up variant, through ``check()``'s full rewrite."""

from __future__ import annotations

import pytest

from patiently.coach import check

RECEIPT = "Customer: I need a bit more time to find the receipt, it's somewhere at home"
PIN = ("Agent: To reset, open the app and tap Forgot PIN.\nCustomer: I don't see Forgot PIN, where is it?\n"
       "Agent: It's on the login screen under the keypad.\nCustomer: I still can't find it. Where is it??")
WIFI = "Customer: the wifi at the office stopped working after I changed some settings"
PRINTER = "Customer: my printer stopped after I changed things"
LOCKED = "Customer: my account got locked, i can't log in."
CABLE = "Customer: I'm sorry, I still don't understand which cable goes where."
BLANK = "Customer: I tried the steps but the printer still prints blank pages."
RUSSIA = "Customer: I'm worried someone accessed my account, I got a weird login email from Russia."
LINK = "Customer: the download link doesn't work"


@pytest.mark.parametrize("draft, context, expected, gone", [
    # b13: a demand for the serial number keeps the ask, not just "Take your time."
    ("You need to reply with the serial number within 24 hours or we'll close your ticket and you'll have to "
     "start over.", None, "When you're ready, please send me the serial number; I'll keep this open until then.",
     "24 hours"),
    ("You must reply with your order number within 2 hours, otherwise we'll close the case.", None,
     "When you're ready, please send me your order number; I'll keep this open until then.", "close"),
    # b15 variant: "Take your time." in a whole sentence's place never stands before a deadline
    ("Hurry up. Send the form by Friday or the claim will be closed.", "Customer: I'm still looking for the form.",
     "Send the form by Friday or the claim will be closed.", "Take your time"),
    # g16: "It's easy to miss" is no clause to cut down to "To miss because ..." (and since condescending v13
    # it is sympathy, not flagged: the sentence stays as the agent wrote it)
    ("Right underneath the number 0 there's small grey text that says 'Forgot PIN?'. It's easy to miss because "
     "it's quite faint. Can you see it there?", PIN,
     "It's easy to miss because it's quite faint.", "To miss"),
    # b06: what was messed up stays, so "that's why" points at something
    ("Well, you messed up the router config, so that's why nothing works. Put the settings back the way they were.",
     WIFI, "The router config got messed up by accident, so that's why nothing works.", "Well, so"),
    ("Well, you messed up the printer settings, so that's why it won't print. Change them back.", PRINTER,
     "The printer settings got messed up by accident, so that's why it won't print.", "you messed"),
    # b04: "too many times" stays with the password; "You'll need to be more careful." goes beside the blame
    ("Your account got locked because you entered the wrong password too many times. You'll need to be more "
     "careful. I've unlocked it now.", LOCKED, "Your account got locked because the wrong password was entered too "
     "many times, which happens to everyone. I've unlocked it now.", "careful"),
    # b40: the "so" of a left-out first clause goes, and the push of "please just" with the rush
    ("I've told you twice now. Yellow cable into the yellow port. I have other customers waiting, so please just "
     "try it.", CABLE, "Yellow cable into the yellow port. Please try it.", "So please"),
    # b31: "I tried the steps but ... still ..." says it still fails: no "Glad I could help!"
    ("Glad I could help! I'll go ahead and close this ticket now. Have a great day!", BLANK,
     "I'll keep this ticket open for now. Have a great day!", "Glad I could help"),
    # b12: no apology in front of "Probably nothing." / "Just ignore it."
    ("Probably nothing. Those emails get sent all the time. Just ignore it.", RUSSIA,
     "I can understand how frightening that is. Those emails get sent all the time.", "ignore it"),
    # b25: an edit that took the draft's last words ends the sentence
    ("lol yeah that link is busted, idk why. try this one i guess", LINK,
     "Yeah that link is busted, I don't know why. Try this one.", "i guess"),
])
def test_qa16_rewrites(draft: str, context: str | None, expected: str, gone: str) -> None:
    r = check(draft, context=context)
    assert r.rewrite is not None
    assert expected in r.rewrite.text
    assert gone not in r.rewrite.text


def test_qa16_b15_tone_flag_keeps_its_sentence_before_a_deadline() -> None:
    """A tone model's flag: "Take your time." would contradict the deadline, so the sentence stays
    as it was and is listed in ``unchanged`` (never deleted on a learned flag's word alone)."""
    draft = "We can't wait around forever. Send the receipt today, otherwise the claim will be rejected."
    r = check(draft, context=RECEIPT)
    assert r.rewrite is not None
    if any(f.category == "pressure" for f in r.flags):
        assert "Take your time" not in r.rewrite.text
        assert "Send the receipt today, otherwise the claim will be rejected." in r.rewrite.text


def test_qa16_easy_before_other_infinitive_is_not_cut_to_a_fragment() -> None:
    r = check("Obviously it's really easy to overlook the small print on the back.")
    assert r.rewrite is not None
    assert not r.rewrite.text.startswith("To ")
