import pytest

from patiently.lexicon import load_lexicon

from conftest import conv, detect, evidence_text

NOT_OUR_PROBLEM = conv(
    ("c", "The printer on floor 3 jams every morning."),
    ("a", "That's not our problem, talk to facilities."),
)
WORKS_FOR_ME = conv(
    ("c", "Outlook crashes when I open the shared calendar."),
    ("a", "Works on my end."),
)
GOOGLE_IT = conv(
    ("c", "How do I add a signature in Outlook?"),
    ("a", "Just google it."),
)
SHRUG = conv(
    ("c", "The VPN drops every ten minutes and I lose my work."),
    ("a", "There's nothing I can do, it is what it is."),
)
MINIMISING = conv(
    ("c", "I can't print my boarding pass and I'm flying tonight!"),
    ("a", "It's only a printer."),
)
NOT_MY_DEPARTMENT_BARE = conv(
    ("c", "My desk phone has no dial tone."),
    ("a", "Not my department."),
)
# --- must stay quiet ----------------------------------------------------------------
HANDOVER = conv(
    ("c", "My desk phone has no dial tone."),
    ("a", "That's not my department, but the telephony team can help: I've passed your ticket to them."),
)
HELPFUL_ALTERNATIVE = conv(
    ("c", "The VPN drops every ten minutes."),
    ("a", "There's nothing I can do about the outage itself, but I can set up a hotspot for you in the meantime."),
)
RESTART_WITH_FOLLOW_UP = conv(
    ("c", "Teams is frozen."),
    ("a", "Let's just restart it and let me know what you see afterwards."),
)
PATIENT_REPLY = conv(
    ("c", "Outlook crashes when I open the shared calendar."),
    ("a", "I'm sorry, that's disruptive. I can see the issue on my end too; let me check the calendar permissions."),
)


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (NOT_OUR_PROBLEM, ["That's not our problem"]),
        (WORKS_FOR_ME, ["Works on my end"]),
        (GOOGLE_IT, ["Just google it"]),
        (SHRUG, ["nothing I can do", "it is what it is"]),
        (MINIMISING, ["It's only a printer"]),
        (NOT_MY_DEPARTMENT_BARE, ["Not my department"]),
    ],
)
def test_brush_offs_are_found(conversation, evidence) -> None:
    found = detect("agent.dismissive", conversation)
    assert [f.label for f in found] == ["agent.dismissive"]
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(conversation, found[0]) == evidence
    assert found[0].data["suggestion"]
    assert evidence[0] in found[0].explanation


def test_two_brush_offs_score_higher_than_one() -> None:
    assert detect("agent.dismissive", SHRUG)[0].score > 0.65


@pytest.mark.parametrize("conversation", [HANDOVER, HELPFUL_ALTERNATIVE, RESTART_WITH_FOLLOW_UP, PATIENT_REPLY])
def test_alternatives_and_patient_replies_stay_quiet(conversation) -> None:
    assert detect("agent.dismissive", conversation) == []


def test_customer_messages_are_not_judged() -> None:
    c = conv(("c", "Not my problem, it works for me now."), ("a", "Great, glad it works!"))
    assert detect("agent.dismissive", c) == []


@pytest.mark.parametrize("name", ["dismissive", "tone_alternatives", "blame", "condescending",
                                  "negative_phrasing", "unprofessional", "non_technical"])
def test_every_category_has_a_suggestion_for_the_coach(name: str) -> None:
    lex = load_lexicon(name)
    assert lex.description
    for cat in lex.categories:
        assert str(cat.meta.get("suggestion", "")).strip(), f"{name}.{cat.name} has no suggestion"


