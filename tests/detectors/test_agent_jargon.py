import pytest

from patiently.config import Settings
from patiently.detectors.agent_jargon import DETECTOR, glossary_terms
from patiently.detectors.base import DetectorContext
from patiently.lexicon import load_data
from patiently.model import Finding, Span

from conftest import conv, detect, evidence_text

NON_TECHNICAL = conv(
    ("c", "I'm not very technical, sorry. My internet stopped working."),
    ("a", "Flush the DNS and renew the DHCP lease."),
)
NEUTRAL_CUSTOMER = conv(
    ("c", "My internet stopped working."),
    ("a", "Flush the DNS and renew the DHCP lease."),
)
RARE_TECH_WORDS = conv(
    ("c", "My wifi card doesn't show up."),
    ("a", "run ndiswrapper and check wlan0 in /etc/network/interfaces"),
)
CONFUSED_COMMON_TERM = conv(
    ("c", "Sorry, what does that mean? I'm lost."),
    ("a", "Your VPN client needs an update."),
)
PLAIN_ENGLISH_LATER = conv(
    ("c", "Can you say that in plain English please?"),
    ("a", "Sure. Your MDM profile expired, so re-enroll the device."),
)
# --- must stay quiet ----------------------------------------------------------------
EXPLAINED = conv(
    ("c", "I'm not very technical. My internet stopped working."),
    ("a", "Let's clear the DNS (the internet's address book) so your computer looks websites up fresh."),
)
EXPLAINED_WHICH_IS = conv(
    ("c", "I can't log in to anything."),
    ("a", "Your SSO, which is the single login for all work apps, is locked. I've unlocked it."),
)
CUSTOMER_SAID_IT_FIRST = conv(
    ("c", "My DHCP lease keeps expiring and DNS fails too."),
    ("a", "Renew the DHCP lease and check DNS."),
)
NAMES_AND_TYPOS = conv(
    ("c:Xophe", "Hi, my screen flickers."),
    ("a", "Hi Xophe, thanks for teh details. Plese restart the laptop and tell me what you see."),
)
COMMON_TERM_TO_NEUTRAL_CUSTOMER = conv(
    ("c", "Can't reach the intranet from home."),
    ("a", "Please connect to the VPN first, then try again."),
)
SOCIAL_SIGNATURE = conv(
    ("c", "@brand my order is late"),
    ("a", "@115712 Sorry! Please DM us your order number and we'll check. *DannyHarvey #GetThanked"),
)


def test_non_technical_customer_gets_a_severe_finding_with_plain_wording() -> None:
    found = detect("agent.jargon", NON_TECHNICAL)
    assert [(f.label, f.message_id) for f in found] == [("agent.jargon", "m2")]
    f = found[0]
    assert evidence_text(NON_TECHNICAL, f) == ["Flush the DNS", "DHCP lease"]
    assert f.data["terms"] == ["Flush the DNS", "DHCP lease"] and f.data["non_technical_customer"] is True
    assert "Flush the DNS" in f.explanation and "saved list of website addresses" in f.explanation
    assert f.score >= 0.6
    assert f.score > detect("agent.jargon", NEUTRAL_CUSTOMER)[0].score


@pytest.mark.parametrize(
    ("conversation", "evidence"),
    [
        (NEUTRAL_CUSTOMER, ["Flush the DNS", "DHCP lease"]),
        (RARE_TECH_WORDS, ["ndiswrapper", "wlan0", "/etc/network/interfaces"]),
        (CONFUSED_COMMON_TERM, ["VPN"]),
        (PLAIN_ENGLISH_LATER, ["MDM profile", "re-enroll"]),  # it_glossary v4: re-enrol is its own term
    ],
)
def test_unexplained_terms_are_found(conversation, evidence) -> None:
    found = detect("agent.jargon", conversation)
    assert [(f.label, f.message_id) for f in found] == [("agent.jargon", "m2")]
    assert evidence_text(conversation, found[0]) == evidence
    assert found[0].data["terms"] == evidence


def test_rare_words_without_a_glossary_entry_are_named() -> None:
    f = detect("agent.jargon", RARE_TECH_WORDS)[0]
    assert '"ndiswrapper" is not in the glossary' in f.explanation and f.data["non_technical_customer"] is False


