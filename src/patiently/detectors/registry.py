"""Detectors are found through the ``patiently.detectors`` entry point group.

Built-ins are registered in our own ``pyproject.toml`` exactly as a third-party plugin
would register its own (datasette's default-plugins idea), and loading is explicit
(``load_detectors()`` at start-up), never a side effect of import.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.metadata import EntryPoint, entry_points

from ..errors import PluginError
from .base import Detector

ENTRY_POINT_GROUP = "patiently.detectors"


def names() -> list[str]:
    """Registered detector names, without importing them."""
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


@cache
def get(name: str) -> Detector:
    eps = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not eps:
        raise PluginError(f"unknown detector '{name}'; available: {', '.join(names()) or 'none'}")
    return _load(eps[0])


def available() -> dict[str, Detector]:
    found = {n: get(n) for n in names()}
    if not found:
        raise PluginError("no detectors registered: install the package (pip install -e .) so entry points exist")
    return found


def _load(ep: EntryPoint) -> Detector:
    try:
        obj = ep.load()
    except Exception as exc:  # a broken plugin must say which one it is
        raise PluginError(f"detector entry point '{ep.name}' ({ep.value}) failed to load: {exc}") from exc
    det = obj() if isinstance(obj, type) else obj
    if not isinstance(det, Detector) or not getattr(det, "labels", None):
        raise PluginError(f"entry point '{ep.name}' is not a patiently Detector with labels")
    if det.name != ep.name:
        raise PluginError(f"entry point '{ep.name}' loads detector named '{det.name}'")
    return det


def load_detectors(wanted: Iterable[str] | None = None, exclude: Iterable[str] = ()) -> list[Detector]:
    """Detectors by name (all by default), ordered so that required labels come first."""
    skip = set(exclude)
    if wanted is None:
        return order([d for n, d in available().items() if n not in skip])
    return order([get(n) for n in wanted if n not in skip])


def order(detectors: list[Detector]) -> list[Detector]:
    """Topological order by ``requires``; a label nobody produces is simply absent."""
    producers: dict[str, Detector] = {}
    for d in detectors:
        for label in d.labels:
            producers[label] = d
    ordered: list[Detector] = []
    state: dict[str, int] = {}

    def visit(d: Detector) -> None:
        mark = state.get(d.name, 0)
        if mark == 2:
            return
        if mark == 1:
            raise PluginError(f"detectors require each other in a cycle at '{d.name}'")
        state[d.name] = 1
        for label in d.requires:
            dep = producers.get(label)
            if dep is not None and dep is not d:
                visit(dep)
        state[d.name] = 2
        ordered.append(d)

    for d in sorted(detectors, key=lambda d: d.name):
        visit(d)
    return ordered
