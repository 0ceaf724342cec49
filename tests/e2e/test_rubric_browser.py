"""The rubric editor in a real browser, without any script of ours involved: an admin edits the
whole rubric as YAML, a mistake comes back with its line and their text kept, the fix saves a
new version whose page says what changed, and an earlier version is restored."""

from __future__ import annotations

import re

import pytest

from .conftest import Tab, shoot
from .test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_edit_the_rubric_as_yaml_and_restore(tab: Tab) -> None:
    page = tab.page
    log_in(tab, "/rubric")
    editor = page.locator("textarea[name=yaml]")
    text = editor.input_value()
    assert "behaviours:" in text and "baseline: 80" in text

    # A typo: nothing saved, the error names the line, the admin's text is still there.
    editor.fill(text.replace("baseline: 80", "baseline: eighty", 1))
    page.click("form[action='/rubric/yaml'] button")
    alert = page.locator("#yaml-errors")
    alert.wait_for()
    assert re.search(r"line \d+", alert.inner_text()) and "baseline" in alert.inner_text()
    assert "baseline: eighty" in editor.input_value()
    assert editor.get_attribute("aria-invalid") == "true"
    shoot(page, "20-rubric-yaml-error")

    # The fix saves a new version; its page lists the change.
    editor.fill(editor.input_value().replace("baseline: eighty", "baseline: 82", 1))
    page.click("form[action='/rubric/yaml'] button")
    page.wait_for_url(re.compile(r"/rubric/versions/\d+"))
    saved = int(re.search(r"/rubric/versions/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    assert "calm_positive_tone: baseline 80 → 82" in page.inner_text("main")
    shoot(page, "21-rubric-version")

    # Restoring the built-in rubric makes one more version, equal to the built-in one.
    page.goto("/rubric")
    page.locator("form[action$='/restore'] button").last.click()
    page.wait_for_url(re.compile(r"/rubric/versions/\d+"))
    restored = int(re.search(r"/rubric/versions/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    assert restored == saved + 1
    page.goto("/rubric")
    assert "baseline: 80" in page.locator("textarea[name=yaml]").input_value()
    shoot(page, "22-rubric-restored")
    assert not tab.js_errors and not tab.blocked