@pytest.mark.parametrize(
    "conversation",
    [EXPLAINED, EXPLAINED_WHICH_IS, CUSTOMER_SAID_IT_FIRST, NAMES_AND_TYPOS, COMMON_TERM_TO_NEUTRAL_CUSTOMER,
     SOCIAL_SIGNATURE],
)
def test_explained_shared_or_ordinary_words_stay_quiet(conversation) -> None:
    assert detect("agent.jargon", conversation) == []


def test_earlier_explanation_covers_later_uses() -> None:
    c = conv(
        ("c", "I'm not technical, my email is stuck."),
        ("a", "Your mailbox quota (the storage limit of your mailbox) is full."),
        ("c", "ok"),
        ("a", "Once I raise the mailbox quota, new mail will arrive."),
    )
    assert detect("agent.jargon", c) == []


def test_non_technical_flag_from_customer_confusion_findings_is_used() -> None:
    c = conv(("c", "Hmm, I don't follow."), ("a", "The TLS handshake fails at the proxy."))
    ctx = DetectorContext(c, Settings())
    ctx.findings.append(Finding("customer.confusion", 0.8, (Span("m1", 0, 5),), "confused", "customer.confusion@1",
                                message_id="m1", data={"non_technical": True}))
    found = DETECTOR.detect(c, ctx)
    assert found[0].data["non_technical_customer"] is True
    assert evidence_text(c, found[0]) == ["TLS handshake", "proxy"]


def test_rare_zipf_setting_is_honoured() -> None:
    c = conv(("c", "I'm not very technical. My wifi card doesn't show up."), ("a", RARE_TECH_WORDS.messages[1].text))
    strict = Settings.model_validate({"jargon": {"rare_zipf": 0.0}})
    assert detect("agent.jargon", c, strict)[0].data["terms"] == ["/etc/network/interfaces"]


def test_glossary_is_rich_and_every_term_has_plain_wording() -> None:
    data = load_data("it_glossary")
    assert data["description"] and len(data["terms"]) >= 150
    assert all(str(t["plain"]).strip() for t in data["terms"])
    spans = [(s, e) for s, e, _ in glossary_terms("renew the DHCP lease, then multifactor and https://x.org")]
    assert spans == [(10, 20), (27, 38)]


# --- who is listening ---------------------------------------------------------------
def test_one_term_for_a_non_technical_customer_is_reported() -> None:
    c = conv(("c", "I'm hopeless with computers, my email won't load."), ("a", "Your IMAP sync is stuck."))
    f = detect("agent.jargon", c)[0]
    assert evidence_text(c, f) == ["IMAP"] and f.score >= 0.5


def test_one_term_for_an_unknown_customer_is_not_reported() -> None:
    c = conv(("c", "Outlook keeps asking for my password."), ("a", "I've reset your Kerberos ticket, try again."))
    assert detect("agent.jargon", c) == []


def test_a_wall_of_jargon_is_clear_even_for_an_unknown_customer() -> None:
    c = conv(("c", "The website won't open."), ("a", "Check the proxy, the PAC file, your DNS server and the MTU."))
    f = detect("agent.jargon", c)[0]
    assert len(f.data["terms"]) == 4 and f.score >= 0.5


def test_technical_customer_damps_the_score() -> None:
    c = conv(
        ("c", "My DHCP lease renews but DNS over the VPN tunnel fails; the MTU looks right."),
        ("a", "Check split tunneling and the PAC file."),
    )
    assert detect("agent.jargon", c) == []


# --- instructions, names and codes are not jargon -----------------------------------
NON_TECH = ("c", "I'm not very technical, sorry. Something is wrong with my laptop.")
NEW_TO_LINUX = ("c", "I'm new to linux, sorry. Something is wrong with my laptop.")


@pytest.mark.parametrize(
    "reply",
    [
        'Click Start, type "Device Manager" and open it, then expand "Network adapters".',
        "Go to Settings > Privacy > Cookies and press Clear.",
        "Plug the cable into the socket labelled LAN1, then move it to LAN1 on the wall too.",
        "Use voucher code GUEST-2291-XK at portal.northwind.example/guest to get online.",
        "Your restored file is in F:\\Finance\\2026\\Restored\\budget_v3.xlsx now.",
        "Windows needs a small program called a driver to use the printer.",
        "I'll check the latency. Latency is the delay before data arrives, so high latency means slow pages.",
    ],
)
def test_instructions_labels_codes_and_explanations_stay_quiet(reply) -> None:
    assert detect("agent.jargon", conv(NON_TECH, ("a", reply))) == []