# --- turned away on scope instead of engaging with what was asked --------------------------
PERSONAL_DEVICE_BRUSH_OFF = conv(
    ("c", "Heads up: I got a WhatsApp message pretending to be the CEO asking for gift cards."),
    ("a", "We do not support private phones, therefore we cannot investigate that."),
)
ONLY_COMPANY_DEVICES = conv(
    ("c", "My home printer won't connect to the work laptop over Wi-Fi."),
    ("a", "We only support company printers."),
)
HOME_ROUTERS_UNSUPPORTED = conv(
    ("c", "Teams calls drop at home every evening."),
    ("a", "Home routers are out of scope for us."),
)
# near misses: a scope rule followed by what can be done, and a product "not supported"
SCOPE_WITH_ALTERNATIVE = conv(
    ("c", "I got a phishing text on my own phone pretending to be payroll."),
    ("a", "We don't support personal phones, but I can pass the sender to our security team so they warn everyone."),
)
PRODUCT_NOT_SUPPORTED = conv(
    ("c", "Can I install the VPN on Windows 7?"),
    ("a", "Windows 7 is too old for the new client; use the web portal at vpn.example.com instead."),
)
CONSEQUENCE_WITH_PLAN = conv(
    ("c", "Is the file server back?"),
    ("a", "It's rebooting, so we can't look into the share yet; I'll update you in 10 minutes."),
)


def test_scope_brush_offs_are_found() -> None:
    for c, ev in ((PERSONAL_DEVICE_BRUSH_OFF, ["We do not support private", "therefore we cannot investigate"]),
                  (ONLY_COMPANY_DEVICES, ["We only support company"]),
                  (HOME_ROUTERS_UNSUPPORTED, ["Home routers are out of scope", "out of scope"])):
        found = detect("agent.dismissive", c)
        assert [f.message_id for f in found] == ["m2"]
        assert evidence_text(c, found[0]) == ev
        assert "out_of_scope" in found[0].data["categories"]


def test_scope_rule_with_a_next_step_stays_quiet() -> None:
    for c in (SCOPE_WITH_ALTERNATIVE, PRODUCT_NOT_SUPPORTED, CONSEQUENCE_WITH_PLAN):
        assert detect("agent.dismissive", c) == [], c.messages[-1].text


# --- false-positive classes from hand-judged IRC/Twitter findings ----------------------------
def _agent(text: str):
    return conv(("c", "It still doesn't work."), ("a", text))


REAL_DATA_NEAR_MISSES = {
    "works_for_me_with_diagnosis": "Your ISP must be filtering ICMP, works for me.",
    "works_for_me_with_config": "Firefox works fine for me with Adobe Flash and noscript.",
    "works_for_me_with_what_was_tried": "And lsattr on that directory works fine here :/",
    "works_for_me_in_a_question": "Works for me, is yours on the latest version?",
    "quick_fix_with_steps": "Just reboot, go to recovery mode and use 'Try to fix broken packages'.",
    "quick_fix_as_question": "Just reinstall it via synaptic?",
    "wait_with_time_frame": "You'll just have to wait a few minutes.",
    "own_question": "Should I just google it?",
    "quoted_phrase": 'Please don\'t tell people to "google it" when they ask a question.',
    "says_where_to_look": "Just search for it in synaptic.",
    "answer_follows": "I don't know what to tell you other than to check the logs.",
    "too_bad_about_someone_else": "Too bad he quit before I could answer.",
    "idiom_not_too_bad": "kde4 doesn't suck too bad either.",
    "only_a_guess": "A reboot may work, but this is just a guess.",
    "only_part_of_output": "That's only the fdisk bit, I need the mount output too.",
    "normal_with_condition": "That is normal if you don't specify any servers.",
    "honest_limit": "Not my area of knowledge, sorry.",
}


@pytest.mark.parametrize("text", REAL_DATA_NEAR_MISSES.values(), ids=REAL_DATA_NEAR_MISSES.keys())
def test_real_data_false_positives_stay_quiet(text: str) -> None:
    assert detect("agent.dismissive", _agent(text)) == []


