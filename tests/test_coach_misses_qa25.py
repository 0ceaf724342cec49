"""The coach on QA pass 25's failures (fix round 25), through ``check()``: each missed case and made-up variants
must get a warning or a problem in the expected category, the false alarm and its variants must not, and near-misses
(patient replies with similar words) stay quiet. Cue families, not phrases: dismissive v23 (agent.dismissive v24),
unprofessional v20 (agent.unprofessional v20), condescending v24 (agent.condescending v24), impatient_repeat v10
(agent.impatient_repeat v12), blame v17 (agent.blame v18), pressure v14 (agent.pressure v17), tone_alternatives v4
(agent.tone v3, agent.negative_phrasing v7); strengths: agent.empathy v9 (a reaction to a jab is no empathy),
agent.clarifying_question v3 (questions v3: an instruction put as a question asks nothing), agent.promise v4 ("as
soon as it's ready" quoted as the event)."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

STARTER = "Customer: My new starter has no laptop and no accounts and starts tomorrow, can you help?"
PRINTER = "Customer: The printer on floor 3 keeps jamming and printing half pages."
WIFI_NEW = "Customer: Hi, what's the office Wi-Fi password? I'm new here."
MAILBOX = "Customer: My mailbox shows folders I never created and half my emails are in them."
SAVE = "Customer: I clicked Save like you said, it's gone again."
CRM = "Customer: Is the CRM down? I can't load any customer records and I have calls all afternoon."
POPUPS = "Customer: My laptop has pop-ups everywhere since I installed a free PDF converter."
OUTAGE = "Customer: This is ridiculous, I've lost a whole day of work because the server went down AGAIN!"
CAMERA = "Customer: The expenses app crashes every time I open the camera to scan a receipt."
TIER = "Customer: I'm checking with my manager which licence tier we need, give me a bit."
SEARCH = "Customer: My Outlook search stopped working, it finds nothing older than a week."
REFUND = "Customer: You charged me three times for the same month! I want my money back NOW."
PASSWORD = "Customer: Why do I have to change my password every 90 days? It's ridiculous."
TUNNEL = ("Customer: I'm a sysadmin. Our IKEv2 tunnel to your gateway drops every 60 minutes, the phase 2 rekey fails "
          "and the logs show NO_PROPOSAL_CHOSEN.")
REPAIR = ("Customer: You people are useless. My laptop has been in repair for two weeks and nobody tells me "
          "anything.")

# QA pass 25's misses (and missed second categories) with made-up variants: (draft, context, category)
MISSES_QA25 = {
    # another team's problem declared, with nothing handed over (dismissive not_my_job)
    "b07": ("That's not an IT issue. Talk to HR.", STARTER, "dismissive"),
    "not_it_issue_alone": ("That's not an IT issue.", STARTER, "dismissive"),
    "not_support_matter": ("This isn't really a support matter. Ask facilities.", STARTER, "dismissive"),
    "hr_matter_not_it": ("That's an HR matter, not IT.", STARTER, "dismissive"),
    "not_an_it_problem": ("Not an IT problem!", STARTER, "dismissive"),
    # the work said to be another team's, nobody owning it
    "b40": ("Refunds are processed by the billing team. Expect 10 business days.", REFUND, "dismissive"),
    "handled_by_finance": ("Refunds are handled by our finance department.", REFUND, "dismissive"),
    "dealt_with_by_accounts": ("Billing disputes are dealt with by a separate team.", REFUND, "dismissive"),
    "managed_by_other_dept": ("Chargebacks are managed by another department!", REFUND, "dismissive"),
    # a tautology in place of a time, and "not just you" as a put-down
    "b29": ("Everyone is affected, not just you. It'll be fixed when it's fixed.", CRM, "dismissive"),
    "fixed_when_fixed": ("It'll be fixed when it's fixed.", CRM, "dismissive"),
    "done_when_done": ("It'll be done when it's done, okay?", CRM, "dismissive"),
    "takes_as_long": ("Sorry, it takes as long as it takes.", CRM, "dismissive"),
    "everyone_not_just_you": ("Everyone is affected, not just you.", CRM, "dismissive"),
    "whole_office_not_only_you": ("The whole office has the same problem, not only you.", CRM, "dismissive"),
    # slang with a device called cursed and a shrugged "good luck with it" (minor cues, reported together)
    "b08": ("lol yeah that printer is cursed, good luck with it", PRINTER, "unprofessional"),
    "haha_haunted": ("haha that router is haunted, good luck with it", PRINTER, "unprofessional"),
    "cursed_good_luck": ("That scanner is cursed, good luck with it.", PRINTER, "unprofessional"),
    "lol_good_luck": ("lol good luck with it", PRINTER, "unprofessional"),
    # running down whoever set up the customer's system
    "b20": ("Honestly, whoever set up your mailbox made a total mess of it. What a nightmare.", MAILBOX,
            "unprofessional"),
    "last_it_guy_botched": ("Your last IT guy botched the whole thing.", MAILBOX, "unprofessional"),
    "previous_tech_messed_up": ("The previous tech really messed it up.", MAILBOX, "unprofessional"),
    "whoever_configured_mess": ("Whoever configured this made a complete mess of the rules.", MAILBOX,
                                "unprofessional"),
    # mock praise followed by the clean-up it forces
    "b33": ("Wow, great idea to install random software from the internet. Now we get to reimage your laptop.", POPUPS,
            "unprofessional"),
    "brilliant_move_wipe": ("Brilliant move clicking that link. Now I get to wipe your PC.", POPUPS, "unprofessional"),
    "oh_smart_plan_rebuild": ("Oh, smart plan to turn off the antivirus. Now I have to rebuild your whole profile.",
                              POPUPS, "unprofessional"),
    "well_great_decision_format": ("Well, great decision to ignore the warning. Now we'll have to format the drive.",
                                   POPUPS, "unprofessional"),
    # "actually read" urged on the customer, any object
    "b13": ("As mentioned in the onboarding guide you were sent, the Wi-Fi password is on page 2. It might be worth "
            "actually reading it through.", WIFI_NEW, "condescending"),
    "please_actually_read": ("Please actually read the guide.", WIFI_NEW, "condescending"),
    "should_actually_look": ("You should actually look at the error message.", WIFI_NEW, "condescending"),
    "try_actually_reading": ("Try actually reading the instructions this time.", WIFI_NEW, "condescending"),
    # the repeat announced as the last one, and "one more time, slowly"
    "b28": ("I'll say this one more time, slowly: click Save, not Close.", SAVE, "impatient_repeat"),
    "b28_slowly": ("I'll say this one more time, slowly: click Save, not Close.", SAVE, "condescending"),
    "say_one_more_time": ("I'll say this one more time: click Save, not Close.", SAVE, "impatient_repeat"),
    "tell_you_one_last_time": ("I'm going to tell you one last time: the link is in your inbox.", SAVE,
                               "impatient_repeat"),
    "let_me_say_once_more": ("Let me say it once more: Save, not Close.", SAVE, "impatient_repeat"),
    "one_last_time_slowly": ("OK, one last time, slowly. Click Save.", SAVE, "condescending"),
    # the habit lecture
    "b12": ("The server was restarted at 14:00. Please save your work regularly.", OUTAGE, "condescending"),
    "b27": ("That happens when people fill their mailbox to the limit. You should clean it up more often.", SEARCH,
            "condescending"),
    "back_up_more_frequently": ("Try to back up your files more frequently.", OUTAGE, "condescending"),
    "need_to_clear_more_often": ("You need to clear your cache more often.", SEARCH, "condescending"),
    "save_from_now_on": ("Please save your work more regularly from now on.", OUTAGE, "condescending"),
    # the bare guess at the customer's device
    "b18": ("Works fine for me. Probably something on your phone.", CAMERA, "blame"),
    "probably_something_phone": ("Probably something on your phone.", CAMERA, "blame"),
    "most_likely_laptop": ("Most likely an issue with your laptop.", CAMERA, "blame"),
    "must_be_problem_end": ("Must be a problem on your end!", CAMERA, "blame"),
    # the agent's patience limit
    "b26": ("I need your answer now, I'm not going to wait around all day.", TIER, "pressure"),
    "not_going_to_wait_around": ("I'm not going to wait around all day.", TIER, "pressure"),
    "wont_sit_here_forever": ("I won't sit here forever.", TIER, "pressure"),
    "cant_wait_around_all_day": ("I can't wait around all day for this.", TIER, "pressure"),
}

# Near-misses: patient replies with similar words, which must stay quiet in that category
QUIET_QA25 = {
    "q_not_it_but_handed_over": ("That's not an IT issue, but I've passed it to HR and they'll call you today.",
                                 STARTER, "dismissive"),
    "q_not_it_with_contact": ("That's not an IT issue, HR sets up new starters: you can reach them on 0800 123 456.",
                              STARTER, "dismissive"),
    "q_not_network_issue": ("It's not a network issue. The cable is loose, so let's reseat it.", STARTER,
                            "dismissive"),
    "q_not_hardware_problem": ("It's not a hardware problem. The driver needs an update; I'll push it now.", STARTER,
                               "dismissive"),
    "q_billing_handed_over": ("Refunds are processed by the billing team; I've passed your case to them and they'll "
                              "email you today.", REFUND, "dismissive"),
    "q_billing_asked": ("Refunds are processed by the billing team, and I've already asked them to prioritise yours.",
                        REFUND, "dismissive"),
    "q_fixed_when_restore": ("It'll be fixed when the database restore finishes, around 3 pm.", CRM, "dismissive"),
    "q_not_just_you_reassure": ("It's not just you: the whole floor is affected, and we expect it back by 2 pm.", CRM,
                                "dismissive"),
    "q_not_just_you_goes_on": ("Everyone on the floor is affected, not just you, and we expect it back by 2 pm.", CRM,
                               "dismissive"),
    "q_good_luck_presentation": ("Good luck with the presentation tomorrow!", PRINTER, "unprofessional"),
    "q_good_luck_and_ping": ("Good luck with it, and ping me if the install fails again.", PRINTER, "unprofessional"),
    "q_whoever_can_restore": ("Whoever set up your mailbox can restore the old rules; I've asked them.", MAILBOX,
                              "unprofessional"),
    "q_whoever_added_rule": ("Whoever set up your mailbox added a rule that moves mail into folders; I'll remove it "
                             "now.", MAILBOX, "unprofessional"),
    "q_we_made_a_mess": ("We made a mess of the migration, sorry: I'm moving your emails back now.", MAILBOX,
                         "unprofessional"),
    "q_great_idea_can_reinstall": ("Great idea to back up first! Now we can reinstall without losing anything.",
                                   POPUPS, "unprofessional"),
    "q_good_call_replace": ("Good call unplugging it. Now we need to replace the charger; I'll bring one over.", POPUPS,
                            "unprofessional"),
    "q_thanks_reimage": ("Thanks for telling me straight away. Now we need to reimage the laptop, which takes about an "
                         "hour.", POPUPS, "unprofessional"),
    "q_i_actually_read": ("I actually read the whole log and found the problem.", WIFI_NEW, "condescending"),
    "q_scanner_reads": ("The scanner will actually read the tag now.", WIFI_NEW, "condescending"),
    "q_could_actually_open": ("You could actually open it in the browser instead, which is quicker.", WIFI_NEW,
                              "condescending"),
    "q_walk_one_more_time": ("Let me walk you through it one more time: click Save, then Close.", SAVE,
                             "impatient_repeat"),
    "q_repeat_steps_below": ("I'll repeat the steps one more time below so you have them in one place.", SAVE,
                             "impatient_repeat"),
    "q_slowly_together": ("Let's try it one more time, slowly, together: click Save first.", SAVE, "condescending"),
    "q_outlook_saves": ("Outlook saves drafts regularly, so nothing is lost.", OUTAGE, "condescending"),
    "q_restart_to_get_updates": ("Restart it regularly to get the updates.", SEARCH, "condescending"),
    "q_suggest_saving_while": ("I'd suggest saving regularly while we patch the server this week.", OUTAGE,
                               "condescending"),
    "q_probably_phone_check": ("Probably something on your phone, so let's check the app's camera permission "
                               "together.", CAMERA, "blame"),
    "q_maybe_settings_question": ("Maybe something in your settings? Could you send a screenshot?", CAMERA, "blame"),
    "q_you_wont_wait_around": ("You won't have to wait around all day: I'll call you as soon as it's done.", TIER,
                               "pressure"),
    "q_vendor_forever": ("We're not going to wait for the vendor forever; I've escalated it.", TIER, "pressure"),
}

# The false alarm and its variants: a firm policy refusal with a tip in the next sentence, no warning at all
GOOD_QA25 = {
    "g37": ("I hear you, it is a hassle. It's a requirement of our cyber-insurance policy, so I can't turn it off for "
            "individual accounts. One thing that helps: if you set up Windows Hello, you'll only need the password "
            "now and then.", PASSWORD),
    "what_might_help": ("I know it's annoying. It's required by our insurer, so I can't switch it off for one account. "
                        "What might help is a password manager, and I can install one for you today.", PASSWORD),
    "something_that_can_help": ("I get it, it's a pain. It's a policy requirement, so I can't turn it off for you. "
                                "Something that can help: Windows Hello sign-in, which I can set up now.", PASSWORD),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA25))
def test_qa25_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA25[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA25))
def test_qa25_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA25[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


@pytest.mark.parametrize("name", sorted(GOOD_QA25))
def test_qa25_false_alarm_is_gone(name: str) -> None:
    draft, context = GOOD_QA25[name]
    r = check(draft, context=context)
    assert not [f for f in r.flags if f.severity != "info"], (name, [(f.category, f.text) for f in r.flags])


def test_qa25_policy_refusal_alone_is_still_read() -> None:
    # without the tip the tone model still reads the bare refusal (the excuse is the alternative, not the policy)
    draft = "It's a requirement of our cyber-insurance policy, so I can't turn it off for individual accounts."
    assert _serious(draft, PASSWORD, "dismissive")


# Strengths that did not fit
def _strengths(draft: str, context: str, label: str) -> list[str]:
    return [s.note for s in check(draft, context=context).strengths if s.label == label]


def test_qa25_b20_reaction_to_a_jab_is_no_empathy() -> None:
    draft = "Honestly, whoever set up your mailbox made a total mess of it. What a nightmare."
    assert not _strengths(draft, MAILBOX, "agent.empathy")
    assert not _strengths("Your last IT guy botched the whole thing, what a pain.", MAILBOX, "agent.empathy")


def test_qa25_reaction_without_a_jab_is_still_empathy() -> None:
    assert _strengths("Oh no, what a nightmare. I'll move your emails back into the inbox now.", MAILBOX,
                      "agent.empathy")
    assert _strengths("What a nightmare. Whoever set up your mailbox added rules that file mail into folders; I'll "
                      "remove them now.", MAILBOX, "agent.empathy")


@pytest.mark.parametrize("question", [
    "Can you add group 20 to your child SA proposal and retry?",
    "Could you enable TLS 1.2 on the load balancer and retry?",
    "Can you set the Phase 2 lifetime to 3600?",
    "Could you remove the old profile and sign in again?",
])
def test_qa25_g02_instruction_question_is_no_clarifying_question(question: str) -> None:
    draft = f"Thanks, that log line helps. Our gateway now requires DH group 20 for phase 2. {question}"
    assert not _strengths(draft, TUNNEL, "agent.clarifying_question")


@pytest.mark.parametrize("question", [
    "Could you confirm which DH groups your proposal offers?",
    "Can you send me the IKE log from your side?",
    "Can you tell me which firmware the gateway runs?",
])
def test_qa25_info_question_is_still_clarifying(question: str) -> None:
    assert _strengths(question, TUNNEL, "agent.clarifying_question")


def test_qa25_g21_as_soon_as_ready_is_the_event_not_soon() -> None:
    draft = ("I'm sorry, two weeks without your laptop is far too long, and I understand why you're angry. The "
             "technician expects to finish by 3 pm today. I'll call you as soon as it's ready to collect.")
    notes = _strengths(draft, REPAIR, "agent.promise")
    assert notes and '"as soon as it\'s ready to collect"' in notes[0] and "1440" not in notes[0], notes
    assert '"soon" (taken as' in _strengths("I'll call you soon.", REPAIR, "agent.promise")[0]
    assert "as soon as possible" in _strengths("I'll call you as soon as possible.", REPAIR, "agent.promise")[0]
