"""The web app in a real browser: log in, import the bundled examples, watch the job
finish, read the dashboard charts, open a highlighted conversation, review it, and check
a draft reply. Screenshots of every step land in ``test-artifacts/e2e/``."""

from __future__ import annotations

import re

import pytest

from .conftest import ADMIN, EXAMPLES, PASSWORD, Server, Tab, shoot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

IMPORT_TIMEOUT_MS = 120_000
RUDE_DRAFT = "Calm down. As I already told you, just restart it. Obviously you did something wrong."
CONTEXT = "Customer: This is the third time I'm asking, the VPN keeps dropping and nobody helps!"


def log_in(tab: Tab, target: str = "/team") -> None:
    page = tab.page
    page.goto(target)
    assert "/login" in page.url  # sent to the login page, and back afterwards
    page.fill("input[name=username]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button")
    page.wait_for_url(f"**{target}")


def svg_shapes(page: object, selector: str) -> list[dict]:
    """Each SVG under ``selector``: its size on screen and how many shapes it draws."""
    return page.eval_on_selector_all(  # type: ignore[attr-defined,no-any-return]
        f"{selector} svg",
        """els => els.map(e => { const r = e.getBoundingClientRect();
             return {w: r.width, h: r.height, shapes: e.querySelectorAll('rect,path,polyline,line,circle').length,
                     label: e.getAttribute('aria-label')}; })""")


def test_coach_workflow(tab: Tab, server: Server) -> None:
    page = tab.page
    log_in(tab)
    assert page.get_by_text("No conversations yet").is_visible()
    shoot(page, "01-team-empty")

    # Import through the upload form; the job page polls its JSON twin until the job ends.
    page.goto("/import")
    page.set_input_files("input[name=file]", str(EXAMPLES / "conversations.jsonl"))
    page.select_option("select[name=format]", "auto")
    # The reader options reach the job (a role synonym and kept notes change nothing in these examples).
    page.fill("textarea[name=roles]", "Priya=agent")
    page.select_option("select[name=internal_notes]", "system")
    shoot(page, "02-import-form")
    page.click("form[action='/import'] button")
    page.wait_for_url(re.compile(r"/jobs/\d+$"))
    page.wait_for_selector("#job[data-status=done]", timeout=IMPORT_TIMEOUT_MS)
    assert page.eval_on_selector("#job progress", "p => p.value") == 100
    assert page.text_content("[data-field=message]").startswith("35 new")  # type: ignore[union-attr]
    assert page.get_by_text("Read with:").is_visible() and "Priya=agent" in page.inner_text("main")
    shoot(page, "03-job-done")

    # The dashboard: every chart is an inline SVG that draws something and takes up space.
    page.click("text=Team dashboard")
    page.wait_for_url("**/team")
    charts = svg_shapes(page, "main")
    assert len(charts) >= 5, charts
    assert all(c["w"] > 0 and c["h"] > 0 and c["shapes"] > 0 for c in charts), charts
    weekly = svg_shapes(page, "main section:first-of-type")
    assert weekly and weekly[0]["w"] > 300
    assert page.locator("text=Worth reviewing").is_visible()
    shoot(page, "04-team")

    # A low-scoring conversation from "Worth reviewing": evidence is highlighted in the messages.
    page.locator(".grid3 table a").first.click()
    page.wait_for_url(re.compile(r"/conversations/\d+$"))
    conversation_path = page.url.removeprefix(server.url)
    marks = page.locator(".msg .text mark")
    assert marks.count() > 0
    assert marks.first.is_visible()
    assert page.locator("select[name^=finding-]").count() > 0
    shoot(page, "05-conversation")

    # Review: judge the first two findings and leave a note; the review shows up on the page.
    page.select_option("select[name=finding-0]", "correct")
    if page.locator("select[name=finding-1]").count():
        page.select_option("select[name=finding-1]", "wrong")
    page.fill("textarea[name=note]", "Good catch on the jargon; e2e note.")
    page.click("text=Save review")
    page.wait_for_load_state()
    review = page.locator("article.card").filter(has_text="e2e note")
    assert review.is_visible()
    assert "correct" in review.inner_text()
    assert page.eval_on_selector("select[name=finding-0]", "s => s.value") == "correct"  # kept on reload
    shoot(page, "06-review-saved")

    # The reply check flags a rude draft.
    page.click("nav >> text=Check a reply")
    page.wait_for_url("**/check")
    assert page.locator("nav").get_by_text(f"{ADMIN} (admin)").is_visible()  # still shown as logged in
    page.fill("textarea[name=draft]", RUDE_DRAFT)
    page.fill("textarea[name=context]", CONTEXT)
    page.click("main form button")
    page.wait_for_selector("h2:has-text('Verdict')")
    flags = page.locator("article.card")
    assert flags.count() >= 1 and flags.first.is_visible()
    assert page.locator("textarea[name=draft]").input_value() == RUDE_DRAFT  # the draft stays to edit
    shoot(page, "07-check")

    assert not tab.js_errors, tab.js_errors
    assert not tab.blocked, f"requests off the local server: {tab.blocked}"
    # The JSON twin of the reviewed conversation (same cookies): the review is stored.
    stored = page.request.get(f"{server.url}{conversation_path}.json").json()
    assert any(r["note"] == "Good catch on the jargon; e2e note." for r in stored["reviews"])


def test_check_page_without_login(tab: Tab) -> None:
    """The reply check is open without an account (the default), and needs no script."""
    page = tab.page
    page.goto("/check")
    assert "/login" not in page.url
    page.fill("textarea[name=draft]", "Thanks for the details! I'll check the logs and update you by 3pm.")
    page.click("main form button")
    page.wait_for_selector("h2:has-text('Verdict')")
    assert page.locator(".error").count() == 0
    shoot(page, "08-check-anonymous")
    assert not tab.js_errors and not tab.blocked
