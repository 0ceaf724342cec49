"""The coach on QA pass 27's misses (round fl27), through ``check()``: each missed case and made-up variants in other
wordings must get a warning or a problem in the expected category, and near-misses (kind or plain replies with similar
words) stay quiet in it. Cue families, not phrases: unprofessional v22 (agent.unprofessional v22: a mock guess at the
outcome, "Let me guess, it didn't work?"), condescending v27 (agent.condescending v27: "don't change things you don't
understand"), blame v20 (agent.blame v21: a setting guessed and pinned on the customer, "You must have set up an archive
rule"), pressure v15 (agent.pressure v18: "If I don't get the logs by end of day, I'll close the ticket"), dismissive
v26 (agent.dismissive v27: "We're not aware of any issues." as a stonewall), and the customer side, coach_cues v19:
helplessness ("I don't know what to do") is worry, so reassurance such as "we'll sort this out together" answers it."""

from __future__ import annotations

import pytest

from patiently.detectors.customer_frustration import exclaims_about_fault
from test_coach_misses import _serious

TAPE = "Customer: I tried to fix the network cable myself with some tape."
RENAMED = "Customer: My spreadsheets won't open since I renamed the project folder."
DELETED = "Customer: Outlook deleted all my emails from 2022!"
SICK = "Customer: I'll send the logs tomorrow, I'm off sick today."
OUTAGE = ("Customer: Your API has been returning 503 for 40 minutes and our checkout is down. "
          "Is there an incident?")
TABLET = ("Customer: I'm 81 and my granddaughter set up this tablet for me. Now it says my email password is wrong "
          "but I haven't changed it. I don't know what to do.")

MISSES_QA27 = {
    "b20": ("Wow, great plan. Tape. Let me guess, it didn't work?", TAPE, "unprofessional"),
    "guess_colon": ("Let me guess: it fell off again.", TAPE, "unprofessional"),
    "guess_you": ("Right. Let me guess, you didn't back anything up?", DELETED, "unprofessional"),
    "guess_still": ("So, let me guess, it still doesn't print.", None, "unprofessional"),
    "b36": ("Renaming the folder is what broke the links. Please don't change things you don't understand.",
            RENAMED, "condescending"),
    "touch_settings": ("Don't touch settings you don't understand and it won't happen again.", RENAMED,
                       "condescending"),
    "mess_with": ("In future, please stop messing with stuff you don't understand.", RENAMED, "condescending"),
    "know_nothing": ("Best not to fiddle with things you know nothing about.", RENAMED, "condescending"),
    "b19": ("Outlook doesn't delete emails on its own. You must have set up an archive rule that moved them.", DELETED,
            "blame"),
    "mustve_auto": ("You must've turned on an auto-delete option at some point.", DELETED, "blame"),
    "filter": ("You probably created a filter that sends them to the bin.", DELETED, "blame"),
    "ticked": ("You must have ticked the wrong box in the settings.", DELETED, "blame"),
    "b25": ("If I don't get the logs by end of day, I'll close the ticket and you'll have to open a new one.", SICK,
            "pressure"),
    "form_friday": ("If we haven't received the form by Friday, we'll cancel the request.", SICK, "pressure"),
    "photos_hour": ("If I don't have the photos within the hour, the case will be closed.", SICK, "pressure"),
    "tomorrow_close": ("If I can't get the screenshots before tomorrow, I'm going to close this.", SICK, "pressure"),
    "hear_close": ("If we don't hear back within 24 hours, we'll close the ticket.", SICK, "pressure"),
    "hear_assume": ("If I don't hear back in 10 minutes I'll assume it's fixed.", SICK, "pressure"),
    "reply_ends": ("If I don't get a reply by 5pm, this chat ends.", SICK, "pressure"),
    "b40": ("We're not aware of any issues. Please try again later.", OUTAGE, "dismissive"),
    "no_known": ("There are no known issues at the moment. Clear your cache.", OUTAGE, "dismissive"),
    "not_aware_currently": ("We are not currently aware of any outages.", OUTAGE, "dismissive"),
    "i_not_aware": ("Sorry, I'm not aware of any problems on our side.", OUTAGE, "dismissive"),
}

