"""The typed, immutable data the pipeline stages hand on.

``Document`` (sources) → ``Claim`` inside an ``Extraction`` (extract) → ``Event`` (ledger).
Every model is frozen and round-trips through JSON (``model_dump_json`` /
``model_validate_json``).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Lang = Literal["uk", "en", "ru"]

#: The time zone of the reports' clock times and dates, and of a "night".
KYIV = ZoneInfo("Europe/Kyiv")

#: Claim kinds. Count kinds carry a ``Quantity``; the others may carry none.
COUNT_KINDS: tuple[str, ...] = (
    "launched",
    "downed",
    "lost",
    "hit_locations",
    "debris_locations",
    "killed",
    "wounded",
)
EVENT_KINDS: tuple[str, ...] = (
    "air_attack",
    "infrastructure_hit",
    "nuclear_power_loss",
    "talks",
    "call",
    "frontline",
    "counterclaim",
    "place_hit",
    "launch_area",
)
CLAIM_KINDS: tuple[str, ...] = COUNT_KINDS + EVENT_KINDS
#: The scopes of a launched / downed / lost count besides single weapon models (``model:…``).
SCOPES: tuple[str, ...] = ("total", "drones", "missiles")

#: Who made a claim.
CLAIMANTS: tuple[str, ...] = (
    "ua_air_force",
    "ua_officials",
    "ru_mod",
    "ru_officials",
    "iaea",
    "us_officials",
    "media",
    "unknown",
    "other",  # a speaker outside this list (a foreign government, the UN): no fact of ours
)


#: Characters of title and text one document may have (about 0.5 MB of Latin text, 1 MB of
#: Cyrillic in UTF-8; the longest article is a few tens of thousands): extraction, ingest, the
#: text reader and the API share it (``extract.limits`` holds the other limits). Reading a text
#: at the limit takes a few hundred MB at most.
MAX_DOCUMENT_CHARS = 500_000


def too_large_reason(size: int, unit: str = "characters") -> str:
    """The reason a document is too large, in the words every command uses."""
    return (
        f"document too large ({size:,} {unit} > {MAX_DOCUMENT_CHARS:,} characters); "
        "split it into smaller documents"
    )


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def content_hash(title: str | None, text: str) -> str:
    """The hash that identifies one revision of a document's content (text with a lone
    surrogate hashes too: the store cleans it before writing)."""
    h = hashlib.sha256()
    h.update((title or "").encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Document(_Frozen):
    """One input text: a post, an article, a statement."""

    id: str = Field(min_length=1, max_length=512)
    source: str = ""
    medium: str = "text"
    url: str | None = None
    published_at: datetime | None = None
    lang: Lang = "uk"
    title: str | None = None
    text: str
    content_hash: str = ""
    revision: int = Field(default=1, ge=1)

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        """Only http(s) links are kept: a ``javascript:`` or ``data:`` URL is no source."""
        if value is None or value.strip().lower().startswith(("http://", "https://")):
            return value
        return None

    @field_validator("published_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("published_at must carry a UTC offset")
        return value

    @model_validator(mode="after")
    def _hash(self) -> Document:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.title, self.text))
        return self


class Span(_Frozen):
    """Where a claim was read: character offsets into ``Document.text`` and the sentence.

    ``field`` is ``"text"`` for the body and ``"title"`` for the headline; offsets index into
    that field.
    """

    document_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: str
    field: Literal["text", "title"] = "text"

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end before start")
        return self


class Quantity(_Frozen):
    """A count as stated: exact, bounded (min and/or max) or approximate; never a float guess."""

    exact: int | None = None
    min: int | None = None
    max: int | None = None
    approx: int | None = None
    wording: str = ""

    @model_validator(mode="after")
    def _one_form(self) -> Quantity:
        if self.exact is not None and (self.min is not None or self.max is not None):
            raise ValueError("an exact quantity has no bounds")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} > max {self.max}")
        if all(v is None for v in (self.exact, self.min, self.max, self.approx)):
            raise ValueError("a quantity needs a value")
        return self

    @classmethod
    def of(cls, value: int, wording: str = "") -> Quantity:
        return cls(exact=value, wording=wording)

    @property
    def form(self) -> str:
        if self.exact is not None:
            return "exact"
        if self.approx is not None:
            return "approx"
        return "bound"

    def gold(self) -> int | dict[str, int]:
        """The value in the gold-file form of ``eval/FORMAT.md``."""
        if self.exact is not None:
            return self.exact
        if self.approx is not None:
            return {"approx": self.approx}
        out: dict[str, int] = {}
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        return out

    def __add__(self, other: Quantity) -> Quantity:
        if self.exact is not None and other.exact is not None:
            return Quantity(exact=self.exact + other.exact)
        if self.approx is not None or other.approx is not None:
            return Quantity(approx=self.point() + other.point())
        # counts are never negative: a part with only an upper bound is at least 0
        lo = (self.exact if self.exact is not None else self.min or 0) + (
            other.exact if other.exact is not None else other.min or 0
        )
        hi_a = self.exact if self.exact is not None else self.max
        hi_b = other.exact if other.exact is not None else other.max
        hi = hi_a + hi_b if hi_a is not None and hi_b is not None else None
        return Quantity(min=lo if lo or hi is None else None, max=hi)

    def point(self) -> int:
        """A single representative number (for charts and sorting, never for storage)."""
        for v in (self.exact, self.approx, self.min, self.max):
            if v is not None:
                return v
        raise AssertionError("unreachable")

    def admits(self, value: int) -> bool:
        """Whether an exact ``value`` is consistent with this quantity."""
        if self.exact is not None:
            return self.exact == value
        if self.approx is not None:
            return abs(self.approx - value) <= max(2, self.approx // 10)
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)

    def agrees(self, other: Quantity) -> bool:
        """Whether two quantities can describe the same number."""
        if other.exact is not None:
            return self.admits(other.exact)
        if self.exact is not None:
            return other.admits(self.exact)
        if self.approx is not None or other.approx is not None:
            return other.admits(self.point()) or self.admits(other.point())
        lo = max(x for x in (self.min, other.min, -1) if x is not None)
        his = [x for x in (self.max, other.max) if x is not None]
        return not his or lo <= min(his)


class TimeWindow(_Frozen):
    """When: the attack window, the night it runs into, and the report's as-of time."""

    start: datetime | None = None
    end: datetime | None = None
    night: date | None = None
    as_of: datetime | None = None


