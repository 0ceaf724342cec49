"""Phrase lists kept as data files (``patiently/lexicons/*.yaml``), compiled to regexes.

A lexicon file looks like::

    name: frustration
    version: 1
    description: What the list is for and where it comes from.
    categories:
      exasperation:
        weight: 0.8            # how strong one match is, 0..1
        phrases:               # literal, case-insensitive; spaces match any whitespace,
          - this is ridiculous #   apostrophes match ' or ’, a trailing * matches a word ending
        patterns:              # raw regular expressions (case-insensitive)
          - '\\bf+e+d up\\b'

Literal phrases keep the lists readable for the coaches who extend them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .lexicon_index import Index, folded, scan


@dataclass(frozen=True, slots=True)
class Match:
    category: str
    start: int
    end: int
    weight: float
    text: str


@dataclass(frozen=True)
class Category:
    name: str
    weight: float
    regex: re.Pattern[str]
    meta: dict[str, Any]
    parts: tuple[str, ...] = ()  # the alternatives ``regex`` is made of, in order


def phrase_to_regex(phrase: str) -> str:
    """Turn a readable phrase into a regex with word boundaries at its ends."""
    p = phrase.strip().lower()
    wildcard = p.endswith("*")
    if wildcard:
        p = p[:-1]
    out = re.escape(p)
    out = re.sub(r"(\\ )+", r"\\s+", out)
    out = out.replace("'", "['’]?").replace("’", "['’]?")
    if wildcard:
        out += r"\w*"
    left = r"\b" if p[:1].isalnum() else ""
    right = r"\b" if (p[-1:].isalnum() or wildcard) else ""
    return f"{left}{out}{right}"


_WORDS = re.compile(r"[a-z0-9]+")
Gate = tuple[frozenset[str], tuple[str, ...], "re.Pattern[str] | None"]


@lru_cache(maxsize=256)  # the context rules of the loaded lexicons
def meta_regex(pattern: str) -> re.Pattern[str]:
    """A regex from a lexicon category's context rules (``skip_if_before``, ``after_customer``, ...),
    compiled once and case-insensitive like the category's phrases."""
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    """Lower-case alphanumeric tokens of ``text``; cached because six tone detectors read each message."""
    if text.isascii():  # then the same as the lexicon index's tokens: computed once for both
        return folded(text)[1]
    return frozenset(_WORDS.findall(text.lower()))


def _phrase_anchor(phrase: str) -> tuple[str, bool] | None:
    """The rarest whole word of a phrase (or its wildcard prefix), which any match must contain.

    Words touching an apostrophe are skipped: the phrase regex makes apostrophes optional, so
    "that's" also matches "thats" and neither "that" nor "s" is then a token of the text.
    """
    from wordfreq import zipf_frequency

    p = phrase.strip().lower()
    wildcard = p.endswith("*")
    p = p.rstrip("*")
    best: tuple[float, str, bool] | None = None
    for m in _WORDS.finditer(p):
        before, after = p[m.start() - 1 : m.start()], p[m.end() : m.end() + 1]
        if before in ("'", "’") or after in ("'", "’"):
            continue
        prefix = wildcard and m.end() == len(p)
        cand = (zipf_frequency(m.group(), "en"), m.group(), prefix)
        if best is None or cand < best:
            best = cand
    return (best[1], best[2]) if best else None


def _gates(categories: list[Category]) -> dict[str, Gate | None]:
    """Per category: words/prefixes/regex of which one must occur for any match, or None (always run).

    Categories with raw ``patterns`` declare their own ``anchors`` (a trailing * is a prefix)
    and/or a cheap ``gate`` regex in the YAML; without them the category always runs.
    """
    out: dict[str, Gate | None] = {}
    for cat in categories:
        words: set[str] = set()
        prefixes: list[str] = []
        ok = not cat.meta.get("patterns") or bool(cat.meta.get("anchors") or cat.meta.get("gate"))
        anchors = [(str(a).lower().rstrip("*"), str(a).endswith("*")) for a in cat.meta.get("anchors") or []]
        for phrase in cat.meta.get("phrases") or []:
            anchor = _phrase_anchor(str(phrase))
            if anchor is None:
                ok = False
                break
            anchors.append(anchor)
        for word, is_prefix in anchors:
            if is_prefix:
                prefixes.append(word)
            else:
                words.add(word)
        gate = re.compile(str(cat.meta["gate"]), re.IGNORECASE) if cat.meta.get("gate") else None
        out[cat.name] = (frozenset(words), tuple(prefixes), gate) if ok else None
    return out


MEMO_SIZE = 1024  # texts whose matches each lexicon remembers (contexts of drafts being re-checked)
MEMO_MAX_CHARS = 4000  # longer texts are matched every time: they are rare, and big keys


