#!/usr/bin/env python3
"""Write the bundled example data under examples/ (deterministically) and validate it.

Everything here is invented for illustration: "Northwind Co." is a fictional company and
all people, addresses, asset tags and ticket numbers are made up.

Usage::

    python scripts/make_examples.py            # write examples/* and validate
    python scripts/make_examples.py --check    # only validate the files already written

Each conversation is written as a list of ``(delay, who, text)`` tuples: ``delay`` is the
time since the previous message (``"1m30s"``, ``"3h"``, ``"2d4h"``; the first one is
relative to the conversation's start), ``who`` is ``"c"`` for the customer, ``"system"``
for a system message, or an agent's name.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

LABELS = (
    "customer.frustration",
    "customer.confusion",
    "customer.repeat",
    "agent.empathy",
    "agent.clarifying_question",
    "agent.paraphrase",
    "agent.progress_update",
    "agent.step_by_step",
    "agent.confirmation_check",
    "agent.promise",
    "agent.dismissive",
    "agent.blame",
    "agent.condescending",
    "agent.pressure",
    "agent.impatient_repeat",
    "agent.jargon",
    "agent.negative_phrasing",
    "agent.unprofessional",
    "agent.scripted_empathy",
    "agent.premature_closure",
    "agent.redundant_question",
    "agent.broken_promise",
    "agent.long_silence",
)

# The stock sentences that the "scripted" agents paste everywhere (verbatim on purpose).
APOLOGY = "We apologize for any inconvenience this may have caused."
FRUSTRATION = "I understand your frustration."

_DELAY = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def delay(spec: str) -> timedelta:
    if spec == "0":
        return timedelta(0)
    m = _DELAY.match(spec)
    if not m or spec == "":
        raise ValueError(f"bad delay {spec!r}")
    d, h, mi, s = (int(x or 0) for x in m.groups())
    return timedelta(days=d, hours=h, minutes=mi, seconds=s)


def conv(cid, channel, subject, customer, start, covers, quality, msgs):
    """Build one canonical conversation dict.

    quality: "good" (patient throughout), "bad" (patience breaks), "mixed", or "neutral".
    """
    t = datetime.fromisoformat(start)
    messages = []
    for i, (d, who, text) in enumerate(msgs, 1):
        t = t + delay(d)
        if who == "c":
            role, author = "customer", customer
        elif who == "system":
            role, author = "system", "system"
        else:
            role, author = "agent", who
        messages.append(
            {"id": f"m{i}", "role": role, "author": author, "text": text, "sent_at": t.isoformat()}
        )
    return {
        "id": cid,
        "channel": channel,
        "source": "examples",
        "subject": subject,
        "labels": {"illustrative": True, "quality": quality, "covers": list(covers)},
        "messages": messages,
    }


# Hand-laid dialogue: keep the formatter away from it.
# fmt: off
CONVERSATIONS = [
    # ------------------------------------------------------------------ ex-001
    conv(
        "ex-001", "chat", "VPN drops every 10 minutes", "dana.k", "2026-10-05T09:12:00+02:00",
        ["customer.frustration", "agent.empathy", "agent.clarifying_question", "agent.paraphrase",
         "agent.step_by_step", "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "hi, my VPN keeps dropping every 10 min or so. I've reconnected like 6 times "
                       "this morning and it kicks me out of everything. this is ridiculous, I have a "
                       "client deadline at noon!!!"),
            ("1m10s", "sam", "Hi Dana, I'm Sam. Getting kicked out six times while you're racing a noon "
                             "deadline is really disruptive, so let's get this sorted quickly. Does this "
                             "happen on your home wifi, or in the office too?"),
            ("50s", "c", "home. working from home today. never had this in the office"),
            ("1m", "sam", "Thanks. And when it drops, does your whole internet go, or only the company "
                          "things like Outlook and the shared drive?"),
            ("40s", "c", "only company stuff. youtube etc keeps working lol"),
            ("1m20s", "sam", "So if I understand correctly, your home internet stays up, but the VPN "
                             "disconnects roughly every 10 minutes, and only when you're at home? That "
                             "pattern usually comes from a power-saving setting on the Wi-Fi adapter, "
                             "which we can change together:\n"
                             "1. Click Start, type \"Device Manager\" and open it.\n"
                             "2. Expand \"Network adapters\" and double-click the one with \"Wi-Fi\" or "
                             "\"Wireless\" in its name.\n"
                             "3. Open the \"Power Management\" tab.\n"
                             "4. Untick \"Allow the computer to turn off this device to save power\" and "
                             "click OK.\n"
                             "Then reconnect the VPN."),
            ("3m", "c", "ok done. the box was ticked. reconnected now"),
            ("40s", "sam", "Great, that's very likely the cause. Could you carry on working as normal for "
                           "the next 15 minutes and let me know whether it stays connected? I'll keep "
                           "this chat open in the meantime."),
            ("16m", "c", "still connected, 16 min now. thank you so much, and sorry for snapping earlier"),
            ("45s", "sam", "No need to apologise, a flaky connection on deadline day would test anyone. "
                           "If it drops again today, reply here and I'll pick it straight back up. Good "
                           "luck with the client delivery!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-002
    conv(
        "ex-002", "chat", "Locked out after password reset", "r.okafor", "2026-10-06T08:47:00+02:00",
        ["customer.confusion", "customer.repeat", "customer.frustration", "agent.jargon",
         "agent.condescending", "agent.pressure", "agent.impatient_repeat"],
        "bad",
        [
            ("0", "c", "Hello, I'm locked out of my computer. I reset my password yesterday and now it "
                       "says my account is locked. I'm not very technical, sorry."),
            ("2m", "marco", "Your AD account is locked because the old creds are cached. Sign in through "
                            "SSO with your MFA token and re-sync."),
            ("1m30s", "c", "Sorry, I don't understand. What is an MFA token? What do I need to do to get "
                           "back in?"),
            ("40s", "marco", "It's really simple. The code on your phone. Everyone has it."),
            ("30s", "marco", "are you there?"),
            ("50s", "c", "Yes sorry, I was looking at my phone. Which app? I have lots of apps"),
            ("1m", "marco", "Authenticator. Obviously."),
            ("2m", "c", "I found it, it shows a number. So what do I actually need to do to get back in? "
                        "The laptop only asks for my password and that doesn't work"),
            ("30s", "marco", "As I already said, sign in through SSO. Go to the portal."),
            ("1m10s", "c", "What portal?? I told you I'm not technical. I've been locked out for an hour "
                           "and I'm missing a meeting. This is ridiculous."),
            ("40s", "marco", "portal.northwind.example. I'll close this chat if you don't respond in 1 "
                             "minute."),
            ("1m30s", "c", "I AM RESPONDING. I'm typing on my phone because my laptop is LOCKED. Can "
                           "someone else help me please?"),
            ("1m", "marco", "Account unlocked. Try again."),
        ],
    ),
    # ------------------------------------------------------------------ ex-003
    conv(
        "ex-003", "email", "Printer prints blank pages", "m.alvarez", "2026-09-14T08:41:00+02:00",
        ["agent.clarifying_question", "agent.paraphrase", "agent.step_by_step",
         "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hi IT,\n\nThe printer on the 2nd floor (the big Canon by the kitchen) has started "
                       "printing blank pages. Not every time though. I've already tried turning it off "
                       "and on again.\n\nThanks,\nMiguel Alvarez\nFinance"),
            ("1h20m", "lena", "Hi Miguel,\n\nThanks for the clear description, and for already trying a "
                              "restart, that saves us a step.\n\nA couple of questions so I can narrow it "
                              "down:\n- Does it happen with every program, or only some (for example "
                              "Excel, Word, PDFs)?\n- Are colleagues who print to the same printer getting "
                              "blank pages too?\n\nBest regards,\nLena\nNorthwind Co. IT Service Desk"),
            ("2h5m", "c", "Hi Lena,\n\nNow that you mention it, it's only Excel. Word documents come out "
                          "fine. Jana next to me says hers are fine, but she doesn't use Excel much.\n\n"
                          "Miguel"),
            ("40m", "lena", "Hi Miguel,\n\nSo if I understand correctly, the printer prints blank pages "
                            "only from Excel, while Word prints normally from the same laptop? That "
                            "points to a setting inside the workbook rather than the printer itself.\n\n"
                            "Could you try the following in a workbook that prints blank:\n"
                            "1. Open the File menu and choose Print.\n"
                            "2. Under Settings, check the first drop-down. If it says \"Print Selection\", "
                            "change it to \"Print Active Sheets\".\n"
                            "3. Next, click \"Page Setup\" at the bottom, open the \"Sheet\" tab and make "
                            "sure the \"Print area\" box is empty (if it contains something like "
                            "$Z$100:$Z$120, delete it).\n"
                            "4. Then print one page.\n\n"
                            "Could you let me know whether that page comes out correctly? If it doesn't, "
                            "I'll come by your desk tomorrow at 10:00 and we'll look at it together.\n\n"
                            "Best regards,\nLena"),
            ("25m", "c", "Lena, that was it! There was a weird print area set on two of the sheets, "
                         "probably from the template. Printing fine now. Thank you!\n\nMiguel"),
            ("15m", "lena", "Great to hear, Miguel, and thanks for testing so quickly. Odd print areas in "
                            "templates catch a lot of people out, so if another workbook does the same, "
                            "step 3 is the one to check. I'll close this request now; reply to this "
                            "email if it comes back.\n\nBest regards,\nLena"),
        ],
    ),
    # ------------------------------------------------------------------ ex-004
    conv(
        "ex-004", "ticket", "Work email not working on new phone", "h.berg", "2026-09-21T10:05:00+02:00",
        ["agent.scripted_empathy", "agent.redundant_question", "agent.premature_closure",
         "agent.long_silence", "customer.frustration"],
        "bad",
        [
            ("0", "c", "I got a new phone (Samsung Galaxy S24) last week and can't get my work email on "
                       "it. Outlook app is installed, I sign in, it says \"Your organization requires a "
                       "device management profile\" and then nothing happens. My old iPhone worked fine. "
                       "Asset tag of the phone: NW-MB-2291."),
            ("3d2h", "tom", "Hello,\n\nThank you for contacting the Northwind IT Service Desk. " + APOLOGY
                            + "\n\nCan you tell us what model of phone you have and what error you are "
                              "seeing?\n\nRegards,\nTom"),
            ("40m", "c", "Hi Tom, it's all in my first message: Samsung Galaxy S24, and the error is "
                         "\"Your organization requires a device management profile\". It has been three "
                         "days, I've been on the road all week without email."),
            ("5h", "tom", "Please install the Company Portal app from the Play Store and enrol the device. "
                          "That should fix it, closing the ticket.\n\nRegards,\nTom"),
            ("1m", "system", "Ticket status changed from In progress to Resolved by tom."),
            ("1d1h", "c", "Reopening. I installed Company Portal, it asks to set up a \"work profile\" and "
                          "then fails with error 0x87D1FDE8. Email still not working. Please don't close "
                          "it until it actually works."),
            ("2d3h", "tom", "Hello,\n\n" + APOLOGY + " I have asked the mobile team to remove the old "
                            "device record. Please try again.\n\nRegards,\nTom"),
            ("3h", "c", "That worked, email is finally there. Thanks."),
        ],
    ),
    # ------------------------------------------------------------------ ex-005
    conv(
        "ex-005", "chat", "Clicked a link in a suspicious email", "j.mensah", "2026-10-07T14:31:00+02:00",
        ["agent.empathy", "agent.clarifying_question", "agent.progress_update", "agent.step_by_step",
         "agent.promise"],
        "good",
        [
            ("0", "c", "Hi, I think I just did something really stupid. I got an email that looked like "
                       "it was from DHL about a parcel, I clicked the link and typed my Northwind password "
                       "in. Then the page went blank. I'm panicking a bit"),
            ("45s", "priya", "Hi Joseph, this is Priya. Thank you for telling us straight away, that's "
                             "exactly the right thing to do and it makes this much easier to contain. "
                             "You're not in trouble. Let's secure your account together right now.\n\n"
                             "First question: did you enter anything else on that page, like a code from "
                             "your phone or card details?"),
            ("40s", "c", "just the password I think. no card. maybe my phone number? i don't remember, "
                         "sorry"),
            ("1m", "priya", "That's OK, we'll assume the worst and cover everything. I'm resetting your "
                            "password and signing you out of all sessions now, so your laptop will ask "
                            "you to sign in again in a minute or two."),
            ("1m", "c", "ok. will I lose my work? I have a spreadsheet open"),
            ("40s", "priya", "Good question. Please save the spreadsheet now; once it's saved it's safe. "
                             "Signing out only ends the session, it doesn't touch your files."),
            ("1m10s", "c", "saved. ok it's asking me to sign in"),
            ("1m30s", "priya", "Perfect timing, the reset is done. Here's what to do next:\n"
                               "1. Sign in with the temporary password I'm texting to your mobile right "
                               "now.\n"
                               "2. You'll be asked to choose a new password. Please make it different "
                               "from any password you've used before.\n"
                               "3. Then approve the prompt in your Authenticator app as usual.\n"
                               "Tell me when you're in."),
            ("3m", "c", "I'm in. new password set."),
            ("1m20s", "priya", "Well done. I've checked the sign-in log: the only sign-ins in the last hour "
                               "are yours, from the office, so it looks like we got there before anyone "
                               "used the password. I'm also blocking that fake DHL sender for everyone at "
                               "Northwind now, so nobody else gets caught out."),
            ("1m", "c", "thank you so much. I feel so embarrassed"),
            ("1m", "priya", "Please don't. These emails are designed to fool busy people, and you reported "
                            "it within minutes, which is the best possible outcome. I'll email you a short "
                            "summary of what we changed by the end of today, so you have it for your "
                            "records. Anything else I can help with right now?"),
            ("40s", "c", "no that's all. thanks Priya"),
        ],
    ),
    # ------------------------------------------------------------------ ex-006
    conv(
        "ex-006", "ticket", "Laptop extremely slow since update", "o.novak", "2026-09-08T09:20:00+02:00",
        ["agent.broken_promise", "agent.long_silence", "customer.repeat", "customer.frustration",
         "agent.scripted_empathy", "agent.premature_closure"],
        "bad",
        [
            ("0", "c", "Since the Windows update last Friday my laptop (NW-LT-03318) takes about 10 "
                       "minutes to start and Excel freezes every few minutes. I work with big files all "
                       "day so this is really slowing me down."),
            ("4h", "tom", "Hello Olga,\n\n" + FRUSTRATION + " I have scheduled a remote check. I'll get "
                          "back to you by end of day tomorrow with the results.\n\nRegards,\nTom"),
            ("2d", "c", "Hi Tom, any news? The laptop is still just as slow."),
            ("1d4h", "c", "Hello? It's been three days. When will someone actually look at this? I had to "
                          "borrow a colleague's laptop today."),
            ("3d1h", "tom", "Hello Olga,\n\nApologies for the delay. The remote check shows the disk is "
                            "98% full. Please delete files you don't need.\n\nRegards,\nTom"),
            ("1h", "c", "Which files? Most of it is the finance archive, which I need. And again: when "
                        "will this actually be fixed? Can you give me a date?"),
            ("6h", "tom", FRUSTRATION + " We will replace the disk with a larger one. Please bring the "
                          "laptop to the IT desk.\n\nRegards,\nTom"),
            ("20m", "c", "Fine. Thanks for letting me know."),
            ("15m", "tom", FRUSTRATION + " Closing this ticket, please open a new one if the issue "
                           "continues."),
        ],
    ),
    # ------------------------------------------------------------------ ex-007
    conv(
        "ex-007", "email", "Access to the Marketing shared drive", "p.lindqvist",
        "2026-09-15T09:02:00+02:00",
        ["agent.dismissive", "agent.negative_phrasing"],
        "bad",
        [
            ("0", "c", "Hi,\n\nI moved from Sales to Marketing on Monday and I can't open the Marketing "
                       "shared drive (M:). It says \"Access denied\". My manager Sofia Reyes said IT would "
                       "sort it out. Could you add me?\n\nThanks,\nPeter Lindqvist"),
            ("5h", "marco", "Peter,\n\nShare permissions are owned by the department. That's not our "
                            "problem, ask your manager to request it.\n\nMarco"),
            ("1h30m", "c", "Hi Marco,\n\nSofia says she already submitted the request through the portal "
                           "last week (REQ-20418). Could you check on it? Also, could I keep access to the "
                           "Sales drive for a month while I hand over my accounts?\n\nPeter"),
            ("20h", "marco", "We don't support access to two departments. M: will come when the request "
                             "gets processed.\n\nMarco"),
            ("40m", "c", "OK, but do you know when it will be processed? I have a campaign deadline on "
                         "Thursday and all the files are on M:.\n\nPeter"),
            ("3h", "marco", "No idea. It's in the queue."),
        ],
    ),
    # ------------------------------------------------------------------ ex-008
    conv(
        "ex-008", "ticket", "Budget spreadsheet disappeared from shared drive", "s.tanaka",
        "2026-09-23T08:05:00+02:00",
        ["agent.blame", "agent.empathy", "agent.clarifying_question", "agent.progress_update",
         "agent.promise", "agent.confirmation_check"],
        "mixed",
        [
            ("0", "c", "Hi, the file Q4_budget_v7.xlsx on the Finance shared drive (F:\\Budget\\2026) is "
                       "gone. I was editing it yesterday afternoon and this morning it isn't there. It has "
                       "about two days of work in it. Can it be restored?"),
            ("1h50m", "marco", "You must have deleted it. You should have saved your own copy before "
                               "editing a shared file, like everyone else does. I'll see what's in the "
                               "backup."),
            ("25m", "c", "I didn't delete it, I just closed it normally. I really need it for the 3 pm "
                         "meeting with the CFO. Please."),
            ("1h", "system", "Ticket reassigned from Marco to Priya (Backup & Restore)."),
            ("10m", "priya", "Hi Sara, Priya here, I've taken over your ticket. Losing two days of work "
                             "on the morning of a CFO meeting is a horrible position to be in, so I'm "
                             "treating this as urgent.\n\nI'm checking last night's backup of "
                             "F:\\Budget\\2026 now. One quick question while that runs: do you remember "
                             "roughly what time you last saved the file yesterday?"),
            ("15m", "c", "Around 5:30 pm I think. Thank you."),
            ("20m", "priya", "Update: the 23:00 backup has Q4_budget_v7.xlsx, last modified yesterday at "
                             "17:34, which matches your last save. I'm restoring it now to "
                             "F:\\Budget\\2026\\Restored so nothing gets overwritten. It takes about 10 "
                             "minutes; I'll post here as soon as it's there."),
            ("11m", "priya", "Done: the file is in F:\\Budget\\2026\\Restored\\Q4_budget_v7.xlsx. Could you "
                             "open it and check that yesterday's changes are all there?"),
            ("9m", "c", "It's all there!!! Thank you, you saved my day."),
            ("8m", "priya", "So glad to hear it. For the record, the file audit shows it was moved into "
                            "another folder by a sync tool, not deleted by you. I've passed the details "
                            "to the file server team so it doesn't happen again. Good luck at 3 pm!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-009
    conv(
        "ex-009", "chat", "Can't hear anyone in Teams calls", "g.fischer", "2026-10-08T10:44:00+02:00",
        ["customer.confusion", "agent.clarifying_question", "agent.step_by_step",
         "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "hi, i cant hear anyone in Teams calls. they can hear me though. meeting in 15 min, "
                       "help"),
            ("40s", "sam", "Hi Greta, Sam here. 15 minutes is plenty, let's get your sound back. Are you "
                           "using a headset, or the laptop speakers?"),
            ("30s", "c", "headset, the usb one"),
            ("50s", "sam", "Thanks. Teams sometimes picks a different speaker than the one you're wearing. "
                           "Could you check its device settings:\n"
                           "1. Click the three dots (...) next to your profile picture at the top right.\n"
                           "2. Choose Settings, then Devices.\n"
                           "3. Under \"Speaker\", pick the entry with your headset's name."),
            ("1m20s", "c", "sorry, where do I find the three dots? i only see my picture and a search bar"),
            ("50s", "sam", "No problem, they're easy to miss. Look to the left of your round profile "
                           "picture in the top-right corner of the Teams window, there's a small \"...\" "
                           "button. If the window is narrow it can be hidden, so try maximising Teams "
                           "first (double-click the title bar)."),
            ("1m", "c", "found it!! ok speaker says 'Speakers (Realtek)' and there's another one "
                        "'Headset Earphone (Jabra)'"),
            ("30s", "sam", "That's the culprit. Please select \"Headset Earphone (Jabra)\" and then click "
                           "\"Make a test call\" on the same page. Do you hear the test bot talking?"),
            ("1m10s", "c", "yes!! i can hear it"),
            ("30s", "sam", "Excellent, you're all set for your meeting. If the sound switches back after "
                           "you unplug the headset, the same setting fixes it. Have a good call!"),
            ("20s", "c", "thank you Sam!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-010
    conv(
        "ex-010", "chat", "Second monitor not detected", "k.osei", "2026-09-28T13:05:00+02:00",
        ["agent.dismissive", "agent.pressure", "agent.unprofessional", "agent.negative_phrasing"],
        "bad",
        [
            ("0", "c", "Hi, my second monitor isn't detected since I came back from holiday. Docking "
                       "station plus HP monitor. Windows only shows one display."),
            ("1m", "marco", "Just restart it."),
            ("3m", "c", "I restarted the laptop. Still only one display."),
            ("40s", "marco", "Works on my end. Did you plug it in?"),
            ("1m", "c", "Yes, it's plugged in and the monitor light is orange. I also tried a different "
                        "cable."),
            ("30s", "marco", "Then restart the dock."),
            ("25s", "marco", "are you there?"),
            ("1m10s", "c", "Sorry, I was unplugging the dock. Did that, still nothing. Is there anything "
                           "else I can check? I really need two screens for my work."),
            ("1m", "marco", "Damn, these docks. Can't do anything from here!!! Swap the dock with the one in "
                            "the meeting room."),
            ("35s", "marco", "I'll close this chat if you don't respond in 1 minute."),
            ("1m30s", "c", "I was asking my manager if I'm allowed to take the meeting room dock. She says "
                           "no. Could someone come and have a look?"),
            ("1m", "marco", "Raise a ticket."),
        ],
    ),
    # ------------------------------------------------------------------ ex-011
    conv(
        "ex-011", "email", "Login code stopped working after new phone", "e.walsh",
        "2026-09-16T08:30:00+01:00",
        ["agent.jargon", "customer.confusion", "agent.premature_closure"],
        "bad",
        [
            ("0", "c", "Dear IT,\n\nI've got a new mobile and the code thing for logging in has stopped "
                       "working, because it was on my old phone, which I've traded in. I'm not very "
                       "technical so please explain it simply.\n\nKind regards,\nEileen Walsh\nReception"),
            ("3h", "tom", "Hello Eileen,\n\nI have cleared your MFA registration. At next sign-in, SSO will "
                          "prompt you to re-register a TOTP authenticator; scan the QR with the app, then "
                          "validate the OTP. If conditional access blocks you, flush the token cache and "
                          "retry.\n\nMarking as resolved.\n\nRegards,\nTom"),
            ("1h", "c", "Hi Tom,\n\nThank you, but I'm sorry, I don't understand most of that. What is a "
                        "TOTP? Which app do I need, and where do I find the QR? I still haven't been able "
                        "to log in, so it isn't resolved.\n\nEileen"),
            ("20h", "tom", "Hello Eileen,\n\nThe app is Microsoft Authenticator. The QR code is shown at "
                           "sign-in.\n\nRegards,\nTom"),
            ("30m", "c", "Hi Tom,\n\nI installed Microsoft Authenticator, but when I log in on my computer "
                         "it just asks for the code and there's no QR anywhere. What do I do now?\n\n"
                         "Eileen"),
            ("6h", "tom", "Hello Eileen,\n\nGo to aka.ms/mysecurityinfo, choose \"Add sign-in method\" and "
                          "pick Authenticator app. Closing the ticket.\n\nRegards,\nTom"),
        ],
    ),
    # ------------------------------------------------------------------ ex-012
    conv(
        "ex-012", "ticket", "Software request: Visio for process diagrams", "b.costa",
        "2026-09-17T10:00:00+02:00",
        ["agent.promise", "agent.progress_update", "agent.step_by_step", "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hello, I need Microsoft Visio to draw process diagrams for the ISO audit. My "
                       "manager (Ines Duarte) approved it by email, I can forward it. Laptop NW-LT-05120."),
            ("5m", "system", "Ticket assigned to Lena (Software Requests)."),
            ("1h", "lena", "Hi Bruno,\n\nThanks, the asset tag and your manager's approval are everything I "
                           "need, so no need to forward anything. Visio licences come from a shared pool; "
                           "I'm checking now whether we have a free one. I'll update this ticket by 3 pm "
                           "today either way.\n\nLena"),
            ("3h", "lena", "Hi Bruno,\n\nGood news: a licence was free and I've assigned it to you. Visio "
                           "will appear in the Company Portal app on your laptop within about an hour. To "
                           "install it:\n"
                           "1. Open Company Portal from the Start menu.\n"
                           "2. Search for \"Visio\".\n"
                           "3. Click Install and leave the laptop on until it finishes (about 10 "
                           "minutes).\n"
                           "Could you let me know once it's installed and opens correctly?\n\nLena"),
            ("2h", "c", "Installed and working, thank you Lena!"),
            ("20m", "lena", "Thanks for confirming, Bruno. Good luck with the audit diagrams! I'm resolving "
                            "this ticket now."),
        ],
    ),
    # ------------------------------------------------------------------ ex-013
    conv(
        "ex-013", "chat", "Wi-Fi drops in meeting room 4B", "t.nguyen", "2026-10-01T11:20:00+02:00",
        ["agent.empathy", "agent.clarifying_question", "agent.paraphrase", "agent.progress_update",
         "agent.promise"],
        "good",
        [
            ("0", "c", "Hi! The wifi keeps dropping in meeting room 4B. Happened in 3 meetings this week, "
                       "really embarrassing with clients on the call"),
            ("1m", "priya", "Hi Thao, I'm Priya. Losing the connection in front of clients is awkward, "
                            "sorry you've had that three times this week. A few questions to pin it down: "
                            "is it only your laptop, or do other people in 4B lose Wi-Fi as well?"),
            ("1m", "c", "others too, my colleague's laptop dropped at the same moment yesterday"),
            ("40s", "priya", "That's really helpful. And is it only in 4B, or does it also happen at your "
                             "desk?"),
            ("45s", "c", "only 4B. desk is fine"),
            ("1m", "priya", "So if I understand correctly, everyone in 4B loses Wi-Fi at the same time, "
                            "but the same laptops are fine elsewhere? That sounds like the access point "
                            "near 4B rather than your laptop. I'm looking at that access point's logs now, "
                            "it'll take a couple of minutes."),
            ("3m", "priya", "Still on it: the access point outside 4B has restarted itself 14 times this "
                            "week, each time for about a minute. That lines up with your drops. I'm "
                            "raising a replacement with the network team as high priority."),
            ("1m", "c", "wow ok. so what do I do for my client call at 2?"),
            ("1m", "priya", "Two options for today: room 4A next door uses a different access point and is "
                            "free at 2 pm, so I can book it for you now if you like. Or plug into the "
                            "network cable under the table in 4B, which doesn't use Wi-Fi at all. The "
                            "network team will swap the access point tomorrow morning, and I'll message "
                            "you here once it's done."),
            ("40s", "c", "4A please, perfect"),
            ("1m", "priya", "Booked 4A for 2:00 to 3:00 under your name. Good luck with the call!"),
            ("22h10m", "priya", "Hi Thao, as promised: the access point outside 4B was replaced at 09:15 "
                                "this morning and has been stable since. 4B is good to use again."),
            ("15m", "c", "amazing, thanks for following up!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-014
    conv(
        "ex-014", "email", "Outlook search doesn't find older emails", "l.moreau",
        "2026-09-22T09:15:00+02:00",
        ["agent.jargon", "customer.confusion", "agent.empathy", "agent.step_by_step",
         "agent.confirmation_check"],
        "mixed",
        [
            ("0", "c", "Hello,\n\nSearch in Outlook only finds emails from the last few weeks. Anything "
                       "older doesn't show up, even when I type the exact subject. I'm not very "
                       "technical.\n\nThanks,\nLuc Moreau"),
            ("2h", "aisha", "Hi Luc,\n\nThis is usually the Windows Search index. Please rebuild the index "
                            "and check whether your OST is set to 1 month in the Exchange cached mode "
                            "settings.\n\nThanks,\nAisha"),
            ("1h", "c", "Hi Aisha,\n\nSorry, I don't understand. What is an OST? And where is the index? I "
                        "didn't know I had one.\n\nLuc"),
            ("40m", "aisha", "Hi Luc,\n\nSorry, that was far too much jargon, especially after you told me "
                             "you're not technical. Let me try again in plain words.\n\nOutlook keeps a "
                             "copy of your mailbox on your laptop so it works quickly. That copy (the "
                             "\"OST file\") is set to keep only the last month of email, so search only "
                             "looks through that month. Your older emails are still safe on the server; "
                             "the laptop simply doesn't have a copy of them.\n\nHere's how to make it keep "
                             "everything:\n"
                             "1. In Outlook, click File, then Account Settings, then Account Settings "
                             "again.\n"
                             "2. Double-click your email address in the list.\n"
                             "3. Move the slider labelled \"Download email for the past\" all the way to "
                             "the right, to \"All\".\n"
                             "4. Click Next, then Done, and restart Outlook.\n\n"
                             "Outlook will download your older email in the background, which can take an "
                             "hour or two. Could you try a search tomorrow morning and let me know if the "
                             "old emails show up?\n\nBest,\nAisha"),
            ("18h", "c", "Hi Aisha,\n\nThat did it, I can find emails from 2023 now. Thank you for "
                         "explaining it so clearly.\n\nLuc"),
            ("30m", "aisha", "Great news, Luc, thanks for letting me know. I'll close this one now.\n\n"
                             "Best,\nAisha"),
        ],
    ),
    # ------------------------------------------------------------------ ex-015
    conv(
        "ex-015", "chat", "Project files gone after OneDrive sync error", "d.petrov",
        "2026-10-02T15:10:00+02:00",
        ["customer.frustration", "customer.repeat", "customer.confusion", "agent.blame",
         "agent.scripted_empathy", "agent.impatient_repeat", "agent.unprofessional"],
        "bad",
        [
            ("0", "c", "My whole Projects folder is gone from my desktop. It was there this morning. "
                       "OneDrive showed a red cross and now the folder is empty."),
            ("2m", "marco", "You must have deleted it. OneDrive doesn't delete files by itself."),
            ("1m", "c", "I did NOT delete it. I didn't touch anything. Can you get it back?"),
            ("1m", "marco", "Check the recycle bin."),
            ("2m", "c", "Checked. Empty. That folder has 3 years of client drawings in it. Can you get it "
                        "back or not?"),
            ("1m", "marco", FRUSTRATION + " Check the OneDrive recycle bin online."),
            ("3m", "c", "What online recycle bin? Where?? I don't understand what you mean. And I'm asking "
                        "again: CAN YOU RESTORE MY FILES???"),
            ("40s", "marco", "LOOK, like I told you, it's in the OneDrive recycle bin. I can't do "
                             "everything for you!!!"),
            ("1m", "c", "This is unbelievable. I'm escalating this to my manager."),
            ("2m", "marco", "Fine. onedrive.com, Recycle bin on the left. Restore from there."),
            ("5m", "c", "Found them, they're all there. Would have been nice to hear that 15 minutes ago."),
        ],
    ),
    # ------------------------------------------------------------------ ex-016
    conv(
        "ex-016", "chat", "VPN won't connect from hotel", "a.schmidt", "2026-09-24T19:40:00+02:00",
        ["agent.broken_promise", "agent.long_silence", "customer.repeat", "customer.frustration",
         "agent.scripted_empathy", "agent.blame", "agent.impatient_repeat"],
        "bad",
        [
            ("0", "c", "Hi, I'm at a hotel in Lyon and the VPN won't connect. It just says "
                       "'Connecting...' forever. I need to submit a report on the intranet tonight."),
            ("2m", "tom", "Hello Anna, let me check our VPN gateway. I'll be back in 5 minutes."),
            ("12m", "c", "hi, any update?"),
            ("15m", "c", "Hello? Still there? Is anyone looking at this?"),
            ("16m", "tom", "Sorry for the wait. Hotel networks often block VPN. Try your phone hotspot. You "
                           "should have tested the VPN before travelling."),
            ("6m", "c", "Hotspot works. But why didn't you come back after 5 minutes? I sat here for 40 "
                        "minutes. And will it work on the hotel wifi tomorrow or not?"),
            ("1m", "tom", APOLOGY + " Hotel networks are outside our control."),
            ("1m", "c", "So is that a no? Will the hotel wifi work tomorrow?"),
            ("2m", "tom", "Use the hotspot."),
        ],
    ),
    # ------------------------------------------------------------------ ex-017
    conv(
        "ex-017", "email", "Password expired while travelling", "r.haddad", "2026-09-29T06:10:00+02:00",
        ["agent.empathy", "agent.step_by_step", "agent.promise", "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hi IT team,\n\nI'm in Singapore for a customer visit and my password expired this "
                       "morning. I can't log in to anything on the laptop except the Wi-Fi. I have a "
                       "presentation at 4 pm local time (10 am your time). Is there anything you can do "
                       "remotely?\n\nBest,\nRami Haddad\nKey Account Manager"),
            ("1h20m", "priya", "Hi Rami,\n\nAn expired password on the other side of the world, right "
                               "before a customer presentation, is stressful, so let's get you back in "
                               "well before 4 pm.\n\nYou can reset it from the laptop's sign-in screen, "
                               "without being on the company network:\n"
                               "1. On the sign-in screen, click \"Sign-in options\" and then \"I forgot my "
                               "password\".\n"
                               "2. Enter your Northwind email address and the characters shown on screen.\n"
                               "3. Choose \"Text my mobile phone\"; the code goes to the number ending in 47 "
                               "that we have on file.\n"
                               "4. Enter the code and choose a new password.\n\n"
                               "Could you reply to let me know whether that works? If anything gets stuck, "
                               "I'll call your mobile at 9:00 our time (3 pm in Singapore), so you're "
                               "sorted well before the presentation.\n\nBest regards,\nPriya\n"
                               "Northwind Co. IT Service Desk"),
            ("40m", "c", "Hi Priya,\n\nI got to step 3 but the code never arrives. I'm using a local SIM "
                         "here, could that be why?\n\nRami"),
            ("15m", "priya", "Hi Rami,\n\nGood thinking, that's almost certainly it: the code goes to your "
                             "UK number, and that SIM isn't in the phone right now.\n\nI'll reset it from "
                             "our side instead. I'm setting a one-time password now, and I'll call your "
                             "mobile at 8:45 our time (2:45 pm in Singapore) to read it out to you rather "
                             "than sending it by email. Please keep your phone close.\n\nPriya"),
            ("25m", "priya", "Hi Rami,\n\nThanks for picking up. As discussed on the phone, you're signed "
                             "in with your new password and Outlook has synced. I've also added your "
                             "Singapore number as a second contact until you're back, so any future "
                             "codes reach you on this trip too.\n\n"
                             "Good luck with the presentation!\n\nPriya"),
            ("7h", "c", "Presentation went well. Thanks a lot Priya, you saved me.\n\nRami"),
        ],
    ),
    # ------------------------------------------------------------------ ex-018
    conv(
        "ex-018", "ticket", "3rd floor printer prints very faint", "f.ali", "2026-09-30T10:12:00+02:00",
        ["agent.confirmation_check"],
        "neutral",
        [
            ("0", "c", "3rd floor printer (the HP by the lifts) says toner low and prints are very faint."),
            ("2h", "sam", "Hi Farah, thanks for reporting it. A new toner cartridge was fitted a few minutes "
                          "ago. Could you send a test print and confirm the quality is back to normal?"),
            ("1h", "c", "Yes, looks normal now. Thanks."),
            ("10m", "sam", "Thanks for confirming, closing the ticket."),
        ],
    ),
    # ------------------------------------------------------------------ ex-019
    conv(
        "ex-019", "chat", "Screen sharing in Zoom shows a black screen", "c.wright",
        "2026-10-09T10:31:00+02:00",
        ["agent.condescending", "customer.confusion"],
        "bad",
        [
            ("0", "c", "hey, when I share my screen in Zoom the others just see a black screen. MacBook. "
                       "client demo at 11"),
            ("1m", "marco", "Obviously you need to give Zoom screen recording permission. As anyone on a "
                            "Mac knows."),
            ("1m", "c", "sorry, I don't understand - what's screen recording permission? I don't want to "
                        "record anything, I just want to share"),
            ("1m", "marco", "It's really simple. System Settings, Privacy & Security, Screen Recording, "
                            "tick Zoom. Everyone does this on day one."),
            ("2m", "c", "ok found it and ticked it. now it says Zoom needs to quit and reopen?"),
            ("30s", "marco", "Yes. Obviously."),
            ("2m", "c", "works now."),
            ("20s", "marco", "Told you it was simple."),
        ],
    ),
    # ------------------------------------------------------------------ ex-020
    conv(
        "ex-020", "ticket", "New starter laptop for Jonas Weber", "m.kowalski",
        "2026-10-05T14:00:00+02:00",
        ["agent.redundant_question", "agent.scripted_empathy", "customer.frustration"],
        "bad",
        [
            ("0", "c", "Hi, Jonas Weber joins my team (Logistics) on Monday 12 October. Could you prepare "
                       "the laptop with asset tag NW-LT-06032 that's already in the cupboard? He needs "
                       "Office, SAP GUI and access to the Logistics shared drive."),
            ("20h", "tom", "Hello,\n\nThank you for your request. What is the asset tag of the laptop and "
                           "when does the new starter begin?\n\nRegards,\nTom"),
            ("1h", "c", "Hi Tom, both are in my first message: NW-LT-06032, starting Monday 12 October."),
            ("3h", "tom", FRUSTRATION + " Which software does he need?\n\nRegards,\nTom"),
            ("30m", "c", "Also in my first message: Office, SAP GUI and the Logistics shared drive. Please "
                         "read the ticket before replying, this is the third time I'm typing it."),
            ("19h", "tom", "Thank you. The laptop will be ready on Friday.\n\nRegards,\nTom"),
            ("2h", "c", "Thanks."),
        ],
    ),
    # ------------------------------------------------------------------ ex-021
    conv(
        "ex-021", "chat", "Account locked minutes before board presentation", "v.brennan",
        "2026-10-12T09:48:00+02:00",
        ["customer.frustration", "agent.empathy", "agent.promise", "agent.clarifying_question",
         "agent.step_by_step", "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "I'M LOCKED OUT AGAIN. Third time this month. I present to the board in 10 minutes. "
                       "This is ridiculous!!!"),
            ("30s", "lena", "Hi Victor, Lena here. Ten minutes before a board presentation is the worst "
                            "possible moment for this, I'm on it right now. I've unlocked your account; "
                            "please try signing in and tell me what happens."),
            ("40s", "c", "ok I'm in. but why does this keep happening?? it's driving me mad"),
            ("1m", "lena", "Glad you're in. Go and present, we can look at the why afterwards. I'll message "
                           "you here at 11:30, once you're out of the board meeting, so it stops "
                           "interrupting your day. Good luck!"),
            ("1m", "c", "thanks. sorry for the caps"),
            ("30s", "lena", "No need to apologise at all. Talk at 11:30!"),
            ("1h38m", "lena", "Hi Victor, hope the board meeting went well. As promised, I looked into the "
                              "lock-outs: the sign-in log shows an iPhone trying your old password every "
                              "few minutes until the account locks. Did you change your password at the "
                              "start of the month?"),
            ("5m", "c", "yes I changed it on the 1st. board meeting went fine, thanks. so it's my phone?"),
            ("1m", "lena", "Almost certainly: the Mail app on your iPhone still has the old password. "
                           "Here's how to update it:\n"
                           "1. Open Settings, then Mail, then Accounts.\n"
                           "2. Tap your Northwind account.\n"
                           "3. Tap Password and type your current password.\n"
                           "After that the lock-outs should stop. Could you try it and let me know once "
                           "it's done? I'll keep an eye on your account for the rest of the day."),
            ("4m", "c", "done. thanks Lena, really appreciate you following up"),
            ("1m", "lena", "You're welcome, Victor. If it ever locks again, message me directly and mention "
                           "this chat."),
        ],
    ),
    # ------------------------------------------------------------------ ex-022
    conv(
        "ex-022", "email", "Suspicious 'payroll' text message", "n.obi", "2026-09-25T08:15:00+02:00",
        ["agent.scripted_empathy", "agent.negative_phrasing", "agent.dismissive"],
        "bad",
        [
            ("0", "c", "Hi,\n\nI received a text on my personal phone claiming to be from Northwind "
                       "payroll, asking me to \"confirm my bank details\" via a link. I didn't click it. "
                       "Screenshot attached. Just letting you know in case others get it too.\n\n"
                       "Thanks,\nNgozi Obi"),
            ("5h", "tom", "Hello Ngozi,\n\n" + APOLOGY + " We don't support personal phones, so we can't "
                          "look into messages on your device.\n\nRegards,\nTom"),
            ("1h", "c", "Hi Tom,\n\nI wasn't asking for support with my phone. I was reporting a phishing "
                        "attempt that uses the Northwind name. Shouldn't the security team know about it?"
                        "\n\nNgozi"),
            ("4h", "tom", "Hello Ngozi,\n\nI have forwarded it to security.\n\nRegards,\nTom"),
            ("20m", "c", "Great, thank you for passing it on.\n\nNgozi"),
            ("10m", "tom", "Hello Ngozi,\n\n" + APOLOGY + " Closing the ticket.\n\nRegards,\nTom"),
        ],
    ),
    # ------------------------------------------------------------------ ex-023
    conv(
        "ex-023", "chat", "Laptop very slow in the afternoons", "y.sato", "2026-10-06T14:22:00+02:00",
        ["agent.empathy", "agent.clarifying_question", "agent.paraphrase", "agent.progress_update",
         "agent.step_by_step", "agent.confirmation_check", "agent.promise"],
        "good",
        [
            ("0", "c", "Hi, my laptop gets super slow every afternoon, typing lags behind. mornings are "
                       "fine. It's been like this for about a week"),
            ("50s", "aisha", "Hi Yuki, Aisha here. Lagging keystrokes are maddening when you're trying to "
                             "get through your work, so let's find out what's eating the laptop in the "
                             "afternoons. Is it slow right now?"),
            ("30s", "c", "yes, right now"),
            ("40s", "aisha", "Perfect timing, then. So if I understand correctly, it's fine in the morning "
                             "and gets sluggish every afternoon, for about a week now? If you're OK with "
                             "it, I'll connect remotely to see what's running. A prompt will ask for "
                             "permission; click Allow."),
            ("1m", "c", "allowed"),
            ("1m30s", "aisha", "Thanks, I'm connected. I'm looking at what's using the processor and disk "
                               "now."),
            ("2m", "aisha", "Found something: the backup agent starts at 13:00 and keeps re-scanning your "
                            "Downloads folder, which has about 40,000 files in it. It's using most of the "
                            "disk all afternoon."),
            ("1m", "c", "oh. yeah I never clean downloads. is that bad?"),
            ("1m", "aisha", "Very common, and easy to fix! Here's the plan:\n"
                            "1. First, I'll stop the stuck scan now so you get your speed back straight "
                            "away.\n"
                            "2. Then, when you have a moment, move anything you want to keep from Downloads "
                            "into Documents.\n"
                            "3. Finally, delete the rest of Downloads.\n"
                            "Tomorrow's backup will then be much quicker. I've stopped the scan. Is typing "
                            "back to normal?"),
            ("1m", "c", "yes! much better"),
            ("40s", "aisha", "Great. I'll check the backup log tomorrow afternoon and message you if it's "
                             "still struggling. Have a good rest of the day, Yuki!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-024
    conv(
        "ex-024", "ticket", "Can't open shared mailbox orders@", "i.rossi", "2026-09-29T08:40:00+02:00",
        ["agent.dismissive", "agent.premature_closure", "agent.scripted_empathy",
         "customer.frustration"],
        "bad",
        [
            ("0", "c", "Since this morning I can't open the shared mailbox orders@northwind.example in "
                       "Outlook. It says \"Cannot expand the folder. The set of folders cannot be "
                       "opened.\" My colleague Paolo has the same problem."),
            ("3h", "marco", "Works on my end. Your permissions look fine. That should fix it, closing the "
                            "ticket."),
            ("1m", "system", "Ticket status changed from In progress to Resolved by marco."),
            ("2h", "c", "It does NOT work. Same error, for Paolo too. Why was this closed without asking "
                        "us?? We process customer orders from this mailbox and we're now half a day "
                        "behind."),
            ("4h", "marco", FRUSTRATION + " Remove the mailbox and add it again."),
            ("1h", "c", "Removed and re-added it. Same error. Could someone please actually look at the "
                        "mailbox?"),
            ("16h", "marco", "Mailbox was over quota. Cleared it. Works now."),
            ("30m", "c", "Yes, it works now. Thanks."),
        ],
    ),
    # ------------------------------------------------------------------ ex-025
    conv(
        "ex-025", "email", "Deleted project folder on the Sales drive", "e.lambert",
        "2026-09-22T16:20:00+02:00",
        ["agent.empathy", "agent.progress_update", "agent.clarifying_question", "agent.promise",
         "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hi,\n\nI accidentally deleted the folder \"Lyon Tender 2026\" from the Sales "
                       "shared drive (S:\\Tenders) about an hour ago. I tried Ctrl+Z but it didn't come "
                       "back. Is there any way to recover it? Sorry!\n\nElise Lambert\nSales Support"),
            ("25m", "sam", "Hi Elise,\n\nNo need to apologise, it happens to everyone, and you've given me "
                           "exactly what I need: the folder name, where it was and roughly when.\n\nThe "
                           "good news is that S: is backed up every night, so last night's copy will have "
                           "the folder. I've started the restore now. It's a large share, so the job runs "
                           "overnight; I'll email you by 10:00 tomorrow morning to confirm it's back.\n\n"
                           "One question so I restore the right version: did anyone change files in that "
                           "folder today, before it was deleted? Those changes wouldn't be in last "
                           "night's copy.\n\nBest,\nSam"),
            ("20m", "c", "Hi Sam,\n\nThank you! I edited the pricing sheet this morning, but I have a copy "
                         "of it in my email, so last night's version is fine.\n\nElise"),
            ("16h20m", "sam", "Hi Elise,\n\nAs promised: the restore finished overnight and \"Lyon Tender "
                              "2026\" is back in S:\\Tenders, with all 214 files from last night's backup. "
                              "Could you open it and check everything you need is there? Then you can drop "
                              "in the pricing sheet from your email.\n\nBest,\nSam"),
            ("40m", "c", "All there. Thank you so much Sam!\n\nElise"),
            ("15m", "sam", "Great, thanks for checking, Elise. I'll close the request.\n\nBest,\nSam"),
        ],
    ),
    # ------------------------------------------------------------------ ex-026
    conv(
        "ex-026", "chat", "Monitor shows 'No signal' with new docking station", "h.jansen",
        "2026-10-13T08:55:00+02:00",
        ["customer.confusion", "agent.clarifying_question", "agent.step_by_step",
         "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hello, I got a new docking station today and my monitor says 'No signal'. The "
                       "laptop screen works."),
            ("1m", "sam", "Hi Hugo, Sam here, thanks for the details. Which cable connects the monitor to "
                          "the dock, is it HDMI or DisplayPort?"),
            ("1m", "c", "sorry, what is a DisplayPort? it's a black cable, the plug has one corner cut off"),
            ("1m", "sam", "That's a great description: it's a DisplayPort cable (HDMI plugs have both "
                          "corners cut, DisplayPort only one). Docks are handled by our hardware "
                          "specialist, so I'm transferring you to Lena, who will see everything we've "
                          "discussed so far."),
            ("20s", "system", "Chat transferred from Sam to Lena (Hardware)."),
            ("1m", "lena", "Hi Hugo, Lena here, I've read through your chat with Sam. The new docks need "
                           "the monitor cable in a specific port. Could you try this:\n"
                           "1. Look at the back of the dock: there are two ports marked with a \"D\"-shaped "
                           "symbol, labelled DP1 and DP2.\n"
                           "2. Move the monitor cable to DP1.\n"
                           "3. Then, on the monitor itself, press the button marked \"Input\" (usually "
                           "bottom right) until it says DisplayPort.\n"
                           "Tell me what you see."),
            ("3m", "c", "it was in a USB-C port! moved it to DP1, pressed input and now I see my desktop "
                        "on the monitor"),
            ("40s", "lena", "Brilliant, that's the most common mix-up with these docks, the ports look very "
                            "alike. Is the picture sharp, and does the mouse move smoothly from the laptop "
                            "screen to the monitor?"),
            ("1m", "c", "yes, all good. thank you both"),
            ("30s", "lena", "You're welcome, Hugo. Enjoy the big screen!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-027
    conv(
        "ex-027", "chat", "Authenticator codes rejected on new phone", "w.adeyemi",
        "2026-10-09T16:12:00+02:00",
        ["agent.jargon", "agent.pressure", "agent.negative_phrasing", "customer.confusion"],
        "bad",
        [
            ("0", "c", "Hi, I've got a new phone and the authenticator app shows codes but they don't work "
                       "when I log in. I'm not very technical, sorry"),
            ("1m", "marco", "Your TOTP seed didn't migrate. Re-enrol the authenticator via SSO and make "
                            "sure the device clock is NTP-synced, otherwise the OTP window fails."),
            ("30s", "marco", "are you there?"),
            ("40s", "c", "yes sorry, reading. I don't know what most of that means. What is an SSO?"),
            ("1m", "marco", "Single sign-on. The portal."),
            ("1m30s", "c", "ok. is there any way you could just reset it for me? I can't get into anything"),
            ("40s", "marco", "I can't do that. We don't reset MFA over chat."),
            ("1m", "c", "could I come to the IT desk instead?"),
            ("50s", "marco", "That won't work, the desk is closed on Fridays."),
            ("1m", "c", "ok... so what can I do?"),
            ("2m", "marco", "Raise a ticket."),
        ],
    ),
    # ------------------------------------------------------------------ ex-028
    conv(
        "ex-028", "ticket", "Guest Wi-Fi for supplier visit", "o.hughes", "2026-10-01T09:30:00+02:00",
        [],
        "neutral",
        [
            ("0", "c", "Hi, we have 12 visitors from a supplier next Tuesday and Wednesday. Can they get "
                       "Wi-Fi access?"),
            ("2h", "lena", "Hi Owen, yes, the Northwind-Guest network is open to visitors and reception "
                           "hands out a daily password on request. I can also create a 2-day voucher for "
                           "the group so they don't need to ask each morning. Would that be useful?"),
            ("1h", "c", "The voucher would be great, thanks."),
            ("30m", "lena", "Done: the voucher code is NW-GUEST-4471, valid Tuesday 07:00 to Wednesday "
                            "20:00 for up to 15 devices. Let me know if anything doesn't work on the day."),
            ("5m", "c", "Perfect, thanks Lena."),
        ],
    ),
    # ------------------------------------------------------------------ ex-029
    conv(
        "ex-029", "email", "Outlook keeps asking for my password", "g.russo",
        "2026-10-12T09:02:00+02:00",
        ["agent.broken_promise", "agent.long_silence", "agent.scripted_empathy",
         "agent.redundant_question", "customer.repeat", "customer.frustration"],
        "bad",
        [
            ("0", "c", "Hi,\n\nSince this morning Outlook keeps popping up a window asking for my password "
                       "every few minutes. I type it in and it comes back again. The window says \"Need "
                       "password - Outlook needs your password for giulia.russo@northwind.example\". "
                       "Restarting didn't help.\n\nGiulia Russo"),
            ("1h", "tom", "Hello Giulia,\n\n" + FRUSTRATION + " I'm looking into this and I'll get back to "
                          "you within the hour.\n\nRegards,\nTom"),
            ("3h", "c", "Hi Tom, any news? The pop-up still comes back every few minutes and I can barely "
                        "work.\n\nGiulia"),
            ("4h", "c", "Hi, still no reply. Could you at least tell me when this will be fixed?\n\n"
                        "Giulia"),
            ("23h", "tom", "Hello Giulia,\n\n" + APOLOGY + " Can you tell me the exact error message you "
                           "are seeing?\n\nRegards,\nTom"),
            ("30m", "c", "Tom, I put the exact message in my first email: \"Need password - Outlook needs "
                         "your password for giulia.russo@northwind.example\". It has now been more than a "
                         "day. How long is this going to take?\n\nGiulia"),
            ("2h", "tom", "Hello Giulia,\n\n" + FRUSTRATION + " Please clear your credentials in Credential "
                          "Manager and restart Outlook.\n\nRegards,\nTom"),
            ("1h", "c", "OK, I found Credential Manager and removed the Outlook entries. It seems to have "
                        "stopped. Thanks.\n\nGiulia"),
            ("5m", "tom", APOLOGY),
        ],
    ),
    # ------------------------------------------------------------------ ex-030
    conv(
        "ex-030", "chat", "Colleagues hear an echo in my Teams calls", "f.meyer",
        "2026-10-07T11:05:00+02:00",
        ["customer.repeat", "agent.impatient_repeat", "agent.unprofessional", "agent.condescending"],
        "bad",
        [
            ("0", "c", "Hi, people in my Teams calls say they hear an echo of themselves when I'm in the "
                       "call. I'm using the laptop's built-in speakers and mic."),
            ("1m", "marco", "It's your setup. Use a headset."),
            ("1m", "c", "OK. So do I need a new headset? I don't have one at the moment."),
            ("40s", "marco", "Yes. Order one from the portal."),
            ("2m", "c", "Found the portal, but there are 4 different headsets. Which one do I need? And is "
                        "there anything I can do for my call this afternoon?"),
            ("1m", "marco", "Any of them."),
            ("1m", "c", "Sorry, just to be sure: I order a headset, any model, and that stops the echo? "
                        "And what about this afternoon?"),
            ("30s", "marco", "Like I told you, order a headset. Any model. It's not rocket science."),
            ("1m", "c", "Right, but my call is at 3 and the headset won't arrive by then. What do I do "
                        "for today?"),
            ("1m", "marco", "Damn, I don't know, turn your volume down!!! Or dial in with your phone."),
        ],
    ),
    # ------------------------------------------------------------------ ex-031
    conv(
        "ex-031", "ticket", "Request: Python and VS Code on work laptop", "r.iqbal",
        "2026-09-10T11:00:00+02:00",
        ["agent.negative_phrasing", "agent.long_silence", "customer.frustration",
         "agent.premature_closure"],
        "bad",
        [
            ("0", "c", "Hello, I'm a data analyst in Operations and I'd like Python (and ideally VS Code) "
                       "installed on my laptop NW-LT-04985 to automate some Excel reports. Happy to go "
                       "through whatever approval is needed."),
            ("5d3h", "tom", "Hello,\n\nWe don't support Python on standard laptops. That won't work on your "
                            "device.\n\nRegards,\nTom"),
            ("2h", "c", "Hi Tom, thanks for getting back to me. Is there an approval process, or a "
                        "different laptop profile for analysts? Two people in Finance have Python, so I "
                        "assume there is a way. Who should I ask?\n\nRashid"),
            ("4d2h", "tom", "Hello,\n\nI can't make exceptions. Closing the ticket.\n\nRegards,\nTom"),
            ("1h", "c", "That's really disappointing. Ten days to get a no, with no explanation and no "
                        "alternative. I'll ask my manager to take this up."),
        ],
    ),
    # ------------------------------------------------------------------ ex-032
    conv(
        "ex-032", "chat", "Printer shows 'Driver is unavailable'", "b.okoro", "2026-10-14T13:40:00+02:00",
        ["customer.confusion", "agent.empathy", "agent.clarifying_question", "agent.step_by_step",
         "agent.progress_update", "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hello, when I try to print it says 'Driver is unavailable' next to the printer. "
                       "What is a driver? Sorry, I'm new and this laptop is new too"),
            ("50s", "priya", "Hi Blessing, Priya here. No need to apologise, that message confuses a lot of "
                             "people. A driver is a small piece of software that lets your laptop talk to "
                             "a particular printer, a bit like a translator. Yours needs reinstalling, and "
                             "we can do that together in a couple of minutes. Which printer are you trying "
                             "to use, is it the one near your desk?"),
            ("1m", "c", "yes, the one by the window on the 5th floor. the label says NW-PRN-5B"),
            ("1m", "priya", "Thanks, that's the one. Here's what to do:\n"
                            "1. Click Start, type \"Printers\" and open \"Printers & scanners\".\n"
                            "2. Click NW-PRN-5B and choose \"Remove\".\n"
                            "3. Next, click \"Add device\" at the top and wait a few seconds.\n"
                            "4. When NW-PRN-5B appears in the list, click \"Add device\" next to it.\n"
                            "Take your time, and let me know how you get on."),
            ("3m", "c", "sorry, at step 3 I clicked 'Add device' but nothing appears, it just says "
                        "searching"),
            ("40s", "priya", "That's fine, it can be slow the first time. While it searches, I'm checking "
                             "the printer on our side... it's online and has paper, so it should show up "
                             "within a minute. If it doesn't, click \"Add manually\" and type NW-PRN-5B."),
            ("1m30s", "c", "it appeared! added. it says 'Ready' now"),
            ("30s", "priya", "Great. Could you print a test page to make sure everything comes out as it "
                             "should?"),
            ("1m", "c", "it printed! thank you so much, you made it easy"),
            ("30s", "priya", "You did all the work! Welcome to Northwind, Blessing, and message us any "
                             "time."),
        ],
    ),
    # ------------------------------------------------------------------ ex-033
    conv(
        "ex-033", "chat", "VPN outage: when will it be back?", "j.hall", "2026-10-15T10:12:00+02:00",
        ["customer.repeat", "agent.progress_update", "agent.promise", "agent.empathy",
         "agent.clarifying_question", "agent.confirmation_check"],
        "good",
        [
            ("0", "c", "Hi, the VPN is down for me and apparently for the whole sales team. So when will it "
                       "be fixed?"),
            ("1m", "sam", "Hi Jamie, Sam here. You're right, one of our VPN gateways is down and about 60 "
                          "people are affected, sales included. The network team is working on it right "
                          "now. There's no fixed time yet, but I'll update you here every 15 minutes until "
                          "it's back."),
            ("3m", "c", "ok. I have a customer call at 11 where I need the CRM"),
            ("1m", "sam", "Thanks for telling me, I've flagged your 11:00 call to the network team. In the "
                          "meantime, the CRM web version at crm.northwind.example works without VPN. "
                          "Would that cover what you need for the call?"),
            ("2m", "c", "maybe, I'll try"),
            ("30s", "sam", "Sounds good, let me know if the web version gives you any trouble."),
            ("9m", "sam", "Update (10:28): the network team has found the problem, a certificate on the "
                           "gateway expired overnight. They're installing the new one now."),
            ("2m", "c", "any idea how long this will take? sorry to ask again, it's just the 11:00 call"),
            ("1m", "sam", "No need to apologise, it's a fair question with a call coming up. Their estimate "
                          "is 15 to 20 minutes, so it should be back before 11:00, and if it isn't, the "
                          "CRM web version is your safety net. I'll message you the moment it's back."),
            ("14m", "sam", "Good news: the VPN is back up as of 10:45. Could you reconnect and check that "
                           "the CRM opens for you?"),
            ("2m", "c", "connected and CRM works. thanks Sam, and thanks for the updates"),
            ("30s", "sam", "You're welcome, Jamie. Good luck with the 11:00!"),
        ],
    ),
    # ------------------------------------------------------------------ ex-034
    conv(
        "ex-034", "email", "Can't find yesterday's presentation", "k.larsen", "2026-09-18T08:50:00+02:00",
        [],
        "neutral",
        [
            ("0", "c", "Hi,\n\nI can't find the presentation I saved yesterday, \"Partner Day 2026.pptx\". "
                       "I think I saved it on the desktop but it's not there. Can you help?\n\nKarin"),
            ("1h", "aisha", "Hi Karin,\n\nHappy to help. Could you open PowerPoint and look under File > "
                            "Open > Recent? It lists the files you opened lately, with the folder each one "
                            "is in.\n\nAisha"),
            ("20m", "c", "Found it, it was in Downloads. Thanks!"),
            ("10m", "aisha", "Great, glad it turned up. I'll close this one.\n\nAisha"),
        ],
    ),
    # ------------------------------------------------------------------ ex-035
    conv(
        "ex-035", "ticket", "Request for a second monitor", "s.dubois", "2026-10-14T15:30:00+02:00",
        [],
        "neutral",
        [
            ("0", "c", "Hi, could I get a second monitor for my desk (3.14, 3rd floor)? I do a lot of "
                       "spreadsheet comparisons."),
            ("3h", "sam", "Hi Sophie, monitors are ordered through the hardware catalogue and need your "
                          "manager's approval, so IT can't add one directly from this ticket. Here's the "
                          "catalogue link: portal.northwind.example/hardware/monitors. Once it's approved, "
                          "we usually deliver and set it up within 3 working days."),
            ("40m", "c", "ok, I'll ask my manager"),
            ("15m", "sam", "Sounds good. Once your manager approves it, the request comes straight to us, "
                           "so there's nothing else you need to do."),
            ("2d1h", "system", "Linked request HW-7731 approved by manager. Delivery scheduled."),
            ("1d2h", "sam", "Hi Sophie, your monitor is installed at desk 3.14. Let me know if the second "
                            "screen isn't picked up when you dock your laptop."),
            ("1h", "c", "Works, thanks!"),
        ],
    ),
]


# ---------------------------------------------------------------------- CSV (3 conversations)

CSV_CONVERSATIONS = [
    conv(
        "csv-001", "ticket", "Laptop battery drains in 2 hours", "t.berger", "2026-10-06T09:10:00+02:00",
        ["agent.clarifying_question", "agent.step_by_step", "agent.confirmation_check"], "good",
        [
            ("0", "c", "My laptop battery used to last a full day, now it's empty after about 2 hours, "
                       "even when I'm only using Outlook and Teams."),
            ("1h", "aisha", "Hi Tobias, thanks for the details. Two quick questions: did this start after "
                            "a particular day (an update, a trip, a drop), and does the laptop feel warm "
                            "when it's on battery?"),
            ("40m", "c", "Started last week I think. And yes, it's warm, the fan is on a lot."),
            ("30m", "aisha", "That points to something running in the background rather than a worn "
                             "battery. Could you try this:\n"
                             "1. Right-click the taskbar and open Task Manager.\n"
                             "2. Click \"More details\" if you see a small window, then sort by the "
                             "\"CPU\" column.\n"
                             "3. Send me the names of the top three entries.\n"
                             "Then I'll know what to look at."),
            ("25m", "c", "Top one is \"NWInventoryAgent\" at 35%, then Teams, then Outlook."),
            ("20m", "aisha", "Thanks, that's it: the inventory agent got stuck after last week's update. "
                             "I've pushed the fixed version to your laptop, it installs on the next restart. "
                             "Could you restart and keep an eye on the battery this afternoon? Let me know "
                             "how it looks by the end of the day."),
            ("6h", "c", "Restarted at lunch, battery at 70% now at 5 pm. Back to normal, thank you!"),
            ("15m", "aisha", "Great result, Tobias, thanks for checking. Closing the ticket."),
        ],
    ),
    conv(
        "csv-002", "ticket", "Can't log in to the payroll portal", "a.lopez", "2026-10-08T10:00:00+02:00",
        ["agent.blame", "agent.dismissive", "agent.premature_closure", "customer.frustration"], "bad",
        [
            ("0", "c", "Hi, I can't log in to the payroll portal to download my payslip. It says \"Invalid "
                       "credentials\", but I'm using the same password as for my laptop, which works."),
            ("2h", "marco", "You probably typed it wrong. The payroll portal is run by an external "
                            "provider, that's not our problem. Password reset link is on their login "
                            "page. That should fix it, closing the ticket."),
            ("3h", "c", "I did NOT type it wrong, I tried five times, slowly. The reset link sends an email "
                        "to an address I don't recognise. Please don't close tickets before they're "
                        "fixed, I need my payslip for a mortgage application by Friday."),
            ("21h", "marco", "Contact the payroll provider."),
        ],
    ),
    conv(
        "csv-003", "email", "Calendar invites show the wrong time", "h.kim", "2026-10-13T08:20:00+02:00",
        ["customer.repeat", "agent.paraphrase", "agent.progress_update", "agent.promise"], "good",
        [
            ("0", "c", "Hello,\n\nMeeting invites from our Boston office appear one hour off in my "
                       "calendar, so I joined a call an hour late yesterday. When will this be fixed?\n\n"
                       "Thanks,\nHyun Kim"),
            ("1h", "priya", "Hi Hyun,\n\nSo if I understand correctly, only invites sent by colleagues in "
                            "Boston show the wrong time, and invites from people here are fine? I'm checking "
                            "the time-zone settings on both ends now, and I'll email you by 2 pm today with "
                            "what I find.\n\nBest,\nPriya"),
            ("2h", "c", "Yes, exactly, only Boston. Any idea how long it will take to fix? I have another "
                        "call with them on Thursday.\n\nHyun"),
            ("1h30m", "priya", "Hi Hyun,\n\nFair question with Thursday coming up. Update: the problem is "
                               "on the Boston side, where a shared meeting room calendar still has the old "
                               "US daylight-saving rules. Their admin is correcting it today, so invites "
                               "sent from tomorrow will be right. For Thursday's call, I've checked the "
                               "invite directly and corrected it in your calendar: it now shows 15:00 your "
                               "time, which is correct.\n\nBest,\nPriya"),
            ("30m", "c", "That's a relief. Thank you Priya!\n\nHyun"),
        ],
    ),
]


# ---------------------------------------------------------------------- plain transcript (2 chats)

TRANSCRIPTS = [
    [
        ("customer", "Hi, I got a new laptop today and it won't connect to the office Wi-Fi. It asks "
                     "for a password I don't have."),
        ("agent", "Hi! Welcome to the new laptop. Which network name are you choosing, "
                  "Northwind-Staff or Northwind-Guest?"),
        ("customer", "Northwind-Staff"),
        ("agent", "Good choice, that's the right one. It uses your normal Northwind sign-in rather than a "
                  "separate Wi-Fi password. First, click Northwind-Staff. Then, where it asks for a user "
                  "name, type your full email address. Next, type your usual Northwind password. Let me "
                  "know what happens."),
        ("customer", "It says 'Connect anyway? Certificate details'. Is that safe?"),
        ("agent", "Good instinct to check. Yes, for Northwind-Staff that message is expected on a brand "
                  "new laptop: it's the office network introducing itself. Click Connect."),
        ("customer", "Connected! Thanks."),
        ("agent", "Great. Could you open the intranet to make sure everything loads?"),
        ("customer", "Intranet loads fine. All good."),
        ("agent", "Perfect. Enjoy the new laptop!"),
    ],
    [
        ("customer", "Excel crashes every time I open the sales forecast file. Other files open fine."),
        ("agent", "Just restart your laptop."),
        ("customer", "I did, twice. Still crashes with that file."),
        ("agent", "Then the file is corrupt. You should have kept a backup."),
        ("customer", "It's on the shared drive, isn't that backed up? Can you get an older version?"),
        ("agent", "As I already said, the file is corrupt. We can't fix corrupt files."),
        ("customer", "I'm not asking you to fix it, I'm asking if there is an older version I can use. "
                     "Is there?"),
        ("agent", "Right-click, Properties, Previous Versions. Obviously."),
    ],
]


# fmt: on


# ---------------------------------------------------------------------- writers


def render_jsonl(conversations) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in conversations)


def render_csv(conversations) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["conversation_id", "role", "author", "text", "timestamp"])
    for c in conversations:
        for m in c["messages"]:
            w.writerow([c["id"], m["role"], m["author"], m["text"], m["sent_at"]])
    return buf.getvalue()


def render_transcript(transcripts) -> str:
    blocks = []
    for t in transcripts:
        blocks.append("\n".join(f"{'Customer' if r == 'customer' else 'Agent'}: {text}" for r, text in t))
    return "\n---\n".join(blocks) + "\n"


def _load_table_module():
    spec = importlib.util.spec_from_file_location("examples_table", ROOT / "scripts" / "examples_table.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


README_HEAD = """\
# Example data

