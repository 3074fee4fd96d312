"""Extraction options: one object, validated when it is built."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """``disabled_rules``: names of rule sets to switch off (``eval`` uses this to measure one)."""

    disabled_rules: frozenset[str] = field(default_factory=frozenset)

    def enabled(self, rule: str) -> bool:
        return rule not in self.disabled_rules


DEFAULT_OPTIONS = ExtractOptions()
