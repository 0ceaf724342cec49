"""One validated configuration (pydantic, unknown keys rejected) with dotted overrides.

``patiently analyze --set silence.chat_seconds=600 --set repeat.similarity=0.8``.
Nothing is read from or written to the user's home: settings come from defaults, an
optional ``--config`` YAML file and ``--set`` overrides, in that order.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError


def usable_cores() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's count): the default
    number of server workers and of batches a fine-tuned head encodes at once."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmbeddingSettings(_Strict):
    # "static": the distilled all-MiniLM-L6-v2 shipped in the package (fast, no torch).
    # "transformer": the full model through sentence-transformers (extra "transformer").
    backend: Literal["static", "transformer"] = "static"
    model_path: str | None = None


class SilenceSettings(_Strict):
    """How long a customer may wait for the agent before it counts as a long silence."""

    chat_seconds: int = Field(300, gt=0)
    social_seconds: int = Field(4 * 3600, gt=0)
    email_seconds: int = Field(24 * 3600, gt=0)
    ticket_seconds: int = Field(24 * 3600, gt=0)
    phone_seconds: int = Field(120, gt=0)
    default_seconds: int = Field(3600, gt=0)

    def threshold(self, channel: str | None) -> int:
        return int(getattr(self, f"{channel}_seconds", self.default_seconds)) if channel else self.default_seconds


class PressureSettings(_Strict):
    # "Are you there?" sooner than this after the agent's own message is rushing.
    nudge_within_seconds: int = Field(90, gt=0)


class RepeatSettings(_Strict):
    # Tuned on Ubuntu IRC + TWCS with the static model: below ~0.76 most pairs are follow-ups.
    similarity: float = Field(0.76, ge=0, le=1)
    window: int = Field(30, gt=0)  # earlier customer messages compared with; keeps cost per message flat
    min_words: int = Field(3, ge=1)


class JargonSettings(_Strict):
    # wordfreq Zipf frequency below which a glossary-free word counts as rare/technical.
    rare_zipf: float = Field(2.5, ge=0, le=8)


class ScriptedSettings(_Strict):
    min_conversations: int = Field(3, ge=2)  # verbatim reuse across this many conversations


class PromiseSettings(_Strict):
    grace_seconds: int = Field(15 * 60, ge=0)
    default_chat_seconds: int = Field(30 * 60, gt=0)  # "I'll get back to you shortly" in chat
    default_async_seconds: int = Field(24 * 3600, gt=0)


class Settings(_Strict):
    embeddings: EmbeddingSettings = EmbeddingSettings()
    silence: SilenceSettings = SilenceSettings()
    pressure: PressureSettings = PressureSettings()
    repeat: RepeatSettings = RepeatSettings()
    jargon: JargonSettings = JargonSettings()
    scripted: ScriptedSettings = ScriptedSettings()
    promise: PromiseSettings = PromiseSettings()
    # Plugins may read their own section from here.
    plugins: dict[str, dict[str, Any]] = {}


def parse_value(raw: str) -> Any:
    """Parse an override value as YAML so numbers, booleans and lists work naturally."""
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, noting the line of each alias as it composes, so one parse gives
    the nodes (the lines of fields), the aliases and the data."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_lines: list[int] = []

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.alias_lines.append(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


YamlProblem = tuple[int, str, str]  # line (1-based), key, message


def read_yaml(text: str) -> tuple[Any, yaml.Node | None, list[YamlProblem]]:
    """A user's YAML file (settings, a rubric, a scenario) in one parse: its data, its root
    node and what YAML allows but these files must not have. Aliases (``*a`` repeats a node;
    nested ones expand a few hundred bytes into millions of values once written out) give one
    problem and no data; a key given twice in one mapping (YAML silently keeps the last) gives
    one problem each. Raises ``yaml.YAMLError`` for text that is not YAML."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if loader.alias_lines:
            return None, root, [(loader.alias_lines[0], "", "YAML aliases (*name) are not allowed here; "
                                 "write the value out")]
        problems: list[YamlProblem] = []
        stack = [root] if root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    name = str(key.value)
                    if name in seen:
                        problems.append((key.start_mark.line + 1, name, f"'{name}' is given twice here"))
                    seen.add(name)
                    stack.append(value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        problems.sort(key=lambda p: p[0])
        return (loader.construct_document(root) if root is not None else None), root, problems
    finally:
        loader.dispose()


def _plain_yaml(text: str, source: str) -> Any:
    """:func:`read_yaml`'s data, or a ConfigError naming ``source`` and the line."""
    try:
        data, _, problems = read_yaml(text)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: PyYAML's int() of thousands of digits
        raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
    if problems:
        raise ConfigError("\n".join(f"{source}, line {line}: {message}" for line, _, message in problems))
    return data


def yaml_mapping(text: str, source: str, shape: str) -> dict[str, Any]:
    """A YAML document that must be a mapping (a rubric, a scenario); errors name ``source``.
    ``shape`` says what the mapping holds, e.g. "a rubric is a mapping with 'name' and 'behaviours'"."""
    data = _plain_yaml(text, source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: {shape}")
    return data


def apply_overrides(data: dict[str, Any], overrides: list[str], *, what: str = "setting") -> dict[str, Any]:
    """Apply ``a.b.c=value`` overrides to a nested dict (a new dict is returned)."""
    import copy

    out = copy.deepcopy(data)
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE, e.g. --set silence.chat_seconds=600")
        node = out
        parts = key.strip().split(".")
        for part in parts[:-1]:
            nxt = node.setdefault(part, {})
            if not isinstance(nxt, dict):
                raise ConfigError(f"--set {item!r}: '{part}' is not a section of the {what}s")
            node = nxt
        node[parts[-1]] = parse_value(raw)
    return out


def load_settings(path: str | Path | None = None, overrides: list[str] | None = None) -> Settings:
    data: dict[str, Any] = {}
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
        data = _plain_yaml(text, str(path)) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: settings are a mapping of sections, e.g. 'silence:' with 'chat_seconds: 600'")
    data = apply_overrides(data, overrides or [])
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(exc, str(path or "settings"))) from exc


def format_validation_error(exc: ValidationError, source: str) -> str:
    lines = [f"{source}: invalid configuration"]
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        lines.append(f"  {loc}: {err['msg']}")
    return "\n".join(lines)