Invented, illustrative IT support conversations for the `patiently` demo, docs and tests.
**Everything here is fictional**: "Northwind Co." is a made-up company, and all names, email
addresses, asset tags, ticket numbers and URLs are invented. Any resemblance to real people or
tickets is coincidental.

The conversations deliberately show both patient and impatient support: the agents *priya*, *lena*
and *sam* are consistently patient, *aisha* is mostly patient (one jargon slip she then repairs),
while *marco* (dismissive, condescending, pressuring) and *tom* (scripted apologies, slow replies,
broken promises, closing tickets too early) illustrate patience breaking down.

These files are generated by `scripts/make_examples.py` (edit the conversations there, then run
`python scripts/make_examples.py`, which also validates the output). The table below is generated
by `scripts/examples_table.py`.

## Files

- `conversations.jsonl`: {n_jsonl} conversations, one canonical conversation (JSON object) per line.
- `tickets.csv`: {n_csv} more conversations ({csv_ids}), one row per message, written with
  Python's `csv` module (texts with commas, quotes and newlines are quoted). Header:
  `conversation_id,role,author,text,timestamp`.
- `transcript.txt`: {n_txt} more chats as plain text, one `Customer: ...` or `Agent: ...` line per
  message, no names or times; conversations are separated by a line `---`.