QUIET_QA27 = {
    "guess_model": ("Let me guess the model: is it the ThinkPad T14?", None, "unprofessional"),
    "guess_kind": ("Let me guess what's going on and then we'll check it together.", TAPE, "unprofessional"),
    "guess_less": ("I'd rather not guess. Let me check the logs.", TAPE, "unprofessional"),
    "anything_ask": ("If there's anything you don't understand, just ask and I'll explain it.", RENAMED,
                     "condescending"),
    "dont_change_until": ("Please don't change the settings until I call you back.", RENAMED, "condescending"),
    "dont_worry_parts": ("Don't worry about the parts you don't understand yet; I'll walk you through them.", RENAMED,
                         "condescending"),
    "must_worried": ("You must have been so worried when they disappeared. Let's find them.", DELETED, "blame"),
    "must_received": ("You must have received our email about the migration last week.", DELETED, "blame"),
    "must_admin": ("To restore them you must have admin rights, so I'll do it for you.", DELETED, "blame"),
    "reminder": ("If I don't get the logs by Friday, I'll send you a gentle reminder. Get well soon!", SICK,
                 "pressure"),
    "check_in": ("If we don't receive the file by Monday, we'll simply check in with you again.", SICK, "pressure"),
    "hold_open": ("If I don't get them by end of day, that's fine, I'll keep the ticket open.", SICK, "pressure"),
    "hear_call": ("If I don't hear back, I'll call you tomorrow to check in.", SICK, "pressure"),
    "stays_open": ("No rush at all; if I don't hear back today, the ticket simply stays open.", SICK, "pressure"),
    "hear_remind": ("If we don't get a reply by Friday, we'll send a friendly reminder.", SICK, "pressure"),
    "aware_checking": ("We're not aware of any issues, but I'm checking with the platform team now and will update you "
                       "in 15 minutes.", OUTAGE, "dismissive"),
    "wasnt_aware": ("We weren't aware of any issue until your message, thank you. I've opened an incident.", OUTAGE,
                    "dismissive"),
    "fee": ("I'm not aware of any fee for that; the transfer should be free.", None, "dismissive"),
}

# Helplessness is worry, not anger: reassurance answers it (g06). A reply that goes straight on still does not.
ACK_QUIET = {
    "g06": ("Don't worry, we'll sort this out together, one step at a time. First, could you tell me exactly what the "
            "message on the screen says? You can read it out to me word for word, there's no rush.", TABLET),
    "no_idea": ("Don't worry, this is fixable. Could you tell me what the screen says?",
                "Customer: My printer says offline and I have no idea what to do now."),
    "at_loss": ("Don't worry, we'll do it together. Which phone do you have?",
                "Customer: My phone won't connect to the wifi, I'm at a loss."),
}
ACK_FLAGGED = {
    "straight_on": ("Could you tell me exactly what the message on the screen says?", TABLET),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA27))
def test_qa27_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA27[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA27))
def test_qa27_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA27[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


@pytest.mark.parametrize("name", sorted(ACK_QUIET))
def test_qa27_reassurance_answers_helplessness(name: str) -> None:
    draft, context = ACK_QUIET[name]
    assert not _serious(draft, context, "no_acknowledgment"), f"{name}: no_acknowledgment on {draft!r}"


@pytest.mark.parametrize("name", sorted(ACK_FLAGGED))
def test_qa27_helplessness_still_wants_an_acknowledgment(name: str) -> None:
    draft, context = ACK_FLAGGED[name]
    assert _serious(draft, context, "no_acknowledgment"), f"{name}: no no_acknowledgment on {draft!r}"


# customer.frustration v19: "!!" on a loss said in the active voice is upset (exclaims_about_fault); the customer's own
# clean-up, a negated loss and the temper idiom are not that fault.
@pytest.mark.parametrize("text", ["Outlook deleted all my emails from 2022!!", "The update wiped my photos!!",
                                  "I lost all my files!!", "It removed all of our contacts!!"])
def test_qa27_bangs_on_an_active_loss_read_as_upset(text: str) -> None:
    assert exclaims_about_fault(text), text


@pytest.mark.parametrize("text", ["I deleted all my spam!!", "It hasn't deleted my files!!",
                                  "Outlook deleted all my emails from 2022!",
                                  "We finally removed all our old accounts, thanks!!"])
def test_qa27_no_loss_no_upset(text: str) -> None:
    assert not exclaims_about_fault(text), text


# coach_cues v19 `at_stake`: the customer's own business stopped by the fault wants an acknowledgment.
@pytest.mark.parametrize("context", [OUTAGE, "Customer: Our online shop has been offline for an hour.",
                                     "Customer: The card reader keeps failing, we can't take payments.",
                                     "Customer: Production is down since your deploy. Our production site is down!"])
def test_qa27_business_down_wants_an_acknowledgment(context: str) -> None:
    assert _serious("Please check the status page.", context, "no_acknowledgment"), context


@pytest.mark.parametrize("context", ["Customer: Our office wifi is down, which port do I use for the cable?",
                                     "Customer: Is the checkout down or is it just me?",
                                     "Customer: How do I take payments by card on the new till?"])
def test_qa27_no_business_down_no_acknowledgment_needed(context: str) -> None:
    assert not _serious("Please check the status page.", context, "no_acknowledgment"), context
