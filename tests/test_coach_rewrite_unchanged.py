"""A rewrite that leaves flagged words as they were says so (``Rewrite.unchanged``, ``complete``
false): QA pass 14 found five "rewrites" that were the draft itself, marked complete, where the
only flag was the tone model's reading (no rule rewrites those words)."""

from __future__ import annotations

from click.testing import CliRunner

from patiently.coach import check
from patiently.coach.cli import check_command

DECLINED = "Customer: My payment to you was declined but the money has left my account!"
BANK_ISSUE = "Not sure why you're contacting us about this, it's a bank issue."  # QA14 b03: agent.tone only


def test_words_no_rule_rewrites_are_listed_and_the_rewrite_is_not_complete() -> None:
    r = check(BANK_ISSUE, context=DECLINED)
    assert any(f.label == "agent.tone" and f.severity == "warning" for f in r.flags)
    assert r.rewrite is not None
    assert r.rewrite.unchanged == [BANK_ISSUE]
    assert r.rewrite.complete is False


def test_rewritten_words_are_not_listed() -> None:
    # jargon glossed in place, "As I said" answered again, an acknowledgment put in front: all rewritten
    for draft, context in [
        ("Please flush the DNS cache.", "Customer: I'm not technical at all, the internet is down."),
        ("As I said, restart the router.", "Customer: It still doesn't work, what do I do?"),
        ("Click Settings, then Accounts.", "Customer: This is ridiculous, I've been locked out all day!"),
    ]:
        r = check(draft, context=context)
        assert r.rewrite is not None and r.flags, draft
        assert r.rewrite.unchanged == [], (draft, r.rewrite)


def test_the_cli_says_which_words_to_reword() -> None:
    out = CliRunner().invoke(check_command, [BANK_ISSUE, "--context", DECLINED])
    assert out.exit_code == 0, out.output
    assert f'(no automatic rewrite for "{BANK_ISSUE}": reword it yourself)' in out.output


def test_untouched_counts_replacements_and_insertions_inside_the_words_only() -> None:
    from patiently.coach.rewrite import Edit, FlagDraft, untouched

    draft = "Flush the DNS. Not my problem."
    flags = [FlagDraft("jargon", [(6, 13)], {}, "warning"), FlagDraft("dismissive", [(15, 29)], {}, "warning")]
    gloss = Edit(13, 13, " (the address book)")  # an insertion where the term ends: a rewrite of it
    before = Edit(0, 5, "Clear")  # a replacement that ends before the dismissive words: not one
    assert untouched(draft, flags, [[gloss], [before]]) == [1]
    assert untouched(draft, flags, [[], [before, Edit(15, 29, "")]]) == [0]
    # the opener answers a no_acknowledgment flag, which is never listed
    assert untouched(draft, [FlagDraft("no_acknowledgment", [(0, 14)], {}, "warning")], [[]]) == []
