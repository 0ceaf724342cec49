"""The coach's reading of the customer and of acknowledgment (QA pass 5): named mini-cases."""

from __future__ import annotations

import pytest

from patiently.coach import check


def _warned(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.category for f in result.flags if f.severity != "info"}


# An apology after a comma or "and" is the agent's own.
CHARGED_TWICE = "Customer: You charged me TWICE for March. This is ridiculous."
APOLOGY_AFTER_AND = "You're right, and I'm sorry. I've issued a refund of $49.99 to your card."
NO_APOLOGY = "You were charged twice. I've issued a refund of $49.99 to your card."

# Thanks for what a mildly upset customer did or explained acknowledges them.
TRIED_ALREADY = ("Customer: I already cleared the cache and cookies like the help page says, "
                 "and I still can't log in to the billing portal.")
THANKS_FOR_TRYING = ("Thanks for letting me know, and for trying those steps already. "
                     "I'll escalate this to the web team.")
REFUND_ASK = "Customer: My headset stopped working, I want a refund."
THANKS_FOR_EXPLAINING = ("Thank you for explaining what happened. It's past the return window, "
                         "but I can arrange a repair.")
# ... but not a furious one.
FURIOUS = "Customer: This is the THIRD time I'm asking!!! Absolutely useless, I want to speak to your manager!"


def test_apology_after_a_comma_or_and_acknowledges() -> None:
    assert "no_acknowledgment" not in _warned(check(APOLOGY_AFTER_AND, CHARGED_TWICE))
    assert "no_acknowledgment" in _warned(check(NO_APOLOGY, CHARGED_TWICE))


def test_thanks_for_effort_acknowledges_a_mildly_upset_customer() -> None:
    assert "no_acknowledgment" not in _warned(check(THANKS_FOR_TRYING, TRIED_ALREADY))
    assert "no_acknowledgment" not in _warned(check(THANKS_FOR_EXPLAINING, REFUND_ASK))
    assert "no_acknowledgment" in _warned(check(THANKS_FOR_TRYING, FURIOUS))


# A customer whose upset is a deadline is acknowledged by answering the worry (ex-009's model reply).
MEETING_SOON = "Customer: hi, i cant hear anyone in Teams calls. they can hear me though. meeting in 15 min, help"
REASSURED = "Hi Greta, Sam here. 15 minutes is plenty, let's get your sound back. Headset or laptop speakers?"
BEFORE_YOURS = "We'll have your sound back before your meeting. Are you using a headset?"
STRAIGHT_ON = "Are you using a headset, or the laptop speakers?"


def test_reassurance_about_the_deadline_acknowledges_an_urgent_customer() -> None:
    assert "no_acknowledgment" not in _warned(check(REASSURED, MEETING_SOON))
    assert "no_acknowledgment" not in _warned(check(BEFORE_YOURS, MEETING_SOON))
    assert "no_acknowledgment" in _warned(check(STRAIGHT_ON, MEETING_SOON))
    # reassurance is no answer to a customer upset about something else
    assert "no_acknowledgment" in _warned(check("There is plenty of time. " + STRAIGHT_ON, FURIOUS))


# A specific, owned apology is not a script; a stock line with ownership next to it stays info.
SERIAL_AGAIN = ("Agent: Could you send me the serial number?\n"
                "Customer: I ALREADY gave you the serial number twice. 5CG1234XYZ.")
OWNED_SPECIFIC = ("You're right, you already told me the serial number, and I'm sorry about that. "
                  "I've booked the battery replacement for Friday.")
PROMISE_BROKEN = "Customer: Nobody called me back yesterday like you PROMISED. I'm fed up."
STOCK_THEN_OWNED = ("I completely understand your frustration. You were promised a callback yesterday and it "
                    "didn't happen. That's on us, and I'm sorry. My team lead will call you today before 5 pm.")
STOCK_ONLY = "We apologize for any inconvenience this may have caused. Your ticket has been logged."