def test_customer_word_is_not_jargon_even_unlisted() -> None:
    c = conv(("c", "I'm not technical. The screen says my certificate expired."), ("a", "I renewed the certificate."))
    assert detect("agent.jargon", c) == []


def test_command_lines_to_type_are_instructions() -> None:
    # v17: to a newcomer at a terminal (Ubuntu named); tests/test_coach_misses_qa26.py has the lay customer without one
    c = conv(("c", "how do I install mplayer on ubuntu? I'm new to this"), ("a", "sudo apt-get install mplayer"))
    assert detect("agent.jargon", c) == []


def test_shop_talk_addressed_to_another_helper_is_skipped() -> None:
    c = conv(
        ("c:dave", "my wifi card won't load, I'm not very technical"),
        ("a:bob", "dave: which card is it?"),
        ("a:ann", "bob: probably needs ndiswrapper and a blacklisted bcm43xx module"),
    )
    assert detect("agent.jargon", c) == []


# --- v2: false-positive patterns from a hand-judged sample of Ubuntu IRC findings ---------
# A channel: several people, "nick: ..." addressing. Only lines for the customer count.
IRC_CHANNEL_CHATTER = conv(
    ("c:mpq", "how do I read my windows disk from ubuntu? I'm new to linux"),
    ("a:tux", "mpq: which windows version?"),
    ("a:geneo", "tux: it depends on the disk anyway"),
    ("a:geneo", "lilo has support for reiserfs4 and grub doesnt"),
)
IRC_HELPER_OWN_STORY = conv(
    ("c:kaye", "can I install ubuntu from an iso on my disk? I'm not very technical"),
    ("a:bash", "kaye: which release?"),
    ("a:ann", "kaye: the desktop one is easiest"),
    ("a:bash", "kaye: I'm booted diskless myself, from an iSCSI LUN using iBFT and iPXE"),
)
IRC_THREAD_WITH_CUSTOMER = conv(
    ("c:babel", "my wifi stick doesn't work, I'm new to linux"),
    ("a:jobe", "babel: ok, so you got the module name right."),
    ("a:ann", "jobe: nice"),
    ("a:jobe", "now try adding it to the /etc/modules file."),
)


def test_irc_chatter_between_helpers_is_skipped() -> None:
    assert detect("agent.jargon", IRC_CHANNEL_CHATTER) == []


def test_irc_helper_telling_their_own_setup_is_skipped() -> None:
    assert detect("agent.jargon", IRC_HELPER_OWN_STORY) == []


def test_irc_line_continuing_a_thread_with_the_customer_still_counts() -> None:
    found = detect("agent.jargon", IRC_THREAD_WITH_CUSTOMER)
    assert [f.message_id for f in found] == ["m4"]
    assert found[0].data["terms"] == ["/etc/modules"] and found[0].score >= 0.5


def test_irc_address_with_a_typo_or_short_nick_is_the_customer() -> None:
    c = conv(
        ("c:media64", "my screen resolution is wrong, I have no Linux experience"),
        ("a:achan", "media: check /etc/X11 and the xorg.conf"),
        ("a:other", "achan: good idea"),
    )
    assert [f.message_id for f in detect("agent.jargon", c)] == ["m2"]


@pytest.mark.parametrize(
    "reply",
    [
        "type: lsb_release -d : what does that tell you",
        'try to change resolution with "xrandr --output VGA1 --mode 1024x768"',
        "ln -s /bin/make /bin/gmake",
        'go to the text-only console and "mv ~/.gconf ~/.gconf.old\'. then try to login again.',
    ],
)
def test_command_lines_with_options_or_quotes_are_instructions(reply) -> None:
    # v17: to a customer at a terminal; a lay customer who names none is told a line they cannot place (qa26 tests)
    assert detect("agent.jargon", conv(NEW_TO_LINUX, ("a", reply))) == []


