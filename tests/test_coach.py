"""Reply coach: named drafts for every category, positive and negative, with and without context."""

from __future__ import annotations

import json

import pytest

from patiently.coach import CheckResult, CoachInputError, check
from patiently.coach.rewrite import base_form, tidy

UPSET = ("Customer: My email stopped working this morning and I have a deadline!\n"
         "Agent: Could you tell me your username?\n"
         "Customer: My username is jdoe. This is ridiculous, it STILL does not work!!")
NOT_TECHNICAL = "Customer: I'm not very technical. How do I get my email back on my phone?"
CALM = "Customer: Hi, could you help me set up the printer on the second floor?"

# name -> (draft, context, category expected)
BAD: dict[str, tuple[str, str | None, str]] = {
    "dismissive_quick_fix": ("Just restart it.", None, "dismissive"),
    "dismissive_not_my_job": ("That's not my problem, talk to your manager.", CALM, "dismissive"),
    "blame_should_have": ("You should have saved your work before closing the window.", None, "blame"),
    "condescending_obvious": ("It's obvious, even a child could do it.", None, "condescending"),
    "pressure_ultimatum": ("Please reply within 10 minutes or I will close this chat.", None, "pressure"),
    "impatient_repeat_as_i_said": ("As I said, you need to click Forgot password.", None, "impatient_repeat"),
    "jargon_terms": ("Flush your DNS cache and renew the DHCP lease, then check the MTU on the NIC.", None, "jargon"),
    "negative_cant": ("I can't do that. It's not supported.", None, "negative_phrasing"),
    "unprofessional_insult": ("That is a stupid question.", None, "unprofessional"),
    "scripted_stock_line": ("We apologize for any inconvenience. Please try again.", None, "scripted_empathy"),
    "premature_closure": ("Your issue is resolved, closing this ticket now.", None, "premature_closure"),
    "redundant_question": ("What is your username?", UPSET, "redundant_question"),
    "no_acknowledgment": ("Click Settings, then Accounts, then Sign in again.", UPSET, "no_acknowledgment"),
}
GOOD: dict[str, tuple[str, str | None]] = {
    "warm_steps": ("I'm sorry this has been so stressful, that sounds really frustrating. Let's fix it together: "
                   "first, open Settings. Then tap Accounts. Does that work for you?", UPSET),
    "clear_steps_no_context": ("Thanks for the details. First, open Settings. Then tap Accounts and choose your "
                               "email. Let me know if anything looks different on your screen.", None),
    "plain_words_for_non_technical": ("No problem at all, we'll go one step at a time. First, open the Settings "
                                      "app on your phone. Tell me when you see it.", NOT_TECHNICAL),
    "clarifying_question": ("Thanks for letting me know. Which printer do you see in the list: the one called "
                            "Floor 2 or another one?", CALM),
}


def cats(result: CheckResult, at_least: str = "info") -> set[str]:
    order = ("info", "warning", "problem")
    return {f.category for f in result.flags if order.index(f.severity) >= order.index(at_least)}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_draft_is_flagged(name: str) -> None:
    draft, context, category = BAD[name]
    r = check(draft, context)
    assert category in cats(r), (name, [f.model_dump() for f in r.flags])
    flag = next(f for f in r.flags if f.category == category)
    assert draft[flag.span.start:flag.span.end] == flag.text
    assert flag.why and flag.suggestion and flag.suggestion != flag.text


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_draft_stays_quiet(name: str) -> None:
    draft, context = GOOD[name]
    r = check(draft, context)
    assert not cats(r, "warning"), (name, [f.model_dump() for f in r.flags])
    assert r.verdict == "ok" and r.rewrite is None


@pytest.mark.parametrize("name", ["dismissive_not_my_job", "blame_should_have", "negative_cant", "jargon_terms"])
def test_category_needs_its_words_not_context(name: str) -> None:
    # The same context with a clean draft raises nothing of the category (negative, with context).
    _, context, category = BAD[name]
    r = check("Thanks for the details, I'm on it. I'll update you by 3pm today.", context or CALM)
    assert category not in cats(r)


