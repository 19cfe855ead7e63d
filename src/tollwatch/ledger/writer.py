"""Where an ingest stores its batches: here, or in a second process while this one extracts.

Extraction is pure CPU work in Python; storing a batch is Python work too (rows,
merging, reconciling) plus waiting on the database. In one process the two take
turns. With a second process storing batch *k* while this one extracts batch
*k* + 1, they overlap on a machine with two or more CPUs, and an ingest takes
little longer than its extraction alone (the CPU spent is the same, on two
cores). A thread cannot do this: both halves need the interpreter lock.

The second process runs the very same :func:`tollwatch.ledger.ingest.commit`
on the batches in the order they were read, one transaction each, so the stored
rows are those of an inline run. It is a single worker of a
:class:`~concurrent.futures.ProcessPoolExecutor` (spawned, never forked: a fork
would share this process's database connections), not a scheduler: Dask, which
scales extraction out (``workers``), has no notion of one stateful writer taking
tasks in order. At most :data:`tollwatch.settings.INGEST_IN_FLIGHT` batches wait
for it, which bounds memory. On Linux it is killed with this process (a run killed
half-way stops storing at once, as an inline run would); its error, if any, is
raised here when the batch it failed on is collected.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol

from sqlalchemy import Engine

from tollwatch import settings
from tollwatch.errors import ConfigError
from tollwatch.ledger.ingest import IngestStats, Planner, Prepared, commit

Progress = Callable[[int, int], None] | None

#: The ways to store batches that :func:`open_writer` knows.
WRITERS = ("auto", "inline", "process")


class Writer(Protocol):
    def put(self, ready: Prepared) -> None: ...

    def close(self, ok: bool) -> None: ...


def open_writer(name: str, engine: Engine, stats: IngestStats, on_batch: Progress, more: bool) -> Writer:
    """The writer ``name`` (one of :data:`WRITERS`) for ``engine``; ``more``: the input fills
    more than one batch (``auto`` keeps a single batch here: starting a process costs more)."""
    if name not in WRITERS:
        raise ConfigError(f"unknown ingest writer {name!r}: use one of {', '.join(WRITERS)}", code="E203")
    url = engine.url
    in_memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
    if name == "process" and in_memory:
        raise ConfigError(
            "an in-memory SQLite database cannot be written by a second process:"
            " use a database file, or the inline writer",
            code="E204",
        )
    if name == "auto":
        name = "process" if more and not in_memory and (os.cpu_count() or 1) > 1 else "inline"
    if name == "process":
        return ProcessWriter(url.render_as_string(hide_password=False), stats, on_batch)
    return InlineWriter(engine, stats, on_batch)


class InlineWriter:
    """Stores each batch here, as soon as it is extracted."""

    def __init__(self, engine: Engine, stats: IngestStats, on_batch: Progress) -> None:
        self.engine, self.stats, self.on_batch = engine, stats, on_batch
        self.planner = Planner(engine)

    def put(self, ready: Prepared) -> None:
        done = commit(self.engine, ready, self.stats, self.planner)
        if self.on_batch is not None:
            self.on_batch(*done)

    def close(self, ok: bool) -> None:
        return None


class ProcessWriter:
    """Stores batches in a second process, in the order they are put."""

    def __init__(self, url: str, stats: IngestStats, on_batch: Progress) -> None:
        import multiprocessing

        self.url, self.stats, self.on_batch = url, stats, on_batch
        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_die_with,
            initargs=(os.getpid(),),
        )
        self.pending: deque[Future[tuple[IngestStats, tuple[int, int]]]] = deque()

    def put(self, ready: Prepared) -> None:
        self.pending.append(self.pool.submit(store_batch, self.url, ready))
        while len(self.pending) > settings.INGEST_IN_FLIGHT or (self.pending and self.pending[0].done()):
            self._collect()

    def close(self, ok: bool) -> None:
        try:
            while ok and self.pending:
                self._collect()
        finally:
            # After an error, batches not yet begun are dropped (a re-run stores them).
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _collect(self) -> None:
        delta, done = self.pending.popleft().result()
        self.stats.add(delta)
        if self.on_batch is not None:
            self.on_batch(*done)


#: The second process's engine and planner, per database URL.
_OPEN: dict[str, tuple[Engine, Planner]] = {}


def store_batch(url: str, ready: Prepared) -> tuple[IngestStats, tuple[int, int]]:
    """In the second process: store one batch; returns what it did and ``(size, rejected)``."""
    from tollwatch.ledger.store import make_engine

    if url not in _OPEN:
        engine = make_engine(url)
        _OPEN[url] = (engine, Planner(engine))
    engine, planner = _OPEN[url]
    delta = IngestStats()
    return delta, commit(engine, ready, delta, planner)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
