"""QA passes 16-18's jargon misses (agent.jargon v11, it_glossary v6, non_technical.yaml v4, customer.confusion v6),
fixed after the passes (not measured on new drafts): each case with made-up variants both ways.

1. billing and contract jargon to a customer who does not follow their invoice (QA pass 17 b32);
2. a customer who shows they are no technical audience without saying "I'm not technical": their age, the relative
   who helps being away, "I have no idea how to do that" (QA pass 17 b21, QA pass 18 b16);
3. many terms packed into one short reply (QA pass 16 b18).
"""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.detectors.agent_jargon import glossary_terms
from patiently.detectors.customer_confusion import says_non_technical
from test_coach_misses import _serious


def _terms(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in glossary_terms(text)]


# --- 1. billing and contract terms ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("Your invoice shows a pro-rated ARR adjustment due to a mid-term seat true-up under the MSA.",
                 "Customer: why is my bill higher this month? I run a small bakery, I don't understand these invoices",
                 id="qa17_b32_bakery"),
    pytest.param("The difference is the true-up for the extra seats, billed in arrears on net 30 terms.",
                 "Customer: I'm not very technical and I have no head for this invoice.", id="true_up_arrears_net30"),
    pytest.param("That's the pro-rated charge from co-terming your add-on with the MSA renewal, plus overage fees.",
                 "Customer: I don't understand why I was charged twice this month. I just run a flower shop.",
                 id="co_terming_msa_overage"),
    pytest.param("Your ACV changed after the accrual for the per-seat licence true-up.",
                 "Customer: can you explain my bill in plain English please?", id="acv_accrual_plain_request"),
    pytest.param("The MRR went up with the renewal uplift and the dunning fee.",
                 "Customer: I'm 80 and my bill has gone up again, why?", id="mrr_uplift_dunning_age"),
])
def test_billing_jargon_to_a_lay_customer_is_serious(draft: str, context: str) -> None:
    assert _serious(draft, context, "jargon")


@pytest.mark.parametrize(("draft", "context"), [
    # explained in the draft
    pytest.param("Your bill is higher because of a true-up, which is a catch-up charge for the two people you added "
                 "in March. It's pro-rated (charged only for the weeks you had them), so it's £18 rather than £30.",
                 "Customer: why is my bill higher this month? I run a small bakery, I don't understand these invoices",
                 id="explained"),
    # the customer's own words
    pytest.param("Yes: the ARR difference is the true-up for the 12 seats you added mid-term under the MSA.",
                 "Customer: I'm the finance controller. Our ARR on the MSA doesn't match our PO after the seat "
                 "true-up, is that expected?", id="finance_controller_own_words"),
    # plain uses of the same words
    pytest.param("Your seat on the 9:40 flight is 14C; the seat number is on your boarding pass.",
                 "Customer: I don't understand my booking, which seat do I have?", id="plane_seat"),
    pytest.param("The £30 is the net amount; with VAT it comes to £36. I've put both on the invoice.",
                 "Customer: I don't understand these invoices", id="net_amount"),
])
def test_billing_lookalikes_stay_quiet(draft: str, context: str) -> None:
    assert not _serious(draft, context, "jargon")


def test_billing_terms_are_glossary_terms_but_not_their_plain_lookalikes() -> None:
    assert _terms("a pro-rated ARR adjustment due to a mid-term seat true-up under the MSA") == [
        "pro-rated", "ARR", "seat true-up", "MSA"]
    assert _terms("We bill net 30; prorated credits and overage charges show per seat.") == [
        "net 30", "prorated", "overage charges", "per seat"]
    # a plane or cinema seat, "arr" in a pirate joke, "msa" in lower case, the net amount
    assert _terms("Your seat is 14C. arr matey! the msa folder. The net amount is £30.") == []


# --- 2. a lay customer who does not say "I'm not technical" ----------------------------------------------------------
@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("Just go into the BIOS, disable Secure Boot, and set the boot order to UEFI USB first.",
                 "Customer: my grandson said I need to reinstall windows, I have no idea how to do that, I'm 75",
                 id="qa17_b21_age_no_idea"),
    pytest.param("It's probably contention on the node during peak hours, or 2.4GHz interference. Switch your SSID to "
                 "the 5GHz band and check your throughput with a speed test.",
                 "Customer: I'm 78 and my internet is very slow in the evenings. My grandson isn't around to help.",
                 id="qa18_b16_age_grandson_away"),
    pytest.param("Change the boot order in the BIOS so it starts from the USB stick.",
                 "Customer: My daughter usually does all this for me but she's on holiday. The laptop won't start.",
                 id="daughter_usually_does_it"),
    pytest.param("Switch your SSID to the 5GHz band to avoid the interference.",
                 "Customer: I'm a pensioner and the internet keeps dropping.", id="pensioner"),
    pytest.param("Reset the DHCP lease and flush the DNS cache.",
                 "Customer: You want me to change the router? I have no idea how to do that.", id="no_idea_how"),
    pytest.param("Disable Secure Boot in the UEFI and set the boot order.",
                 "Customer: I am 82 years old, the computer says it can't find Windows", id="years_old"),
])
def test_jargon_to_a_customer_who_shows_they_are_not_technical_is_serious(draft: str, context: str) -> None:
    r = check(draft, context=context)
    assert "non_technical" in r.context.customer
    assert _serious(draft, context, "jargon")