@pytest.mark.parametrize(("text", "evidence"), [
    ("works fine here", ["works fine here"]),
    ("Works on my end. Did you plug it in?", ["Works on my end"]),
    ("tobias_: it works for me though", ["works for me"]),
    ("elementary-site1: Just wait", ["Just wait"]),
    ("oh well", ["oh well"]),
    ("did you bother to google it?", ["google it"]),
])
def test_real_data_brush_offs_are_still_found(text: str, evidence: list[str]) -> None:
    c = _agent(text)
    found = detect("agent.dismissive", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


# v3 (QA pass 4b)
WORKS_FINE_MY_END = conv(("c", "The shared drive is still not loading for me."), ("a", "Works fine on my end."))
FINE_FOR_EVERYONE = conv(
    ("c", "The shared drive is still not loading for me."), ("a", "It works fine for everyone else."))
STOP_ASKING = conv(("c", "Are my emails safe? Are you sure?"), ("a", "Stop asking."))
# Negative: a data point with a next step, and IRC's "stop asking to ask".
WORKS_ON_MY_END_WITH_CHECK = conv(("c", "The shared drive is not loading."),
                                  ("a", "It works fine on my end with the same account, so let's check your VPN."))
ASK_TO_ASK = conv(("c", "can anyone help me with grub?"), ("a", "stop asking to ask, just ask your question"))


@pytest.mark.parametrize("c, words", [
    (WORKS_FINE_MY_END, "Works fine on my end"), (FINE_FOR_EVERYONE, "works fine for everyone else"),
    (STOP_ASKING, "Stop asking"),
], ids=["works_fine_my_end", "fine_for_everyone", "stop_asking"])
def test_new_brush_offs(c, words: str) -> None:
    found = detect("agent.dismissive", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == [words]


def test_works_on_my_end_with_a_next_step_and_ask_to_ask_are_fine() -> None:
    assert detect("agent.dismissive", WORKS_ON_MY_END_WITH_CHECK) == []
    assert detect("agent.dismissive", ASK_TO_ASK) == []


# v4 (QA pass 5): "read it first" whatever "it" is, and "this is covered in the FAQ".
READ_IT_FIRST = conv(("c", "How do I add a second monitor?"),
                     ("a", "This is covered in the FAQ. Please read it before contacting support."))
CHECK_GUIDE_FIRST = conv(("c", "How do I map a drive?"), ("a", "Check the guide first before you message us."))
# Negative: advice on an order of steps, or the agent's own reading.
READ_BEFORE_UPGRADING = conv(("c", "Should I upgrade?"),
                             ("a", "Read the release notes before upgrading, they list the changes."))
I_READ_IT = conv(("c", "Did you check my log?"), ("a", "Yes, I read it before contacting the vendor."))


def test_read_it_before_contacting_is_dismissive() -> None:
    assert [f.message_id for f in detect("agent.dismissive", READ_IT_FIRST)] == ["m2"]
    assert [f.message_id for f in detect("agent.dismissive", CHECK_GUIDE_FIRST)] == ["m2"]
    assert detect("agent.dismissive", READ_BEFORE_UPGRADING) == []
    assert detect("agent.dismissive", I_READ_IT) == []


# v5 (QA pass 6): a bare "Read the guide." sentence, "what do you expect me to do about it",
# "stop sending me messages" and "I'll get to it when I get to it".
READ_THE_GUIDE = conv(("c", "sorry, can you explain the MFA thing one more time?"),
                      ("a", "I don't have time for questions. Read the guide."))
EXPECT_ME_TO_DO = conv(("c", "Zoom keeps freezing during my client calls, it's embarrassing"),
                       ("a", "Not sure what you expect me to do about it. Zoom freezes sometimes."))
STOP_SENDING = conv(("c", "any update on my laptop repair? It's been a week."), ("c", "Hello? Anyone?"),
                    ("a", "Stop sending me messages."))
WHEN_I_GET_TO_IT = conv(("c", "any update on my laptop repair?"), ("a", "I'll get to it when I get to it."))
# Negative: the guide with a pointer to the part that answers, and the agent's own plan.
READ_THE_GUIDE_SECTION = conv(("c", "how do I set up MFA?"),
                              ("a", "Read the guide at https://it.example.com/mfa, section 2 covers the app."))
WHAT_SHOULD_I_DO = conv(("c", "The printer is jammed."), ("a", "Tell me what you want me to do first: fix or replace?"))
STOP_SYNCING = conv(("c", "OneDrive eats my battery."), ("a", "You can stop syncing the shared library to save power."))


@pytest.mark.parametrize("c, words", [
    (READ_THE_GUIDE, "Read the guide."), (EXPECT_ME_TO_DO, "what you expect me to do about it"),
    (STOP_SENDING, "Stop sending me"), (WHEN_I_GET_TO_IT, "I'll get to it when I get to it"),
], ids=["read_the_guide", "expect_me_to_do", "stop_sending", "when_i_get_to_it"])
def test_qa6_brush_offs(c, words: str) -> None:
    found = detect("agent.dismissive", c)
    assert [f.message_id for f in found] == [c.messages[-1].id]
    assert words in evidence_text(c, found[0])


def test_qa6_guide_with_a_pointer_and_neutral_stop_are_fine() -> None:
    assert detect("agent.dismissive", READ_THE_GUIDE_SECTION) == []
    assert detect("agent.dismissive", WHAT_SHOULD_I_DO) == []
    assert detect("agent.dismissive", STOP_SYNCING) == []


# --- v6 (QA pass 7) -------------------------------------------------------------------------
LEFT_TO_FIGURE_OUT = conv(("c", "I still can't connect to the VPN and I have a deadline in an hour"),
                          ("a", "I'm sure you'll figure it out. Let me know if there's anything else."))
FIGURED_IT_OUT_TOGETHER = conv(("c", "how do I map the drive?"),
                               ("a", "Let's figure it out together: open File Explorer first."))


def test_v6_confident_brush_off_is_dismissive():
    found = detect("agent.dismissive", LEFT_TO_FIGURE_OUT)
    assert found and "you'll figure it out" in evidence_text(LEFT_TO_FIGURE_OUT, found[0])[0]


def test_v6_figuring_it_out_together_is_not_dismissive():
    assert detect("agent.dismissive", FIGURED_IT_OUT_TOGETHER) == []


# --- v7 (QA pass 8) -------------------------------------------------------------------------
@pytest.mark.parametrize("reply", [
    "That's not my department. Contact the billing team.",  # QA8 b14: names a team, hands nothing over
    "Not my job. Speak to the IT team.",
    "You'll need to open a new ticket for that, this one is about email. Bye.",  # QA8 b35
    "Please raise a separate case for the calendar.",
    "We understand your frustration. Please refer to the FAQ.",  # QA8 b10
    "See our website.",
    "I'm sorry you feel that way. Anyway, the return window closed yesterday.",  # QA8 b21
    "Sorry you're upset, regardless the policy is 30 days.",
])
def test_v7_referral_and_non_apology_brush_offs(reply):
    assert detect("agent.dismissive", conv(("c", "I was charged for a phone I returned, please help."), ("a", reply)))


@pytest.mark.parametrize("reply", [
    "That's not my department, but I've passed your case to billing and they'll email you today.",
    "That's not my department, but the billing team can help: billing@example.com.",
    "Not my area, but here's how to reach them: [contact].",
    "I've opened a new ticket for the calendar so the right team picks it up today.",
    "Our FAQ has screenshots for each step: [link]. I'm happy to go through them with you too.",
    "Please refer to the FAQ at https://example.com/faq#billing.",
    "I'm sorry you feel that way, and I understand why. Let me see what I can do.",
])
def test_v7_handovers_and_pointed_links_are_not_brush_offs(reply):
    c = conv(("c", "I was charged for a phone I returned, please help."), ("a", reply))
    assert detect("agent.dismissive", c) == []


def test_v7_an_ip_address_is_no_contact():
    found = load_lexicon("tone_alternatives").find("try 192.168.1.1 in the browser", ("contact",))
    assert not found


@pytest.mark.parametrize("text, quote", [
    ("lol that's not how refunds work", "that's not how refunds work"),
    ("Sorry, no. Next question?", "Next question?"),
])
def test_v8_curt_refusal(text: str, quote: str) -> None:
    # QA pass 10 (b08, b24): a refusal or correction with nothing else said
    c = conv(("c", "Can I get my refund in cash at the store?"), ("a", text))
    found = detect("agent.dismissive", c)
    assert [evidence_text(c, f) for f in found] == [[quote]]
    assert found[0].data["categories"] == ["curt_refusal"]


@pytest.mark.parametrize("text", [
    "That's not how it works. Boot a live session, install smartmontools and run smartctl on the disk.",
    "Unfortunately that's not how refunds work here: they go back to the original card, and I can start that now.",
    "Thanks! Next question: which browser are you using?",
    "That's how it works, I'm afraid.",
])
def test_v8_curt_refusal_with_more_said_is_quiet(text: str) -> None:
    assert detect("agent.dismissive", conv(("c", "Can I get my refund in cash at the store?"), ("a", text))) == []


# --- v9 (QA pass 11) ----------------------------------------------------------------------

@pytest.mark.parametrize("text, quote, category", [
    # b01: a scope refusal with a bare referral and nothing handed over
    ("That's not something we support. Contact the manufacturer.", "That's not something we support",
     "scope_refusal"),
    ("This isn't something we can help with, sorry.", "This isn't something we can help with", "scope_refusal"),
    # b21: the polite brush-off on scope
    ("Thank you so much for reaching out! Unfortunately that is outside the scope of what we can help with.",
     "outside the scope of what we can", "scope_refusal"),
    ("I'm afraid that is beyond the scope of our support.", "beyond the scope of our support", "scope_refusal"),
    # b16: "not sure what to tell you" in any wording
    ("Not sure what to tell you.", "Not sure what to tell you", "brush_off"),
    ("No idea what else to tell you.", "No idea what else to tell you", "brush_off"),
    # b34: a shrug at the product
    ("I'm afraid that's just how the software works.", "that's just how the software works", "just_how_it_works"),
    ("It's simply the way the system is designed.", "It's simply the way the system is designed",
     "just_how_it_works"),
    # b33, b17: told not to come back
    ("We cannot resend it until tomorrow. Don't contact us before then.", "Don't contact us before then",
     "shut_down"),
    ("Do not email us again until the 24 hours are up.", "Do not email us again", "shut_down"),
    ("Stop spamming the helpdesk.", "Stop spamming the helpdesk", "shut_down"),
])
def test_v9_scope_refusals_shrugs_and_shut_downs(text: str, quote: str, category: str) -> None:
    c = conv(("c", "My printer still isn't working after the update."), ("a", text))
    found = detect("agent.dismissive", c)
    assert found, text
    assert quote in evidence_text(c, found[0])
    assert category in found[0].data["categories"]


def test_v9_b21_best_of_luck_resolving_it_is_leaving_it_to_them() -> None:
    c = conv(("c", "The app crashes every time I upload a photo."),
             ("a", "Unfortunately that is outside the scope of what we can help with. We wish you the best of "
                   "luck resolving it!"))
    found = detect("agent.dismissive", c)
    assert found and "best of luck resolving" in evidence_text(c, found[0])


@pytest.mark.parametrize("text", [
    "That's not something we support, but I've asked the manufacturer's support to call you today — their "
    "case number is 4471.",
    "That isn't something we handle, so I've passed it to the network team and they'll call you by 3pm.",
    "That's outside the scope of our support, however here's what I can do: I'll reset it for you now.",
    "Please don't contact the bank about this charge; we'll refund it today.",
    "Don't hesitate to contact us again if it comes back.",
    "That's just how the software works: exports are split into pages of 500 rows, so open page 2 for the rest.",
    "I'm not sure what to tell you other than to try the web version while I check the logs.",
    "Good luck with the presentation tomorrow!",
    "Stop sending the form for now; I'll email you a corrected one today.",
])
def test_v9_lookalikes_stay_quiet(text: str) -> None:
    c = conv(("c", "My printer still isn't working after the update."), ("a", text))
    assert detect("agent.dismissive", c) == [], text


# --- v10 (QA pass 12) ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("draft", "evidence"),
    [
        ("lol dude that's a you problem, your phone is ancient", ["a you problem"]),
        ("Don't call us about this again, we don't handle billing disputes on this line, you shouldn't have called "
         "here.", ["Don't call us about this again", "you shouldn't have called here"]),
        ("Do not email us regarding this matter again.", ["Do not email us regarding this matter again"]),
        ("You'll have to figure it out with the manufacturer.", ["You'll have to figure it out"]),
        ("Everything is explained in the manual.", ["Everything is explained in the manual."]),
    ],
)
def test_v10_you_problem_dont_call_again_and_manual_pointer(draft, evidence) -> None:
    c = conv(("c", "I want to dispute a charge on my bill."), ("a", draft))
    found = detect("agent.dismissive", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "draft",
    [
        "Please don't call the bank about this; I've already refunded it.",
        "You shouldn't have to call us again: the refund is on its way.",
        "You should have received an email from us yesterday.",
        "It's in the manual on page 12, and I'll walk you through it here too.",
        "Is it a user problem or a server problem? Let me check the logs.",
    ],
)
def test_v10_lookalikes_stay_quiet(draft) -> None:
    c = conv(("c", "I want to dispute a charge on my bill."), ("a", draft))
    assert detect("agent.dismissive", c) == []


# v11 (QA pass 13, lexicon v10): "Nobody else has this issue" in any wording; "the steps are in the help centre"
# ending its sentence.
@pytest.mark.parametrize(
    ("draft", "evidence"),
    [
        pytest.param("Honestly, I don't know why you're having so much trouble with this. Nobody else has this issue.",
                     ["Nobody else has this issue"], id="b18_nobody_else"),
        pytest.param("No one else is having that problem.", ["No one else is having that problem"],
                     id="no_one_else_having"),
        pytest.param("None of our other customers have reported this issue.",
                     ["None of our other customers have reported this issue"], id="none_of_our_other_customers"),
        pytest.param("Thank you so much for reaching out! As mentioned in our previous email, the steps are in the "
                     "help centre. Have a wonderful day!", ["the steps are in the help centre"], id="b24_help_centre"),
        pytest.param("The instructions are all on our website.", ["The instructions are all on our website"],
                     id="instructions_on_website"),
    ],
)
def test_v11_nobody_else_and_a_pointer_instead_of_the_steps(draft, evidence) -> None:
    c = conv(("c", "I followed the help centre and it didn't work. Can someone actually help me?"), ("a", draft))
    found = detect("agent.dismissive", c)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(c, found[0]) == evidence


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("Nobody else has reported this issue yet, so I'd like to look at your account settings with "
                     "you.", id="nobody_else_then_engages"),
        pytest.param("The steps are in the help centre under Billing > Refunds; I'll go through them with you here "
                     "too.", id="says_where_and_offers"),
        pytest.param("The steps are in the help centre article I've linked: https://example.com/reset.",
                     id="linked_article"),
        pytest.param("Has anyone else had this issue on your team?", id="question"),
    ],
)
def test_v11_lookalikes_stay_quiet(draft) -> None:
    c = conv(("c", "I followed the help centre and it didn't work. Can someone actually help me?"), ("a", draft))
    assert detect("agent.dismissive", c) == []