def test_a_term_already_said_is_not_reported_again() -> None:
    c = conv(
        ("c", "My disk layout is a mess."),
        ("a", "If /boot is on /dev/hda1 and you restore it to /dev/hda1, grub is fine."),
        ("c", "ok"),
        ("a", "Then grub still finds /dev/hda1."),
    )
    assert [f.message_id for f in detect("agent.jargon", c)] == ["m2"]


def test_a_term_said_before_counts_again_after_the_customer_is_lost() -> None:
    c = conv(
        ("c", "My disk layout is a mess."),
        ("a", "If /boot is on /dev/hda1 and you restore it to /dev/hda1, grub is fine."),
        ("c", "Sorry, what does that mean?"),
        ("a", "Then grub still finds /dev/hda1."),
    )
    assert [f.message_id for f in detect("agent.jargon", c)] == ["m2", "m4"]


@pytest.mark.parametrize(
    "reply",
    [
        "you mean in /etc/apt/sources.list? because that's the format for sources.list.",  # one file, named twice
        "will putting logging_app.tar.gz into /opt/bin work?",  # a file name
        "copy /home/user /home/newuser",  # folders in the home directory
        "right now your drive is more than likely mounted at /media/disk-1 and /media/disk-2",
        "To view your Windows partitions see !ntfs-3g or !fuse",  # help entries of the channel bot
        "installing outside the package manager makes updates/deinstallations harder and can break the kernel",
        "/etc/passwd has all the users and their login shell",  # explained
        "Open a terminal and check the alsamixer settings",  # "terminal" is a common word
    ],
)
def test_v2_quiet_cases(reply) -> None:
    assert detect("agent.jargon", conv(("c", "My laptop has a problem."), ("a", reply))) == []


def test_a_bots_canned_reply_to_a_request_is_skipped() -> None:
    c = conv(
        ("c:SSV", "what is a non pae ubuntu setup"),
        ("a:somsip", "!pae | SSV"),
        ("a:ubottu", "SSV: To use more than 3.2GB on a 32bit system install the PAE-enabled kernel. See the wiki."),
    )
    assert detect("agent.jargon", c) == []


# --- v3: the audience model --------------------------------------------------------------
TECH_REPLY = "check /var/log/syslog for kernel oops messages"  # two unexplained terms: 0.3 for anyone


@pytest.mark.parametrize(
    "customer",
    [
        "from -> ls <- gives directory contents",  # a command they ran
        "crimsun, 2.6.10-19",  # a kernel version
        "how can I set it so it boots with acpi=off every time?",  # a boot option
        "what's the difference between linux-generic and linux-686?",  # package names
        "i tried, it says NS_ERROR_FAILURE",  # an error code
        "my xterm ignores what I add in .Xresources",  # a config file
        "here is the output: http://paste.ubuntu.com/9631907/",  # pasted terminal output
        "I'm getting 127.0.1.1 when I ping my hostname",  # an address and a technical term
    ],
)
def test_a_customer_who_types_technical_things_is_a_technical_audience(customer) -> None:
    """One sign of working at a terminal is enough to damp the score below the report line."""
    assert detect("agent.jargon", conv(("c", customer), ("a", TECH_REPLY))) == []


@pytest.mark.parametrize(
    "customer",
    [
        "hey, i just installed Ubuntu 8.04 and my screen res is wrong",  # "8.04" is a product version, not a sign
        "My drivers are broken and the terminal shows nothing",  # everyday terms are not a sign
        "I need help with my sound",
    ],
)
def test_ordinary_customers_still_get_the_finding(customer) -> None:
    assert [f.message_id for f in detect("agent.jargon", conv(("c", customer), ("a", TECH_REPLY)))] == ["m2"]


@pytest.mark.parametrize(
    "customer",
    [
        "and i have absolutely no Linux experience",
        "im a newbie in linux, sorry",
        "I'm new to ubuntu",
        "I am a new user to UBUNTU",
    ],
)
def test_new_users_are_a_lay_audience(customer) -> None:
    c = conv(("c", "my screen resolution is wrong"), ("c", customer),
             ("a", "may be checking /etc/X11 and the xorg.conf"))
    f = detect("agent.jargon", c)[0]
    assert f.data["non_technical_customer"] is True and f.score >= 0.5