### `conversations.jsonl`

```json
{{"id": "ex-001", "channel": "chat", "source": "examples", "subject": "VPN drops every 10 minutes",
 "labels": {{"illustrative": true, "quality": "good", "covers": ["agent.empathy", "..."]}},
 "messages": [
   {{"id": "m1", "role": "customer", "author": "dana.k", "text": "hi, my VPN keeps dropping ...",
    "sent_at": "2026-10-05T09:12:00+02:00"}},
   {{"id": "m2", "role": "agent", "author": "sam", "text": "Hi Dana, I'm Sam. ...",
    "sent_at": "2026-10-05T09:13:10+02:00"}}]}}
```

- `channel`: `chat` (replies minutes apart), `email` or `ticket` (hours or days apart).
- `role`: `customer`, `agent` or `system` (assignment, transfer and status-change notices).
- `sent_at`: ISO 8601 with a UTC offset; times increase within a conversation and the gaps are
  realistic, because some behaviours (long silences, pressure, broken promises) depend on them.
- `labels.covers`: the behaviours the conversation is *meant* to illustrate. It is a hint for docs
  and tests, not a gold-standard annotation: a conversation may contain other behaviours too.
- `labels.quality`: `good` (patient throughout), `bad` (patience breaks down), `mixed` (both, e.g. a
  hand-over from an impatient to a patient agent) or `neutral` (short, routine, nothing notable).