def test_owned_apology_is_not_scripted() -> None:
    assert _warned(check(OWNED_SPECIFIC, SERIAL_AGAIN)) == set()
    assert _warned(check(STOCK_THEN_OWNED, PROMISE_BROKEN)) == set()
    assert "scripted_empathy" in _warned(check(STOCK_ONLY, PROMISE_BROKEN))


@pytest.mark.parametrize(("context", "state"), [
    pytest.param("Customer: I'm confused, I don't understand what to do.", "confused", id="confused"),
    pytest.param("Customer: I don't understand how to reset my password", "confused", id="how_to"),
    pytest.param("Customer: I'm not very good with computers. The printer won't print.", "non_technical",
                 id="not_good_with_computers"),
    pytest.param("Customer: I'm presenting to the board in 20 minutes and the projector won't connect, please help!!",
                 "frustrated", id="deadline"),
])
def test_customer_state_is_read(context: str, state: str) -> None:
    assert state in check("Let's look at it together.", context).context.customer


@pytest.mark.parametrize("context", [
    pytest.param('Customer: Outlook says "Cannot connect to server" every time I open it.', id="quoted_error"),
    pytest.param("Customer: I'm not very good with computers. The printer won't print.", id="self_description"),
    pytest.param("Customer: I don't understand why it crashes, it worked yesterday.", id="puzzled_by_fault"),
])
def test_calm_customers_are_not_frustrated_or_confused(context: str) -> None:
    states = check("Thanks for the details. Is this on your laptop or your phone?", context).context.customer
    assert "frustrated" not in states
    if "why it crashes" in context:
        assert "confused" not in states


def test_jargon_to_a_confused_customer_is_raised() -> None:
    draft = "Your mailbox hit the throttling limit, so the OST won't sync until the quota resets."
    calm = check(draft, "Customer: Why are my emails not arriving?")
    confused = check(draft, "Customer: I don't understand, why are my emails not arriving?")
    assert "jargon" in _warned(confused)
    assert {f.severity for f in calm.flags if f.category == "jargon"} <= {"info"}


# QA pass 7: a worried or panicking customer is read as stressed ("frustrated" state).
WORRIED = "Customer: I think I clicked a phishing link and now my account is sending spam, I'm so worried"
PANICKING = ("Customer: I accidentally deleted the shared folder with all our client files, "
             "please tell me you can get it back")
POLITE_AFRAID = "Customer: I'm afraid I don't remember which email I used."
# A stock opener that names the customer's situation acknowledges them and is no script.
BOARDING = "Customer: Slack won't load on my phone and I'm boarding in 30 minutes!!"
NAMES_FLIGHT = "I completely understand wanting this sorted before your flight. Let's try the quickest option first."


@pytest.mark.parametrize("context", [WORRIED, PANICKING])
def test_worry_and_panic_read_as_stress(context: str) -> None:
    result = check("Let me check the account settings.", context=context)
    assert "frustrated" in result.context.customer
    assert "no_acknowledgment" in _warned(result)


def test_polite_afraid_is_not_stress() -> None:
    assert "frustrated" not in check("Let me check.", context=POLITE_AFRAID).context.customer


def test_understanding_that_names_the_situation_acknowledges() -> None:
    assert _warned(check(NAMES_FLIGHT, context=BOARDING)) == set()


# QA pass 8: a plain request or a factual fault report is calm (customer.frustration v5), so a
# helpful draft with no apology is not asked to acknowledge; the same request with feeling is.
CANCEL_REQUEST = "Customer: I want to cancel my subscription."
REFUND_REQUEST = "Customer: I want a refund for the annual plan I bought in March."
NO_RESET_EMAIL = "Customer: I never got the password reset email."
CANCEL_THREAT = "Customer: This is the third outage this month. I'm cancelling my account."
REFUND_FURIOUS = "Customer: Your service is useless. I want a refund NOW!!"
CONFIRM_EMAIL = ("Let me check that for you. Could you confirm the email address on the account? I want to make "
                 "sure I'm looking at the right one before I change anything.")