def test_saying_they_are_new_wins_over_what_they_typed() -> None:
    c = conv(
        ("c", "I'm new to linux. I typed sudo fdisk -l and it shows /dev/sda1, kernel 2.6.24-16"),
        ("a", TECH_REPLY),
    )
    f = detect("agent.jargon", c)[0]
    assert f.data["non_technical_customer"] is True and f.score >= 0.5


def test_not_a_newbie_is_not_a_lay_audience() -> None:
    c = conv(("c", "I'm not a newbie, ls -la shows the file"), ("a", TECH_REPLY))
    assert detect("agent.jargon", c) == []


def test_confusion_wins_over_a_technical_customer() -> None:
    c = conv(
        ("c", "My DHCP lease and DNS settings look fine, SSID too. The subnet mask?"),
        ("a", "ok"),
        ("c", "Sorry, what does that mean?"),
        ("a", "Your MTU and the default gateway differ."),
    )
    f = detect("agent.jargon", c)[0]
    assert f.message_id == "m4" and f.data["customer_confused"] is True and f.score >= 0.45 - 1e-9


def test_where_do_i_find_is_a_question_not_confusion() -> None:
    c = conv(("c", "Where do I find the intranet from home?"),
             ("a", "Please connect to the VPN first, then try again."))
    assert detect("agent.jargon", c) == []


def test_the_customers_word_in_singular_or_plural_is_their_vocabulary() -> None:
    c = conv(
        ("c", "I'm new to linux. I downloaded the NVIDIA drivers and MP3 files"),
        ("a", "Don't use those: install the restricted driver instead, then copy your MP3s."),
    )
    assert detect("agent.jargon", c) == []


@pytest.mark.parametrize("reply", ["/etc/init.d/gdm restart", "mount /dev/sdc1 /media/usb"])
def test_commands_starting_with_a_path_or_mount_are_instructions(reply) -> None:
    assert detect("agent.jargon", conv(("c", "I'm not very technical with Ubuntu."), ("a", reply))) == []


# v4 (QA pass 4b): a name to type, or one the agent gave earlier, is not jargon.
PRINTER_NAME_QUOTED = conv(
    ("c", "How do I connect to the office printer?"),
    ("a", "Open Settings, then Printers, then click Add printer and pick 'Floor2-HP'."),
    ("c", "OK but how do I connect to the printer? I don't see it."),
    ("a", "Sorry, I explained that badly. In Settings, click 'Add printer', then type Floor2-HP in the search box."),
)
TYPE_IN_SEARCH_BOX = conv(
    ("c", "I'm not technical at all. How do I add the printer?"),
    ("a", "Click Add printer, then type Floor2-HP in the search box."),
)
# Negative: a term to understand is still jargon after "type", for a non-technical customer.
TYPE_COMMAND_CONCEPT = conv(
    ("c", "I'm not technical at all. My internet is slow."),
    ("a", "Renew the DHCP lease and flush the DNS cache."),
)


def test_a_name_to_type_or_given_earlier_is_not_jargon() -> None:
    assert detect("agent.jargon", PRINTER_NAME_QUOTED) == []
    assert detect("agent.jargon", TYPE_IN_SEARCH_BOX) == []


def test_concepts_stay_jargon() -> None:
    assert [f.message_id for f in detect("agent.jargon", TYPE_COMMAND_CONCEPT)] == ["m2"]


# --- v6 (QA pass 11) ----------------------------------------------------------------------

def _terms(customer: str, reply: str) -> list[str]:
    c = conv(("c", customer), ("a", reply))
    found = detect("agent.jargon", c)
    return [t for f in found for t in f.data["terms"]]


def test_v6_b23_display_terms_for_a_non_technical_customer() -> None:
    terms = _terms("Sorry, I'm not a computer person. The screen on my work PC is all stretched and blurry.",
                   "No worries! Just set the display to its native resolution and check the scaling in the GPU "
                   "control panel.")
    assert terms == ["native resolution", "the scaling", "GPU control panel"]


def test_v6_display_terms_are_common_for_a_technical_customer() -> None:
    assert _terms("I'm a sysadmin, the second monitor flickers on the new driver.",
                  "Update the GPU driver and set the native resolution in the NVIDIA Control Panel.") == []


