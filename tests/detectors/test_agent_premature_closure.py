import pytest

from conftest import conv, detect, evidence_text

NAME = "agent.premature_closure"

FIX_AND_CLOSE = conv(
    ("c", "The printer won't print."),
    ("a", "I've reset the spooler, that should fix it, closing the ticket."),
)
SYSTEM_CLOSED = conv(
    ("c", "Can't reach the share drive."),
    ("a", "I've remapped the drive for you."),
    ("s", "Ticket closed"),
)
DECLARED_WHILE_BROKEN = conv(
    ("c", "Teams has no sound."),
    ("a", "Select your headset under Devices."),
    ("c", "still not working"),
    ("a", "Problem solved, glad that's sorted!"),
)
CONFIRMED_THEN_CLOSED = conv(
    ("c", "The printer won't print."),
    ("a", "I've reset the spooler. Could you try again?"),
    ("c", "works now, thanks!"),
    ("a", "Great, anything else?"),
    ("c", "no that's all"),
    ("a", "Perfect, I'll close the ticket now. Have a good day!"),
)
HEDGE_WITH_CHECK = conv(
    ("c", "Outlook is slow."),
    ("a", "I've cleared the cache, that should fix it. Let me know if it works!"),
)
CONDITIONAL = conv(
    ("c", "VPN drops."),
    ("a", "I've updated the profile. Once you confirm it works, I'll close the ticket."),
)
CLOSED_BY_CUSTOMER = conv(
    ("c", "Thanks, it works."),
    ("s", "Chat ended by customer"),
)


def test_fix_and_close_in_one_breath() -> None:
    found = detect(NAME, FIX_AND_CLOSE)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(FIX_AND_CLOSE, found[0]) == ["closing the ticket"]
    assert found[0].data["kind"] == "close_action"


def test_system_close_after_agent_fix_is_the_agents() -> None:
    found = detect(NAME, SYSTEM_CLOSED)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(SYSTEM_CLOSED, found[0]) == ["Ticket closed"]
    assert found[0].author == "sam"


def test_declared_fixed_while_customer_says_broken() -> None:
    found = detect(NAME, DECLARED_WHILE_BROKEN)
    assert [f.message_id for f in found] == ["m4"]
    assert evidence_text(DECLARED_WHILE_BROKEN, found[0]) == ["Problem solved"]
    assert found[0].data["customer_state"] == "broken" and found[0].score >= 0.7


def test_closing_after_confirmation_is_fine() -> None:
    assert detect(NAME, CONFIRMED_THEN_CLOSED) == []


def test_hedge_with_confirmation_check_is_fine() -> None:
    assert detect(NAME, HEDGE_WITH_CHECK) == []


def test_closure_waiting_on_the_customer_is_fine() -> None:
    assert detect(NAME, CONDITIONAL) == []


def test_closed_by_customer_is_fine() -> None:
    assert detect(NAME, CLOSED_BY_CUSTOMER) == []


# --- precision: the customer confirmed in their own words ---------------------------
def _closed_after(reply: str) -> object:
    return conv(
        ("c", "Outlook won't sync my calendar."),
        ("a", "I've re-added your mailbox. Could you check now?"),
        ("c", reply),
        ("a", "Great, I'll close the ticket now."),
    )


@pytest.mark.parametrize(
    "reply",
    [
        "Yep, it's syncing normally again, cheers",
        "Looks right now, thanks",
        "I can finally see the shared calendar!",
        "Got it working, you're a star",
        "That was the problem. Thank you!",
        "Everything's there. Brilliant.",
    ],
)
def test_closing_after_confirmation_in_other_words_is_fine(reply) -> None:
    assert detect(NAME, _closed_after(reply)) == []


@pytest.mark.parametrize(
    "reply",
    ["It was working fine until this morning", "I can see the error again", "I can not log in now"],
)
def test_past_negated_or_error_replies_are_no_confirmation(reply) -> None:
    found = detect(NAME, _closed_after(reply))
    assert [f.message_id for f in found] == ["m4"]