FIRM_NO = ("I'm afraid we can't refund the annual plan after 30 days, as that's part of the terms you agreed to. "
           "What I can do is switch you to the monthly plan from your next renewal.")
RESET_SENT = ("Good morning! I've checked, and your password reset link was sent to j.smith@example.com at 08:14. "
              "It's valid for one hour, so if it expired, tell me and I'll send a fresh one straight away.")


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param(CONFIRM_EMAIL, CANCEL_REQUEST, id="g36_cancel"),
    pytest.param(FIRM_NO, REFUND_REQUEST, id="g06_refund"),
    pytest.param(RESET_SENT, NO_RESET_EMAIL, id="g26_reset_email"),
    pytest.param(CONFIRM_EMAIL, "Customer: How do I cancel my account?", id="cancel_how"),
])
def test_plain_requests_are_calm(draft: str, context: str) -> None:
    result = check(draft, context)
    assert "frustrated" not in result.context.customer
    assert _warned(result) == set()


@pytest.mark.parametrize(("draft", "context"), [
    pytest.param(CONFIRM_EMAIL, CANCEL_THREAT, id="cancel_threat"),
    pytest.param(FIRM_NO, REFUND_FURIOUS, id="refund_furious"),
])
def test_requests_with_feeling_still_need_acknowledgment(draft: str, context: str) -> None:
    assert "no_acknowledgment" in _warned(check(draft, context))


# Stress said in idioms, with a shouted deadline (b11), and a problem made worse with "!!" (b09).
RENT_TODAY = ("Customer: I've been trying for 2 hours and I'm about to lose my mind, the banking app won't open "
              "and I need to pay rent TODAY.")
HAIR_OUT = "Customer: I'm pulling my hair out, the scanner has failed all morning."
WORSE_BANGS = "Agent: Try clearing your browser cache.\nCustomer: I did but now I can't log in to anything at all!!"
CALM_TODAY = "Customer: I need to pay rent today, can I do it on the website instead of the app?"


@pytest.mark.parametrize("context", [
    pytest.param(RENT_TODAY, id="b11_lose_my_mind"),
    pytest.param(HAIR_OUT, id="hair_out"),
    pytest.param(WORSE_BANGS, id="b09_worse"),
])
def test_stress_idioms_and_a_worse_problem_read_as_frustrated(context: str) -> None:
    result = check("Okay. Reinstall the app.", context)
    assert "frustrated" in result.context.customer
    assert "no_acknowledgment" in _warned(result)


def test_a_calm_deadline_is_not_stress() -> None:
    assert "frustrated" not in check("Yes, the website works too.", CALM_TODAY).context.customer


def test_warm_reply_to_a_stressed_customer_stays_quiet() -> None:
    draft = ("I'm sorry, two hours of this right before rent is due is awful. Let's get you paying first: "
             "the website works while we fix the app.")
    assert _warned(check(draft, RENT_TODAY)) == set()


# "I really don't understand computers" (b25) marks the customer as non-technical: jargon is raised.
@pytest.mark.parametrize("context", [
    pytest.param("Customer: Sorry, I really don't understand computers. My work laptop says 'device not compliant'.",
                 id="b25"),
    pytest.param("Customer: I don't know anything about computers. The screen says 'device not compliant'.",
                 id="dont_know_about"),
])
def test_not_understanding_computers_is_non_technical(context: str) -> None:
    result = check("You need to re-provision the Intune profile and re-enroll the device in Autopilot.", context)
    assert "non_technical" in result.context.customer
    assert "confused" not in result.context.customer
    assert any(f.category == "jargon" and f.severity == "problem" for f in result.flags)