def test_context_only_categories_need_context() -> None:
    assert "redundant_question" not in cats(check("What is your username?"))
    assert "no_acknowledgment" not in cats(check("Click Settings, then Accounts, then Sign in again."))
    assert "no_acknowledgment" not in cats(check("Click Settings, then Accounts.", CALM))


def test_jargon_is_a_problem_for_a_non_technical_customer() -> None:
    draft = "Please check the IMAP settings and the SMTP port."
    plain, nt = check(draft), check(draft, NOT_TECHNICAL)
    assert "non_technical" in nt.context.customer and any("not technical" in n for n in nt.context.notes)
    assert {f.severity for f in nt.flags if f.category == "jargon"} == {"problem"}
    assert all(f.severity != "problem" for f in plain.flags if f.category == "jargon")


def test_context_raises_severity_and_is_described() -> None:
    draft = "As I said, you need to click Forgot password."
    calm, upset = check(draft), check(draft, UPSET)
    sev = {f.category: f.severity for f in calm.flags}
    assert "frustrated" in upset.context.customer
    assert upset.context.messages == 3
    order = ("info", "warning", "problem")
    up = {f.category: f.severity for f in upset.flags}
    assert order.index(up["impatient_repeat"]) > order.index(sev["impatient_repeat"])


def test_suggestions_use_the_drafts_words() -> None:
    r = check("You should have saved your work before closing the window.")
    flag = next(f for f in r.flags if f.category == "blame")
    assert flag.suggestion.startswith("Next time, it helps to save your work")
    r = check("As I said, you need to click Forgot password.")
    assert "click Forgot password" in next(f for f in r.flags if f.category == "impatient_repeat").suggestion
    r = check("I can't reset your password from here.")
    neg = next(f for f in r.flags if f.category == "negative_phrasing")
    assert "reset your password" in neg.suggestion and "what I can do" in neg.suggestion


def test_full_rewrite() -> None:
    r = check("As I said, just restart it. It's obvious, even a child could do it.", UPSET)
    assert r.rewrite is not None and r.verdict == "rewrite"
    text = r.rewrite.text
    assert "As I said" not in text and "child" not in text and "obvious" not in text
    assert text.startswith("I'm sorry")  # acknowledgment for the upset customer
    r = check("Please check the DNS settings.", NOT_TECHNICAL)
    # the gloss follows "DNS settings" and names its part (QA18 b06: never "DNS (...) settings")
    assert r.rewrite is not None and "DNS settings (DNS is" in r.rewrite.text


def test_strengths() -> None:
    r = check(GOOD["warm_steps"][0], UPSET)
    labels = {s.label for s in r.strengths}
    assert {"agent.empathy", "agent.step_by_step", "agent.confirmation_check"} <= labels


@pytest.mark.parametrize("context", [
    UPSET,
    json.dumps({"id": "t1", "messages": [{"role": "customer", "text": "It still fails!! This is ridiculous."}]}),
    [{"role": "user", "text": "It still does not work!! This is ridiculous."}],
    {"messages": [{"role": "customer", "text": "It still does not work!! This is ridiculous."}]},
])
def test_context_forms(context: object) -> None:
    r = check("Click Settings, then Accounts.", context)  # type: ignore[arg-type]
    assert "frustrated" in r.context.customer


def test_context_is_capped() -> None:
    lines = "\n".join(f"{'Customer' if i % 2 == 0 else 'Agent'}: message number {i}" for i in range(45))
    r = check("Thanks, I'm looking into it now.", lines)
    assert r.context.messages == 20 and r.context.truncated == 25


@pytest.mark.parametrize(("draft", "context", "needle"), [
    ("", None, "empty"),
    ("   \n ", None, "empty"),
    ("x" * 1_000_000, None, "over the limit"),
    ("\x00\x01\x02garbage\x03\x04", None, "binary"),
    ("ok", "{not json", "invalid JSON"),
    ("ok", "Boss: do it now", "unknown speaker"),
    ("ok", '{"messages": "nope"}', "messages"),
    ("ok", [{"role": "customer"}], "text"),
    ("ok", '{"messages": []}\n{"messages": []}', "one conversation"),
])
def test_bad_input_is_a_clear_error(draft: str, context: object, needle: str) -> None:
    with pytest.raises(CoachInputError, match=needle):
        check(draft, context)  # type: ignore[arg-type]


