import pytest

from conftest import conv, detect, evidence_text

DONT_UNDERSTAND = conv(
    ("c", "My Outlook won't sync."),
    ("a", "Please clear the OST cache and re-create your MAPI profile."),
    ("c", "Sorry, I don't understand. Where do I find that?"),
)
WHAT_IS_TERM = conv(
    ("c", "The internet is not working on my laptop."),
    ("a", "Can you flush your DNS and renew the DHCP lease?"),
    ("c", "what is a DNS?"),
)
NOT_TECHNICAL = conv(
    ("c", "Hi, I'm not very technical, but my email stopped working this morning."),
    ("a", "No problem, we'll go through it together."),
)
ECHOED_TERM = conv(
    ("c", "My laptop won't start properly."),
    ("a", "Please press F12 at startup and open the BIOS."),
    ("c", "BIOS?"),
)
HUH = conv(
    ("c", "The app crashes."),
    ("a", "Sounds like a corrupted cache in the roaming profile."),
    ("c", "huh?"),
)
PLAIN_QUESTION = conv(
    ("c", "How do I reset my password? What is a good time to call you?"),
    ("a", "Any time before 5pm. You can reset it on the portal."),
    ("c", "Great, where is it stored after I change it?"),
)
UNDERSTOOD = conv(
    ("c", "My printer is jammed."),
    ("a", "Open the front tray and pull out the stuck paper gently."),
    ("c", "Ok I understand, done. It's printing again, thanks!"),
)
NUDGE_NOT_PUZZLED = conv(
    ("c", "Does anyone know how to mount an ISO file?"),
    ("c", "?"),
)


def test_says_they_do_not_understand() -> None:
    found = detect("customer.confusion", DONT_UNDERSTAND)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(DONT_UNDERSTAND, found[0]) == ["I don't understand", "Where do I find that"]
    assert found[0].score >= 0.8


def test_asks_what_a_term_means() -> None:
    found = detect("customer.confusion", WHAT_IS_TERM)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(WHAT_IS_TERM, found[0]) == ["what is a DNS?"]


def test_non_technical_self_description_is_marked() -> None:
    found = detect("customer.confusion", NOT_TECHNICAL)
    assert [f.message_id for f in found] == ["m1"]
    assert found[0].data["non_technical"] is True
    assert evidence_text(NOT_TECHNICAL, found[0]) == ["I'm not very technical"]


def test_echoed_agent_term() -> None:
    found = detect("customer.confusion", ECHOED_TERM)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(ECHOED_TERM, found[0]) == ["BIOS?"]
    assert "non_technical" not in found[0].data


def test_huh() -> None:
    found = detect("customer.confusion", HUH)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(HUH, found[0]) == ["huh?"]


def test_plain_questions_are_not_confusion() -> None:
    assert detect("customer.confusion", PLAIN_QUESTION) == []


def test_understood_reply_is_quiet() -> None:
    assert detect("customer.confusion", UNDERSTOOD) == []


def test_bare_question_mark_after_own_message_is_a_nudge() -> None:
    assert detect("customer.confusion", NUDGE_NOT_PUZZLED) == []


