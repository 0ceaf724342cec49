"""customer.frustration v17 (mood round): the customer's mood misread both ways on fresh QA drafts. Each family has
its QA case, made-up variants in other wordings and near-misses that must stay as they were."""

import pytest

from patiently.detectors._frustration_faults import faults
from patiently.detectors.customer_frustration import REPORT_AT, frustration_level, head_text

from conftest import conv, detect


def _level(text: str) -> float:
    return frustration_level(text)[0]


def _reasons(text: str) -> list[str]:
    return frustration_level(text)[2]


# --- false alarms: calm customers read as upset ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I'm a teacher and I can't add students to my Google Classroom. Deadline is Friday.",  # QA pass 24 g36
    "The deadline is on the 15th. How do I upload the form?",
    "Our deadline is next week. Where do I change the export format?",
    "The submission deadline was Monday; can I still see my receipt?",
])
def test_v17_a_deadline_days_away_said_plainly_is_no_urgency(text: str) -> None:
    assert "urgency" not in _reasons(text) and _level(text) < REPORT_AT


@pytest.mark.parametrize("text", [
    "I need access to the payroll system today, payroll is due tomorrow!",  # QA pass 25 b34
    "My essay is due tonight and Word keeps crashing.",
    "The report is due in 3 hours and I can't open the share.",
    "Deadline is tomorrow and I still can't log in.",
    "I have a deadline and the VPN is down.",
    "Deadline is Friday!",
])
def test_v17_a_deadline_today_tomorrow_or_in_hours_is_urgency(text: str) -> None:
    assert "urgency" in _reasons(text) and _level(text) >= REPORT_AT


@pytest.mark.parametrize("text", ["The bill is due on the 5th.", "The invoice is due next month.",
                                  "Is the payment due tomorrow week?"])
def test_v17_a_date_that_is_not_close_is_no_urgency(text: str) -> None:
    assert "urgency" not in _reasons(text)


@pytest.mark.parametrize("text", [
    "ich habe problem, the password not working, i try many times",  # QA pass 24 g07: non-native, calm
    "I tried several times to log in, it says wrong password.",
    "I've entered the code three times and it says invalid.",
    "I typed it many times, the page just reloads.",
])
def test_v17_own_attempts_at_a_task_are_effort_not_frustration(text: str) -> None:
    assert _level(text) < REPORT_AT


@pytest.mark.parametrize("text", [
    "I've called you many times and nobody answers!",
    "I have emailed you three times about the VPN token.",
    "I have DM you multiple times! And the credit is not showing up",
    "I've tried 5 times, this is ridiculous",
])
def test_v17_contacting_the_company_again_stays_repeated_contact(text: str) -> None:
    assert _level(text) >= REPORT_AT


@pytest.mark.parametrize("text", [
    "I'm a network engineer. Your DNS resolver returns SERVFAIL for DNSSEC-signed domains since the update.",  # g12
    "Since the patch the resolver logs TIMEOUT for every DNSSEC-signed zone.",
    "My WPA2-ENTERPRISE login fails on the guest network and the radius log reports REJECT.",
    "The API throws FORBIDDEN on the /export endpoint; our OAUTH-based client is unchanged.",
])
def test_v17_technical_codes_and_compound_terms_are_not_shouting(text: str) -> None:
    assert "shouting" not in _reasons(text) and _level(text) < REPORT_AT


@pytest.mark.parametrize("text", [
    "I AM RESPONDING to your email and my laptop is still LOCKED",
    "I tried EVERYTHING and it is STILL broken",
    "WHY does it keep asking for my PASSWORD",
])
def test_v17_shouted_words_in_two_places_are_still_emphasis(text: str) -> None:
    assert "shouting" in _reasons(text)


@pytest.mark.parametrize("text, hidden", [
    ("My Outlook search stopped working, it finds nothing older than a week.", "finds nothing"),  # QA pass 25 b27
    ("The search returns no results for last year's emails.", "returns no results"),
    ("Nothing happens when I click print.", "Nothing happens"),
    ("Please cancel my card, I lost it.", "lost it"),  # the head heard "I lost it" as losing one's temper
    ("I lost my son's school login details.", "lost my"),  # QA pass 24 b22's context
    ("I've lost my phone, can you block the SIM?", "lost my"),
    ("Please block my card, I think I lost it on the train.", "lost it"),
])
def test_v17_the_head_does_not_read_an_empty_result_or_a_lost_thing(text: str, hidden: str) -> None:
    assert hidden not in head_text(text) and _level(text) < REPORT_AT


@pytest.mark.parametrize("text", [
    "I totally lost it when they hung up on me.",  # the customer's own state
    "When they hung up on my call I lost it.",
    "I lost it.",  # no thing of theirs named before it
])
def test_v17_lost_it_said_of_oneself_is_still_read_by_the_head(text: str) -> None:
    assert "lost it" in head_text(text)


@pytest.mark.parametrize("text", ["I lost my temper with your agent.", "I'm losing my patience with this."])
def test_v17_losing_ones_temper_is_still_frustration(text: str) -> None:
    assert "lost my temper" in head_text(text) or "losing my patience" in head_text(text)
    assert _level(text) >= REPORT_AT


