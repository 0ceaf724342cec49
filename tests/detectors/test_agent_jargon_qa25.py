"""agent.jargon v15 (QA pass 25): glossary v8, an acronym in capitals before a hyphen and a lower-case word ("the
MDM-pushed profile"), and acronyms the glossary lacks said to a lay customer (``_jargon_acronyms``)."""

import pytest

from patiently.detectors._jargon_acronyms import unknown_acronyms
from patiently.detectors._jargon_terms import glossary_terms

from conftest import conv, detect

NOT_TECHNICAL = "I'm not a computer person at all. My email stopped working on my phone this morning."
PENSIONER = "I'm a pensioner and my grandson usually helps me with this. The internet is gone on my computer."
PLAIN = "My email stopped working on my phone this morning."  # no sign either way
SYSADMIN = "I'm the sysadmin here. Mail on the managed phones stopped syncing this morning."


def _terms(customer: str, agent: str) -> list[str]:
    found = detect("agent.jargon", conv(("c", customer), ("a", agent)))
    return list(found[0].data["terms"]) if found else []


def _glossary(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in glossary_terms(text)]


# --- glossary v8: the words of a phone-mail or broadband fix ------------------------------------------------
def test_qa25_b04_every_term_of_the_phone_mail_fix_is_found() -> None:
    agent = ("Your IMAP client probably lost its OAuth token after the tenant migration. Re-auth via the MDM-pushed "
             "profile, or remove the EAS account and re-provision it.")
    assert _terms(NOT_TECHNICAL, agent) == ["IMAP", "OAuth token", "tenant", "Re-auth", "MDM", "EAS account",
                                            "re-provision"]


def test_qa25_b30_credentials_and_the_wan_interface_are_found_for_a_pensioner() -> None:
    agent = "Please power-cycle the ONT, then check the PPPoE credentials on the WAN interface."
    assert _terms(PENSIONER, agent) == ["power-cycle", "ONT", "PPPoE", "credentials", "WAN interface"]


@pytest.mark.parametrize("term", ["EAS", "ActiveSync", "EAS account", "OWA", "app password", "re-auth", "reauth",
                                  "re-authenticate", "re-provision", "reprovisioned", "WAN", "WAN interface",
                                  "WAN IP", "LAN", "LAN port", "WPS button", "Ethernet cable", "FTTP", "FTTC", "DSL",
                                  "credentials", "router admin page", "NTP", "SMB share", "UPnP", "DMZ"])
def test_v8_glossary_terms(term: str) -> None:
    text = f"Please check {term} now."
    assert _glossary(text) == [term]


@pytest.mark.parametrize("text", ["He gave me a wan smile.", "The eas file is attached.", "Type your password.",
                                  "Open your browser and join the Wi-Fi.", "Plug the cable into LAN1.",
                                  "The dmz of our old house.", "Please re-send it and re-open the app."])
def test_v8_ordinary_words_are_not_terms(text: str) -> None:
    assert _glossary(text) == []


def test_credentials_are_common_a_customer_of_unknown_skill_knows_them() -> None:
    assert _terms(PLAIN, "Please enter your credentials again and sign in.") == []
    assert _terms(PENSIONER, "Please enter your credentials again and sign in.") == ["credentials"]


# --- an acronym before a hyphen and a lower-case word is still the acronym -------------------------------------
@pytest.mark.parametrize(("text", "term"), [
    ("Re-auth via the MDM-pushed profile.", "MDM"),
    ("Use the SSO-enabled portal.", "SSO"),
    ("It is a VPN-only app.", "VPN"),
    ("We added DNS-level blocking.", "DNS"),
    ("Make sure the clock is NTP-synced.", "NTP"),
])
def test_an_acronym_in_capitals_before_a_hyphen_is_the_term(text: str, term: str) -> None:
    assert term in _glossary(text)


@pytest.mark.parametrize("text", ["sudo apt-cache search dns-server", "Install the ssh-askpass package.",
                                  "Run mdm-helper as root.", "Use DNS-over-HTTPS-ish names.", "Ask NW-GUEST-4471."])
def test_lower_case_compounds_and_codes_stay_no_terms(text: str) -> None:
    assert not any(t in ("DNS", "MDM", "SSH") for t in _glossary(text)), _glossary(text)


# --- unknown acronyms to a lay customer -----------------------------------------------------------------------
@pytest.mark.parametrize(("agent", "term"), [
    ("Please remove the EWS profile from your phone.", "EWS"),
    ("Our NOC saw the outage and is on it.", "NOC"),
    ("The MTA rejected your message.", "MTA"),
    ("The OLT at the exchange needs a reset.", "OLT"),
    ("Your STB needs a new LNB.", "STB"),
])
def test_an_acronym_the_glossary_lacks_is_jargon_to_a_lay_customer(agent: str, term: str) -> None:
    assert term in _terms(NOT_TECHNICAL, agent)


@pytest.mark.parametrize("agent", [
    "Please bring your DOB and IBAN to the branch.",  # everyday acronyms
    "RSVP by Friday and we'll send it by DHL.",
    "The reference number is at the top right, starting with CLM.",  # a code to read off a letter
    "Quote reference ABX when you call.",
    "Save it as a PDF on a USB stick ASAP.",  # common in English
    "PLEASE NOTE the office is closed.",  # words in capitals
    "Thanks, TY - Chris",  # two letters: a sign-off, initials
    "Then open HKLM\\Software\\Policies in the list.",  # part of a path: the path is what to read
])
def test_everyday_acronyms_codes_and_capital_words_are_not_jargon(agent: str) -> None:
    assert _terms(NOT_TECHNICAL, agent) == []


def test_qa25_b04_the_rule_alone_finds_eas_and_mdm() -> None:
    text = "Re-auth via the MDM-pushed profile, or remove the EAS account and re-provision it."
    assert [text[s:e] for s, e in unknown_acronyms(text, [], frozenset())] == ["MDM", "EAS"]


def test_unknown_acronyms_count_only_for_a_lay_customer() -> None:
    agent = "Our NOC saw the outage and the MTA is queueing mail."
    assert _terms(PLAIN, agent) == []  # unknown skill: the rule is for lay customers only
    assert _terms(SYSADMIN, agent) == []
    assert _terms(NOT_TECHNICAL, agent) == ["NOC", "MTA"]


def test_the_customers_own_acronym_and_names_are_not_jargon() -> None:
    assert _terms("I'm not technical. My EAS account on the phone stopped.", "Please remove the EAS account.") == []
    assert unknown_acronyms("KDE: try again", [], frozenset({"kde"})) == []


def test_an_explained_acronym_is_fine() -> None:
    assert _terms(NOT_TECHNICAL, "Our NOC (the team that watches the network day and night) saw it.") == []