# --- precision (v2): puzzled by the fault, the world or their own output, not by the agent -----
# Each pattern below was a false positive on real Ubuntu IRC / TWCS chats (docs page, "Measured precision").
BEFORE_ANY_AGENT = conv(
    ("c", "My wifi drops every hour. I don't understand why it keeps crashing."),
    ("c", "What does this mean? http://img.example.com/boot-error.jpg"),
)
WHY_AFTER_AGENT = conv(
    ("c", "the package has been broken for a year"),
    ("a", "maybe nobody reported it"),
    ("c", "i don't understand how the latest package can have such a bug and nobody noticed"),
)
THATS_WHY_CONFUSED = conv(
    ("c", "it still hangs at boot"),
    ("a", "reboot? I don't really know"),
    ("c", "yeah I rebooted"),
    ("c", "that's why I'm confused"),
)
DONT_GET_IT_TO = conv(
    ("a", "which driver do you use?"),
    ("c", "bcm43xx, and I don't get it to show up in the restricted drivers list"),
)
PRODUCT_IS_CONFUSING = conv(
    ("a", "I've heard good things about rtorrent."),
    ("c", "ah right, command line torrent clients are confusing"),
)
WHICH_IS_BETTER = conv(
    ("c", "32bit with PAE or the 64bit edition for 8gb of ram?"),
    ("a", "PAE can access 12gb ram. Depends on what the system will be used for"),
    ("c", "it's my home pc, i just wanted to know which option is better"),
)
SOMEONE_ELSE_NEW = conv(
    ("c", "I'll try compiling the kernel myself"),
    ("a", "sure"),
    ("c", "but.. if you are new to linux.. thats probably quite a project"),
)
OWN_ERROR_OUTPUT = conv(
    ("a", "tail /var/log/syslog and tell me what you see"),
    ("c", "E: Package zsnes has no installation candidate"),
    ("c", "what does this mean?"),
)
BARE_AFTER_OWN_REPORT = conv(
    ("a", "portmap is in the rpcbind package; if it's not installed, maybe that is your problem"),
    ("c", "rpcbind is installed"),
    ("c", "i don't get it"),
)
CONFUSED_BY_AGENT_THEN_WHY = conv(
    ("c", "why is nothing from getdeb in the repositories?"),
    ("a", "because much of it is not officially supported"),
    ("c", "I'm afraid I don't understand; why isn't it officially supported?"),
)
ASKS_ABOUT_AGENT_TERM_LATER = conv(
    ("a", "you need unrar-nonfree then"),
    ("c", "ok"),
    ("c", "what's that?"),
)


@pytest.mark.parametrize("conversation", [
    BEFORE_ANY_AGENT, WHY_AFTER_AGENT, THATS_WHY_CONFUSED, DONT_GET_IT_TO, PRODUCT_IS_CONFUSING, WHICH_IS_BETTER,
    SOMEONE_ELSE_NEW, OWN_ERROR_OUTPUT, BARE_AFTER_OWN_REPORT,
], ids=["before_any_agent", "why_after_agent", "thats_why_confused", "dont_get_it_to", "product_is_confusing",
        "which_is_better", "someone_else_new", "own_error_output", "bare_after_own_report"])
def test_puzzlement_not_about_the_agent_is_quiet(conversation) -> None:
    assert detect("customer.confusion", conversation) == []


def test_not_understanding_the_agents_answer_still_counts() -> None:
    found = detect("customer.confusion", CONFUSED_BY_AGENT_THEN_WHY)
    assert evidence_text(CONFUSED_BY_AGENT_THEN_WHY, found[0]) == ["I don't understand"]
    assert found[0].data["reasons"] == ["not_understand"]


def test_asking_about_the_agents_term_a_message_later_counts() -> None:
    found = detect("customer.confusion", ASKS_ABOUT_AGENT_TERM_LATER)
    assert [f.message_id for f in found] == ["m3"]
    assert evidence_text(ASKS_ABOUT_AGENT_TERM_LATER, found[0]) == ["what's that"]


# v3 (QA pass 5): the family of "not good with computers", not its spellings.
@pytest.mark.parametrize("text", [
    "I'm not very good with computers. The printer won't print anything.",
    "I've never been great at tech, sorry.",
    "I'm pretty hopeless with technology.",
])
def test_non_technical_self_descriptions(text: str) -> None:
    found = detect("customer.confusion", conv(("c", text)))
    assert found and found[0].data.get("non_technical")


def test_someone_elses_skills_are_not_a_self_description() -> None:
    assert detect("customer.confusion", conv(("c", "My manager says you're not good with computers."))) == []


def test_says_confused_for_the_coach() -> None:
    from patiently.detectors.customer_confusion import says_confused

    assert says_confused("I don't understand how to reset my password") > 0
    assert says_confused("I'm confused.") > 0
    assert says_confused("I don't understand why it crashes") == 0


def test_the_evidence_of_a_whole_sentence_question_starts_at_the_question() -> None:
    """It started at the previous sentence's full stop ('. Where is it?')."""
    c = conv(("c", "The printer says offline."), ("a", "Open Settings, then Printers."),
             ("c", "Sorry, I still don't understand where to click. Where is it?"))
    texts = [c.messages[2].text[s.start:s.end] for f in detect("customer.confusion", c) for s in f.evidence
             if s.message_id == "m3"]
    assert "Where is it?" in texts and not any(t.startswith(".") for t in texts)


