"""Rewrite round 24: QA pass 23's rewrites that were worse than the draft, or wrong, with made-up
variants that must be fixed and near-misses that must stay as they were."""

from __future__ import annotations

import pytest

from patiently.coach import check

LATER = "Customer: I'll try the steps tonight after work."


def rewrite(draft: str, context: str) -> str:
    r = check(draft, context=context)
    assert r.rewrite is not None
    return r.rewrite.text


# b25: "I'll close this ticket and you'll have to start over" became "I'll keep this ticket open until you're
# ready and you'll have to start over": the threat's own consequence goes with the threat.
@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("If I don't hear back from you by 3 pm today, I'll close this ticket and you'll have to start "
                 "over with a new request.", "Take your time; I'll keep this ticket open until you're ready.",
                 id="b25"),
    pytest.param("If we don't hear back within 48 hours, we'll close the case and you'll need to open a new one.",
                 "Take your time; I'll keep this case open until you're ready.", id="need_to_open_a_new_one"),
    pytest.param("If you don't reply within 2 days, I'll close this ticket and you will have to call us again.",
                 "Take your time; I'll keep this ticket open until you're ready.", id="call_us_again"),
    pytest.param("If I don't hear back from you by Friday, I'll close the claim, and your progress will be lost.",
                 "Take your time; I'll keep this claim open until you're ready.", id="progress_lost"),
    pytest.param("Your ticket will be closed if we don't hear back within 24 hours and you'll have to start over.",
                 "I'll keep this ticket open until you're ready.", id="passive_with_a_tail"),
])
def test_b25_a_threat_goes_with_its_consequence(draft: str, want: str) -> None:
    assert rewrite(draft, LATER) == want


@pytest.mark.parametrize(("draft", "want"), [
    # what the agent will do is no consequence for the customer: it stays as it was
    pytest.param("If I don't hear back by Friday, I'll close this ticket and send you a summary.",
                 "Take your time; I'll keep this ticket open until you're ready and send you a summary.",
                 id="agent_action_after"),
    pytest.param("If I don't hear back by Friday, I'll close this ticket.",
                 "Take your time; I'll keep this ticket open until you're ready.", id="no_tail"),
    pytest.param("Your ticket will be closed if we don't hear back within 24 hours, so please reply soon.",
                 "I'll keep this ticket open until you're ready, so please reply soon.", id="so_please_reply"),
])
def test_b25_near_misses_keep_their_rewrite(draft: str, want: str) -> None:
    assert rewrite(draft, LATER) == want


def test_b25_a_consequence_without_a_threat_is_no_flag() -> None:
    r = check("If the upload fails, you'll have to start over with a new file.", context="Customer: How do I upload?")
    assert r.rewrite is None


ANGRY = "Customer: I'm so frustrated, I can't work out how to book a room!!"


# b30: an apology went in front of "Most students figure it out on their own.", a jab no detector flagged, and
# the pointer to the syllabus went with "It's honestly not that hard if you actually read the syllabus."
def test_b30_no_apology_before_the_jab_and_the_pointer_stays() -> None:
    text = rewrite("It's honestly not that hard if you actually read the syllabus. Most students figure it out "
                   "on their own.", "Customer: I don't understand how the grading curve works.")
    assert "Most students" not in text
    assert text.endswith("The syllabus covers this; here's the short version: [the answer, in plain words].")


@pytest.mark.parametrize("draft", [
    "Use the Rooms tab. Most students figure it out on their own.",
    "Use the Rooms tab. Most people work it out by themselves.",
    "Use the Rooms tab. Most users can figure this out without any help.",
    "Use the Rooms tab. Most other students find it on their own.",
])
def test_b30_the_others_managed_alone_goes_behind_an_apology(draft: str) -> None:
    text = rewrite(draft, ANGRY)
    assert text.startswith("I'm sorry") and text.endswith("Use the Rooms tab.")


@pytest.mark.parametrize("draft", [
    "Use the Rooms tab. Most students book a room in under a minute.",
    "Use the Rooms tab. Most students find the app easier on their own phones.",
    "Use the Rooms tab. Most students figure out the timetable in week one, so you're not behind.",
])
def test_b30_near_misses_are_kept(draft: str) -> None:
    assert rewrite(draft, ANGRY).endswith(draft)