## Conversations in `conversations.jsonl`

"""


def write_all() -> None:
    EXAMPLES.mkdir(exist_ok=True)
    (EXAMPLES / "conversations.jsonl").write_text(render_jsonl(CONVERSATIONS), encoding="utf-8")
    (EXAMPLES / "tickets.csv").write_text(render_csv(CSV_CONVERSATIONS), encoding="utf-8", newline="")
    (EXAMPLES / "transcript.txt").write_text(render_transcript(TRANSCRIPTS), encoding="utf-8")
    table = _load_table_module()
    readme = README_HEAD.format(
        n_jsonl=len(CONVERSATIONS),
        n_csv=len(CSV_CONVERSATIONS),
        csv_ids=", ".join(c["id"] for c in CSV_CONVERSATIONS),
        n_txt=len(TRANSCRIPTS),
    )
    readme += table.markdown_table(EXAMPLES / "conversations.jsonl")
    readme += (
        "\n## `tickets.csv` and `transcript.txt`\n\n"
        + table.markdown_table_from(CSV_CONVERSATIONS)
        + "\n`transcript.txt` holds two chats without names or times: a patient Wi-Fi set-up and an "
        "impatient Excel crash (dismissive, blame, impatient repeat, negative phrasing, "
        "condescending).\n"
    )
    (EXAMPLES / "README.md").write_text(readme, encoding="utf-8")


# ---------------------------------------------------------------------- validation


def _check_conversation(c, where, errors) -> None:
    for key in ("id", "channel", "source", "subject", "labels", "messages"):
        if key not in c:
            errors.append(f"{where}: missing {key!r}")
    msgs = c.get("messages") or []
    if not 4 <= len(msgs) <= 16:
        errors.append(f"{where}: {len(msgs)} messages (want 4-16)")
    prev = None
    ids = set()
    for m in msgs:
        mw = f"{where}/{m.get('id')}"
        if m.get("role") not in ("customer", "agent", "system"):
            errors.append(f"{mw}: bad role {m.get('role')!r}")
        if not isinstance(m.get("text"), str) or not m["text"].strip():
            errors.append(f"{mw}: empty text")
        if not m.get("author"):
            errors.append(f"{mw}: no author")
        if m.get("id") in ids:
            errors.append(f"{mw}: duplicate message id")
        ids.add(m.get("id"))
        t = datetime.fromisoformat(m["sent_at"])
        if t.tzinfo is None:
            errors.append(f"{mw}: sent_at without timezone")
        if prev is not None and t <= prev:
            errors.append(f"{mw}: time does not increase")
        prev = t
    for label in c.get("labels", {}).get("covers", []):
        if label not in LABELS:
            errors.append(f"{where}: unknown covers label {label!r}")


def validate() -> int:
    errors: list[str] = []
    convs = []
    with open(EXAMPLES / "conversations.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                convs.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"conversations.jsonl:{n}: {e}")
    seen = Counter(c["id"] for c in convs)
    errors += [f"duplicate conversation id {k}" for k, v in seen.items() if v > 1]
    for c in convs:
        _check_conversation(c, c.get("id", "?"), errors)

    # CSV: re-group rows into conversations and apply the same checks.
    with open(EXAMPLES / "tickets.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["conversation_id", "role", "author", "text", "timestamp"]:
            errors.append(f"tickets.csv: bad header {reader.fieldnames}")
        grouped: dict[str, list[dict]] = {}
        for row in reader:
            grouped.setdefault(row["conversation_id"], []).append(row)
    for cid, rows in grouped.items():
        if cid in seen:
            errors.append(f"tickets.csv: id {cid} clashes with conversations.jsonl")
        msgs = [
            {
                "id": f"m{i}",
                "role": r["role"],
                "author": r["author"],
                "text": r["text"],
                "sent_at": r["timestamp"],
            }
            for i, r in enumerate(rows, 1)
        ]
        _check_conversation(
            {"id": cid, "channel": "", "source": "", "subject": "", "labels": {}, "messages": msgs},
            f"tickets.csv:{cid}",
            errors,
        )

    # Transcript: every non-separator line starts with a speaker prefix.
    txt = (EXAMPLES / "transcript.txt").read_text(encoding="utf-8")
    blocks = txt.strip().split("\n---\n")
    for b, block in enumerate(blocks, 1):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if len(lines) < 4:
            errors.append(f"transcript.txt block {b}: only {len(lines)} lines")
        for ln in lines:
            if not (ln.startswith("Customer: ") or ln.startswith("Agent: ")):
                errors.append(f"transcript.txt block {b}: bad line {ln[:40]!r}")

    # Coverage: each label at least twice in the JSONL, scripted sentences in >= 3 conversations.
    covers = Counter(lbl for c in convs for lbl in c["labels"]["covers"])
    for lbl in LABELS:
        if covers[lbl] < 2:
            errors.append(f"label {lbl} covered only {covers[lbl]} time(s)")
    for sentence in (APOLOGY, FRUSTRATION):
        n = sum(any(sentence in m["text"] for m in c["messages"]) for c in convs)
        if n < 3:
            errors.append(f"scripted sentence used in only {n} conversations: {sentence!r}")
    quality = Counter(c["labels"]["quality"] for c in convs)
    n_system = sum(any(m["role"] == "system" for m in c["messages"]) for c in convs)
    if quality["good"] < 4:
        errors.append("fewer than 4 clean conversations")
    if n_system < 2:
        errors.append("fewer than 2 conversations with a system message")

    n_msgs = sum(len(c["messages"]) for c in convs)
    print(
        f"conversations.jsonl: {len(convs)} conversations, {n_msgs} messages; "
        f"channels {dict(Counter(c['channel'] for c in convs))}"
    )
    print(f"quality: {dict(quality)}; with system message: {n_system}")
    agents = Counter(m["author"] for c in convs for m in c["messages"] if m["role"] == "agent")
    print(f"agent messages: {dict(agents)}")
    print(f"tickets.csv: {len(grouped)} conversations; transcript.txt: {len(blocks)} chats")
    print("covers per label:")
    for lbl in LABELS:
        print(f"  {lbl:28s} {covers[lbl]:3d}")
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    if "--check" not in sys.argv[1:]:
        write_all()
    sys.exit(validate())
