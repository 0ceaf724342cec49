"""One validated configuration (pydantic, unknown keys rejected) with dotted overrides.

``patiently analyze --set silence.chat_seconds=600 --set repeat.similarity=0.8``.
Nothing is read from or written to the user's home: settings come from defaults, an
optional ``--config`` YAML file and ``--set`` overrides, in that order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .errors import ConfigError
from .textcheck import Loc, field_path


def usable_cores() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's count): the default
    number of server workers and of batches a fine-tuned head encodes at once."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class StrictModel(BaseModel):
    """Base of every model read from a user's YAML (settings, rubrics, scenarios): unknown keys
    are refused (a typo fails loudly), values are frozen, no inf/NaN (an infinite weight makes
    every score NaN), and no true/false where a number is meant (pydantic would read true as 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_number(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) and info.field_name in _numeric_fields(cls):
            raise ValueError("expected a number, not true/false")
        return value


@cache
def _numeric_fields(model: type[BaseModel]) -> frozenset[str]:
    """Fields typed int or float (or either or None)."""
    out = set()
    for name, f in model.model_fields.items():
        args = set(get_args(f.annotation)) - {type(None)}
        kinds = args if get_args(f.annotation) else {f.annotation}
        if kinds and kinds <= {int, float}:
            out.add(name)
    return frozenset(out)


class EmbeddingSettings(StrictModel):
    # "static": the distilled all-MiniLM-L6-v2 shipped in the package (fast, no torch).
    # "transformer": the full model through sentence-transformers (extra "transformer").
    backend: Literal["static", "transformer"] = "static"
    model_path: str | None = None


class SilenceSettings(StrictModel):
    """How long a customer may wait for the agent before it counts as a long silence."""

    chat_seconds: int = Field(300, gt=0)
    social_seconds: int = Field(4 * 3600, gt=0)
    email_seconds: int = Field(24 * 3600, gt=0)
    ticket_seconds: int = Field(24 * 3600, gt=0)
    phone_seconds: int = Field(120, gt=0)
    default_seconds: int = Field(3600, gt=0)

    def threshold(self, channel: str | None) -> int:
        return int(getattr(self, f"{channel}_seconds", self.default_seconds)) if channel else self.default_seconds


class PressureSettings(StrictModel):
    # "Are you there?" sooner than this after the agent's own message is rushing.
    nudge_within_seconds: int = Field(90, gt=0)


class RepeatSettings(StrictModel):
    # Tuned on Ubuntu IRC + TWCS with the static model: below ~0.76 most pairs are follow-ups.
    similarity: float = Field(0.76, ge=0, le=1)
    window: int = Field(30, gt=0)  # earlier customer messages compared with; keeps cost per message flat
    min_words: int = Field(3, ge=1)


class JargonSettings(StrictModel):
    # wordfreq Zipf frequency below which a glossary-free word counts as rare/technical.
    rare_zipf: float = Field(2.5, ge=0, le=8)


class ScriptedSettings(StrictModel):
    min_conversations: int = Field(3, ge=2)  # verbatim reuse across this many conversations


class PromiseSettings(StrictModel):
    grace_seconds: int = Field(15 * 60, ge=0)
    default_chat_seconds: int = Field(30 * 60, gt=0)  # "I'll get back to you shortly" in chat
    default_async_seconds: int = Field(24 * 3600, gt=0)


class HeadsSettings(StrictModel):
    # A folder written by `patiently train-heads` (its manifest.json and NAME.npz files): the
    # detectors that read a trained head (customer.frustration: goemotions; agent.tone:
    # agent_tone) take it from there instead of the heads shipped in the package.
    dir: str | None = None

    @field_validator("dir")
    @classmethod
    def _a_heads_folder(cls, v: str | None) -> str | None:
        if v is not None:
            from .heads import heads_folder_problem

            if problem := heads_folder_problem(v):
                raise ValueError(problem)
        return v


class Settings(StrictModel):
    embeddings: EmbeddingSettings = EmbeddingSettings()
    heads: HeadsSettings = HeadsSettings()
    silence: SilenceSettings = SilenceSettings()
    pressure: PressureSettings = PressureSettings()
    repeat: RepeatSettings = RepeatSettings()
    jargon: JargonSettings = JargonSettings()
    scripted: ScriptedSettings = ScriptedSettings()
    promise: PromiseSettings = PromiseSettings()
    # Plugins may read their own section from here.
    plugins: dict[str, dict[str, Any]] = {}


def settings_for_heads(directory: str | Path | None) -> Settings | None:
    """The default settings reading their heads from ``directory`` (checked: a heads folder with
    the heads the analyser needs), or None for the shipped heads."""
    return load_settings(overrides=[f"heads.dir={directory}"]) if directory else None


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
MAX_YAML_DEPTH = 64  # levels of nesting; settings, rubrics and scenarios need fewer than ten


def read_yaml(text: str) -> tuple[Any, yaml.Node | None, list[YamlProblem]]:
    """A user's YAML file (settings, a rubric, a scenario) in one parse: its data, its root
    node and what YAML allows but these files must not have. Aliases (``*a`` repeats a node;
    nested ones expand a few hundred bytes into millions of values once written out) give one
    problem and no data; a key given twice in one mapping (YAML silently keeps the last) gives
    one problem each. Raises ``yaml.YAMLError`` for text that is not YAML, and for YAML nested
    too deeply to read (PyYAML recurses once per level: "[[[[...]]]]" of a few KB)."""
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:
            raise yaml.YAMLError("nested too deeply (more than a few hundred levels)") from None
        if loader.alias_lines:
            return None, root, [(loader.alias_lines[0], "", "YAML aliases (*name) are not allowed here; "
                                 "write the value out")]
        problems: list[YamlProblem] = []
        stack = [(root, 1)] if root is not None else []
        while stack:
            node, depth = stack.pop()
            if depth > MAX_YAML_DEPTH:  # copying or validating it would recurse as deep
                raise yaml.YAMLError(f"nested too deeply (more than {MAX_YAML_DEPTH} levels) "
                                     f"at line {node.start_mark.line + 1}")
            if isinstance(node, yaml.MappingNode):
                seen: set[tuple[str, str]] = set()
                for key, value in node.value:
                    name = str(key.value)
                    if (key.tag, name) in seen:  # 1 and "1" are two keys
                        problems.append((key.start_mark.line + 1, name, f"'{name}' is given twice here"))
                    seen.add((key.tag, name))
                    stack.append((value, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((v, depth + 1) for v in node.value)
        problems.sort(key=lambda p: p[0])
        try:
            return (loader.construct_document(root) if root is not None else None), root, problems
        except RecursionError:
            raise yaml.YAMLError("nested too deeply (more than a few hundred levels)") from None
    finally:
        loader.dispose()


def yaml_document(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """:func:`read_yaml`'s data and root node, or a ConfigError naming ``source`` and the line."""
    try:
        data, root, problems = read_yaml(text)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: PyYAML's int() of thousands of digits
        raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
    if problems:
        raise ConfigError("\n".join(f"{source}, line {line}: {message}" for line, _, message in problems))
    return data, root


def read_text_file(path: str | Path, what: str) -> str:
    """A user's text file (settings, a rubric, a scenario) as UTF-8, a byte-order mark dropped;
    a ConfigError naming the file when it cannot be read or is in another encoding."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        kind = "UTF-16" if bytes(exc.object[:2]) in (b"\xff\xfe", b"\xfe\xff") else "another encoding"
        raise ConfigError(f"{path}: cannot read {what}: byte {exc.start} is not UTF-8 (the file looks like "
                          f"{kind}); save it as UTF-8") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: cannot read {what}: it is a directory, not a file") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc.strerror or exc}") from exc


def yaml_mapping(text: str, source: str, shape: str) -> tuple[dict[str, Any], yaml.Node | None]:
    """A YAML document that must be a mapping (a rubric, a scenario), with its root node (for
    the lines of fields); errors name ``source``. ``shape`` says what the mapping holds, e.g.
    "a rubric is a mapping with 'name' and 'behaviours'"."""
    data, root = yaml_document(text, source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: {shape}")
    return data, root


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
    root: yaml.Node | None = None
    if path is not None:
        text = read_text_file(path, "settings")
        if text.strip():
            data, root = yaml_mapping(text, str(path), "settings are a mapping of sections, e.g. 'silence:' "
                                      "with 'chat_seconds: 600'")
    data = apply_overrides(data, overrides or [])
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        overridden = [tuple(o.partition("=")[0].strip().split(".")) for o in overrides or []]
        raise ConfigError(format_validation_error(exc, str(path or "settings"), root, overridden)) from exc


def format_validation_error(exc: ValidationError, source: str, root: yaml.Node | None = None,
                            overridden: Sequence[Loc] = ()) -> str:
    """One line per problem: the line in the file (when ``root``, the file's YAML node, is
    given), the field and what is wrong. A field set by ``--set`` (``overridden``) has no line
    in the file: its problem ends in "(from --set)"."""
    lines = [f"{source}: invalid configuration"]
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        where = field_path(loc)
        if any(tuple(map(str, loc[:len(o)])) == tuple(map(str, o)) for o in overridden):
            lines.append(f"  {where}: {msg} (from --set)")
            continue
        line = yaml_line(root, loc)
        head = f"line {line}: " if line is not None else ""
        lines.append(f"  {head}{where}: {msg}" if where else f"  {head}{msg}")
    return "\n".join(lines)


def yaml_line(node: yaml.Node | None, loc: Loc) -> int | None:
    """The 1-based line of the deepest node along ``loc`` (for a missing field: its parent's)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        nxt: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    line, nxt = key.start_mark.line + 1, value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
            line = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return line