@pytest.mark.parametrize(("draft", "res"), [
    ("It's not that hard if you just read the course handbook.", "The course handbook"),
    ("Honestly, it's not that complicated if you actually read the manual.", "The manual"),
    ("It's really not so difficult if you bother to check our help page.", "Our help page"),
])
def test_b30_not_hard_if_you_read_keeps_the_pointer(draft: str, res: str) -> None:
    text = rewrite(draft, "Customer: I don't understand how the grading curve works.")
    assert text.endswith(f"{res} covers this; here's the short version: [the answer, in plain words].")


# g18: "As I mentioned earlier," to a customer whose restart had worked became "Let me go through it again, more
# fully:": nothing was asked again; the reminder just goes.
WORKS = ("Customer: My laptop says an update is pending.\nAgent: That's the security update; it installs overnight "
         "if the laptop is plugged in. For now, a restart should clear the warning.\n"
         "Customer: Ok I restarted, and it's working now. Is there anything else I should do?")


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Great news! As I mentioned earlier, the update installs overnight, so just leave the laptop "
                 "plugged in tonight and it'll finish on its own. You don't need to do anything else.",
                 "Great news! The update installs overnight, so just leave the laptop plugged in tonight and "
                 "it'll finish on its own. You don't need to do anything else.", id="g18"),
    pytest.param("Glad it works! Like I said before, the update installs overnight.",
                 "Glad it works! The update installs overnight.", id="like_i_said"),
    pytest.param("Good to hear. As I already told you, leave it plugged in tonight.",
                 "Good to hear. Leave it plugged in tonight.", id="already_told"),
    pytest.param("As I explained earlier, the update finishes overnight; nothing else to do.",
                 "The update finishes overnight; nothing else to do.", id="explained_earlier"),
])
def test_g18_a_reminder_to_a_customer_whose_fix_worked_just_goes(draft: str, want: str) -> None:
    assert rewrite(draft, WORKS) == want


@pytest.mark.parametrize(("context", "draft", "want"), [
    pytest.param("Agent: The password is on the sticker under the router.\n"
                 "Customer: Where do I find the Wi-Fi password?",
                 "Like I told you twice now, the Wi-Fi password is on the sticker.",
                 "Let me go through it again: the Wi-Fi password is on the sticker.", id="asked_in_new_words"),
    pytest.param("Agent: Refunds take 5-7 business days.\nCustomer: ok but when will I get the money?",
                 "As I already mentioned twice, the refund takes 5-7 business days.",
                 "Let me go through it again: the refund takes 5-7 business days.", id="but_when"),
    pytest.param("Agent: Please update the app from the store.\nCustomer: it still says error 502 when I open it",
                 "Like I told you before, you need to update the app.",
                 "Let me go through it again: you need to update the app.", id="still_failing"),
])
def test_g18_near_misses_a_customer_asking_again_keeps_the_lead_in(context: str, draft: str, want: str) -> None:
    assert rewrite(draft, context) == want



# b07 / b36: glosses went inside a slashed pair ("SSL (...)/TLS") and before a possessive ("the refresh token (...)'s
# TTL (...)"), and TTL got its DNS gloss beside a login token.
NOT_TECH = "Customer: I'm not good with computers and my email stopped working."


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Please make sure the app uses SSL/TLS on port 993.",
                 "Please make sure the app uses SSL/TLS (SSL is the encryption that keeps data private between your "
                 "device and a website) on port 993.", id="slashed_pair_one_flagged"),
    pytest.param("Check that SPF/DKIM is set up for your domain.",
                 "Check that SPF/DKIM (SPF is a published list of servers allowed to send email for a domain; DKIM is "
                 "a digital signature that proves an email really came from the company) is set up for your domain.",
                 id="slashed_pair_both_flagged"),
    pytest.param("The OAuth/SSO login failed.",
                 "The OAuth/SSO login (OAuth is a way of letting one app use your account in another without sharing "
                 "your password) failed.", id="slashed_pair_before_a_head_noun"),
    pytest.param("Your VPN's certificate expired.",
                 "Your VPN's certificate (VPN is a secure connection to the office network from wherever you are; "
                 "certificate is a digital ID card that proves a website or device is genuine) expired.",
                 id="possessive_both_flagged"),
    pytest.param("Your JWT's signature is invalid.",
                 "Your JWT's signature (JWT is a coded login pass that an app hands to a server) is invalid.",
                 id="possessive_plain_noun"),
    pytest.param("Your token's TTL ran out, so please log in again.",
                 "Your token's TTL (how long it stays valid before it runs out) ran out, so please log in again.",
                 id="ttl_beside_a_token"),
    pytest.param("The session TTL is 30 minutes, so please log in again.",
                 "The session TTL (how long it stays valid before it runs out) is 30 minutes, so please log in again.",
                 id="ttl_of_a_session"),
])
def test_b07_b36_a_gloss_never_splits_a_pair_or_a_possessive_and_fits_its_field(draft: str, want: str) -> None:
    assert rewrite(draft, NOT_TECH) == want


