"""When each calendar entry last changed, kept in the content folder
(`calendar-history.json`) so that calendars see an update as one.

Calendar clients take a new version of an event only when its SEQUENCE is
higher or its DTSTAMP later, yet two builds of the same content must give
the same bytes, so neither can come from the clock.  Instead every entry
(an edition or a session, by its UID) has a digest of everything the
calendars show of it, in every language.  The history lists, per UID, each
digest it has had and since when; a build that finds a digest other than the
last one recorded adds it, dated by when the edition file was saved.  So:

- SEQUENCE is the number of changes recorded (0 for the first version);
- LAST-MODIFIED and DTSTAMP are when the current version was first seen,
  which is never in the future;
- the same content and the same history give the same files.

The build updates the file; commit it with the edition file, so that the
published site (built from a clean copy) numbers the versions the same way.
A change to what the calendars say made by the build's own code (a new
property, another wording) is a new version as well, rightly: subscribed
calendars then take it.  The address (URL) is left out of the digest, so a
preview build and a production build count the same versions.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

from sosconf.errors import ContentError
from sosconf.files import write_atomically

HISTORY_FILE = "calendar-history.json"


def digest_of(parts: list[bytes]) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def _when(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)


def _text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class History:
    """uid -> [(digest, since)], oldest first."""

    def __init__(self, entries: dict[str, list[list[str]]] | None = None):
        self.entries = {
            uid: [list(version) for version in versions] for uid, versions in (entries or {}).items()
        }

    @classmethod
    def read(cls, content: Path) -> History:
        """The history in `content`: empty without the file (`history_errors` reports a broken one)."""
        return cls(_entries(content)[0])

    def version(self, uid: str, digest: str, saved: datetime.datetime) -> tuple[int, datetime.datetime]:
        """(SEQUENCE, LAST-MODIFIED) of `uid` whose content is `digest`, recording it if new.

        `saved` is when the file that holds the entry was saved; a new version
        is never dated before the one it follows.
        """
        versions = self.entries.setdefault(uid, [])
        if not versions or versions[-1][0] != digest:
            since = saved.replace(microsecond=0)
            if versions:
                since = max(since, _when(versions[-1][1]) + datetime.timedelta(seconds=1))
            versions.append([digest, _text(since)])
        return len(versions) - 1, _when(versions[-1][1])

    def as_json(self) -> str:
        """JSON with one line per entry, so a change shows as one line in a diff."""
        lines = [
            f"  {json.dumps(uid)}: {json.dumps(versions)}" for uid, versions in sorted(self.entries.items())
        ]
        return '{"entries": {\n' + ",\n".join(lines) + "\n}}\n"

    def save(self, content: Path) -> None:
        """Write the history into `content` if it differs from what is there."""
        path = content / HISTORY_FILE
        data = self.as_json().encode("utf-8")
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        write_atomically(path, data)


def _entries(content: Path) -> tuple[dict, tuple[str, int | None] | None]:
    """(entries, None), or ({}, (what is wrong with the file, its line))."""
    try:
        text = (content / HISTORY_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, (f"cannot be read ({exc})", None)
    try:
        entries = json.loads(text)["entries"]
        for versions in entries.values():
            for digest, since in versions:
                if not isinstance(digest, str):
                    raise TypeError(digest)
                _when(since)
    except json.JSONDecodeError as exc:
        return {}, (f"is not the file the build writes ({exc.msg})", exc.lineno)
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}, ("is not the file the build writes (entries: uid -> [[digest, time], ...])", None)
    return entries, None


def history_errors(content: Path) -> list[ContentError]:
    """A broken history (e.g. a merge conflict left in it) is a content mistake, named like any other."""
    _, wrong = _entries(content)
    if wrong is None:
        return []
    message, line = wrong
    return [
        ContentError(
            HISTORY_FILE,
            line,
            f"{HISTORY_FILE} {message}",
            "after a merge conflict keep, for each entry, the longer list of versions "
            "(or take either side's file whole), then run `make html`; never edit it otherwise",
        )
    ]


def saved_time(path: Path) -> datetime.datetime:
    """When `path` was last saved, in UTC (the edition file a new version comes from).

    A file dated in the future (a wrong clock) counts as saved now.
    """
    now = datetime.datetime.now(tz=datetime.UTC)
    return min(datetime.datetime.fromtimestamp(int(path.stat().st_mtime), tz=datetime.UTC), now)