# v4 (QA pass 8, b25): not understanding or knowing the domain itself is a self-description too.
@pytest.mark.parametrize("text", [
    pytest.param("Sorry, I really don't understand computers. My work laptop says 'device not compliant'.",
                 id="b25_dont_understand_computers"),
    pytest.param("I don't know anything about computers, my son set this up.", id="dont_know_about"),
    pytest.param("Computers confuse me, so please go slowly.", id="confuse_me"),
    pytest.param("I'm not a tech person, what do I press?", id="not_a_tech_person"),
    pytest.param("Technology is not my thing, sorry.", id="not_my_thing"),
])
def test_not_understanding_computers_is_a_self_description(text: str) -> None:
    found = detect("customer.confusion", conv(("c", text)))
    assert found and found[0].data.get("non_technical")


@pytest.mark.parametrize("text", [
    pytest.param("I don't understand why the computers in room 4 are so slow.", id="puzzled_by_fault"),
    pytest.param("I don't understand computers is what my dad always says.", id="quoting_someone"),
    pytest.param("My colleague is not a tech person, so I'm setting it up for her.", id="someone_else"),
])
def test_domain_words_in_other_sentences_are_not_a_self_description(text: str) -> None:
    assert not any(f.data.get("non_technical") for f in detect("customer.confusion", conv(("c", text))))


def test_not_understanding_computers_is_not_confusion_for_the_coach() -> None:
    from patiently.detectors.customer_confusion import says_confused

    assert says_confused("I don't understand computers, sorry.") == 0
    assert says_confused("I don't understand, sorry.") > 0


# v5 (QA pass 13): one list of self-descriptions, non_technical.yaml's, read by customer.confusion (hence the coach)
# and agent.jargon alike; someone else setting the devices up and not knowing what the words mean are in it.
def test_v5_confusion_yaml_has_no_list_of_its_own() -> None:
    from patiently.lexicon import load_lexicon

    assert "non_technical" not in {c.name for c in load_lexicon("confusion").categories}


def test_v5_every_listed_self_description_is_read_as_non_technical() -> None:
    from patiently.lexicon import load_lexicon

    lex = load_lexicon("non_technical")
    said = lex.category("self_description").meta["phrases"]
    missed = [p for p in said
              if not any(f.data.get("non_technical") for f in detect("customer.confusion", conv(("c", f"Hi, {p}."))))]
    assert said and not missed
    # asking for plain words is read too: as non-technical, or as not following where confusion.yaml lists it
    asked = lex.category("plain_request").meta["phrases"]
    assert all(detect("customer.confusion", conv(("c", f"Hi, {p}."))) for p in asked)


@pytest.mark.parametrize("text", [
    pytest.param("I'm 72 and my grandson set this up. I don't know what any of these words mean. The game console "
                 "won't go online.", id="b26_grandson_set_this_up"),
    pytest.param("My daughter usually sets it all up for me, and now the printer is offline.", id="daughter_sets_up"),
    pytest.param("I have no idea what these terms mean, I just want the wifi back.", id="no_idea_what_terms_mean"),
    pytest.param("I don't really know computers, the photos won't open.", id="b23_dont_really_know_computers"),
])
def test_v5_these_say_the_customer_is_not_technical(text: str) -> None:
    found = detect("customer.confusion", conv(("c", text)))
    assert found and found[0].data.get("non_technical")


@pytest.mark.parametrize("text", [
    pytest.param("My son set up a minecraft server and it crashes every hour.", id="sons_server"),
    pytest.param("I don't know what these error codes mean: 0x80070005.", id="error_codes"),
    pytest.param("My brother set this up years ago, the RAID is degraded now.", id="brother_not_listed"),
    pytest.param("I don't know which computer model I have.", id="which_model"),
])
def test_v5_these_do_not(text: str) -> None:
    assert not any(f.data.get("non_technical") for f in detect("customer.confusion", conv(("c", text))))