def test_b36_the_refresh_tokens_ttl() -> None:
    text = rewrite("Your JWT expired because the refresh token's TTL lapsed.",
                   "Customer: I'm confused, the app says my 'session token is invalid'. What does that mean?")
    assert "token (" not in text and "saved address" not in text
    assert "the refresh token's TTL (refresh token is " in text and "TTL: how long it stays valid" in text


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Please make sure the app uses SSL on port 993.",
                 "Please make sure the app uses SSL (the encryption that keeps data private between your device and a "
                 "website) on port 993.", id="no_pair"),
    pytest.param("Lower the TTL on the MX record before the move.",
                 "Lower the TTL (how long a saved address is trusted before it is looked up again) on the MX record "
                 "(the internet address-book entry that says where a domain's email should go) before the move.",
                 id="ttl_in_dns_keeps_its_gloss"),
    pytest.param("Your app's JWT expired.",
                 "Your app's JWT (a coded login pass that an app hands to a server) expired.",
                 id="possessive_before_the_term"),
    pytest.param("The IMAP folder is full.",
                 "The IMAP (a way of reading email that keeps it in sync on all your devices) folder is full.",
                 id="no_possessive"),
])
def test_b07_b36_near_misses_keep_their_gloss(draft: str, want: str) -> None:
    assert rewrite(draft, NOT_TECH) == want



# QA23 b09, b11, b21, b23, b29, g07, g33: every added acknowledgment was one of two stock lines; the opener now names
# the customer's situation where their last message says what it is (the library's ack_topics).
ASK = "Please send me your account number."


@pytest.mark.parametrize(("context", "opener"), [
    pytest.param("Customer: The refund still hasn't arrived and it's been 3 weeks. What's going on?",
                 "I'm sorry you're still waiting for your money, and I can see how frustrating it is.", id="b11"),
    pytest.param("Customer: I think someone hacked my account, there are purchases I didn't make and I'm really "
                 "scared.", "I'm sorry you're worried someone else has been in your account; I can understand how "
                 "frightening that is.", id="b29"),
    pytest.param("Customer: This is the THIRD time my internet has gone down this week. I work from home and I'm "
                 "losing money. I'm furious.", "I'm sorry you've been left without a working connection, and I can "
                 "see how frustrating it is.", id="b09"),
    pytest.param("Customer: My refund still hasn't come through and it's been a month. This is ridiculous!",
                 "I'm sorry you're still waiting for your money, and I can see how frustrating it is.",
                 id="refund_a_month"),
    pytest.param("Customer: My parcel hasn't arrived and it was due last week. This is ridiculous!",
                 "I'm sorry your delivery hasn't reached you, and I can see how frustrating it is.", id="parcel"),
    pytest.param("Customer: You've charged me twice this month. I'm fed up!",
                 "I'm sorry about the extra charges, and I can see how frustrating it is.", id="charged_twice"),
    pytest.param("Customer: The game freezes on level 12 every single time, I can't progress.",
                 "I'm sorry it keeps freezing on you, and I can see how frustrating it is.", id="b23_freezes"),
])
def test_the_opener_names_the_customers_situation(context: str, opener: str) -> None:
    assert rewrite(ASK, context) == f"{opener} {ASK}"


STOCK = "I'm sorry this is causing you trouble, and I can see how frustrating it is."