@pytest.mark.parametrize("text", [
    "I have no idea how long it takes",
    "I have no idea how to fix it, that's why I'm writing",
    "I am 99% sure my settings are right",
    "and im 70.176.253.127.ph.ph.cox.net",
    "I'm 70 minutes into this call",
    "I'm 25 and new here",
    "my son isn't feeling well so I need the appointment moved",
    "my mother is 80 and her tablet is broken",
    "I wouldn't know where to start with all these emails",
])
def test_lookalikes_are_no_lay_signs(text: str) -> None:
    assert not says_non_technical(text)


@pytest.mark.parametrize(("draft", "context"), [
    # technical customers stay a technical audience
    pytest.param("Disable Secure Boot, set the boot order to USB first and boot the installer in UEFI mode.",
                 "Customer: I'm a sysadmin, our new Dell won't boot the Ubuntu installer from USB.", id="sysadmin"),
    pytest.param("Looks like contention on the node at peak times; pin the 5GHz band and check throughput.",
                 "Customer: network engineer here. iperf3 shows 300 Mbps at noon but 40 Mbps at 9pm, jitter spikes "
                 "on 2.4GHz too.", id="network_engineer"),
    # an older customer, told in plain words
    pytest.param("No problem, we'll do it together. Please turn the router off at the wall, wait a minute, and turn it "
                 "back on. Then tell me what the lights do.",
                 "Customer: I'm 78 and my internet is very slow in the evenings. My grandson isn't around to help.",
                 id="plain_words_to_78"),
    # explained in the draft
    pytest.param("Your Wi-Fi has two bands, which are like two radio channels: the 5GHz band (the faster one that "
                 "reaches less far) and the 2.4GHz band (the slower one that reaches further). Let's try the "
                 "faster one.",
                 "Customer: I'm 78 and my internet is very slow in the evenings.", id="bands_explained"),
])
def test_technical_or_plain_replies_stay_quiet(draft: str, context: str) -> None:
    assert not _serious(draft, context, "jargon")


# --- 3. density ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("draft", "context"), [
    pytest.param("Your TLS certificate expired and the intermediate chain is misconfigured, so the handshake fails "
                 "HSTS checks. Reissue via ACME.", "Customer: why is my website showing a security warning?",
                 id="qa16_b18_certificate"),
    pytest.param("Renew the DHCP lease, flush the DNS cache and check the MTU.",
                 "Customer: my internet keeps dropping, what can I do?", id="three_dense_terms"),
    pytest.param("It's contention on the node; pin the SSID to 5GHz and watch the throughput.",
                 "Customer: why is my internet so slow at night?", id="four_terms_short"),
])
def test_many_terms_in_a_short_reply_warn(draft: str, context: str) -> None:
    assert _serious(draft, context, "jargon")


@pytest.mark.parametrize(("draft", "context"), [
    # one term
    pytest.param("Your certificate has expired, so browsers show a warning. I'll renew it for you today and let you "
                 "know when it's done.", "Customer: why is my website showing a security warning?", id="one_term"),
    # the same three terms spread over a long, friendly reply
    pytest.param("Thanks for bearing with me. The simplest thing to try first is to renew the DHCP lease on your "
                 "laptop. If that doesn't help, we can flush the DNS cache together, and if it still drops after that "
                 "I'll check the MTU on our side and call you back this afternoon with what I find.",
                 "Customer: my internet keeps dropping, what can I do?", id="three_terms_spread_out"),
    # dense, but to an engineer
    pytest.param("The intermediate chain is missing, so the TLS handshake fails HSTS. Reissue via ACME.",
                 "Customer: I'm a DevOps engineer; since the renewal our nginx serves the leaf cert only and curl says "
                 "'unable to get local issuer certificate'.", id="dense_to_devops"),
])
def test_few_or_spread_out_terms_or_a_technical_customer_stay_below_warning(draft: str, context: str) -> None:
    assert not _serious(draft, context, "jargon")