class Lexicon:
    def __init__(self, name: str, version: int, categories: list[Category], description: str = "") -> None:
        self.name = name
        self.version = version
        self.categories = categories
        self.description = description
        self._setup()

    def _setup(self) -> None:
        self._gates: dict[str, Gate | None] | None = None
        self._index: Index | None = None
        # an index per subset of categories a detector asks for: their alternatives alone
        self._indexes: dict[tuple[str, ...], Index] = {}
        # Matches per (text, categories): detectors read the same context messages again on every
        # check of a draft in one conversation. Pure in the text, bounded, and results are copied.
        self._memo: Callable[[str, tuple[str, ...] | None], tuple[Match, ...]] = \
            lru_cache(maxsize=MEMO_SIZE)(self._find)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_gates", "_index", "_indexes", "_memo")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._setup()

    def find(self, text: str, categories: tuple[str, ...] | None = None, *, gated: bool = True) -> list[Match]:
        """All non-overlapping matches per category, in text order.

        A category's big alternation only runs when one of its anchor words (the rarest word
        of each phrase, or declared ``anchors``/``gate``) occurs in the text: a set lookup
        instead of trying a hundred alternatives at every character. When it runs, only the
        alternatives whose literal text occurs are scanned (see :func:`scan`). The result is
        the same as running every regex, which ``gated=False`` does (the reference the tests
        compare with).
        """
        if categories is not None and not isinstance(categories, tuple):
            categories = tuple(categories)
        if not gated:
            return list(self._find(text, categories, False))
        if len(text) > MEMO_MAX_CHARS:
            return list(self._find(text, categories))
        return list(self._memo(text, categories))

    def _find(self, text: str, categories: tuple[str, ...] | None, gated: bool = True) -> tuple[Match, ...]:
        if self._gates is None or self._index is None:
            self.prepare()
        assert self._gates is not None and self._index is not None
        if not gated:
            found = [Match(cat.name, m.start(), m.end(), cat.weight, m.group())
                     for cat in self.categories if categories is None or cat.name in categories
                     for m in cat.regex.finditer(text) if m.end() > m.start()]
            found.sort(key=lambda m: (m.start, -m.end))
            return tuple(found)
        index = self._index
        if categories is not None:
            sub = self._indexes.get(categories)
            if sub is None:
                sub = self._indexes[categories] = Index(self.categories, categories)
            index = sub
        # The index first: for most texts no alternative of any category can match, and then
        # neither the gates nor the regexes need to run.
        live = index.live(text)
        if not live and not index.whole:
            return ()
        words: frozenset[str] | None = None
        found = []
        # live is in category order; an index for ``categories`` holds theirs alone
        for ci in sorted(live.keys() | index.whole) if index.whole else live:
            cat = self.categories[ci]
            if categories is not None and cat.name not in categories:
                continue
            alts = live.get(ci, [])
            # The category gate, as it always ran: a category's declared anchors/gate are a
            # precondition of its matches (for packaged lexicons they are meant to be implied
            # by the patterns, and mostly are: see tests/test_lexicon.py).
            g = self._gates[cat.name]
            if g is not None:
                if words is None:
                    words = words_of(text)
                if g[0].isdisjoint(words) and not (g[1] and any(w.startswith(g[1]) for w in words)) \
                        and not (g[2] is not None and g[2].search(text)):
                    continue
            matches: Any = cat.regex.finditer(text) if ci in index.whole else scan(text, alts)
            for m in matches:
                if m.end() > m.start():
                    found.append(Match(cat.name, m.start(), m.end(), cat.weight, m.group()))
        if not found:
            return ()
        found.sort(key=lambda m: (m.start, -m.end))
        return tuple(found)

    def prepare(self) -> None:
        """Build the gates and the index now (they are built on first use otherwise), e.g. at
        server start, so that the first requests do not pay for them."""
        if self._gates is None or self._index is None:
            self._gates = _gates(self.categories)
            self._index = Index(self.categories)

    def first(self, text: str, categories: tuple[str, ...] | None = None) -> Match | None:
        matches = self.find(text, categories)
        return matches[0] if matches else None

    def category(self, name: str) -> Category:
        for c in self.categories:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def phrases(self) -> dict[str, list[str]]:
        return {c.name: list(c.meta.get("phrases", [])) for c in self.categories}


def parse_lexicon(data: Any, source: str) -> Lexicon:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise ConfigError(f"{source}: a lexicon needs a 'categories' mapping")
    cats: list[Category] = []
    for cname, spec in data["categories"].items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{source}: category '{cname}' must be a mapping")
        for key in ("phrases", "patterns", "anchors"):
            items = spec.get(key) or []
            if not isinstance(items, list):
                raise ConfigError(f"{source}: category '{cname}': '{key}' must be a list")
            for item in items:
                # YAML reads a bare no / yes / on / off as a boolean and 404 as a number: the
                # phrase would silently become "False" and never match.
                if not isinstance(item, str):
                    raise ConfigError(f"{source}: category '{cname}': {key} item {item!r} is not text; "
                                      f"quote it in the YAML (e.g. 'no')")
        parts = [phrase_to_regex(str(p)) for p in spec.get("phrases") or []]
        parts += [str(p) for p in spec.get("patterns") or []]
        if not parts:
            raise ConfigError(f"{source}: category '{cname}' has no phrases or patterns")
        try:
            regex = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{source}: category '{cname}': bad pattern: {exc}") from exc
        weight = float(spec.get("weight", 1.0))
        cats.append(Category(str(cname), weight, regex, dict(spec), tuple(parts)))
    return Lexicon(str(data.get("name", source)), int(data.get("version", 1)), cats,
                   str(data.get("description", "")))


@cache
def load_lexicon(name: str) -> Lexicon:
    """Load a packaged lexicon by name (``lexicons/{name}.yaml``)."""
    ref = resources.files("patiently") / "lexicons" / f"{name}.yaml"
    try:
        text = ref.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"no packaged lexicon named '{name}'") from exc
    return parse_lexicon(yaml.safe_load(text), f"lexicons/{name}.yaml")


def lexicon_names() -> list[str]:
    """Names of the packaged lexicons."""
    folder = resources.files("patiently") / "lexicons"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_lexicon_file(path: str | Path) -> Lexicon:
    p = Path(path)
    return parse_lexicon(yaml.safe_load(p.read_text(encoding="utf-8")), str(p))


@cache
def load_data(name: str) -> Any:
    """Load a packaged YAML data file (``data/{name}.yaml``), e.g. an IT glossary."""
    ref = resources.files("patiently") / "data" / f"{name}.yaml"
    return yaml.safe_load(ref.read_text(encoding="utf-8"))