@pytest.mark.parametrize("context", [
    pytest.param("Customer: Can I get a refund for my order? This is ridiculous!", id="asks_for_a_refund"),
    pytest.param("Customer: My smart lock won't open, this is ridiculous!", id="wont_open_is_no_crash"),
    pytest.param("Customer: Why was I charged for the upgrade? This is ridiculous!", id="one_charge_questioned"),
    pytest.param("Customer: My internet is really slow today, this is ridiculous!", id="slow_is_no_outage"),
])
def test_near_misses_keep_the_stock_opener(context: str) -> None:
    assert rewrite(ASK, context) == f"{STOCK} {ASK}"


def test_a_loss_comes_before_any_topic() -> None:
    text = rewrite(ASK, "Customer: My husband passed away and the refund for his account still hasn't arrived.")
    assert text.startswith("I'm so sorry for your loss")



# b32 (identical to the draft, the tone model's flag listed unchanged): "It's just a few days, it's not a big deal."
# becomes an apology for the wait.
@pytest.mark.parametrize(("context", "draft", "want"), [
    pytest.param("Customer: My medication refill has been 'processing' for 5 days and I'm almost out.",
                 "It's just a few days, it's not a big deal. The pharmacy will get to it.",
                 "I'm sorry it's taking this long. The pharmacy will get to it.", id="b32"),
    pytest.param("Customer: My refund has been pending for 5 days and I need the money.",
                 "It's just a few days, it's not a big deal. The bank will process it.",
                 "I'm sorry it's taking this long. The bank will process it.", id="refund"),
    pytest.param("Customer: My parcel has been stuck in transit for 4 days and it's a birthday present.",
                 "It's just a few days. The courier will deliver it.",
                 "I'm sorry it's taking this long. The courier will deliver it.", id="without_the_tail"),
    pytest.param("Customer: My prescription has been processing for 3 days and I'm almost out.",
                 "It's just a few days, so it's not that long. The pharmacy will call you.",
                 "I'm sorry it's taking this long. The pharmacy will call you.", id="not_that_long"),
])
def test_b32_a_wait_made_small_becomes_an_apology_for_it(context: str, draft: str, want: str) -> None:
    assert rewrite(draft, context) == want


@pytest.mark.parametrize(("context", "draft"), [
    ("Customer: How long does shipping take?", "It's just a few days: orders arrive in 3-5 working days."),
    ("Customer: How long is the trial?", "It's only 14 days, so make the most of it!"),
    ("Customer: What's my new PIN?", "Your new PIN is 4471. Please write it down somewhere safe."),
])
def test_b32_b28_near_misses_stay_quiet(context: str, draft: str) -> None:
    assert check(draft, context=context).rewrite is None


# b28: "It's Guest-2024. Write it down." kept the bossy jab beside a repeat.
@pytest.mark.parametrize(("context", "draft", "want"), [
    pytest.param("Customer: what's the wifi password for the guest network?\nAgent: It's Guest-2024.\n"
                 "Customer: what was it again?", "For the last time, it's Guest-2024. Write it down.",
                 "It's Guest-2024.", id="b28"),
    pytest.param("Customer: where is the form?\nAgent: On the Documents page.\nCustomer: where?",
                 "For the last time, it's on the Documents page. Just write it down.",
                 "It's on the Documents page.", id="just_write_it_down"),
    pytest.param("Customer: which port?\nAgent: 993.\nCustomer: which port was it?",
                 "As I already said, it's 993. Note it down.", "Let me go through it again: it's 993.",
                 id="note_it_down"),
    pytest.param("Customer: what's the wifi password?\nAgent: It's Guest-2024.\nCustomer: sorry, what was it again?",
                 "For the last time, it's Guest-2024. Write it down this time.", "It's Guest-2024.", id="this_time"),
])
def test_b28_write_it_down_beside_a_repeat_goes(context: str, draft: str, want: str) -> None:
    # a sentence the repeat's edits take out is no further step: no "more fully" before one short answer
    assert rewrite(draft, context) == want


def test_b28_near_miss_a_real_second_step_keeps_more_fully() -> None:
    text = rewrite("As I already said, restart the router. Then unplug the modem for a minute.",
                   "Agent: Please restart the router.\nCustomer: it still doesn't work")
    assert "Let me go through it again, more fully: restart the router. Then unplug the modem" in text


def test_library_is_at_least_v10() -> None:
    from patiently.lexicon import load_data

    assert load_data("rewrites")["version"] >= 10