# QA pass 10 (g07, g21): a customer who apologises for themselves is not frustrated at anyone; the
# emotion head hears "sorry i lost ..." as sadness and ":(" or "again" add a little, but with no other
# sign the coach does not read them as frustrated. Any heat besides the apology still counts.
@pytest.mark.parametrize("context", [
    pytest.param("Customer: hey sorry to bother u again, printer is offline again :(", id="g07_sorry_to_bother"),
    pytest.param("Customer: sorry i lost the invoice u sent, can u send again", id="g21_sorry_i_lost"),
    pytest.param("Customer: sorry for the hassle, i forgot my password again :(", id="sorry_for_the_hassle"),
    pytest.param("Customer: my bad, i deleted the confirmation email. could you resend it?", id="my_bad"),
    pytest.param("Customer: Sorry again, I lost the link you sent me yesterday", id="sorry_again"),
])
def test_an_apologetic_customer_is_not_frustrated(context: str) -> None:
    r = check("No worries at all, happy to help! I've sent it again just now.", context)
    assert "frustrated" not in r.context.customer
    assert r.verdict == "ok", [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("context", [
    pytest.param("Customer: sorry to bother you but this is the THIRD time the printer is offline!!",
                 id="sorry_but_shouting"),
    pytest.param("Customer: sorry i lost the invoice, but this is ridiculous, why is nothing in my account?",
                 id="sorry_then_exasperated"),
    pytest.param("Customer: Sorry but your courier is useless, my parcel never arrived", id="sorry_but_complaint"),
    pytest.param("Customer: sorry to bother you, I've been waiting since Monday for a reply", id="sorry_but_waited"),
])
def test_an_apology_beside_other_signs_stays_frustrated(context: str) -> None:
    assert "frustrated" in check("Let's look at it together.", context).context.customer


# QA pass 11 (G27): the emotion head heard a customer's self-introduction by role ("I'm a sysadmin.") as
# annoyance, so a calm technical report read as frustrated; the role clause is not read (self_intro lexicon).
@pytest.mark.parametrize("context", [
    pytest.param("Customer: I'm a sysadmin. Our SSO via SAML fails with an invalid audience error after the cert "
                 "rotation.", id="g27_sysadmin_saml"),
    pytest.param("Customer: Hi, I'm the office manager here. The shared calendar doesn't show the new rooms.",
                 id="office_manager_calendar"),
    pytest.param("Customer: As a developer, I'd like to know which TLS versions your API accepts.",
                 id="as_a_developer"),
    pytest.param("Customer: I'm a nurse on ward 4, the label printer prints blank pages.", id="nurse_on_ward"),
])
def test_a_self_introduction_by_role_is_not_frustration(context: str) -> None:
    r = check("Thanks for the detail. Could you check the setting under Admin > Security?", context)
    assert "frustrated" not in r.context.customer
    assert r.verdict == "ok", [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("context", [
    pytest.param("Customer: I'm a sysadmin and this is RIDICULOUS, SAML has been down for 3 hours!!",
                 id="sysadmin_shouting"),
    pytest.param("Customer: I'm a paying customer and your service is useless.", id="paying_customer_useless"),
    pytest.param("Customer: I'm a developer. This is the third time I'm asking, why is nobody answering??",
                 id="developer_asking_again"),
])
def test_a_role_beside_real_frustration_stays_frustrated(context: str) -> None:
    assert "frustrated" in check("Let's look at it together.", context).context.customer


# QA pass 11 (B10, B32): a customer in distress (a theft, illness or a hospital stay, a death, tears) is read
# as upset: a stock line to them weighs a warning, not info, and a reply needs to acknowledge it.
@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("We apologize for any inconvenience this may have caused. Your satisfaction is important to us. "
                 "Please find attached our standard procedure.",
                 "Customer: My laptop was stolen with all my work on it.", id="b10_laptop_stolen"),
    pytest.param("I understand your frustration. We value you as a customer. Please reset the password using the "
                 "Forgot Password link.",
                 "Customer: My mother is in hospital and I can't access her insurance portal to check coverage.",
                 id="b32_mother_in_hospital"),
    pytest.param("We apologize for any inconvenience. Please fill in the account closure form.",
                 "Customer: My dad passed away last month and I need to close his account.", id="father_passed_away"),
    pytest.param("Your satisfaction is important to us. Please try restoring from a backup.",
                 "Customer: I'm in tears, the thesis file won't open and it's due tomorrow.", id="in_tears"),
])
def test_a_stock_line_to_a_customer_in_distress_is_a_warning(draft: str, context: str) -> None:
    r = check(draft, context)
    assert "frustrated" in r.context.customer
    # the stock line weighs a warning; where no stock line is known, going straight on is no_acknowledgment
    assert any(f.category in ("scripted_empathy", "no_acknowledgment") and f.severity != "info" for f in r.flags), \
        [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("context", [
    pytest.param("Customer: My hard drive died, can I get a replacement under warranty?", id="drive_died"),
    pytest.param("Customer: I deleted the wrong folder by accident, how do I restore it?", id="by_accident"),
    pytest.param("Customer: The server is sick again, the dashboard shows 500 errors.", id="server_is_sick"),
    pytest.param("Customer: I'm in the hospital finance team, how do I export the invoices?", id="works_at_hospital"),
])
def test_device_faults_and_mishaps_are_not_distress(context: str) -> None:
    # "died" of a drive, "by accident", a sick server, a hospital as a place of work: no person in distress
    r = check("We apologize for any inconvenience. Here is how to do it.", context)
    assert "frustrated" not in r.context.customer
    assert all(f.severity == "info" for f in r.flags), [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize(("draft", "acknowledged"), [
    pytest.param("I'm so sorry, that's awful. Your files are safe in OneDrive: sign in on any computer to reach "
                 "them.", True, id="sorry_and_files_safe"),
    pytest.param("Your files are safe in OneDrive: sign in on any computer to reach them.", True,
                 id="reassurance_answers_the_loss"),
    pytest.param("Sign in on any computer to reach your OneDrive.", False, id="straight_on"),
])
def test_a_customer_in_distress_needs_an_acknowledgment(draft: str, acknowledged: bool) -> None:
    r = check(draft, "Customer: My laptop was stolen with all my work on it.")
    assert ("no_acknowledgment" not in {f.category for f in r.flags}) is acknowledged


# QA pass 12. Self-deprecation about one's skills is non-technical, not frustration, and "we'll do it together"
# reassures; "hopeless" said of the service is still anger.
@pytest.mark.parametrize("context", [
    pytest.param("Customer: I'm hopeless with technology, how do I connect my new printer to wifi?",
                 id="g34_hopeless_with_technology"),
    pytest.param("Customer: I'm useless with computers, where do I find my downloads?", id="useless_with_computers"),
    pytest.param("Customer: im terrible at tech stuff. how do i change my email password?", id="terrible_at_tech"),
])
def test_self_deprecation_about_skills_is_not_frustration(context: str) -> None:
    r = check("No problem, we'll do it together. 1. Open Settings. 2. Choose Wi-Fi. 3. Tell me what you see.",
              context)
    assert "frustrated" not in r.context.customer and "non_technical" in r.context.customer
    assert _warned(r) == set(), [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("context", [
    pytest.param("Customer: Your support is hopeless, this is the third time I've asked!", id="hopeless_service"),
    pytest.param("Customer: I'm hopeless with technology and this stupid printer is DRIVING ME MAD!!",
                 id="self_description_beside_anger"),
])
def test_hopeless_said_of_the_service_is_still_frustration(context: str) -> None:
    r = check("1. Open Settings. 2. Choose Wi-Fi.", context)
    assert "frustrated" in r.context.customer
    assert "no_acknowledgment" in _warned(r)


# A factual one-line report of a fault or delay, with no feeling word, is calm (the emotion head heard "stopped
# syncing" and "broken" as annoyance; "hasn't arrived" alone is the service-failure cue and nothing more).
@pytest.mark.parametrize("context", [
    pytest.param("Customer: My order 88213 hasn't arrived, it was due on Monday.", id="b12_order_not_arrived"),
    pytest.param("Customer: my calendar stopped syncing", id="b13_calendar_stopped_syncing"),
    pytest.param("Customer: how do I get a refund for the broken kettle?", id="b23_broken_kettle"),
    pytest.param("Customer: my printer is broken, can you help?", id="printer_broken"),
    pytest.param("Customer: The parcel with order 5521 has not arrived yet.", id="parcel_not_arrived"),
])
def test_a_factual_fault_or_delay_report_is_calm(context: str) -> None:
    assert "frustrated" not in check("Let me check that for you.", context).context.customer


@pytest.mark.parametrize("context", [
    pytest.param("Customer: My order STILL hasn't arrived, this is ridiculous!", id="still_not_arrived_angry"),
    pytest.param("Customer: my calendar stopped syncing again, I'm so fed up with this", id="fed_up"),
    pytest.param("Customer: The kettle is broken and I'm really disappointed with your service.", id="disappointed"),
])
def test_a_fault_report_with_feeling_words_stays_frustrated(context: str) -> None:
    assert "frustrated" in check("Let me check that for you.", context).context.customer


# A bare ticket or assignment notice to a customer in a hurry is not the answer given at once.
URGENT_TERMINAL = ("Customer: Our whole shop's card terminal is down on a Saturday, we can't take payments, "
                   "please this is urgent!")


@pytest.mark.parametrize("draft", [
    pytest.param("Ticket #4521 created. An engineer will be assigned.", id="b24_ticket_created"),
    pytest.param("Case 88-1234 has been logged. A technician will contact you.", id="case_logged"),
    pytest.param("Reference INC0042 opened, someone will be in touch.", id="reference_opened"),
])
def test_a_ticket_notice_is_not_an_answer_to_a_hurry(draft: str) -> None:
    assert "no_acknowledgment" in _warned(check(draft, URGENT_TERMINAL))


@pytest.mark.parametrize("draft", [
    pytest.param("I'm sorry, that's the worst day for it. Ticket #4521 is created as urgent and an engineer will "
                 "call you within the hour.", id="apology_then_ticket"),
    pytest.param("Switch the terminal off at the wall for 30 seconds, then on: that clears the usual Saturday "
                 "outage.", id="answer_at_once"),
])
def test_an_acknowledged_or_immediate_answer_to_a_hurry_is_fine(draft: str) -> None:
    assert "no_acknowledgment" not in _warned(check(draft, URGENT_TERMINAL))


# Distress: someone's surgery, bills the customer cannot pay; and "regret any inconvenience" is a stock line.
@pytest.mark.parametrize("context", [
    pytest.param("Customer: Your insurance portal rejected my claim for my wife's surgery with no reason given. "
                 "We can't pay the hospital.", id="b40_wife_surgery_cant_pay"),
    pytest.param("Customer: My son's surgery was last week and the claim still shows pending.", id="son_surgery"),
    pytest.param("Customer: The refund hasn't come and I can't afford my medical bills this month.",
                 id="cant_afford_medical_bills"),
])
def test_surgery_and_unpayable_bills_read_as_distress(context: str) -> None:
    r = check("Dear customer, We value you as a customer and sincerely regret any inconvenience. Please allow 10 "
              "business days for a response.", context)
    assert "frustrated" in r.context.customer
    assert any(f.category == "scripted_empathy" and f.text == "sincerely regret any inconvenience"
               and f.severity != "info" for f in r.flags), [(f.category, f.severity, f.text) for f in r.flags]


@pytest.mark.parametrize("context", [
    pytest.param("Customer: I can't pay by card on your website, is there another way?", id="cant_pay_by_card"),
    pytest.param("Customer: Can I pay the hospital invoice through your portal?", id="pay_hospital_invoice"),
])
def test_a_payment_question_is_not_distress(context: str) -> None:
    assert "frustrated" not in check("Yes, use the bank transfer option.", context).context.customer