@pytest.mark.parametrize(("draft", "context", "needle"), [
    # A lone surrogate (a JSON "\\ud800" escape) made the detectors fail one by one: the draft's
    # result could not be written, and an upset customer's context came back "Looks good".
    ("\ud800 restart it now", None, r"^draft is not valid Unicode: a lone surrogate at character 1"),
    ("ok", "Customer: fine\nCustomer: \ud800 it STILL drops!!", r"^context line 2: text is not valid Unicode"),
    ("ok", [{"role": "customer", "text": "It STILL drops \udc00!!"}],
     r"^context\.messages\[0\]\.text: text is not valid Unicode: a lone surrogate at character 16"),
    ("ok", '{"messages": [{"role": "customer", "text": "\\ud800 it STILL drops!!"}]}',
     r"^context\.messages\[0\]\.text: text is not valid Unicode"),
    ("ok", [{"role": "customer", "text": "hi", "author": "a\ud800"}], r"context\.messages\[0\]\.author: author is not"),
    ("ok", [{"role": "customer", "text": "hi", "author": {"x": 1}}],
     r"context\.messages\[0\]\.author: must be a string"),
])
def test_text_that_is_not_valid_unicode_is_refused(draft: str, context: object, needle: str) -> None:
    with pytest.raises(CoachInputError, match=needle):
        check(draft, context)  # type: ignore[arg-type]


def test_context_limits_say_what_the_client_can_do() -> None:
    # The readers' "raise max_message_chars" names an option no coach client can set.
    for context in ("Customer: " + "x" * 25_000, [{"role": "customer", "text": "x" * 25_000}]):
        with pytest.raises(CoachInputError, match="over the limit of 20,000; shorten it") as err:
            check("ok", context)  # type: ignore[arg-type]
        assert "max_message_chars" not in str(err.value)


def test_context_text_with_a_bom() -> None:
    r = check("Click Settings.", "\ufeffCustomer: It STILL does not work!! This is ridiculous.")
    assert "frustrated" in r.context.customer


def test_rewrite_helpers() -> None:
    assert base_form("saved") == "save" and base_form("checked") == "check" and base_form("read") == "read"
    assert base_form("stopped") == "stop" and base_form("updated") == "update"
    assert tidy("It's fine , . and  then. . ok") == "It's fine. And then. Ok"
    # a removed last clause ("..., it's obvious.") must not leave the rewrite ending on a comma
    assert tidy("Renew the lease,") == "Renew the lease." and tidy("Try this; ") == "Try this."


def test_result_json_round_trip() -> None:
    r = check(*BAD["blame_should_have"][:2])
    again = CheckResult.model_validate_json(r.model_dump_json())
    assert again == r


# QA pass 6: reassurance that answers a worried customer's worry acknowledges them; to an angry
# customer "don't worry" does not.
WORRIED = ("Customer: my meetings disappeared from my Outlook calendar this morning, "
           "I'm really worried I've deleted them")
PANICKING = ("Customer: I think I deleted the whole Q3 folder from the shared drive. I'm panicking, "
             "my boss will kill me.")
ANGRY_CHARGED = "Customer: This is ridiculous, you people charged me twice AGAIN and nobody answers!!"


def test_reassuring_a_worried_customer_acknowledges() -> None:
    draft = ("Don't worry, it's not something you did. This morning's Outlook update hid shared calendars. "
             "If you click View, then Reset View, they should come back.")
    assert "no_acknowledgment" not in cats(check(draft, WORRIED))
    assert "no_acknowledgment" not in cats(check(
        "Take a breath, this is fixable. I'm restoring the Q3 folder from the 10:00 snapshot now.", PANICKING))


def test_dont_worry_to_an_angry_customer_is_no_acknowledgment() -> None:
    assert "no_acknowledgment" in cats(check("Don't worry, the refund will go through in 5 days.", ANGRY_CHARGED))
