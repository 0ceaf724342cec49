"""Every HTML page links its JSON twin ("this page as JSON", ``<link rel="alternate">``). The
link is built from the request's path, so a crafted path must never make it leave the site
(QA pass 3, item 7: ``//evil.example`` linked to ``//evil.example.json``, another host)."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from fastapi.testclient import TestClient

from patiently.web.render import json_href

BASE = "http://testserver"


def _json_links(html: str) -> list[str]:
    alternate = re.findall(r'<link rel="alternate" type="application/json" href="([^"]*)"', html)
    footer = re.findall(r'<a href="([^"]*)">this page as JSON</a>', html)
    assert len(alternate) == len(footer) == 1, (alternate, footer)
    return alternate + footer


def _same_origin(href: str) -> bool:
    """What a browser makes of ``href`` on this site: it drops tabs and newlines from links and
    reads a backslash as a slash, so check the link as it would resolve it."""
    cleaned = re.sub(r"[\t\n\r]", "", href).replace("\\", "/")
    return href.startswith("/") and urljoin(f"{BASE}/x/", cleaned).startswith(f"{BASE}/")


@pytest.mark.parametrize("path", ["//evil.example", "///evil.example", "/\\evil.example", "/%5Cevil.example",
                                  "/%09/evil.example", "/%2F%2Fevil.example", "//evil.example/team/"])
def test_a_crafted_path_links_to_this_site(clients: Callable[[str | None], TestClient], path: str) -> None:
    r = clients(None).get(BASE + path)  # the full URL: httpx would read "//host" as another host
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    for href in _json_links(r.text):
        assert _same_origin(href), href
        assert "evil.example" in href  # still this path's twin, as text: /evil.example.json, /%5Cevil...


@pytest.mark.parametrize(("path", "query", "href"), [
    ("/", "", "/index.json"),
    ("/team", "", "/team.json"),
    ("/team/", "from=2026-01-05&to=2026-03-01", "/team.json?from=2026-01-05&to=2026-03-01"),
    ("/agents/dana smith", "", "/agents/dana%20smith.json"),
    ("//evil.example", "", "/evil.example.json"),
    ("/\t/evil.example", "", "/%09/evil.example.json"),
    ("/\\evil.example", "", "/%5Cevil.example.json"),
])
def test_json_href(path: str, query: str, href: str) -> None:
    assert json_href(path, query) == href


def test_pages_link_their_twin_with_the_query(imported: dict, clients: Callable[[str | None], TestClient]) -> None:
    c = clients("coach")
    assert _json_links(c.get("/team").text) == ["/team.json"] * 2
    links = _json_links(c.get("/conversations?agent=sam&amp=1").text)
    assert links == ["/conversations.json?agent=sam&amp;amp=1"] * 2  # HTML-escaped in the attribute
    assert c.get(links[0].replace("&amp;", "&")).json()["agent"] == "sam"
