"""agent.jargon v11 and customer.confusion v6 (QA passes 16-18): density, a technical self-introduction, lay signs."""

import pytest

from conftest import conv, detect

DENSE = conv(
    ("c", "My internet keeps dropping."),
    ("a", "Renew the DHCP lease, flush the DNS cache and check the MTU."),
)
SPREAD = conv(
    ("c", "My internet keeps dropping."),
    ("a", "Thanks for bearing with me. The simplest thing to try first is to renew the DHCP lease on your laptop. If "
          "that doesn't help, we can flush the DNS cache together, and if it still drops after that I'll check the MTU "
          "on our side and call you back this afternoon with what I find."),
)
SYSADMIN = conv(
    ("c", "I'm the sysadmin for our office. The new Dell won't boot the installer."),
    ("a", "Disable Secure Boot, set the boot order to USB first and boot the installer in UEFI mode."),
)
NO_ROLE = conv(
    ("c", "The new Dell won't boot the installer."),
    ("a", "Disable Secure Boot, set the boot order to USB first and boot the installer in UEFI mode."),
)
AGE = conv(
    ("c", "I'm 78 and my internet is very slow in the evenings. My grandson isn't around to help."),
    ("a", "Switch your SSID to the 5GHz band."),
)


def _score(c) -> float:
    found = detect("agent.jargon", c)
    return max((f.score for f in found), default=0.0)


def test_dense_terms_weigh_more_than_the_same_terms_spread_out() -> None:
    assert _score(DENSE) == pytest.approx(0.5)  # three terms 0.4, packed: +0.1
    assert _score(SPREAD) == pytest.approx(0.4)


def test_a_technical_self_introduction_damps_the_score() -> None:
    assert _score(NO_ROLE) == pytest.approx(0.5)  # three packed terms
    assert not detect("agent.jargon", SYSADMIN)  # technical: no density bonus, 0.4 x 0.6 is below the report line


def test_age_and_the_helper_away_make_a_lay_audience() -> None:
    found = detect("agent.jargon", AGE)
    assert found and found[0].data["non_technical_customer"]
    assert {"SSID", "5GHz band"} <= set(found[0].data["terms"])  # 5GHz is `common`: counted for a lay audience
    confusion = detect("customer.confusion", AGE)
    assert confusion and confusion[0].data.get("non_technical")