def test_system_resolution_after_confirmation_is_fine() -> None:
    c = conv(
        ("c", "the label printer jams"),
        ("a", "I've cleared the queue; could you try again?"),
        ("c", "It printed fine this time, thank you"),
        ("a", "Glad to hear it, closing the ticket."),
        ("s", "Ticket resolved by sam."),
    )
    assert detect(NAME, c) == []


@pytest.mark.parametrize(
    "closing",
    [
        "Shall I close this ticket?",
        "I'll close it once you confirm it works.",
        "If it happens again, just reply and the ticket reopens.",
    ],
)
def test_closings_that_wait_for_the_customer_are_fine(closing) -> None:
    c = conv(("c", "VPN drops at home"), ("a", "I've updated your VPN profile."), ("a", closing))
    assert detect(NAME, c) == []


# --- precision v2: not closures (patterns from hand-judged IRC chats) ---------------------
QUESTION_WITHOUT_MARK = conv(
    ("c", "The upgrade deleted my nvidia driver, so I reinstalled it by hand."),
    ("a", "nice find, and is it all sorted out>"),
)
FIX_AS_PROPOSAL = conv(
    ("c", "Evolution can't talk to our Exchange server at all."),
    ("a", "use a different mail server, problem solved"),
)
CUSTOMERS_OWN_RESULT = conv(
    ("c", "I found it myself, the upgrade had removed the driver."),
    ("a", "no prob, good thing you got your problem solved :) good night"),
)
HELPER_ON_OWN_MACHINE = conv(
    ("c", "I have no sound at all since the upgrade, tried everything."),
    ("a:fry", "what sound card do you have?"),
    ("a:guil", "i was here for the same thing"),
    ("a:guil", "it's working now"),
)
HELPER_WHO_FIXED_IT = conv(
    ("c", "I have no sound at all since the upgrade, tried everything."),
    ("a:fry", "what sound card do you have?"),
    ("a:guil", "run alsamixer and unmute the Master channel with m"),
    ("a:guil", "it's working now, all fixed"),
)


@pytest.mark.parametrize(
    "chat", [QUESTION_WITHOUT_MARK, FIX_AS_PROPOSAL, CUSTOMERS_OWN_RESULT, HELPER_ON_OWN_MACHINE],
    ids=["question_without_mark", "fix_as_proposal", "customers_own_result", "helper_on_own_machine"],
)
def test_declarations_that_do_not_close(chat) -> None:
    assert detect(NAME, chat) == []


def test_group_chat_declaration_after_own_instruction_counts() -> None:
    found = detect(NAME, HELPER_WHO_FIXED_IT)
    assert [f.message_id for f in found] == ["m4"]
    assert found[0].data["kind"] == "declare_fixed"


# v3 (QA pass 4b): a fix that has lasted, or just worked, is confirmed.
STAYED_CONNECTED = conv(
    ("c", "My VPN keeps dropping at home."),
    ("a", "I've changed the VPN profile; could you reconnect and watch it for a while?"),
    ("c", "Right, it has stayed connected for 20 minutes now."),
    ("a", "Great, glad it's stable. I'll close the ticket now, and feel free to reopen it if it drops again."),
)
IT_PRINTED = conv(
    ("c", "The printer says offline."),
    ("a", "Click Printers, then Reception, then Set as default."),
    ("c", "Oh I see it now, it printed!"),
    ("a", "Great. I'm closing the ticket."),
)
# Negative: it dropped again, or it only lasted until something happened.
DROPPED_AGAIN = conv(
    ("c", "My VPN keeps dropping at home."),
    ("a", "I've changed the VPN profile; could you reconnect?"),
    ("c", "It stayed connected for a bit but then dropped again."),
    ("a", "I'll close the ticket now."),
)


def test_lasting_or_just_worked_fix_is_confirmed() -> None:
    assert detect("agent.premature_closure", STAYED_CONNECTED) == []
    assert detect("agent.premature_closure", IT_PRINTED) == []


def test_closure_after_it_dropped_again_is_premature() -> None:
    assert [f.message_id for f in detect("agent.premature_closure", DROPPED_AGAIN)] == ["m4"]


