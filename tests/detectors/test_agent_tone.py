"""agent.tone: the tone head's second opinion on agent sentences no rule lexicon matched."""

import json
from pathlib import Path

import pytest

from patiently.errors import PatientlyError
from patiently.heads import load_heads, tone

from conftest import conv, detect, evidence_text

NAME = "agent.tone"

# Impatience in words no lexicon lists (QA pass 9's misses, reworded).
RUDE = conv(("c", "my laptop won't start"), ("a", "Honestly this is the most pointless ticket I've had all day."))
PASSIVE_BLAME = conv(("c", "the sync stopped"), ("a", "It looks like someone on your side changed the settings "
                                                    "incorrectly, which broke the sync."))
MANUAL = conv(("c", "how do I turn it on?"), ("a", "As the manual clearly explains on page one, you just press "
                                                 "the big button."))
# Plain, kind and firm lines stay quiet.
STEPS = conv(("c", "where is it?"), ("a", "Click Settings, then Accounts. I'll stay on the chat while you look."))
HANDOVER = conv(("c", "it's still down"), ("a", "I've escalated this to the network team; they'll call you by 3pm."))
REFUSAL_WITH_OFFER = conv(("c", "ship it to my PO box"), ("a", "Unfortunately we can't ship to PO boxes with this "
                                                             "courier. I can send it to your office address instead."))
# "It's really simple." is the condescending lexicon's: the rule judged it (a calm customer).
RULED = conv(("c", "how do I log in?"), ("a", "It's really simple."))
LINKS_ONLY = conv(("c", "link?"), ("a", "@bob https://example.com/x ^AB"))
CUSTOMER_RUDE = conv(("c", "Honestly this is the most pointless support I've had all year."), ("a", "I'm sorry."))


@pytest.mark.parametrize(("case", "category"), [(RUDE, "unprofessional"), (PASSIVE_BLAME, "blame"),
                                                 (MANUAL, "condescending")])
def test_impatience_outside_the_lexicons(case, category) -> None:
    found = detect(NAME, case)
    assert [(f.message_id, f.data["category"]) for f in found] == [("m2", category)]
    assert evidence_text(case, found[0]) == [case.messages[1].text]
    assert 0.8 <= found[0].score <= 1.0 and "tone model" in found[0].explanation


@pytest.mark.parametrize("case", [STEPS, HANDOVER, REFUSAL_WITH_OFFER, RULED, LINKS_ONLY, CUSTOMER_RUDE])
def test_quiet(case) -> None:
    assert detect(NAME, case) == []


def test_clean_and_scoreable() -> None:
    assert tone.clean("zipper_: try https://a.b/c and @sam, thanks ^AB") == "try and , thanks"
    assert not tone.scoreable("That's it.") and tone.scoreable("Please restart the router.")


def test_the_shipped_head_and_its_data() -> None:
    heads = load_heads()
    assert "agent_tone" in heads
    entry = heads.manifest["heads"]["agent_tone"]
    assert entry["classes"] == list(tone.LABELS) and entry["shippable"] and entry["licence"].startswith("Apache-2.0")
    texts, y, files = tone.read_sentences()
    assert entry["n"] == len(texts) and set(y.tolist()) == set(range(len(tone.LABELS)))
    assert len({t.strip().lower() for t in texts}) == len(texts), "duplicate training sentences"
    recorded = sorted(k for k in entry["files"] if k.startswith("agent_tone/"))
    assert sorted(f"agent_tone/{name}" for name in files) == recorded


def test_bad_training_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(json.dumps({"text": "fine", "label": "ok"}) + "\n"
                                      + json.dumps({"text": "hm", "label": "rude"}) + "\n", encoding="utf-8")
    with pytest.raises(PatientlyError, match=r"x\.jsonl:2: label: 'rude'"):
        tone.read_sentences(tmp_path)