# v15 (QA pass 17, b38, lexicon v14): told to stop sending messages (what is sent, not only to whom), and told they will
# be seen whenever it suits, with no time; the customer's own system, a route, a time or "as soon as" stay quiet.
@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("Please stop sending multiple messages, it slows everything down.", id="qa17_b38_multiple"),
        pytest.param("Stop opening duplicate tickets, it slows us down.", id="duplicate_tickets"),
        pytest.param("Kindly stop sending the same email every hour.", id="the_same_email"),
        pytest.param("Someone will get to you when they can.", id="qa17_b38_when_they_can"),
        pytest.param("We'll get round to it eventually.", id="eventually"),
        pytest.param("An engineer will get to your ticket whenever they have time.", id="whenever_they_have_time"),
    ],
)
def test_v15_stop_sending_and_when_they_can_are_found(draft) -> None:
    c = conv(("c", "hello?"), ("c", "I really need help with my account, it's locked"), ("a", draft))
    assert [f.message_id for f in detect("agent.dismissive", c)] == ["m3"]


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("To stop sending duplicate emails to your customers, turn off the auto-reply in Settings.",
                     id="their_own_system"),
        pytest.param("Please stop sending duplicate requests to the old address; the portal is faster.",
                     id="a_route"),
        pytest.param("Someone will get to you within the hour.", id="a_time"),
        pytest.param("We'll get to it as soon as we can; I've marked it urgent.", id="as_soon_as_we_can"),
        pytest.param("Thanks for the reminder! I've merged your messages into one ticket so nothing gets lost.",
                     id="merged_messages"),
    ],
)
def test_v15_look_alikes_stay_quiet(draft) -> None:
    c = conv(("c", "hello?"), ("c", "I really need help with my account, it's locked"), ("a", draft))
    assert detect("agent.dismissive", c) == []


