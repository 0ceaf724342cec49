"""HTML message bodies (help-desk exports) to plain text, with the standard library's parser.

What matters for the detectors: line breaks survive (a numbered list must still look like
steps, a signature must stay on its own lines), entities are decoded, and nothing that the
customer did not read as this message's text gets in: ``<script>``/``<style>``/``<head>``
content and the quoted earlier messages that mail clients and help desks append to a reply
(``<blockquote>``, ``gmail_quote``, ``freshdesk_quote``...). Those quotes would otherwise make
every reply repeat the whole thread, and the repeat detectors would see a customer who
repeats themselves in every message.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags whose start and end are line breaks.
_BLOCK = frozenset((
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "address", "blockquote",
    "pre", "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "form", "fieldset", "figure", "figcaption", "center",
))
_SKIP = frozenset(("script", "style", "head", "title", "template", "noscript", "svg", "object"))
# Class names of quoted history in replies (Gmail, Outlook web, Yahoo, Apple Mail, Freshdesk, Zendesk).
_QUOTE_CLASS = re.compile(r"\b(?:gmail_quote|gmail_extra|yahoo_quoted|moz-cite-prefix|freshdesk_quote|"
                          r"zendesk_quote|quoted-text|OutlookMessageHeader|divRplyFwdMsg)\b", re.IGNORECASE)
_VOID = frozenset(("br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"))
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TAG_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>|</[a-zA-Z][a-zA-Z0-9]*\s*>|&(?:#\d+|#x[0-9a-fA-F]+|"
                       r"[a-zA-Z]+);")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip: list[str] = []  # stack of open tags whose content is dropped
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [next number] (ol) or [] (ul)
        self._marker = False  # a list item's "1. " / "- " was the last thing written

    # A tag stack only for the skipped parts: HTML from mail clients is rarely well nested,
    # and for text extraction only "are we inside something we drop" has to be exact.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        cls = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if tag in _SKIP or (tag in ("blockquote", "div") and _QUOTE_CLASS.search(cls)) or (
                tag == "blockquote" and any(k == "type" and v == "cite" for k, v in attrs)):
            self._skip.append(tag)
            return
        if tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n")
            if self._lists and self._lists[-1]:
                n = self._lists[-1][0]
                self._lists[-1][0] = n + 1
                self.out.append(f"{n}. ")
            else:
                self.out.append("- ")
            self._marker = True
            return
        elif tag in ("ol", "ul"):
            start = dict(attrs).get("start")
            first = int(start) if start and start.isdigit() else 1
            self._lists.append([first] if tag == "ol" else [])
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _BLOCK:
            if tag == "pre":
                self._pre += 1
            if not self._marker:  # "<li><p>text": the text stays on the number's line
                self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            # Close up to the matching open tag; an unmatched end tag inside a skipped part is ignored.
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in ("ol", "ul"):
            if self._lists:
                self._lists.pop()
            self.out.append("\n")
        elif tag in _BLOCK:
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip or (self._marker and not data.strip()):
            return
        text = data if self._pre else _SPACES.sub(" ", data.replace("\n", " "))
        self.out.append(text.lstrip() if self._marker else text)
        self._marker = False


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML fragment: block elements and ``<br>`` become line breaks,
    list items get ``-`` or their number, entities are decoded, runs of spaces and of blank
    lines are squeezed, and quoted reply history and scripts are dropped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "\n".join(line.strip() for line in "".join(parser.out).split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds tags or entities (Zendesk ``body`` and Intercom parts may be either)."""
    return ("<" in text or "&" in text) and bool(_TAG_HINT.search(text))
