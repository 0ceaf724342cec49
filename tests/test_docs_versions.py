"""Each detector's page says which version it describes, and that is the version the code runs.

The heading of ``docs/detectors/<id>.md`` is ``# <id> (vN)``; a detector bumped without its
page (or the other way round) fails here instead of misleading a coach reading the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from patiently.pipeline import Analyzer

DOCS = Path(__file__).resolve().parent.parent / "docs" / "detectors"
_HEADING = re.compile(r"# (?P<id>[a-z_.]+) \(v(?P<version>\d+)\)\s*$")


def _detectors() -> dict[str, int]:
    return {d.id.split("@")[0]: int(d.id.split("@")[1]) for d in Analyzer().detectors}


@pytest.mark.parametrize("name, version", sorted(_detectors().items()))
def test_each_detector_page_names_the_running_version(name: str, version: int) -> None:
    page = DOCS / f"{name}.md"
    assert page.exists(), f"no page for {name}: write {page}"
    first = page.read_text(encoding="utf-8").splitlines()[0]
    m = _HEADING.match(first)
    assert m is not None, f"{page}: the first line should be '# {name} (v{version})', is {first!r}"
    assert (m["id"], int(m["version"])) == (name, version), f"{page} says {first!r}; the code runs v{version}"


def test_no_page_without_a_detector() -> None:
    assert {p.stem for p in DOCS.glob("*.md")} - {"README", "index"} <= set(_detectors())
