"""Pattern files: a grammar's regular expressions as data (schema in ``SCHEMA.md``, "Pattern
files").

A file has up to four sections:

- ``words``: named lists of regex fragments, each mapped to an example of our own that it
  matches (``north: "north of Kyiv"``); a list stands in a pattern as one group of
  alternatives, in the file's order.
- ``patterns``: named regular expressions. ``{name}`` in a pattern stands for the list of that
  name as ``(?:a|b|…)`` (a name the program supplies, such as month spellings derived from
  ``names``, may stand there too); ``flags: i`` makes it ignore case; ``examples`` are texts
  it must find something in.
- ``names``: named ordered lists of plain words (weekdays: their index is the weekday).
- ``maps``: named mappings of a word to a string (an oblast stem to the oblast's name).

Keys must be strings and may not repeat; a fragment may not match the empty string. Errors are
``ResourceError`` naming the file and key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from skyledger.errors import ResourceError
from skyledger.resources import read_text

_SECTIONS = frozenset({"words", "patterns", "names", "maps"})
_SLOT = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_FLAGS = {"i": re.IGNORECASE}


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where built


class _StrictLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader that refuses a key written twice in one mapping."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    source: str  # the template, with ``{name}`` slots
    flags: int
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PatternFile:
    """One pattern file, validated."""

    file: str
    words: Mapping[str, Mapping[str, str]]
    patterns: Mapping[str, Pattern]
    names: Mapping[str, tuple[str, ...]]
    maps: Mapping[str, Mapping[str, str]]

    def where(self, key: str) -> str:
        return f"resources/{self.file}: {key}"

    def alternatives(self, name: str) -> str:
        """The list ``name`` as one non-capturing group of alternatives, in file order."""
        if name not in self.words:
            raise ResourceError(f"{self.where('words.' + name)}: no such list")
        return "(?:" + "|".join(self.words[name]) + ")"

    def source(self, name: str, extra: Mapping[str, str] | None = None) -> str:
        """The pattern ``name`` with every ``{slot}`` filled (``extra`` before ``words``)."""
        if name not in self.patterns:
            raise ResourceError(f"{self.where('patterns.' + name)}: no such pattern")
        extra = extra or {}

        def fill(m: re.Match[str]) -> str:
            slot = m.group(1)
            if slot in extra:
                return extra[slot]
            if slot in self.words:
                return self.alternatives(slot)
            raise ResourceError(f"{self.where('patterns.' + name)}: unknown list {{{slot}}}")

        filled = _SLOT.sub(fill, self.patterns[name].source)
        if re.search(r"\{[^\d,}]", filled):  # a slot the names above do not fit ("{Month}")
            raise ResourceError(f"{self.where('patterns.' + name)}: a slot is left unfilled")
        return filled

    def compile(self, name: str, extra: Mapping[str, str] | None = None) -> re.Pattern[str]:
        """The pattern ``name``, filled and compiled with its flags."""
        try:
            return re.compile(self.source(name, extra), self.patterns[name].flags)
        except re.error as exc:
            raise ResourceError(f"{self.where('patterns.' + name)}: {exc}") from exc

    def slots(self, name: str) -> frozenset[str]:
        """The list names the pattern ``name`` refers to."""
        return frozenset(_SLOT.findall(self.patterns[name].source))


def _strings(node: Any, where: str) -> dict[str, str]:
    if not isinstance(node, dict) or not node:
        raise ResourceError(f"{where}: must be a non-empty mapping")
    for key, value in node.items():
        if not isinstance(key, str) or not isinstance(value, str) or not key or not value:
            raise ResourceError(f"{where}: {key!r}: key and value must be non-empty strings")
    return dict(node)


def _fragments(node: Any, where: str) -> dict[str, str]:
    out = _strings(node, where)
    for fragment in out:
        try:
            compiled = re.compile(fragment)
        except re.error as exc:
            raise ResourceError(f"{where}: {fragment!r} does not compile: {exc}") from exc
        if compiled.fullmatch(""):
            raise ResourceError(f"{where}: {fragment!r} matches the empty string")
    return out


def _pattern(name: str, node: Any, where: str) -> Pattern:
    if isinstance(node, str):
        node = {"pattern": node}
    if not isinstance(node, dict) or not isinstance(node.get("pattern"), str):
        raise ResourceError(f"{where}: needs a string 'pattern'")
    unknown = set(node) - {"pattern", "flags", "examples"}
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}")
    flags = 0
    for letter in str(node.get("flags", "")):
        if letter not in _FLAGS:
            raise ResourceError(f"{where}.flags: unknown flag {letter!r}")
        flags |= _FLAGS[letter]
    examples = node.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(e, str) and e for e in examples):
        raise ResourceError(f"{where}.examples: must be a list of non-empty strings")
    return Pattern(name, node["pattern"], flags, tuple(examples))


def _names(node: Any, where: str) -> tuple[str, ...]:
    if not isinstance(node, list) or not node or not all(isinstance(w, str) and w for w in node):
        raise ResourceError(f"{where}: must be a non-empty list of strings")
    if len(set(node)) != len(node):
        raise ResourceError(f"{where}: a name is listed twice")
    return tuple(node)


@cache
def pattern_file(file: str) -> PatternFile:
    """The pattern file ``resources/<file>``, loaded and validated once."""
    return parse(read_text(file), file)


def parse(text: str, file: str) -> PatternFile:
    """A pattern file's text, validated; errors name ``resources/<file>``."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise ResourceError(f"resources/{file}: invalid YAML: {exc}") from exc
    where = f"resources/{file}"
    if not isinstance(data, dict) or not data or set(data) - _SECTIONS:
        raise ResourceError(f"{where}: top-level keys must be among {sorted(_SECTIONS)}")
    for section in data:
        if not isinstance(data[section], dict) or not data[section]:
            raise ResourceError(f"{where}: {section}: must be a non-empty mapping")
    return PatternFile(
        file,
        words={k: _fragments(v, f"{where}: words.{k}") for k, v in data.get("words", {}).items()},
        patterns={
            k: _pattern(k, v, f"{where}: patterns.{k}") for k, v in data.get("patterns", {}).items()
        },
        names={k: _names(v, f"{where}: names.{k}") for k, v in data.get("names", {}).items()},
        maps={k: _strings(v, f"{where}: maps.{k}") for k, v in data.get("maps", {}).items()},
    )