# v16 (QA pass 18, b01): the problem called normal and the worry waved away together, with nothing else said.
LOUD_FAN = "My laptop fan is really loud since yesterday's update, it sounds like a jet engine and I can't concentrate."


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("That's normal, laptops get loud. Nothing to worry about.", id="b01"),
        pytest.param("Totally normal, don't worry about it.", id="totally_normal_dont_worry"),
        pytest.param("Nothing to worry about, it's perfectly normal.", id="worry_first"),
        pytest.param("That happens all the time with these, no need to worry.", id="happens_all_the_time"),
        pytest.param("It's expected. Do not worry about it.", id="expected_do_not_worry"),
    ],
)
def test_v16_b01_normal_and_nothing_to_worry_about(draft) -> None:
    found = detect("agent.dismissive", conv(("c", LOUD_FAN), ("a", draft)))
    assert [f.message_id for f in found] == ["m2"]
    assert found[0].score >= 0.5


@pytest.mark.parametrize(
    "draft",
    [
        pytest.param("That's normal for the first day after an update: it's re-indexing your files, so the fan works "
                     "harder. Nothing to worry about, and if it's still loud tomorrow, tell me and I'll book a check.",
                     id="explains_and_offers"),
        pytest.param("That's normal after an update because it re-indexes; nothing to worry about.", id="because"),
        pytest.param("It's normal to feel nervous, don't worry, we'll go through it together.", id="the_feeling"),
        pytest.param("Nothing to worry about: that warning is normal after the update and it'll go away within a "
                     "day.", id="reason_and_time"),
        pytest.param("Don't worry, I've checked your sign-ins and they're all yours.", id="reassurance_with_fact"),
    ],
)
def test_v16_normal_with_a_reason_or_offer_stays_quiet(draft) -> None:
    assert detect("agent.dismissive", conv(("c", LOUD_FAN), ("a", draft))) == []


