"""One text for a Telegram post, whichever reader produced it.

A Desktop export keeps what the author typed (trailing spaces, non-breaking spaces, ``\\r\\n``);
the web preview shows the same post without them. Both readers pass their text through
``canonical_post_text`` so the same post has the same content hash, and alternating between
the two never makes a new revision.
"""

from __future__ import annotations


def canonical_post_text(text: str) -> str:
    """Line breaks as ``\\n``, non-breaking spaces as spaces, no trailing spaces on a line,
    no blank lines or spaces around the whole text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
