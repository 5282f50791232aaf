"""Pagefind, the search indexer, as one long-lived process in its service mode.

The service speaks the protocol of Pagefind's Python and Node APIs: base64
JSON messages ended by a comma, each request numbered, each answer naming the
request it answers.  Pages are sent while the run writes them, without
waiting for each answer: a thread writes them and another reads the answers
as they come (were they left unread, Pagefind would stop on a full pipe
while the run waits to write the next page, and neither would go on).

Only Pagefind's extended binary splits Chinese text into words (the plain one
finds nothing for 会议), so the build uses that binary and refuses to go on
when another one answers.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import tempfile
import threading
from pathlib import Path

EXTENDED_BANNER = "(Extended)"


def pagefind_binary() -> Path:
    """The extended Pagefind binary shipped in the `pagefind-bin-extended` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise RuntimeError(
            "Pagefind's extended binary is missing: install the pinned packages (`make install`), "
            "which include pagefind[extended]"
        ) from exc
    return get_executable()


def check_extended(binary: Path) -> None:
    """Refuse a Pagefind without its extended features: Chinese would not be searchable."""
    with tempfile.TemporaryDirectory(prefix="search-check-") as work:
        site = Path(work)
        (site / "index.html").write_text(
            '<html lang="en"><main data-pagefind-body>check</main></html>', encoding="utf-8"
        )
        result = subprocess.run(
            [str(binary), "--site", str(site), "--output-path", str(site / "bundle")],
            capture_output=True,
            text=True,
            check=False,
        )
    if EXTENDED_BANNER not in result.stdout:
        raise RuntimeError(
            "Pagefind ran without its extended features, so Chinese would not be searchable; "
            f"install pagefind[extended].\n{result.stdout}{result.stderr}"
        )


class PagefindService:
    """One `pagefind --service` process: requests sent in order, answers read by a thread.

    The process answers one request at a time, on one core: a run with many
    pages to index may use two (see sosconf.publish.search_groups).
    """

    def __init__(self, binary: Path):
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors
        )
        self._last_id = 0
        self._awaited: set[int] = set()  # the requests whose answers someone will ask for
        self._answers: dict[int, dict] = {}
        self._failure: str | None = None  # an error answered to a request nobody waits for
        self._ended = False
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._reader.start()
        # Requests are written by a thread of their own: when Pagefind falls behind
        # (a busy machine), the run goes on writing pages instead of waiting on the pipe.
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_requests, daemon=True)
        self._writer.start()

    def _write_requests(self) -> None:
        while (message := self._outbox.get()) is not None:
            try:
                self._process.stdin.write(message)
                self._process.stdin.flush()
            except (BrokenPipeError, ValueError):
                with self._arrived:
                    self._failure = self._failure or "the indexing process ended early"
                    self._arrived.notify_all()
                return

    def _read_answers(self) -> None:
        pending = b""
        stream = self._process.stdout
        while True:
            data = stream.read1(1 << 16)
            if not data:
                break
            pending += data
            *answers, pending = pending.split(b",")
            with self._arrived:
                for answer in answers:
                    response = json.loads(base64.b64decode(answer))
                    payload = response.get("payload", {})
                    number = response.get("message_id")
                    if number is None or payload.get("type") == "Error":
                        self._failure = self._failure or payload.get("message", "unknown error")
                    if number in self._awaited:
                        self._answers[number] = payload
                self._arrived.notify_all()
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    def _fail(self, why: str):
        self._errors.seek(0)
        report = self._errors.read().decode("utf-8", "replace").strip()
        return RuntimeError(f"Pagefind could not index the site: {why}\n{report}".rstrip())

    def send(self, awaited: bool = False, **request) -> int:
        """Send `request` without waiting for its answer; return its number.

        The answer is kept for `answer` only when `awaited`: the answers to
        thousands of pages sent are not needed.
        """
        self._last_id += 1
        if awaited:
            with self._arrived:
                self._awaited.add(self._last_id)
        message = json.dumps({"message_id": self._last_id, "payload": request}).encode()
        self._outbox.put(base64.b64encode(message) + b",")
        return self._last_id

    def answer(self, number: int) -> dict:
        """Wait for the answer to request `number` (sent `awaited`); raise on any error answered so far."""
        with self._arrived:
            while number not in self._answers and not self._ended and self._failure is None:
                self._arrived.wait()
            if self._failure is not None:
                raise self._fail(self._failure)
            if number not in self._answers:
                raise self._fail("the indexing process ended early")
            self._awaited.discard(number)
            return self._answers.pop(number)

    def ask(self, **request) -> dict:
        """Send `request` and wait for its answer."""
        return self.answer(self.send(awaited=True, **request))

    def close(self) -> None:
        self._outbox.put(None)
        self._writer.join(timeout=60)
        try:
            self._process.stdin.close()
            self._process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            self._reader.join(timeout=5)
            self._errors.close()
