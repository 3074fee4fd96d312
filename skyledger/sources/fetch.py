"""Fetching for the watchers: retries with exponential backoff and jitter, ``Retry-After``,
timeouts, and the poll loop that slows down for a source that keeps failing."""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from skyledger.models import Document, Failure
from skyledger.sources.html import parse_datetime

USER_AGENT = "skyledger/0.1 (offline ledger of air-war figures)"
_RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class WatchStats:
    """What a watcher did: pages fetched, documents handed on, failures, retries, deletions."""

    pages: int = 0
    documents: int = 0
    failures: int = 0
    retries: int = 0
    cycles: int = 0
    deleted: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry one URL: exponential backoff with jitter."""

    attempts: int = 4
    base_delay: float = 2.0
    max_delay: float = 120.0
    jitter: float = 0.5
    max_retry_after: float = 900.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts must be at least 1")
        if min(self.base_delay, self.max_delay, self.jitter, self.max_retry_after) < 0:
            raise ValueError("RetryPolicy delays must not be negative")

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        backoff = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return backoff * (1.0 + self.jitter * random.random())


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for: delta-seconds or an HTTP date."""
    text = (value or "").strip()
    if text.isdigit():
        return float(text)
    when = parse_datetime(text) if text else None
    if when is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class FetchRun:
    """One watcher's fetching context: client, policy, counters and callbacks."""

    client: httpx.Client
    timeout: float
    retry: RetryPolicy
    stats: WatchStats
    sleep: Callable[[float], None]
    on_failure: Callable[[Failure], None] | None
    sink: Callable[[Document], None]

    def fail(self, source: str, reason: str, excerpt: str = "") -> None:
        self.stats.failures += 1
        if self.on_failure is not None:
            self.on_failure(Failure(source=source, reason=reason, excerpt=excerpt[:200]))

    def hand_on(self, doc: Document) -> None:
        try:
            self.sink(doc)
        except Exception as exc:  # one bad document must not stop the watcher
            self.fail(doc.url or doc.id, f"sink rejected document {doc.id}: {exc}")
        else:
            self.stats.documents += 1

    def get(self, url: str) -> httpx.Response | None:
        """A 2xx response, after retries; ``None`` (and a reported failure) otherwise."""
        problem, wait_hint = "not fetched", None
        for attempt in range(self.retry.attempts):
            if attempt:
                self.stats.retries += 1
                self.sleep(self.retry.delay(attempt, wait_hint))
            problem, wait_hint, retryable, response = self._try(url)
            if response is not None:
                self.stats.pages += 1
                return response
            if not retryable:
                break
        self.fail(url, f"{problem} (after {attempt + 1} attempt(s))")
        return None

    def _try(self, url: str) -> tuple[str, float | None, bool, httpx.Response | None]:
        try:
            response = self.client.get(url, timeout=self.timeout)
        except httpx.TimeoutException:
            return f"timed out after {self.timeout:g} s", None, True, None
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}", None, True, None
        if response.is_success:
            return "", None, False, response
        status = response.status_code
        hint = retry_after_seconds(response.headers.get("Retry-After"))
        return f"HTTP {status} {response.reason_phrase}".strip(), hint, status in _RETRYABLE, None


def run_cycles(
    make_cycle: Callable[[FetchRun], Callable[[], bool]],
    sink: Callable[[Document], None],
    *,
    client: httpx.Client | None,
    timeout: float,
    retry: RetryPolicy | None,
    sleep: Callable[[float], None],
    on_failure: Callable[[Failure], None] | None,
    once: bool,
    interval: float,
    max_cycles: int | None,
) -> WatchStats:
    """Run cycles until ``once`` or ``max_cycles``; a source that keeps failing is polled less."""
    stats = WatchStats()
    with ExitStack() as stack:
        if client is None:
            headers = {"User-Agent": USER_AGENT}
            client = httpx.Client(timeout=timeout, follow_redirects=True, headers=headers)
            stack.enter_context(client)
        run = FetchRun(client, timeout, retry or RetryPolicy(), stats, sleep, on_failure, sink)
        cycle, streak = make_cycle(run), 0
        while True:
            streak = 0 if cycle() else streak + 1
            stats.cycles += 1
            if once or (max_cycles is not None and stats.cycles >= max_cycles):
                return stats
            sleep(interval * min(2**streak, 16))