def test_v17_an_empty_result_said_in_anger_is_still_frustration() -> None:
    assert _level("The search finds nothing, this is useless!!") >= REPORT_AT


@pytest.mark.parametrize("text, below", [
    ("I did restart it, twice. Still no sound.", 0.8),  # QA pass 24 g35: "still no" was counted twice (0.80)
    ("yes I tried another socket, still no light on the charger", 0.8),  # QA pass 8 g20
    ("Still no reply from anyone.", 0.8),
])
def test_v17_one_phrase_is_not_counted_twice_by_both_lexicons(text: str, below: float) -> None:
    assert _level(text) < below


def test_v17_still_no_stays_a_complaint_on_its_own() -> None:
    assert _level("@AppleSupport still no reliable Bluetooth on my iPhone 8+.") >= REPORT_AT


# --- misses: upset customers read as calm ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The VPN still disconnects every 10 minutes, nothing you suggested worked.",  # QA pass 25 b10
    "None of your suggestions helped and it still crashes.",
    "Your fix didn't work, the printer is still offline.",
    "What you told me to do didn't help at all.",
])
def test_v17_the_agents_suggestions_failing_is_a_failed_service(text: str) -> None:
    assert "complaint about the service" in _reasons(text) and _level(text) >= REPORT_AT


@pytest.mark.parametrize("text", ["Nothing worked until you suggested safe mode, thanks!", "Your fix worked, thanks!",
                                  "I'll try what you suggested tomorrow.", "Can you suggest something? Nothing works."])
def test_v17_suggestions_that_worked_or_are_still_to_try_are_no_complaint(text: str) -> None:
    assert "complaint about the service" not in _reasons(text)


@pytest.mark.parametrize("text", [
    "Cancel my contract. Your engineers never turned up, twice.",  # 0.30 after v16
    "The technician didn't show up yesterday.",
    "The driver did not turn up and I waited in all day.",
    "That's the second no-show this month.",
])
def test_v17_the_people_sent_not_coming_is_a_failed_service(text: str) -> None:
    assert "complaint about the service" in _reasons(text)


@pytest.mark.parametrize("text", ["The USB drive didn't show up in lsblk.", "The icon never turned up in the tray.",
                                  "The missing file turned up in Downloads.", "Does the no-show fee apply to me?"])
def test_v17_a_thing_not_showing_up_is_no_no_show(text: str) -> None:
    assert "complaint about the service" not in _reasons(text)


@pytest.mark.parametrize("text", [
    "You've taken £120 from my account for a subscription I CANCELLED in March. I have the cancellation email. "
    "This is theft.",  # QA pass 20 b07
    "That's daylight robbery.",
    "You are stealing my money.",
    "you stole £40 from me last month",
])
def test_v17_calling_the_charge_a_theft_is_anger(text: str) -> None:
    assert "anger" in _reasons(text) and _level(text) >= REPORT_AT


@pytest.mark.parametrize("text", ["My laptop was stolen from my car.", "I want to report fraud on my card.",
                                  "I got a fraud alert from you, is it real?"])
def test_v17_a_theft_suffered_or_a_fraud_report_is_no_accusation(text: str) -> None:
    assert "anger" not in _reasons(text)


@pytest.mark.parametrize("text", [
    "I've been a customer for 12 years and this outage is ruining my business. I'm considering switching.",  # b24
    "We're seriously thinking about leaving.",
    "I'm looking at other providers.",
    "This outage is killing our sales.",
])
def test_v17_thinking_of_leaving_or_a_livelihood_harmed_is_frustration(text: str) -> None:
    assert {"threat", "stress"} & set(_reasons(text)) and _level(text) >= REPORT_AT


@pytest.mark.parametrize("text", ["I'm considering switching plans, which one has more data?",
                                  "I'm thinking about switching it off and on again.",
                                  "The update ruined the photo colours, how do I reset them?"])
def test_v17_switching_a_plan_or_a_ruined_photo_is_no_threat(text: str) -> None:
    assert not {"threat", "stress"} & set(_reasons(text))


@pytest.mark.parametrize("text", ["My character's inventory was wiped after the patch!! 3 years of items gone!!",  # b35
                                  "All my photos got deleted!!", "my settings were erased after the update!!"])
def test_v17_a_loss_in_the_passive_is_a_fault(text: str) -> None:
    assert faults(text)


@pytest.mark.parametrize("text", ["The old files were deleted, thanks!!", "Was it deleted?",
                                  "I deleted the old backups."])
def test_v17_a_deletion_thanked_for_or_asked_about_is_no_fault(text: str) -> None:
    assert not faults(text)


def test_v17_the_conversation_reading_a_report_that_the_agents_steps_failed() -> None:
    chat = conv(("c", "The VPN keeps dropping."), ("a", "Please reinstall the VPN client and restart."),
                ("c", "The VPN still disconnects every 10 minutes, nothing you suggested worked."))
    found = [f for f in detect("customer.frustration", chat) if f.label == "customer.frustration"]
    assert [f.message_id for f in found] == ["m3"]
