"""Fetching for the watchers: bounded in size and time, redirects kept to the same site,
retries with exponential backoff and jitter for what may pass, ``Retry-After`` honoured up to
a cap, and the poll loop that slows down for a source that keeps failing.

Every response is read as a stream and decompressed here, so a response never takes more than
``FetchLimits.max_bytes`` (after decompression: a gzip bomb stops at the cap), nor longer than
``response_deadline`` even if the server trickles it; a whole poll (pages, retries and their
waits) ends by ``poll_deadline``. Redirects are followed only within the same site (the same
host, with or without ``www.``, http or https) or to the hosts in ``redirect_hosts``. A 4xx
other than 408/425/429, a refused redirect, a loop or an over-large body is not retried.
"""

from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from skyledger.errors import LedgerBusy
from skyledger.models import Document, Failure
from skyledger.sources.html import parse_datetime

USER_AGENT = "skyledger/0.1 (offline ledger of air-war figures)"
_RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
log = logging.getLogger("skyledger.watch")


@dataclass
class WatchStats:
    """What a watcher did: pages fetched, documents handed on, failures, retries, deletions."""

    pages: int = 0
    documents: int = 0
    failures: int = 0
    retries: int = 0
    cycles: int = 0
    deleted: list[str] = field(default_factory=list)
    #: Documents (or deletions) neither stored nor recorded as failures: their cursor waited.
    unsaved: int = 0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry one URL: exponential backoff with jitter; a server's
    ``Retry-After`` is honoured up to ``max_retry_after`` seconds (a longer one is logged)."""

    attempts: int = 4
    base_delay: float = 2.0
    max_delay: float = 120.0
    jitter: float = 0.5
    max_retry_after: float = 120.0

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


@dataclass(frozen=True)
class FetchLimits:
    """What one response and one poll may take."""

    max_bytes: int = 20 * 1024 * 1024
    connect_timeout: float = 10.0
    response_deadline: float = 120.0
    poll_deadline: float = 900.0
    max_redirects: int = 5
    redirect_hosts: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.max_bytes < 1 or self.max_redirects < 0:
            raise ValueError("FetchLimits.max_bytes must be positive, max_redirects not negative")
        if min(self.connect_timeout, self.response_deadline, self.poll_deadline) <= 0:
            raise ValueError("FetchLimits timeouts and deadlines must be positive")


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for: delta-seconds or an HTTP date."""
    text = (value or "").strip()
    if text.isdigit():
        return float(text)
    when = parse_datetime(text) if text else None
    if when is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _Refused(Exception):
    """A response not to be used; ``retryable`` says whether another attempt may help."""

    def __init__(self, reason: str, retryable: bool = False, wait: float | None = None) -> None:
        super().__init__(reason)
        self.retryable = retryable
        self.wait = wait


def _same_site(a: httpx.URL, b: httpx.URL) -> bool:
    def site(url: httpx.URL) -> str:
        host = url.host.lower()
        return host[4:] if host.startswith("www.") else host

    return site(a) == site(b) and b.scheme in ("http", "https")


