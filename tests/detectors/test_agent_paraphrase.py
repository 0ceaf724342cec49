from conftest import conv, detect, evidence_text

RESTATES = conv(
    ("c", "My Outlook keeps crashing whenever I open an attachment."),
    ("a", "So if I understand correctly, Outlook crashes whenever you open an attachment?"),
)
JUST_TO_CONFIRM = conv(
    ("c", "I can't print to the floor 2 printer from my laptop since this morning."),
    ("a", "Thanks. Just to confirm, you can't print to the floor 2 printer from your laptop?"),
)
SO_THE_PROBLEM = conv(
    ("c", "The VPN disconnects every few minutes when I work from home."),
    ("a", "Ok. So the problem is that the VPN keeps dropping when you're working from home."),
)
FRAME_ABOUT_SOMETHING_ELSE = conv(
    ("c", "My Outlook keeps crashing whenever I open an attachment."),
    ("a", "Just to confirm, which version of Windows are you on?"),
)
CLARIFYING_NOT_RESTATING = conv(
    ("c", "Is there a way to restore a file from a package?"),
    ("a", "What do you mean by restore?"),
)
PLAIN_ANSWER = conv(
    ("c", "My Outlook keeps crashing whenever I open an attachment."),
    ("a", "Thanks for the details! Let's start by disabling add-ins: File, Options, Add-ins."),
)


def test_restatement_with_frame_and_meaning() -> None:
    found = detect("agent.paraphrase", RESTATES)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(RESTATES, found[0]) == [RESTATES.messages[1].text]
    assert found[0].data["paraphrases_message_id"] == "m1"
    assert found[0].score >= 0.8


def test_confirmation_that_restates() -> None:
    found = detect("agent.paraphrase", JUST_TO_CONFIRM)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(JUST_TO_CONFIRM, found[0]) == [
        "Just to confirm, you can't print to the floor 2 printer from your laptop?"]


def test_so_the_problem_is() -> None:
    found = detect("agent.paraphrase", SO_THE_PROBLEM)
    assert [f.message_id for f in found] == ["m2"]
    assert evidence_text(SO_THE_PROBLEM, found[0])[0].startswith("So the problem is")
    assert found[0].data["similarity"] >= 0.58


def test_confirm_frame_with_a_new_question_is_not_paraphrase() -> None:
    assert detect("agent.paraphrase", FRAME_ABOUT_SOMETHING_ELSE) == []


def test_what_do_you_mean_is_not_paraphrase() -> None:
    assert detect("agent.paraphrase", CLARIFYING_NOT_RESTATING) == []


def test_plain_answer_is_quiet() -> None:
    assert detect("agent.paraphrase", PLAIN_ANSWER) == []


# --- precision v2 (patterns from hand-judged IRC chats) -------------------------------------
SO_THE_CONCLUSION = conv(
    ("c", "grub does not load up any more since I added the new drive"),
    ("a", "the new drive might now be the first one. so the grub config is now wrong"),
)
SO_THE_QUESTION = conv(
    ("c", "the windows client connects to the samba share as guest"),
    ("a", "so the windows client is being used via guest?"),
)
DIAGNOSIS_NOT_SUMMARY = conv(
    ("c", "I see hundreds of java ClassLoader errors when I start Eclipse"),
    ("a", "sounds like you're missing some java libraries for eclipse"),
)
HEDGE_ON_OWN_CLAIM = conv(
    ("c", "Can I install the smp kernel through the package manager?"),
    ("a", "I think the generic kernel is smp enabled already... (someone correct me if i'm wrong)"),
)
TO_ANOTHER_HELPER = conv(
    ("c", "which cd has the installer, the desktop or the alternate one?"),
    ("a:dooglus", "kbrooks: the desktop one is both live cd and install cd"),
    ("a:kbrooks", "thanks"),
    ("a:siccness", "dooglus, so the desktop cd is both the live cd and the install cd?"),
)


def test_so_the_statement_is_a_conclusion() -> None:
    assert detect("agent.paraphrase", SO_THE_CONCLUSION) == []


def test_so_the_question_checks_understanding() -> None:
    found = detect("agent.paraphrase", SO_THE_QUESTION)
    assert [f.message_id for f in found] == ["m2"]


def test_sounds_like_diagnosis_is_not_a_summary() -> None:
    assert detect("agent.paraphrase", DIAGNOSIS_NOT_SUMMARY) == []


def test_correct_me_hedging_own_claim_is_not_a_summary() -> None:
    assert detect("agent.paraphrase", HEDGE_ON_OWN_CLAIM) == []


def test_line_to_another_helper_restates_no_customer() -> None:
    assert detect("agent.paraphrase", TO_ANOTHER_HELPER) == []
