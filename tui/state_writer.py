"""Read, star and dismiss writes on a connection and thread of their own.

A refresh (in the app, or ``brief fetch`` in another terminal) holds the database's write lock
for each batch it stores. Written from the screen's thread, a keypress would wait for that
batch; here it is queued and written as soon as the lock is free, in order, while the screen
goes on. Each write reports back through ``done`` (called from the writer thread; the screen
passes ``post_message``, which is thread-safe and never blocks).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from brief.services import Counts, Library

Write = Callable[[Library], object]


@dataclass(frozen=True, slots=True)
class WriteDone:
    story_id: int | None  # the story whose row and brief show the change
    relist: bool  # the change can move stories in or out of the list
    select: int | None  # a story to select afterwards (undo)
    error: str | None
    tag: object = None  # the submitter's, handed back
    counts: Counts | None = None  # the library's counts after the write, for the status bar


@dataclass(frozen=True, slots=True)
class _Job:
    write: Write
    story_id: int | None
    relist: bool
    select: int | None
    tag: object


class StateWriter:
    def __init__(self, path: Path | None, library: Library,
                 done: Callable[[WriteDone], object]) -> None:
        self.path = path
        self.library = library  # used directly when there is no file (an in-memory database)
        self.done = done
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def submit(self, write: Write, *, story_id: int | None = None, relist: bool = False,
               select: int | None = None, tag: object = None) -> None:
        job = _Job(write, story_id, relist, select, tag)
        if self.path is None:
            self.done(self._run(job, self.library))
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="brief-state-writer",
                                            daemon=True)
            self._thread.start()
        self._queue.put(job)

    def join(self) -> None:
        """Wait until every submitted write is in the database."""
        if self._thread is not None:
            self._queue.join()

    def close(self) -> None:
        """Write what is queued, then stop the thread and close its connection."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    @staticmethod
    def _run(job: _Job, library: Library) -> WriteDone:
        counts = None
        try:
            job.write(library)
            error = None
            # counted here, off the screen's thread (a scan of the library: ~5 ms on 100,000
            # articles that the frame after the write need not wait for)
            counts = library.counts()
        except Exception as e:  # reported on screen; the next write is tried all the same
            error = str(e) or type(e).__name__
        return WriteDone(job.story_id, job.relist, job.select, error, job.tag, counts)

    def _loop(self) -> None:
        library: Library | None = None
        try:
            while True:
                job = self._queue.get()
                try:
                    if job is None:
                        return
                    if library is None:
                        try:
                            library = Library.open(self.path)
                        except Exception as e:  # tried again with the next write
                            self.done(WriteDone(job.story_id, job.relist, job.select, str(e),
                                                job.tag))
                            continue
                    self.done(self._run(job, library))
                finally:
                    self._queue.task_done()
        finally:
            if library is not None:
                library.close()