# v4 (QA pass 5): the customer will try it later, whatever the rest of the message says.
TRY_LATER_BACK_IN_OFFICE = conv(
    ("a", "Try re-installing the printer driver."),
    ("c", "OK, I'll try this tomorrow when I'm back in the office."),
    ("a", "That should fix it. Closing this ticket now."),
)
HAVE_NOT_TRIED = conv(
    ("a", "Restart the dock, then plug the screen in again."),
    ("c", "Haven't had a chance to test it yet, I'm back at work on Monday."),
    ("a", "Great, I'll mark this as resolved."),
)
# Negative: "I'm back in" (logged in) still confirms.
BACK_IN_ACCOUNT = conv(
    ("a", "I've reset your password, could you log in?"),
    ("c", "yes, I'm back in, thanks"),
    ("a", "Great, closing the ticket."),
)


def test_try_later_is_not_a_confirmation() -> None:
    assert [f.message_id for f in detect(NAME, TRY_LATER_BACK_IN_OFFICE)] == ["m3"]
    assert [f.message_id for f in detect(NAME, HAVE_NOT_TRIED)] == ["m3"]
    assert detect(NAME, BACK_IN_ACCOUNT) == []


# v4: the agent completed what the customer asked for, or only checks in.
UNLOCK_DONE = conv(
    ("c", "Can you unlock my account? I got locked out after too many tries."),
    ("a", "Done, you're all set!"),
)
ACCESS_GRANTED = conv(
    ("c", "Could you please add me to the Finance shared mailbox?"),
    ("a", "I've added you to the mailbox, you're good to go."),
)
CHECK_IN = conv(
    ("a", "Hi Alex, just checking in on the Wi-Fi issue from Monday. Is it still dropping? "
          "No pressure either way, I just want to make sure you're sorted."),
)
# Positive: a fault the customer still has to try is not an action the agent completed.
FIX_ASKED_DONE = conv(
    ("c", "Can you fix my Outlook? It keeps freezing."),
    ("a", "Done, you're all set!"),
)


def test_completed_request_and_check_in_are_not_closures() -> None:
    assert detect(NAME, UNLOCK_DONE) == []
    assert detect(NAME, ACCESS_GRANTED) == []
    assert detect(NAME, CHECK_IN) == []
    assert [f.message_id for f in detect(NAME, FIX_ASKED_DONE)] == ["m2"]


# v5 (QA pass 6): the awaited thing happening now confirms the fix ("They're all coming in now").
COMING_IN_NOW = conv(
    ("c", "New emails stopped arriving this morning."),
    ("a", "I've re-synced your mailbox, could you check if new emails arrive now?"),
    ("c", "Yes!! They're all coming in now, thank you so much."),
    ("a", "Great to hear, thanks for confirming! I'll close the ticket now. Have a lovely afternoon."),
)
# Negative: still not coming in.
NOT_COMING_IN = conv(
    ("c", "New emails stopped arriving this morning."),
    ("a", "I've re-synced your mailbox, could you check if new emails arrive now?"),
    ("c", "They're still not coming in."),
    ("a", "Thanks! I'll close the ticket now."),
)


def test_qa6_arriving_now_confirms() -> None:
    assert detect("agent.premature_closure", COMING_IN_NOW) == []
    assert [f.message_id for f in detect("agent.premature_closure", NOT_COMING_IN)] == ["m4"]


# --- v6 (QA pass 8): agent lines without an author are no second helper ----------------------
def test_v6_authorless_context_agent_does_not_make_a_group_chat():
    # the coach's pasted context has no authors; the draft has one (QA8 b34)
    c = conv(("a:", "I've reset your MFA."), ("c", "ok but now I get 'invalid code' every time"),
             ("a:draft", "Problem solved then. Closing."))
    assert detect("agent.premature_closure", c)


def test_v6_authorless_context_after_confirmation_stays_quiet():
    c = conv(("a:", "I've reset your MFA."), ("c", "ok thanks, that worked"),
             ("a:draft", "Problem solved then. Closing."))
    assert detect("agent.premature_closure", c) == []