class Claim(_Frozen):
    """One statement read from one document, with the words it came from."""

    document_id: str
    kind: str
    scope: str | None = None
    quantity: Quantity | None = None
    window: TimeWindow | None = None
    places: tuple[str, ...] = ()
    category: str | None = None
    claimant: str = "unknown"
    spans: tuple[Span, ...] = ()
    derived: bool = False
    detail: str | None = None
    flags: tuple[str, ...] = ()

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in CLAIM_KINDS:
            raise ValueError(f"unknown claim kind {value!r}")
        return value

    @property
    def key(self) -> str:
        """The fact key of ``eval/FORMAT.md`` (``launched.drones``, ``killed.children``…)."""
        return f"{self.kind}.{self.scope}" if self.scope else self.kind


#: Claimants in order of authority for each measure, most authoritative first; a claimant not
#: listed for a measure ranks after those listed, and ``LEAST_AUTHORITY`` ranks last of all.
#: The ledger chooses between the claims of one fact by this order; the extractor takes the
#: parts of a sum by it too, so that a sum is built from the figures the ledger will show.
AUTHORITY: dict[str, tuple[str, ...]] = {
    "launched": ("ua_air_force", "ua_officials"),
    "downed": ("ua_air_force", "ua_officials"),
    "lost": ("ua_air_force", "ua_officials"),
    "hit_locations": ("ua_air_force", "ua_officials"),
    "debris_locations": ("ua_air_force", "ua_officials"),
    "killed": ("ua_officials", "ua_air_force"),
    "wounded": ("ua_officials", "ua_air_force"),
    "nuclear_power_loss": ("iaea", "ua_officials"),
}
DEFAULT_AUTHORITY: tuple[str, ...] = ("ua_air_force", "ua_officials", "iaea")
LEAST_AUTHORITY: tuple[str, ...] = ("us_officials", "media", "unknown", "ru_officials", "ru_mod")
FORM_RANK = {"exact": 0, "approx": 1, "bound": 2}

ClaimRank = tuple[int, int, int, int, int]


def authority(kind: str, claimant: str) -> int:
    """Lower is more authoritative for facts of this measure."""
    first = AUTHORITY.get(kind, DEFAULT_AUTHORITY)
    if claimant in first:
        return first.index(claimant)
    if claimant in LEAST_AUTHORITY:
        return len(first) + 1 + LEAST_AUTHORITY.index(claimant)
    return len(first)


def claim_rank(claim: Claim, position: int) -> ClaimRank:
    """Sort key between claims of one fact (lower first): the claimant's authority, then an
    exact figure before an approximation before a bound, a stated figure before a derived sum,
    and the claim's position."""
    form = claim.quantity.form if claim.quantity is not None else "bound"
    headline = int(bool(claim.spans) and all(s.field == "title" for s in claim.spans))
    return (
        authority(claim.kind, claim.claimant),
        headline,  # the body's figure before the headline's (CONVENTIONS "Headline vs body")
        FORM_RANK[form],
        int(claim.derived),
        position,
    )


class Extraction(_Frozen):
    """Everything read from one document."""

    document_id: str
    lang: str
    claims: tuple[Claim, ...] = ()
    window: TimeWindow | None = None
    inconsistencies: tuple[str, ...] = ()


class Figure(_Frozen):
    """One reconciled fact of an event: the chosen value and every claim behind it."""

    key: str
    quantity: Quantity
    claimant: str
    claims: tuple[Claim, ...] = ()
    conflict: bool = False
    note: str | None = None


class Event(_Frozen):
    """What happened: one overnight attack, one round of talks, one power loss at a plant."""

    id: int | None = None
    kind: str
    window: TimeWindow
    places: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class Failure(_Frozen):
    """An input that could not be read or parsed, kept with the reason (nothing is lost)."""

    source: str
    reason: str
    excerpt: str = ""
    line: int | None = None
