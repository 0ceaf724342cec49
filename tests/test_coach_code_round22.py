"""Fix round 22: the code-bound leftovers of QA passes 21 and 22, through ``check()`` (and agent.premature_closure's
``customer_state`` for the negation guard). Each case, made-up variants that must get a warning or a problem in the
expected category, and near-misses that must stay quiet:

1. agent.premature_closure v15 (closing.yaml v6): "Glad I could help, have a good one!" in a hollow reply to an open
   complaint (QA22 b39); the prefilter ``_CHEAP`` had none of its words.
2. agent.premature_closure v15: a ``works`` pattern that carries its own negation ("hasn't dropped since") confirms
   with a straight apostrophe too.
3. agent.pressure v15: "Don't let your wife talk you out of it." said alone reaches the lexicon (prefilter).
4. agent.condescending v21 (condescending.yaml v21, ``basics_first``): the basics explained first to a customer who
   showed they are technical (QA22 b29, QA21 b27); quiet to a customer who said they are not, or showed nothing.
"""

from __future__ import annotations

import pytest

from patiently.detectors.agent_premature_closure import customer_state
from test_coach_misses import _serious

REFUND = "Customer: The refund you promised hasn't arrived and the app still shows the wrong balance."
ORDER = "Customer: My order still hasn't arrived and it was due last week."
CRASH = "Customer: The app keeps crashing when I open my statements, this is ridiculous."
PRINTER = "Customer: The printer is still offline after the update."
FIXED = "Customer: Thanks, that fixed it, it prints now!"
WIFE = "Customer: I'd like to check with my wife before upgrading."
PARTNER = "Customer: I need to talk to my business partner first."
BOSS = "Customer: Let me ask my boss about the plan first."
HUSBAND = "Customer: I'll run it by my husband tonight."
SENIOR = "Customer: I'm a senior developer and the API returns 401 even with a valid bearer token."
DNS = ("Customer: I've checked the DNS records, SPF and DKIM both pass, but Gmail still marks our newsletters as "
       "spam.")
NETENG = "Customer: I'm a network engineer and our office VPN drops every 20 minutes."
BACKEND = "Customer: I'm a backend developer, our webhook calls get 403 since this morning."
NOT_TECH = "Customer: I'm not very good with computers and my emails stopped arriving."
AGED = "Customer: I'm 78 and my grandson usually does the computer. The internet stopped working."
BOUNCE = "Customer: My emails to Gmail addresses keep bouncing."
LOST_DEV = ("Customer: I'm a developer but honestly I'm totally lost with your dashboard, I don't understand where "
            "anything is.")

# (draft, context, category) that must get a warning or a problem in that category
FLAGGED = {
    # 1. a sign-off while the customer's problem is still open
    "b39": ("Refunds can take a while. Glad I could help, have a good one!", REFUND, "premature_closure"),
    "sorry_have_a_good_one": ("Sorry about that. Have a good one!", ORDER, "premature_closure"),
    "thanks_glad_we_could_help": ("Thanks for your patience. Glad we could help!", CRASH, "premature_closure"),
    "noted_happy_i_was_able": ("I've noted that on your account. Happy I was able to help, have a great one!",
                               "Customer: I was charged twice and nobody has sorted it out.", "premature_closure"),
    "thanks_but_still": ("Glad I could help, have a good one!", "Customer: Thanks, but the printer is still offline.",
                         "premature_closure"),
    "vague_wait_pleased": ("These things can take a while. Pleased we were able to help.", PRINTER,
                           "premature_closure"),
    # 3. the person the customer wants to consult cast as the obstacle, said alone
    "wife_talk_you_out": ("Don't let your wife talk you out of it.", WIFE, "pressure"),
    "partner_slow_down": ("Don't let your partner slow you down.", PARTNER, "pressure"),
    "boss_hold_back": ("Honestly, don't let the boss hold you back.", BOSS, "pressure"),
    "husband_change_mind": ("Never let your husband change your mind on this.", HUSBAND, "pressure"),
    # 4. the basics explained first to a customer who showed they know them
    "b29": ("Let's start with the basics. A token is like a password that proves who you are. Make sure you're "
            "actually including it in the request, since that's usually the problem.", SENIOR, "condescending"),
    "qa21_b27": ("Let me explain how email works first, since it can get a bit technical. When you send an email, it "
                 "goes from your computer to a server, and then the server passes it on to the other person's server. "
                 "Does that make sense so far?", DNS, "condescending"),
    "basics_then_question": ("Let's start with the basics. Can you send me the request you're making?", SENIOR,
                             "condescending"),
    "back_to_basics": ("Let's go back to basics. What is your domain?", DNS, "condescending"),
    "internet_works_to_engineer": ("Let me explain how the internet works first. Your computer sends data to your "
                                   "router, which sends it to us.", NETENG, "condescending"),
    "first_the_basics_sysadmin": ("First, the basics: a server is a computer that serves web pages.",
                                  "Customer: I'm a sysadmin; `systemctl status nginx` shows \"failed\" after the "
                                  "1.24.0 upgrade.", "condescending"),
    "what_a_token_is": ("Let me quickly explain what an API token is: it's like a key for your account.", BACKEND,
                        "condescending"),
}