def test_v6_two_named_helpers_are_still_a_group_chat():
    c = conv(("a:bob", "try sudo apt update"), ("c", "ok but now it says locked"), ("a:eve", "problem solved then"))
    assert detect("agent.premature_closure", c) == []


# --- v7 (QA pass 12): a bare wrap-up question after an unanswered complaint ----------------------
LOST_LAPTOP = ("My laptop with my thesis died two days before the deadline and your repair shop lost it. "
               "I'm going to fail.")


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (LOST_LAPTOP, "I understand your frustration and appreciate your patience. Is there anything else I can help "
                      "you with today?"),
        ("The parcel never arrived and you still charged me for it.",
         "We apologize for any inconvenience. Can I help you with anything else?"),
        ("I was charged twice this month and nobody has fixed it.", "Thanks for reaching out! Will that be all?"),
    ],
)
def test_v7_wrap_up_question_after_an_open_complaint_is_found(customer, draft) -> None:
    c = conv(("c", customer), ("a", draft))
    found = detect("agent.premature_closure", c)
    assert [(f.message_id, f.data["kind"]) for f in found] == [("m2", "close_question")]


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        # an answer or a step before the wrap-up
        (LOST_LAPTOP, "I'm so sorry. I've escalated this to the store manager, who will call you by 3pm today. Is "
                      "there anything else I can help with?"),
        # the customer confirmed
        ("Thanks, that worked!", "Great! Is there anything else I can help you with today?"),
        # an open door, not a wrap-up
        ("Your courier left my parcel in the rain and everything inside is ruined.",
         "I'm sorry to hear that. Let us know if there's anything else we can do."),
        # no complaint: a plain question answered earlier in the chat
        ("Ok, got it.", "Is there anything else I can help you with?"),
    ],
)
def test_v7_wrap_up_after_an_answer_confirmation_or_no_complaint_stays_quiet(customer, draft) -> None:
    c = conv(("c", customer), ("a", draft))
    assert detect("agent.premature_closure", c) == []


# v8 (QA pass 13, closing.yaml v3): a bare "Ticket closed.", the issue declared resolved in the passive or by the
# records, nothing left to do on the agent's side.
@pytest.mark.parametrize(
    ("customer", "draft", "kind"),
    [
        pytest.param("Can I change the delivery address on my order?", "Not possible. Ticket closed.",
                     "close_action", id="b17_ticket_closed"),
        pytest.param("The printer on floor 3 is still jamming.", "Case resolved!", "close_action", id="case_resolved"),
        pytest.param("Your app still shows the wrong balance on my savings account, since Monday.",
                     "Kindly note that as per our records the issue has been resolved and no further action is "
                     "required from our side.", "declare_fixed", id="b35_as_per_our_records"),
        pytest.param("My VPN keeps dropping every ten minutes.", "Your problem is now fixed.", "declare_fixed",
                     id="problem_now_fixed"),
        pytest.param("The invoice still shows the old address.", "No further action is required on our side.",
                     "declare_fixed", id="no_further_action_our_side"),
    ],
)
def test_v8_terse_and_passive_closures_are_found(customer, draft, kind) -> None:
    found = detect("agent.premature_closure", conv(("c", customer), ("a", draft)))
    assert [f.data["kind"] for f in found] == [kind]


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        pytest.param("Thanks, it works now!", "Great, ticket closed. Have a lovely day.", id="after_confirmation"),
        pytest.param("Is this bug fixed yet?", "The issue is fixed in version 8.04, so upgrading will sort it.",
                     id="fixed_in_a_release"),
        pytest.param("Do I need to do anything else for the refund?", "No further action is required from you.",
                     id="no_action_from_you"),
        pytest.param("Was my old ticket closed?", "The ticket closed yesterday was about your monitor; this one is "
                                                  "still open.", id="ticket_closed_yesterday"),
        pytest.param("The screen flickers.", "Has the issue been resolved since the update?", id="question"),
        pytest.param("I'll check with my manager tomorrow.", "We need your answer by end of day, otherwise we will "
                     "assume the issue is resolved.", id="assume_resolved"),
        pytest.param("The screen flickers.", "Once the issue is fixed upstream we'll push the update.",
                     id="once_fixed"),
    ],
)
def test_v8_confirmed_release_or_customer_side_wording_stays_quiet(customer, draft) -> None:
    assert detect("agent.premature_closure", conv(("c", customer), ("a", draft))) == []


