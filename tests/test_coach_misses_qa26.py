"""The coach on QA pass 26's agent-side misses (round fl26), through ``check()``: each missed case and made-up variants
in other wordings must get a warning or a problem in the expected category, and near-misses (kind or plain replies with
similar words) stay quiet in it. Cue families, not phrases: redundant_question (agent.redundant_question v13,
info_given v10: a bare "Mac" is the macOS family, a Mac model gives macOS, "PC" / "computer" / "laptop" are one
machine), dismissive v25 (agent.dismissive v26: a vendor's / manufacturer's / ISP's problem declared, "contact the
manufacturer yourself", "Repairs take what they take.", "works as designed", "That's by design.", "works fine for
everyone else, so ..."), blame v19 (agent.blame v20: "we can't keep doing this for you"), condescending v26
(agent.condescending v26: the intensified habit lecture "You really need to start writing it down", "try the right port
this time"), unprofessional v21 (agent.unprofessional v21: mock praise after a mishap owned up to "by mistake"), jargon
(agent.jargon v17, glossary v9: a command line to a customer who said they are not technical, "modern auth");
strengths: agent.promise v5 (promise v3: "message", the due from the commitment's own clause, "the moment it's back up"
as an event), agent.clarifying_question v4 (questions v4: "let me know once you can see it" is a fix check),
agent.step_by_step v3 (steps v2: numbered steps run on in a paragraph)."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious

MAC = "Customer: Hi, Outlook won't open on my MacBook Air, it's running macOS Sonoma 14.4."
MAC_THREAD = (MAC + "\nAgent: Thanks. Does it show any message?\nCustomer: It bounces in the dock and then closes.\n"
              "Agent: Ok. Did this start after an update?\nCustomer: Yes, I think it updated yesterday.\n"
              "Agent: Thanks, one moment.")
RESTARTED_PC = ("Customer: Outlook shows error 0x800CCC0E when I send anything. I've already restarted my PC and the "
                "router.")
SCANNER = "Customer: The new software update broke my scanner, it doesn't show up anymore."
RESET_AGAIN = "Customer: I forgot my password again, can you reset it?"
PORT = "Customer: I plugged the monitor cable into the network port by mistake, sorry."
REPAIR = "Customer: Can I get my laptop back from repair before Friday? I have a client visit."
MERGE = "Customer: The mail merge sent all 300 customers the wrong names. What happened?"
PORTAL = "Customer: The expenses portal won't load on my computer."
OLD = ("Customer: Hello, I'm 74 and not very good with computers. My internet stopped working this morning.\n"
       "Agent: Sorry to hear that. Is the light on the router green or red?\n"
       "Customer: It's green I think. But the computer still says no internet.")
PHONE_MAIL = "Customer: I'm not technical at all, I just want my work email on my new phone."
SYSADMIN = "Customer: I'm a sysadmin, DHCP seems broken on one laptop."

# QA pass 26's misses and made-up variants: (draft, context, category) that must get a warning or a problem there
MISSES_QA26 = {
    # the OS / machine already named (redundant_question)
    "b13": ("Could you tell me if you're on Windows or Mac, and which version? Then I'll know which fix to send.",
            MAC_THREAD, "redundant_question"),
    "windows_or_mac_after_macos": ("Are you on Windows or Mac?",
                                   "Customer: Outlook crashes on my Mac, macOS Sonoma 14.4", "redundant_question"),
    "windows_or_mac_after_macbook": ("Are you on Windows or Mac?", "Customer: Outlook crashes on my MacBook Pro.",
                                     "redundant_question"),
    "which_os_after_imac": ("Which operating system are you using?", "Customer: My iMac will not print.",
                            "redundant_question"),
    "pc_or_mac_after_my_mac": ("Is that a Windows PC or a Mac?", "Customer: Teams keeps freezing on my Mac.",
                               "redundant_question"),
    "b02": ("Have you tried restarting your computer? Also, what error message do you see?", RESTARTED_PC,
            "redundant_question"),
    "reboot_laptop_after_computer": ("Did you reboot the laptop?",
                                     "Customer: I rebooted my computer twice, still nothing.", "redundant_question"),
    "restart_machine_after_desktop": ("Have you restarted your machine?",
                                      "Customer: I restarted my desktop this morning.", "redundant_question"),
    # a third party's problem declared, the customer left to contact them (dismissive)
    "b27": ("That's a vendor issue, you'll have to contact the manufacturer yourself.", SCANNER, "dismissive"),
    "b27_contact_the_manufacturer": ("That's a vendor issue. Contact the manufacturer.", SCANNER, "dismissive"),
    "manufacturer_problem_not_ours": ("That's a manufacturer problem, not ours.", SCANNER, "dismissive"),
    "isp_issue_call_them": ("Honestly, it's an ISP issue. Call them.", SCANNER, "dismissive"),
    "third_party_issue": ("This is a third-party issue.", SCANNER, "dismissive"),
    "call_your_isp_yourself": ("You'll need to call your ISP yourself.", SCANNER, "dismissive"),
    # the tautology of taking time, the product declared correct, "works for everyone else" with a shrug (dismissive)
    "b12": ("No. We can't do that. Repairs take what they take.", REPAIR, "dismissive"),
    "takes_however_long": ("It takes however long it takes.", REPAIR, "dismissive"),
    "things_take_as_long_as_they_take": ("These things take as long as they take.", REPAIR, "dismissive"),
    "b37": ("The template was set up incorrectly on your side, which caused this. The system works as designed.", MERGE,
            "dismissive"),
    "working_as_intended": ("It's working as intended.", MERGE, "dismissive"),
    "by_design": ("That's by design.", MERGE, "dismissive"),
    "b18_everyone_else": ("It works fine for everyone else, so I'm not sure what you expect.", PORTAL, "dismissive"),
    "works_for_everyone_else": ("It works for everyone else.", PORTAL, "dismissive"),
    "everybody_else_on_the_floor": ("Works fine for everybody else on the floor, so not sure.", PORTAL, "dismissive"),
    # refusing to keep doing the work for the customer (blame)
    "b30": ("This is the fourth reset this month. You really need to start writing it down, we can't keep doing this "
            "for you.", RESET_AGAIN, "blame"),
    "cant_keep_doing_this": ("We can't keep doing this.", RESET_AGAIN, "blame"),
    "cant_keep_resetting_every_week": ("I can't keep resetting it every week.", RESET_AGAIN, "blame"),
    "not_going_to_keep_fixing": ("We're not going to keep fixing this for you.", RESET_AGAIN, "blame"),
    "cant_keep_explaining": ("I can't keep explaining this to you.", RESET_AGAIN, "blame"),
    # the intensified habit lecture (condescending)
    "b30_lecture": ("This is the fourth reset this month. You really need to start writing it down.", RESET_AGAIN,
                    "condescending"),
    "seriously_learn_to": ("You seriously need to learn to keep track of your passwords.", RESET_AGAIN,
                           "condescending"),
    "really_get_into_habit": ("Honestly, you really have to get into the habit of saving.", RESET_AGAIN,
                              "condescending"),
    "really_remember_to": ("You really need to remember to charge it.", RESET_AGAIN, "condescending"),
    # the correction that says last time was wrong (condescending), mock praise after a mishap (unprofessional)
    "b31": ("Wow, great job. Maybe try the right port this time.", PORT, "condescending"),
    "b31_mock_praise": ("Wow, great job. Maybe try the right port this time.", PORT, "unprofessional"),
    "correct_password_this_time": ("Use the correct password this time.", RESET_AGAIN, "condescending"),
    "maybe_read_it_this_time": ("maybe read it this time", RESET_AGAIN, "condescending"),
    "right_socket_this_time": ("Just plug it into the right socket this time.", PORT, "condescending"),
    "nice_one_wrong_client": ("Nice one.", "Customer: I sent the invoice to the wrong client.", "unprofessional"),
    "well_done_accidentally_archived": ("Well done.", "Customer: I accidentally archived the whole folder.",
                                        "unprofessional"),
    # a command line and "modern auth" to a customer who said they are not technical (jargon)
    "b14": ("Your DHCP lease has probably expired. Renew it with ipconfig /renew and flush your DNS cache.", OLD,
            "jargon"),
    "release_then_renew": ("Please run ipconfig /release and then ipconfig /renew.", OLD, "jargon"),
    "sudo_to_not_technical": ("Type sudo apt-get update and press Enter.",
                              "Customer: I'm not technical at all, my updates fail.", "jargon"),
    "modern_auth": ("Set up the account with modern auth.", PHONE_MAIL, "jargon"),
}

# Near-misses: kind or plain replies with similar words, which must stay quiet in that category
QUIET_QA26 = {
    "q_mac_address": ("Are you on Windows or Mac?", "Customer: What is the MAC address of my printer?",
                      "redundant_question"),
    "q_iphone_not_a_computer": ("Are you on Windows or Mac?", "Customer: My iPhone won't sync.", "redundant_question"),
    "q_macos_version_not_given": ("Which version of macOS are you on?", "Customer: Outlook crashes on my MacBook Air.",
                                  "redundant_question"),
    "q_phone_not_pc": ("Have you tried restarting your phone?", "Customer: I've already restarted my PC.",
                       "redundant_question"),
    "q_router_not_laptop": ("Have you restarted the router?", "Customer: I've already restarted my laptop.",
                            "redundant_question"),
    "q_known_vendor_issue_fix": ("That's a known vendor issue, and HP released a fix yesterday: install driver 4.2.",
                                 SCANNER, "dismissive"),
    "q_looks_like_vendor_reported": ("It looks like a vendor issue, so I've reported it to HP.", SCANNER, "dismissive"),
    "q_vendor_issue_case_opened": ("That's a vendor issue, so I've opened a case with Canon and I'll update you "
                                   "tomorrow.", SCANNER, "dismissive"),
    "q_vendor_issue_number": ("That's a vendor issue; HP support is on 0800 123 456 and they can help.", SCANNER,
                              "dismissive"),
    "q_vendor_issue_but_ill": ("That's a vendor issue, but I'll contact Canon for you today.", SCANNER, "dismissive"),
    "q_contact_yourself_or_me": ("You can contact the manufacturer yourself if you prefer, or I can do it for you.",
                                 SCANNER, "dismissive"),
    "q_take_from_parts_queue": ("Repairs take what they take from the parts queue, usually 3 days.", REPAIR,
                                "dismissive"),
    "q_designed_with_reason": ("It works as designed: the link expires after 24 hours for security.", MERGE,
                               "dismissive"),
    "q_working_as_expected_now": ("Everything's working as expected now.", MERGE, "dismissive"),
    "q_intended_now_patch": ("It's working as intended now that the patch is in, thanks for waiting!", MERGE,
                             "dismissive"),
    "q_by_design_explained": ("By design, the link expires after 24 hours.", MERGE, "dismissive"),
    "q_everyone_else_lets_check": ("It works fine for everyone else, so let's check your browser settings.", PORTAL,
                                   "dismissive"),
    "q_everyone_else_on_chrome": ("It works for everyone else on Chrome, so could you try Chrome?", PORTAL,
                                  "dismissive"),
    "q_cant_keep_session": ("I can't keep the session open longer than an hour.", RESET_AGAIN, "blame"),
    "q_keep_checking_for_you": ("I'll keep checking it for you.", RESET_AGAIN, "blame"),
    "q_cant_keep_checking_but": ("I can't keep checking it for you overnight, but the monitor will page me.",
                                 RESET_AGAIN, "blame"),
    "q_cant_keep_holding_offer": ("I can't keep holding it for you.", RESET_AGAIN, "blame"),
    "q_start_the_app": ("You'll need to start the app again.", RESET_AGAIN, "condescending"),
    "q_start_seeing": ("You should start seeing the emails in a few minutes.", RESET_AGAIN, "condescending"),
    "q_if_you_really_need": ("If you really need to start using it today, I can send a temporary code.", RESET_AGAIN,
                             "condescending"),
    "q_really_restart": ("You really need to restart it for the update to apply.", RESET_AGAIN, "condescending"),
    "q_other_port_this_time": ("Let's try the other port this time.", PORT, "condescending"),
    "q_right_link_this_time": ("I'll send the right link this time.", PORT, "condescending"),
    "q_this_time_port_2": ("This time, try port 2.", PORT, "condescending"),
    "q_ports_look_alike": ("No worries, the ports look alike. Try the right-hand port, the one with the screen icon.",
                           PORT, "condescending"),
    "q_good_job_exactly_right": ("Good job. Unplugging it straight away was exactly right.", PORT, "unprofessional"),
    "q_nice_one_after_fix": ("Nice one!", "Customer: I fixed it myself, it works now.", "unprofessional"),
    "q_command_prompt_named": ("Open a command prompt and run ipconfig /renew, then tell me what it says.", SYSADMIN,
                               "jargon"),
    "q_command_unknown_skill": ("Run ipconfig /renew.", "Customer: My internet stopped working.", "jargon"),
    "q_command_sysadmin": ("Run ipconfig /renew.", SYSADMIN, "jargon"),
    "q_command_new_to_ubuntu": ("sudo apt-get install mplayer",
                                "Customer: how do I install mplayer on ubuntu? I'm new to this", "jargon"),
}


@pytest.mark.parametrize("name", sorted(MISSES_QA26))
def test_qa26_miss_is_flagged(name: str) -> None:
    draft, context, category = MISSES_QA26[name]
    assert _serious(draft, context, category), f"{name}: no {category} warning for {draft!r}"


@pytest.mark.parametrize("name", sorted(QUIET_QA26))
def test_qa26_lookalike_stays_quiet(name: str) -> None:
    draft, context, category = QUIET_QA26[name]
    assert not _serious(draft, context, category), f"{name}: {category} flagged {draft!r}"


def test_qa26_command_flag_names_the_command() -> None:
    flags = [f.text for f in check("Renew it with ipconfig /renew.", context=OLD).flags if f.category == "jargon"]
    assert "ipconfig" in flags


def _strengths(draft: str, context: str | None, label: str) -> list[str]:
    return [s.note for s in check(draft, context=context).strengths if s.label == label]


SHAREPOINT = "Customer: I need access to the Finance SharePoint site today, please."
MAILBOX = "Customer: My mailbox stopped syncing an hour ago. Fix it NOW."


def test_qa26_g12_due_is_the_commitments_own() -> None:
    draft = ("As soon as she approves, the access is added automatically, usually within 15 minutes, and I'll message "
             "you when it's live.")
    notes = _strengths(draft, SHAREPOINT, "agent.promise")
    assert notes and notes[0].startswith('Committed to message "when it\'s live"'), notes


def test_qa26_g38_the_moment_is_an_event_and_a_message() -> None:
    notes = _strengths("I'll message you the moment it's back up.", MAILBOX, "agent.promise")
    assert notes and notes[0].startswith('Committed to message "the moment it\'s back up"'), notes
    assert "text" not in _strengths("I'll text you once the courier has it.", MAILBOX, "agent.promise")[0][:12]


@pytest.mark.parametrize("draft, start", [
    ("I'll email you the report by 3pm tomorrow.", 'Committed to email "by 3pm tomorrow"'),
    ("Tomorrow morning I'll call you back.", 'Committed to call back "Tomorrow morning"'),
    ("I'll get back to you within the hour, and the fix should be live by Friday.",
     'Committed to follow up "within the hour"'),
    ("I'll email you.", "Committed to email with no time given"),
])
def test_qa26_other_promises_keep_their_due(draft: str, start: str) -> None:
    notes = _strengths(draft, MAILBOX, "agent.promise")
    assert notes and notes[0].startswith(start), notes


def test_qa26_g40_confirmation_request_is_no_clarifying_question() -> None:
    draft = ("I've added you to the Sales shared mailbox's permissions. Could you let me know once you can see it, "
             "or if it's still missing after an hour?")
    assert not _strengths(draft, None, "agent.clarifying_question")
    assert not _strengths("Let me know when you can access the folder.", None, "agent.clarifying_question")


@pytest.mark.parametrize("question", [
    "Could you let me know when you first noticed it?",
    "Can you let me know if you can see the shared folder from home as well?",
])
def test_qa26_info_requests_are_still_clarifying(question: str) -> None:
    assert _strengths(question, None, "agent.clarifying_question")


def test_qa26_g09_numbered_steps_in_a_paragraph() -> None:
    draft = ("Sorry, that wasn't clear enough from me. Let's go step by step: 1) Click 'File' in the very top-left "
             "corner. 2) Click 'Options' at the bottom of the list on the left. 3) In the window that opens, click "
             "'Mail' on the left. 4) The 'Signatures...' button is on the right, near the top. Tell me which step "
             "looks different on your screen and I'll help from there.")
    notes = _strengths(draft, None, "agent.step_by_step")
    assert notes == ["Gave 4 numbered steps the customer can follow one at a time."]


@pytest.mark.parametrize("draft", ["The meeting is at 3. 2) Sounds good.", "Two things: 1) what error? 2) when?"])
def test_qa26_inline_numbers_need_steps(draft: str) -> None:
    assert not _strengths(draft, None, "agent.step_by_step")
