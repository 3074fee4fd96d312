"""How deep a page nests its elements, read in one linear pass before it is parsed.

The HTML parser checks the open elements at each block element it starts, so a page that opens
tens of thousands of ``<div>`` and never closes them costs time quadratic in its size (100,000
of them took seconds), and the article extractor walks nested tables the same way (300 of
them took a second). No article nests more than a few dozen deep; a page past
``MAX_NESTING`` is not read as a tree (a page is refused with a reason; a fragment is read as
plain text).
"""

from __future__ import annotations

import re

#: Open elements a page may hold at once before it is no article.
MAX_NESTING = 256

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})")
#: Elements that hold nothing or that the parser closes by itself: they never deepen a page.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "rt",
        "rp",
        "colgroup",
        "caption",
        "html",
        "head",
        "body",
    ]
)
#: Elements whose content is no markup.
_RAW = ("script", "style", "textarea", "template")


def _without_raw(html: str) -> str:
    """``html`` without the content of its scripts and styles (their strings may hold tags);
    one pass, an unclosed one running to the end."""
    low = html.lower()
    parts: list[str] = []
    at = 0
    found = {name: low.find("<" + name) for name in _RAW}  # each searched onward only
    while True:
        for name, i in found.items():
            if 0 <= i < at:
                found[name] = low.find("<" + name, at)
        starts = [(i, name) for name, i in found.items() if i >= 0]
        if not starts:
            parts.append(html[at:])
            return "".join(parts)
        start, name = min(starts)
        parts.append(html[at:start])
        end = low.find("</" + name, start + 1)
        if end < 0:
            return "".join(parts)
        at = end + 2 + len(name)


def nesting_depth(html: str) -> int:
    """The most elements open at once, as the page's tags say (closing tags matched by count:
    a linear reading, not the parser's)."""
    depth = deepest = 0
    for match in _TAG.finditer(_without_raw(html)):
        if match.group(2).lower() in _FLAT:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def too_deep(html: str) -> bool:
    return nesting_depth(html) > MAX_NESTING