def test_v6_b06_a_command_word_after_a_is_a_noun() -> None:
    # "run a traceroute" names the test; "run traceroute example.com" is a line to copy
    terms = _terms("I'm not technical at all, my internet is slow, what should I do?",
                   "Flush your DNS cache, then check if your MTU is misconfigured and run a traceroute to "
                   "isolate the hop with packet loss.")
    assert {"traceroute", "packet loss"} <= set(terms)
    assert "traceroute" not in _terms("I'm not technical at all, my internet is slow. Terminal is open.",
                                      "Please run traceroute example.com and paste the output.")


def test_v6_b19_acronyms_joined_by_a_slash_are_two_terms() -> None:
    terms = _terms("I'm not good with computers, my emails aren't going out.",
                   "Your ticket was escalated to L2; they'll check the SMTP relay and the SPF/DKIM records "
                   "since your MX is misrouting.")
    assert {"escalated to L2", "SMTP relay", "SPF", "DKIM", "MX"} <= set(terms)


@pytest.mark.parametrize("text", ["/etc/dns/hosts", "usr/DNS", "mail.mx.example.com", "the L2 cache"])
def test_v6_paths_and_other_meanings_are_no_terms(text: str) -> None:
    found = [text[s:e] for s, e, _ in glossary_terms(text)]
    assert not any(t in ("DNS", "MX", "L2", "L2 support") for t in found), found


# --- v7 / glossary v3 (QA pass 12) -----------------------------------------------------
@pytest.mark.parametrize(
    ("draft", "term"),
    [
        ("Flush your DNS cache and check that the MTU isn't fragmenting over the IPsec tunnel.", "fragmenting"),
        ("Flush your DNS cache and check that the MTU isn't fragmenting over the IPsec tunnel.", "IPsec tunnel"),
        ("Flush your DNS cache and check the MTU isn't fragmenting over the IPsec tunnel.", "Flush your DNS"),
        ("Enable two-factor authentication via TOTP and re-provision the OAuth token.", "TOTP"),
        ("Enable two-factor authentication via TOTP and re-provision the OAuth token.", "OAuth token"),
        ("Your ONT isn't getting a session; check the WAN port.", "ONT"),
        ("Your ONT isn't getting a session; check the WAN port.", "WAN port"),
    ],
)
def test_glossary_v3_terms(draft, term) -> None:
    assert term in [draft[s:e] for s, e, _ in glossary_terms(draft)]


def test_glossary_v3_ont_needs_its_capitals() -> None:
    text = "Put it ont the table, then send it to the front desk."
    assert [text[s:e] for s, e, _ in glossary_terms(text)] == []


@pytest.mark.parametrize("said", [
    "My shared folder vanished. I don't really know computers.",  # QA pass 13, b23
    "I honestly don't get technology, sorry.",
    "I do not really understand these things.",
])
def test_non_technical_v2_really_dont_know_computers(said: str) -> None:
    from patiently.lexicon import load_lexicon

    assert load_lexicon("non_technical").first(said, ("self_description",)) is not None
    assert load_lexicon("non_technical").first("I don't know which computer model I have.",
                                                ("self_description",)) is None


# The one non-technical list (non_technical.yaml, merged for QA pass 13) is read with customer.confusion's
# rule that it describes the writer: "my colleague is not a tech person" says nothing about the customer.
@pytest.mark.parametrize("customer, non_technical", [
    ("I'm not a tech person. My laptop won't join the wifi.", True),
    ("My colleague is not a tech person. His laptop won't join the wifi.", False),
])
def test_non_technical_is_about_the_writer(customer: str, non_technical: bool) -> None:
    found = detect("agent.jargon", conv(("c", customer),
                                        ("a", "Flush the DNS cache and renew the DHCP lease, then check the SSID.")))
    assert [f.data["non_technical_customer"] for f in found] == [non_technical]


# it_glossary v4 (QA pass 14 and a sweep of common helpdesk terms)
@pytest.mark.parametrize("term", ["GPON", "DOCSIS", "bridge mode", "CGNAT", "PPPoE", "DFS channel", "an A record",
                                  "CSP headers", "CORS", "HSTS", "rate limit", "HTTP 429", "IdP", "JWT",
                                  "FIDO key", "seed phrase", "re-enroll", "sfc /scannow", "DISM", "Secure Boot",
                                  "APN settings", "IMEI", "PUK code"])
