"""The coach on QA pass 25's jargon cases (agent.jargon v15, glossary v8), through ``check()``: every term of the
fix is flagged for a customer who is not technical, and the rewrite glosses it from the glossary."""

from __future__ import annotations

import pytest

from patiently.coach import check

NOT_TECHNICAL = [{"role": "customer",
                  "text": "I'm not a computer person at all. My email stopped working on my phone this morning."}]
PENSIONER = [{"role": "customer", "text": "I'm a pensioner and my grandson usually helps me with this. The internet is "
                                          "gone on my computer."}]


def _jargon(draft: str, context: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(f.text, f.severity) for f in check(draft, context=context).flags if f.category == "jargon"]


def test_qa25_b04_mdm_eas_re_auth_and_re_provision_are_problems() -> None:
    draft = ("Your IMAP client probably lost its OAuth token after the tenant migration. Re-auth via the MDM-pushed "
             "profile, or remove the EAS account and re-provision it.")
    flagged = dict(_jargon(draft, NOT_TECHNICAL))
    assert {"Re-auth", "MDM", "EAS account", "re-provision"} <= set(flagged)
    assert set(flagged.values()) == {"problem"}


def test_qa25_b30_credentials_and_wan_interface_are_glossed_for_a_pensioner() -> None:
    result = check("Please power-cycle the ONT, then check the PPPoE credentials on the WAN interface.",
                   context=PENSIONER)
    assert {"credentials", "WAN interface"} <= {f.text for f in result.flags if f.category == "jargon"}
    assert result.rewrite is not None
    assert "your user name and password" in result.rewrite.text
    # three glosses in one sentence go in a list after it (rewrite round 26)
    assert "\n- WAN interface: the side of your router that connects out to the internet" in result.rewrite.text


def test_variants_unknown_acronyms_to_a_lay_customer_are_flagged() -> None:
    for draft in ("Our NOC is looking at it, the MTA is queueing your mail.", "Please delete the EWS profile.",
                  "Your STB lost its signal from the LNB."):
        assert any(sev in ("warning", "problem") for _, sev in _jargon(draft, NOT_TECHNICAL)), draft


def test_near_misses_plain_replies_to_the_same_customer_stay_quiet() -> None:
    for draft in ("No problem. Open Settings on your phone, tap Mail, then Accounts, and tell me what you see.",
                  "Please type your password again, then tap Sign in. If it says your PIN is wrong, tell me.",
                  "Your reference starts with CLM and is at the top of the letter; read it to me when you're ready.",
                  "Please bring your DOB and the PDF of your letter on a USB stick, ASAP if you can."):
        assert _jargon(draft, NOT_TECHNICAL) == [], draft


# --- a gloss never splits an acronym from the word it is glued to ------------------------------------------------

@pytest.mark.parametrize(("draft", "want"), [
    pytest.param("Use the MDM-pushed profile.", "Use the MDM-pushed profile (MDM is the system", id="participle_noun"),
    pytest.param("Your laptop clock is NTP-synced, so the code should work.",
                 "Your laptop clock is NTP-synced (NTP is the internet time service", id="participle_last"),
    pytest.param("Open the SSO-enabled apps from the portal.", "Open the SSO-enabled apps (SSO is single sign-on",
                 id="enabled_apps"),
    pytest.param("The VPN-client needs an update.", "The VPN-client (VPN is a secure connection", id="noun_compound"),
])
def test_a_gloss_goes_after_a_hyphen_compound_and_names_its_acronym(draft: str, want: str) -> None:
    r = check(draft, context="Customer: I am not technical at all, sorry.")
    assert r.rewrite is not None and r.rewrite.text.startswith(want), r.rewrite.text
    assert "(" not in r.rewrite.text.split("-")[0]  # nothing between the acronym and its hyphen