class _Body:
    """A response body decompressed here, chunk by chunk, stopping at ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        coding = encoding.strip().lower()
        if coding in ("", "identity"):
            self.decoder = None
        elif coding in ("gzip", "x-gzip"):
            self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self.decoder = zlib.decompressobj()  # zlib-wrapped; raw deflate on the first error
        else:
            raise _Refused(f"unsupported Content-Encoding {encoding!r}")
        self.raw_deflate = coding == "deflate"
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []

    def feed(self, data: bytes) -> None:
        while data:
            if self.decoder is None:
                out, data = data, b""
            else:
                out = self._inflate(data)
                data = self.decoder.unconsumed_tail
            self._keep(out)

    def _inflate(self, data: bytes) -> bytes:
        assert self.decoder is not None
        try:
            return self.decoder.decompress(data, self.limit - self.size + 1)
        except zlib.error as exc:
            if self.raw_deflate and self.size == 0:
                self.raw_deflate = False
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.decoder.decompress(data, self.limit + 1)
            raise _Refused(f"undecodable response body ({exc})") from exc

    def _keep(self, out: bytes) -> None:
        self.size += len(out)
        if self.size > self.limit:
            raise _Refused(f"response larger than {self.limit} bytes")
        self.parts.append(out)

    def result(self) -> bytes:
        if self.decoder is not None:
            self._keep(self.decoder.flush())
        return b"".join(self.parts)


@dataclass
class FetchRun:
    """One watcher's fetching context: client, limits, policy, counters and callbacks."""

    client: httpx.Client
    timeout: float
    retry: RetryPolicy
    stats: WatchStats
    sleep: Callable[[float], None]
    on_failure: Callable[[Failure], None] | None
    sink: Callable[[Document], None]
    limits: FetchLimits = field(default_factory=FetchLimits)
    poll_ends: float = float("inf")
    #: Takes many documents at once (one transaction, one rebuild); else ``sink`` one by one.
    sink_batch: Callable[[list[Document]], None] | None = None

    def start_poll(self) -> None:
        self.poll_ends = time.monotonic() + self.limits.poll_deadline

    def fail(self, source: str, reason: str, excerpt: str = "") -> bool:
        """Report a failure; ``False`` if it could not be recorded."""
        self.stats.failures += 1
        if self.on_failure is None:
            return True
        try:
            self.on_failure(Failure(source=source, reason=reason, excerpt=excerpt[:2000]))
        except Exception as exc:  # the store may be busy or gone: the caller keeps the cursor
            log.warning("could not record the failure of %s (%s): %s", source, reason, exc)
            return False
        return True

    def hand_on(self, doc: Document) -> bool:
        """Give a document to the sink; ``False`` if it was neither stored nor recorded as a
        failure (the watcher then keeps its cursor, and the document comes again)."""
        try:
            self.sink(doc)
        except LedgerBusy as exc:
            log.warning("%s not stored yet (%s); it is read again next poll", doc.id, exc)
        except Exception as exc:  # one bad document must not stop the watcher
            reason = f"sink rejected document {doc.id}: {exc}"
            if self.fail(doc.url or doc.id, reason, excerpt=doc.text):
                return True
        else:
            self.stats.documents += 1
            return True
        self.stats.unsaved += 1
        return False

    def hand_on_all(self, docs: list[Document]) -> bool:
        """Give documents to ``sink_batch`` (or one by one to the sink); ``False`` if any was
        neither stored nor recorded as a failure. A batch the sink refuses for another reason
        than a busy ledger is handed on again one by one, so one bad document loses no other."""
        if not docs:
            return True
        if self.sink_batch is None:
            return all([self.hand_on(doc) for doc in docs])
        try:
            self.sink_batch(docs)
        except LedgerBusy as exc:
            log.warning("%d documents not stored yet (%s); they are read again", len(docs), exc)
            self.stats.unsaved += len(docs)
            return False
        except Exception as exc:
            log.warning("a batch failed (%s); storing its documents one by one", exc)
            return all([self.hand_on(doc) for doc in docs])
        self.stats.documents += len(docs)
        return True

    def get(self, url: str) -> httpx.Response | None:
        """A 2xx response, after retries; ``None`` (and a reported failure) otherwise."""
        problem, attempt = "not fetched", 0
        for attempt in range(1, self.retry.attempts + 1):
            try:
                response = self._fetch(url)
            except _Refused as refused:
                problem = str(refused)
                if not refused.retryable or attempt == self.retry.attempts:
                    break
                if not self._wait_to_retry(url, attempt, refused.wait):
                    problem += "; no time left in this poll to retry"
                    break
                continue
            self.stats.pages += 1
            return response
        self.fail(url, f"{problem} (after {attempt} attempt(s))")
        return None

    def _wait_to_retry(self, url: str, attempt: int, asked: float | None) -> bool:
        wait = self.retry.delay(attempt, asked)
        if asked is not None and asked > wait:
            log.warning("%s asks to retry after %.0f s; waiting %.0f s", url, asked, wait)
        if time.monotonic() + wait > self.poll_ends:
            return False
        self.stats.retries += 1
        self.sleep(wait)
        return True

    def _fetch(self, url: str) -> httpx.Response:
        """One attempt: the response after same-site redirects, read within the limits."""
        own = time.monotonic() + self.limits.response_deadline
        deadline = min(own, self.poll_ends)
        within = f"{self.limits.response_deadline:g} s" if own <= self.poll_ends else "the poll"
        seen: set[str] = set()
        target = httpx.URL(url)
        for _ in range(self.limits.max_redirects + 1):
            seen.add(str(target))
            response = self._read(target, deadline, within)
            location = response.headers.get("location")
            if not (response.is_redirect and location):
                return self._check(response)
            following = target.join(location)
            if str(following) in seen:
                raise _Refused(f"redirect loop at {following}")
            if not (
                _same_site(target, following)
                or following.host.lower() in self.limits.redirect_hosts
            ):
                raise _Refused(f"redirect to another host refused: {following}")
            target = following
        raise _Refused(f"more than {self.limits.max_redirects} redirects")

    def _check(self, response: httpx.Response) -> httpx.Response:
        if response.is_success:
            return response
        status = response.status_code
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        raise _Refused(reason, status in _RETRYABLE, wait)

    def _read(self, url: httpx.URL, deadline: float, within: str) -> httpx.Response:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Refused("no time left in this poll")
        timeout = httpx.Timeout(
            min(self.timeout, left), connect=min(self.limits.connect_timeout, left)
        )
        headers = {"Accept-Encoding": "gzip, deflate"}
        try:
            with self.client.stream(
                "GET", url, headers=headers, timeout=timeout, follow_redirects=False
            ) as response:
                body = _Body(response.headers.get("content-encoding", ""), self.limits.max_bytes)
                for chunk in response.iter_raw():
                    body.feed(chunk)
                    if time.monotonic() > deadline:
                        raise _Refused(f"response not complete within {within}")
                content = body.result()
        except httpx.TimeoutException:
            raise _Refused(f"timed out after {self.timeout:g} s", retryable=True) from None
        except _TRANSIENT as exc:
            raise _Refused(f"{type(exc).__name__}: {exc}", retryable=True) from exc
        except httpx.HTTPError as exc:
            raise _Refused(f"{type(exc).__name__}: {exc}") from exc
        skip = {"content-encoding", "content-length", "transfer-encoding"}
        kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in skip]
        return httpx.Response(
            response.status_code, headers=kept, content=content, request=response.request
        )


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
    limits: FetchLimits | None = None,
    sink_batch: Callable[[list[Document]], None] | None = None,
) -> WatchStats:
    """Run cycles until ``once`` or ``max_cycles``; a source that keeps failing is polled less."""
    stats = WatchStats()
    with ExitStack() as stack:
        if client is None:
            headers = {"User-Agent": USER_AGENT}
            client = httpx.Client(timeout=timeout, follow_redirects=False, headers=headers)
            stack.enter_context(client)
        run = FetchRun(
            client, timeout, retry or RetryPolicy(), stats, sleep, on_failure, sink,
            limits or FetchLimits(), sink_batch=sink_batch,
        )  # fmt: skip
        cycle, streak = make_cycle(run), 0
        while True:
            run.start_poll()
            streak = 0 if cycle() else streak + 1
            stats.cycles += 1
            if once or (max_cycles is not None and stats.cycles >= max_cycles):
                return stats
            sleep(interval * min(2**streak, 16))