# v16 (QA pass 18, g20): "stop asking" said of a program checks the fix; said to the customer it shuts them down.
@pytest.mark.parametrize(
    "draft, flagged",
    [
        pytest.param("Please close Outlook completely, open it again and sign in once. Does it stop asking after "
                     "that?", False, id="g20"),
        pytest.param("Outlook should then stop asking for your password.", False, id="outlook_should"),
        pytest.param("After the update the sign-in prompt will stop asking every few minutes.", False,
                     id="the_prompt_will"),
        pytest.param("It'll stop asking once the new profile syncs.", False, id="itll"),
        pytest.param("Please stop asking me the same thing.", True, id="please_stop_asking"),
        pytest.param("Can you stop asking me for updates every hour?", True, id="can_you_stop"),
        pytest.param("It won't change, so stop asking.", True, id="so_stop_asking"),
    ],
)
def test_v16_g20_a_program_that_stops_asking(draft, flagged) -> None:
    c = conv(("c", "Outlook keeps asking for my password every few minutes."), ("a", draft))
    assert bool(detect("agent.dismissive", c)) is flagged


# --- v17 (QA pass 19, b38): the system declared unable to err, with no check ---------------------------------------
@pytest.mark.parametrize(
    "draft, flagged",
    [
        pytest.param("Because you paid late. The system doesn't make mistakes. The fee stays.", True, id="b38"),
        pytest.param("Our records are never wrong. The charge stands.", True, id="records_never_wrong"),
        pytest.param("We don't make mistakes with late fees.", True, id="we_dont_make_mistakes"),
        pytest.param("The billing system can't get it wrong, sorry.", True, id="cant_get_it_wrong"),
        pytest.param("The system flagged a late payment on 3 March. If you think that's wrong, send me your bank "
                     "statement and I'll dispute it for you.", False, id="flagged_neutrally_with_a_dispute"),
        pytest.param("The system rarely makes mistakes, but I'll check the payment date for you now.", False,
                     id="rarely_with_a_check"),
        pytest.param("The system doesn't make mistakes often, but I'll check the payment date for you now.", False,
                     id="softened_by_an_offer"),
        pytest.param("The system doesn't make a backup on its own, so please turn on OneDrive sync.", False,
                     id="a_fact_not_a_verdict"),
    ],
)
def test_v17_qa19_infallible(draft, flagged) -> None:
    c = conv(("c", "Why was I charged a £12 late fee? I always pay on time!"), ("a", draft))
    found = [f for f in detect("agent.dismissive", c) if "infallible" in f.data["categories"]]
    assert bool(found) is flagged