def test_v8_a_close_action_after_a_declaration_is_the_finding() -> None:
    c = conv(("a", "I've cleared the print queue."), ("c", "It's still not printing, same error."),
             ("a", "Your issue has been resolved. I'm closing the ticket."))
    found = detect("agent.premature_closure", c)
    assert [(f.data["kind"], f.data["customer_state"]) for f in found] == [("close_action", "broken")]
    assert evidence_text(c, found[0]) == ["I'm closing the ticket"]


# v10 (review): a declaration negated or made a condition in its own clause declares nothing
@pytest.mark.parametrize("reply", [
    "I don't think the issue is fixed yet, let me look at the logs.",
    "After the issue is fixed you will get an email.",
    "Assuming the problem is fixed, there is nothing more to do.",
    "I'm not sure the problem is resolved, so I'll keep watching it.",
])
def test_v10_negated_or_conditional_declaration_is_quiet(reply: str) -> None:
    c = conv(("c", "My VPN keeps dropping."), ("a", "Please update the client to 5.2."), ("c", "ok I updated it"),
             ("a", reply))
    assert detect("agent.premature_closure", c) == []


def test_v10_a_plain_declaration_still_counts() -> None:
    c = conv(("c", "My VPN keeps dropping."), ("a", "Please update the client to 5.2."), ("c", "ok I updated it"),
             ("a", "Great, so the issue is resolved. Have a nice day."))
    assert [f.message_id for f in detect("agent.premature_closure", c)] == ["m4"]


# v12 (QA pass 17, closing.yaml v4): a farewell or a bare "Anything else?" in a reply holding nothing but stock
# sympathy, after a complaint nobody answered, ends the exchange; after an answer, a confirmation or a plain question
# it does not.
STRANDED = ("c", "I've missed my connecting flight because your first flight was delayed 3 hours and nobody at the "
                 "gate is helping. I'm stuck in Frankfurt with two kids.")
NOT_REFUNDED = ("c", "I've explained three times now that the charge is wrong and still nobody has refunded me.")


@pytest.mark.parametrize(
    "conversation",
    [
        pytest.param(conv(STRANDED, ("a", "We're sorry for the inconvenience. Have a great day!")), id="qa17_b36"),
        pytest.param(conv(STRANDED, ("a", "Thanks for reaching out. Enjoy the rest of your day.")),
                     id="enjoy_your_day"),
        pytest.param(conv(NOT_REFUNDED, ("a", "Ok. Anything else?")), id="qa17_b17_bare_anything_else"),
        pytest.param(conv(NOT_REFUNDED, ("a", "We apologise for any inconvenience. Have a nice weekend!")),
                     id="nice_weekend"),
    ],
)
def test_v12_farewell_in_a_hollow_reply_to_a_complaint_is_found(conversation) -> None:
    assert [f.message_id for f in detect("agent.premature_closure", conversation)] == ["m2"]


@pytest.mark.parametrize(
    "conversation",
    [
        pytest.param(conv(STRANDED, ("a", "I've rebooked you on the 18:05 and sent a hotel voucher. Have a great "
                                          "day!")), id="after_an_answer"),
        pytest.param(conv(("c", "great, that works now, thank you"), ("a", "Thanks! Have a great day!")),
                     id="after_confirmation"),
        pytest.param(conv(("c", "how do I change my password?"), ("a", "Happy to help. Have a great day!")),
                     id="no_complaint"),
        pytest.param(conv(NOT_REFUNDED, ("a", "I've refunded the charge now. Anything else?")), id="refund_done"),
        pytest.param(conv(STRANDED, ("a", "Did you have a good day before this happened?")), id="not_a_farewell"),
    ],
)
def test_v12_farewell_after_an_answer_or_no_complaint_stays_quiet(conversation) -> None:
    assert detect("agent.premature_closure", conversation) == []