def test_v4_glossary_terms(term: str) -> None:
    text = f"Please check {term} now."
    assert [text[s:e] for s, e, _ in glossary_terms(text)] == [term]


@pytest.mark.parametrize("text", ["A record of your calls is attached.", "Buy the licence from a CSP partner.",
                                  "We keep a record of every change."])
def test_v4_ordinary_words_are_not_terms(text: str) -> None:
    assert glossary_terms(text) == []


# it_glossary v5 (QA pass 15): operator-internal mobile terms and bank back-office terms said to ordinary customers
@pytest.mark.parametrize("term", ["HLR", "OTA push", "OTA update", "UE", "SWIFT gpi", "AML screening", "AML",
                                  "nostro account", "correspondent bank"])
def test_v5_glossary_terms(term: str) -> None:
    text = f"Please check {term} now."
    assert [text[s:e] for s, e, _ in glossary_terms(text)] == [term]


@pytest.mark.parametrize("text", ["Swift is a programming language.", "The aml file is attached.",
                                  "Ota is my colleague's first name, not a term."])
def test_v5_ordinary_words_are_not_terms(text: str) -> None:
    assert [text[s:e] for s, e, _ in glossary_terms(text)] == []


# v9 (QA pass 15, b12 and b35): four operator or bank terms to a customer who wrote in everyday words reach the
# coach's warning level; two stay below it.
@pytest.mark.parametrize("customer, reply, reported", [
    ("my phone says no service since yesterday",
     "Your SIM needs re-provisioning on the HLR. I've triggered an OTA push, so power-cycle the UE.", True),
    ("where is my transfer?",
     "It's held in the SWIFT gpi queue pending AML screening and the correspondent bank's nostro reconciliation.",
     True),
    ("my phone says no service since yesterday", "I've sent an OTA update; restart the phone.", False),
])
def test_v9_operator_and_bank_terms(customer: str, reply: str, reported: bool) -> None:
    found = detect("agent.jargon", conv(("c", customer), ("a", reply)))
    assert bool(found and found[0].score >= 0.5) is reported


# v9 (QA pass 15, g05): an explanation after the term's head noun ("DNS setting, which is basically ...") or an
# appositive with a relative clause ("DNS, the system that turns ...") explains the term; a list does not.
@pytest.mark.parametrize("reply, explained", [
    ("Your router's DNS setting, which is basically the address book your internet uses, points to an old server.",
     True),
    ("DNS, the system that turns website names into numbers, is misconfigured on your router.", True),
    ("DNS, the router and the modem all need a restart.", False),
    ("Your DNS setting points to an old server.", False),
])
def test_v9_explained_after_head_noun_or_appositive(reply: str, explained: bool) -> None:
    found = detect("agent.jargon", conv(("c", "I'm not good with computers at all."), ("a", reply)))
    terms = [t for f in found for t in f.data["terms"]]
    assert ("DNS" not in terms) is explained


# v10 (QA pass 18, g09): an e-mail address is something to type or write to: no part of it is jargon ("jane.doe",
# the "vpn" in "vpn.help@..."); the same words outside an address still count.
@pytest.mark.parametrize("reply, terms", [
    ("Type your full work email, for example jane.doe@acme.com, and tap Next.", []),
    ("Write to vpn.help@it.acme.com or helpdesk-dns@acme.co.uk and they'll sort it.", []),
    ("Type your username, e.g. j.smith_adm@corp.acme.com, then your password.", []),
    ("Write to help@acme.com and ask them to renew the DHCP lease and flush the DNS.", ["DHCP lease", "flush the DNS"]),
    ("Edit resolv.conf and restart NetworkManager.", ["resolv.conf", "NetworkManager"]),
])
def test_v10_g09_email_addresses_are_no_jargon(reply: str, terms: list[str]) -> None:
    customer = "I did that but I don't understand what to do now. Sorry, how do I add it?"
    found = detect("agent.jargon", conv(("c", customer), ("a", reply)))
    assert [t.lower() for f in found for t in f.data["terms"]] == [t.lower() for t in terms]