# (draft, context, category) that must stay quiet in that category
QUIET = {
    # 1. after the customer confirmed, after an answer, or "glad to help" before helping
    "glad_after_fix": ("Glad I could help, have a good one!", FIXED, "premature_closure"),
    "glad_after_answer": ("I've checked and it was sent on Monday; it should reach you by Thursday. Glad I could help, "
                          "have a good one!", "Customer: The refund hasn't arrived.", "premature_closure"),
    "glad_to_help_first": ("I'm glad to help with that. Could you give me your order number?",
                           "Customer: The refund hasn't arrived.", "premature_closure"),
    "happy_after_thanks": ("Happy we could help. Have a nice one!", "Customer: Perfect, got it, thank you!",
                           "premature_closure"),
    "good_one_question": ("Have you had a good one otherwise? Let me check the line.",
                          "Customer: My wifi drops every evening.", "premature_closure"),
    "credited_not_tried": ("glad I could help", "Customer: ahh a % i haven't tried it but i know thats it, good catch",
                           "premature_closure"),
    "thanked_after_steps": ("Glad I could help, have a good one!",
                            "Customer: My printer shows offline.\nAgent: Turn it off and on, then re-add it.\n"
                            "Customer: ok, it's offline but I'll do that now, thanks!", "premature_closure"),
    # 3. "let your ..." without the obstacle
    "let_wife_look": ("Of course, take your time and let your wife have a look at the details.", WIFE, "pressure"),
    "let_partner_know": ("Sure, let the partner know the quote is valid for 30 days.", PARTNER, "pressure"),
    "let_it_slow_you": ("Don't let it slow you down, I've booked a courier for tomorrow morning.",
                        "Customer: The delivery is late again.", "pressure"),
    "let_manager_know": ("Let your manager know the export was fixed in 4.2; re-run it and it will fill in.",
                         "Customer: My manager is asking why the report is blank.", "pressure"),
    # 4. the basics to a customer who said they are not technical, or showed nothing, or a system's own workings
    "basics_not_technical": ("Let's start with the basics. Email goes from one server to another, a bit like post.",
                             NOT_TECH, "condescending"),
    "internet_to_aged": ("Let me explain how the internet works first: your router is the box with the lights.", AGED,
                         "condescending"),
    "basics_unknown_customer": ("Let's start with the basics. Can you tell me which address you send from?", BOUNCE,
                                "condescending"),
    "own_system_to_developer": ("Let me explain how our token refresh works: tokens expire after 1 hour and must be "
                                "refreshed with the refresh endpoint.", SENIOR, "condescending"),
    "builds_on_their_checks": ("Since you've already covered SPF and DKIM, let's look at DMARC alignment and your "
                               "sending IP's reputation next.", DNS, "condescending"),
    "confused_developer": ("Let's start with the basics: the menu on the left has everything.", LOST_DEV,
                           "condescending"),
}


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_round22_case_is_flagged(name: str) -> None:
    draft, context, category = FLAGGED[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET))
def test_round22_near_miss_stays_quiet(name: str) -> None:
    draft, context, category = QUIET[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


# 2. a `works` pattern that carries its own negation, with either apostrophe; a negation of its own still counts
LASTING_FIX = {
    "straight_apostrophe": "It hasn't dropped since you changed the channel.",
    "curly_apostrophe": "It hasn’t dropped since you changed the channel.",
    "has_not": "It has not dropped since you changed the channel.",
    "disconnected_once": "It hasn't disconnected once since yesterday.",
}
NOT_CONFIRMED = {
    "still_drops": "It still drops every evening since the update.",
    "not_tried": "I haven't tried it since, I'll test tonight.",
    "stopped_crashing": "it still hasn't stopped crashing since the update",
    "not_working_now": "it's not working now",
}


@pytest.mark.parametrize("name", sorted(LASTING_FIX))
def test_round22_own_negation_confirms(name: str) -> None:
    assert customer_state(LASTING_FIX[name]) == "confirmed"


@pytest.mark.parametrize("name", sorted(NOT_CONFIRMED))
def test_round22_negated_report_does_not_confirm(name: str) -> None:
    assert customer_state(NOT_CONFIRMED[name]) != "confirmed"


WIFI = "Customer: My wifi keeps dropping.\nAgent: I've moved your router to channel 6."


@pytest.mark.parametrize("report", ["It hasn't dropped since you changed the channel.",
                                    "It has not disconnected once since this morning."])
def test_round22_closing_after_lasting_fix_is_fine(report: str) -> None:
    assert not _serious("Great, I'll close this ticket now.", f"{WIFI}\nCustomer: {report}", "premature_closure")


def test_round22_closing_after_still_dropping_is_flagged() -> None:
    assert _serious("Great, I'll close this ticket now.", f"{WIFI}\nCustomer: It dropped twice since you changed it.",
                    "premature_closure")
