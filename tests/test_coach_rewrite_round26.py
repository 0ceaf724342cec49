"""Rewrite round 26: QA pass 26's rewrites that were worse than the draft (b21, b28) or the draft itself (b16, b37),
and the no_acknowledgment suggestion that named a joke where the draft held none, with made-up variants that must be
fixed and near-misses that must stay as they were."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.coach.rewrite import Edit
from patiently.coach.rewrite_frame import template_regex
from patiently.coach.rewrite_gloss import printable
from patiently.coach.rewrite_predicate import bare_predicate

VPN = "Customer: Why is the VPN so slow today?"
PORTAL = "Customer: Why does the portal keep logging me out?"
LICENCES = "Customer: Let me talk to my manager about whether we want the extra licences."
BOSS = "Customer: I need to check with my boss first."
FILES = "Customer: All my files on the shared drive are gone!! The whole Projects folder!!"
MERGE = "Customer: The mail merge sent all 300 customers the wrong names. What happened?"


def result(draft: str, context: str) -> tuple[str, bool, list[str]]:
    r = check(draft, context=context)
    assert r.rewrite is not None
    return r.rewrite.text, r.rewrite.complete, list(r.rewrite.unchanged)


def suggestion(draft: str, context: str, category: str) -> str:
    return next(f.suggestion for f in check(draft, context=context).flags if f.category == category)


# --- a cut never leaves a verb with nothing to say (b21) ---

@pytest.mark.parametrize(("draft", "context", "want"), [
    pytest.param("Honestly no clue, the damn thing has been crap all week.", VPN,
                 "I'm not sure yet, but the thing has been having problems all week.", id="b21"),
    pytest.param("The login page has been shit all week, try clearing your cookies.", PORTAL,
                 "The login page has been having problems all week, try clearing your cookies.", id="shit_all_week"),
    pytest.param("Dunno, the wifi is crap today.", PORTAL,
                 "I'm not sure yet, but the wifi is having problems today.", id="dunno_crap_today"),
    pytest.param("idk, the portal has been shitty lately.", PORTAL,
                 "I'm not sure yet, but the portal has been having problems lately.", id="idk_shitty_lately"),
    pytest.param("The login page is crap at the moment, try clearing your cookies.", PORTAL,
                 "The login page is having problems at the moment, try clearing your cookies.", id="at_the_moment"),
])
def test_b21_a_swear_that_is_the_predicate_is_said_plainly(draft: str, context: str, want: str) -> None:
    text, complete, _ = result(draft, context)
    assert text == want and complete


@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Honestly this portal is so stupid today, it logs everyone out.", "It logs everyone out.",
                 id="so_stupid_today"),
    pytest.param("That's crap, the portal works fine for me.", "The portal works fine for me.", id="thats_crap"),
    pytest.param("You're crap at this, just clear your cookies.", "Just clear your cookies.", id="crap_at_this"),
])
def test_b21_a_cut_predicate_takes_its_clause(draft: str, want: str) -> None:
    text = result(draft, PORTAL)[0]
    assert text == want and "having problems" not in text


@pytest.mark.parametrize(("draft", "want"), [
    # a swear that only strengthens the word after it goes alone: the sentence still says something
    pytest.param("The server is damn slow today, I'll restart it.", "The server is slow today, I'll restart it.",
                 id="damn_slow"),
    pytest.param("The portal is bloody annoying today, clear your cookies and it'll work.",
                 "The portal is annoying today, clear your cookies and it'll work.", id="bloody_annoying"),
    pytest.param("The server is fucking slow right now, give it ten minutes.",
                 "The server is slow right now, give it ten minutes.", id="fucking_slow"),
])
def test_b21_near_misses_keep_the_sentence(draft: str, want: str) -> None:
    assert result(draft, PORTAL)[0] == want


@pytest.mark.parametrize(("draft", "word", "bare"), [
    ("The thing has been crap all week.", "crap", True),
    ("It is so dumb today, sorry.", "dumb", True),
    ("That's crap, the portal works.", "crap,", True),
    ("The server is damn slow today.", "damn", False),
    ("The thing has been crap.", "The", False),
    ("It is damn annoying.", "damn", False),
])
def test_bare_predicate(draft: str, word: str, bare: bool) -> None:
    s = draft.index(word)
    assert bare_predicate(draft, Edit(s, s + len(word), "")) is bare


# --- "take your time" never stands beside a deadline, and a threat to stop helping goes (b28) ---

@pytest.mark.parametrize(("draft", "context", "want"), [
    pytest.param("Sure, but I'd really recommend deciding now. I can only hold this quote for the next hour and I "
                 "won't be able to help you after that.", LICENCES,
                 "I can only hold this quote for the next hour.", id="b28"),
    pytest.param("Sure, but I'd really recommend deciding now. I can only hold this price for the next two hours, and "
                 "after that we can't help you.", BOSS, "I can only hold this price for the next two hours.",
                 id="after_that_first"),
    pytest.param("Hurry up please. I'll keep the booking for you for 24 hours, after that I can't help you.", BOSS,
                 "I'll keep the booking for you for 24 hours.", id="booking_24_hours"),
    pytest.param("Please hurry up. The discount is only available for the next hour. I can't do anything more once "
                 "it expires.", BOSS, "The discount is only available for the next hour.", id="once_it_expires"),
])
def test_b28_no_patience_beside_a_deadline_and_no_threat(draft: str, context: str, want: str) -> None:
    text, _, _ = result(draft, context)
    assert text == want and "take your time" not in text.lower()


@pytest.mark.parametrize("text", [
    "I can only hold this quote for the next hour.",
    "We can reserve the slot for you for 30 minutes.",
    "The offer is only available for the next 2 hours.",
])
def test_deadline_held_for_a_time(text: str) -> None:
    assert template_regex("deadline").search(text)


@pytest.mark.parametrize("text", [
    "Hold the power button for 10 seconds to restart.",
    "Keep the laptop plugged in for an hour.",
    "I'll be able to help you after that.",
])
def test_deadline_near_misses(text: str) -> None:
    assert not template_regex("deadline").search(text)


def test_b28_near_miss_help_after_that_stays() -> None:
    draft = "Hurry up and decide. I'm in a meeting until 3, and I'll be able to help you after that."
    assert "I'll be able to help you after that" in result(draft, BOSS)[0]


# --- the blame a tone flag found is taken out where a rule knows its words (b16, b37) ---

@pytest.mark.parametrize(("draft", "context", "want"), [
    # the lecture is flagged too since pass 24's round (condescending v25) and goes with the verdict
    pytest.param("The logs show your account deleted the folder at 10:42, so you did this yourself. You should be "
                 "more careful with shared folders.", FILES,
                 "The logs show your account deleted the folder at 10:42.", id="b16"),
    # "The system works as designed." is a brush-off flagged since round 26 (dismissive v25) and goes as well
    pytest.param("The template was set up incorrectly on your side, which caused this. The system works as designed.",
                 MERGE, "The template was set up incorrectly, which caused this.", id="b37"),
    pytest.param("Your account removed the files at 9:15, which means you caused this.", FILES,
                 "Your account removed the files at 9:15.", id="which_means_you_caused_this"),
])
def test_b16_b37_the_verdict_on_who_did_it_goes(draft: str, context: str, want: str) -> None:
    assert result(draft, context)[0].endswith(want)


# --- the no_acknowledgment suggestion names what the rewrite keeps (b16) ---

@pytest.mark.parametrize(("draft", "context", "named"), [
    pytest.param("The logs show your account deleted the folder at 10:42, so you did this yourself. Remember to back "
                 "up your files often.", FILES, "(\"Remember to back up your files often\")", id="b16_lecture"),
    pytest.param("Sure, I could look into it, but you'll have to be a bit more patient than this. We're not your "
                 "personal IT department.", "Customer: I've been waiting THREE DAYS for someone to fix my laptop!!",
                 "Take out the brush-off first (\"We're not your personal IT department\")", id="brush_off"),
    pytest.param("This is the last time I'm going to walk you through this, so please pay attention.",
                 "Customer: I STILL can't get into the VPN, this is the third time I'm asking!!",
                 "Take out the talking-down first", id="talking_down"),
    pytest.param("lol no reason huh, they all say that. the system flagged u for aimbot, ban stays. gg.",
                 "Customer: I was banned for no reason!! Unban me now!!",
                 "Take out the joke at the customer's expense first (\"gg\")", id="joke"),
])
def test_no_acknowledgment_suggestion_names_what_stays(draft: str, context: str, named: str) -> None:
    said = suggestion(draft, context, "no_acknowledgment")
    assert named in said
    if "joke" not in named:
        assert "joke" not in said


# --- a gloss is plain: not its own term again, no brackets inside, a plural for a plural; few per sentence (b04,
# b25, b35) ---

@pytest.mark.parametrize(("term", "gloss", "want"), [
    pytest.param("Exchange ActiveSync", "Exchange ActiveSync, the way your phone's mail app gets your work email",
                 "the way your phone's mail app gets your work email", id="b04_own_term"),
    pytest.param("gateway", "the device (usually the router) your computer sends internet traffic through",
                 "the device, usually the router, your computer sends internet traffic through", id="b25_inner"),
    pytest.param("SMB shares", "a folder shared over the network", "folders shared over the network", id="b35_plural"),
    pytest.param("UE", "your phone (the network's name for it)", "your phone, the network's name for it",
                 id="inner_at_end"),
    pytest.param("MDM", "MDM: the system that manages work phones", "the system that manages work phones",
                 id="own_term_colon"),
    pytest.param("boxes", "a box of parts", "boxes of parts", id="plural_es"),
])
def test_printable_gloss(term: str, gloss: str, want: str) -> None:
    assert printable(term, gloss) == want


@pytest.mark.parametrize(("term", "gloss"), [
    pytest.param("MFA", "a second check on top of your password", id="acronym_not_plural"),
    pytest.param("access", "a way in", id="ss_not_plural"),
    pytest.param("settings", "a second list of options", id="adjective_first"),
    pytest.param("EAS", "Exchange ActiveSync, the way your phone's mail app gets your work email", id="expansion_kept"),
])
def test_printable_gloss_near_misses(term: str, gloss: str) -> None:
    assert printable(term, gloss) == gloss


NEW_STARTER = "Customer: Hi, I'm the new receptionist, I'm honestly not very techy! What do I need to do to get set up?"


def test_b35_more_than_two_glosses_go_in_a_list_after_the_sentence() -> None:
    draft = ("Welcome! Your AD account is provisioned. Just enroll the device in Intune, register the TOTP "
             "authenticator for MFA, and map the SMB shares.")
    r = check(draft, context=NEW_STARTER)
    assert r.rewrite is not None
    text = r.rewrite.text
    assert "and map the SMB shares.\n- " in text and "\n- SMB shares: folders shared over the network" in text
    assert "Intune (" not in text and "MFA (" not in text
    assert "Your AD account (" in text  # two glosses stay in their sentence
    # each flag's suggestion keeps its gloss in brackets
    assert any(f.suggestion.startswith("Intune (") for f in r.flags)


@pytest.mark.parametrize(("draft", "context", "line"), [
    pytest.param("It's an encrypted tunnel using IPsec or SSL that routes your traffic through our gateway. Just "
                 "install the client and authenticate via SAML SSO.",
                 "Customer: What's a VPN? My boss says I need it to work from home but I don't know what that is.",
                 "\n- gateway: the device, usually the router, your computer sends internet traffic through\nJust",
                 id="b25"),
    pytest.param("Please check whether your ONT is showing LOS, then power-cycle the router and verify the DHCP "
                 "lease renewal on the WAN interface.",
                 "Customer: My internet is down and I'm not techy at all, what do I do??",
                 "\n- WAN interface: the side of your router that connects out to the internet", id="broadband"),
])
def test_a_gloss_list_follows_its_sentence(draft: str, context: str, line: str) -> None:
    text = result(draft, context)[0]
    assert line in text


@pytest.mark.parametrize("draft", [
    pytest.param("Please restart your router and check the DNS settings.", id="one_gloss"),
    pytest.param("Flush the DNS cache. Then renew the DHCP lease. Then check the VPN.", id="one_per_sentence"),
    pytest.param("Check the SSID and the DHCP lease.", id="two_glosses"),
])
def test_two_glosses_or_fewer_stay_in_brackets(draft: str) -> None:
    r = check(draft, context="Customer: I'm not techy at all, my internet is down, what do I do??")
    assert r.rewrite is None or "\n- " not in r.rewrite.text
