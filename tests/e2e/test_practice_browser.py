"""Practice in a real browser: pick a scenario, chat with the simulated customer (the page's
script sends each message without a reload), show the mood, end, read the debrief and leave
a comment; then the same chat with JavaScript off, on plain form posts. Screenshots land in
``test-artifacts/e2e/``."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import ADMIN, PASSWORD, Server, Tab, shoot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCENARIO = "vpn-home-wifi"
FIRST = ("I'm sorry it keeps dropping, that sounds really frustrating. Does it happen only at home, "
         "or in the office too?")
SECOND = "Reinstall the VPN client."


def log_in(page: Any, target: str = "/practice") -> None:
    page.goto(target)
    assert "/login" in page.url
    page.fill("input[name=username]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button")
    page.wait_for_url(f"**{target}")


def start_scenario(page: Any) -> str:
    card = page.locator(f"#scenario-{SCENARIO}")
    assert card.is_visible()
    card.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/practice/sessions/\d+$"))
    assert page.locator("#chat .msg.customer").count() == 1  # the customer's opening line
    return str(page.url)


def test_practice_session_with_debrief(tab: Tab, server: Server) -> None:
    page = tab.page
    log_in(page)
    shoot(page, "20-practice-scenarios")
    chat_url = start_scenario(page)

    # The mood bars are hidden until asked for (a plain form post).
    page.click("#mood-toggle")
    page.wait_for_selector(".mood [data-mood=anger]")

    # Two messages, each answered in place: no reload (the page keeps a marker we set).
    page.evaluate("window.__same_page = true")
    anger_before = page.text_content("[data-mood-value=anger]")
    for n, text in enumerate((FIRST, SECOND), start=1):
        page.fill("textarea[name=text]", text)
        page.click("#send")
        page.wait_for_function(f"document.querySelectorAll('#chat .msg.customer:not(.pending)').length === {n + 1}")
        assert page.locator("textarea[name=text]").input_value() == ""
    assert page.evaluate("window.__same_page") is True
    assert page.locator("#chat .msg.agent").count() == 2
    assert page.text_content("[data-mood-value=anger]") != anger_before  # the bars follow the customer
    shoot(page, "21-practice-chat")

    # What the script showed is what was stored.
    stored = page.request.get(f"{chat_url}.json").json()["session"]
    assert [m["text"] for m in stored["messages"] if m["role"] == "agent"] == [FIRST, SECOND]

    page.click("#end")
    page.wait_for_url(re.compile(r"/practice/sessions/\d+/debrief$"))
    assert page.locator("h1").inner_text().startswith("Debrief")
    assert page.locator(".msg .text mark").count() > 0  # evidence highlighted
    assert page.locator(".verdict.hurt").count() >= 1 and page.locator(".verdict.helped").count() >= 1
    assert page.get_by_text("What would have worked").first.is_visible()
    charts = page.eval_on_selector_all("main svg", "els => els.map(e => e.getBoundingClientRect().width)")
    assert len(charts) >= 2 and all(w > 0 for w in charts)
    shoot(page, "22-practice-debrief")

    page.fill("#comments textarea[name=text]", "e2e: good first question.")
    page.click("#comments form.stack button")
    page.wait_for_url(re.compile(r"/debrief#comments$"))
    assert page.locator("article.comment").filter(has_text="e2e: good first question.").is_visible()

    page.goto("/practice/progress")
    assert page.locator("main svg").count() >= 1
    shoot(page, "23-practice-progress")

    # As a coach would: assign a scenario, then see the team's results.
    page.goto("/practice/assignments")
    page.select_option("select[name=trainee]", ADMIN)
    page.select_option("select[name=scenario]", "phishing-scare")
    page.fill("input[name=due_date]", "2031-01-31")
    page.click("#assign-form button")
    page.wait_for_url("**/practice/assignments")
    assert page.locator("td.assignment.open").count() == 1
    page.goto("/practice")
    assert page.locator(".scenario").first.get_attribute("id") == "scenario-phishing-scare"  # assigned: first
    page.goto("/practice/team")
    heatmap = page.locator("main svg[aria-label='Latest score per trainee and scenario']")
    assert heatmap.count() == 1 and heatmap.locator("rect").count() > 0
    shoot(page, "25-practice-team")
    assert not tab.js_errors, tab.js_errors
    assert not tab.blocked, f"requests off the local server: {tab.blocked}"


def test_practice_without_javascript(browser: Any, server: Server) -> None:
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        log_in(page)
        start_scenario(page)
        page.fill("textarea[name=text]", FIRST)
        page.click("#send")
        page.wait_for_url(re.compile(r"/practice/sessions/\d+#latest$"))
        assert page.locator("#chat .msg.customer").count() == 2
        page.click("#end")
        page.wait_for_url(re.compile(r"/debrief$"))
        assert page.locator(".verdict").count() == 1
        shoot(page, "24-practice-no-js-debrief")
    finally:
        context.close()
