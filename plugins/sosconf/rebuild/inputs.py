"""What a build reads, summed up in one digest, to skip a build that would change nothing.

The digest covers every file of the content folder, the theme and the
plugins (path, size, modification time), the settings files (their text),
the installed packages, the `SOSCONF_*` environment variables, the build's
extra settings and the day (an edition is "upcoming" until its date).  After
a successful build it is recorded, with the identity of the output folder, in
the build cache; a build whose digest matches, into an output folder that is
still the one built then, has nothing to do and leaves it untouched.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

from sosconf.files import write_atomically

# Environment variables a settings file may read (publishconf.py reads SOSCONF_SITEURL).
ENV_PREFIXES = ("SOSCONF_", "SOURCE_DATE_EPOCH")


def _tree(digest, root: Path) -> None:
    """Each file under `root`: its path, size and modification time."""
    if root.is_file():
        stat = root.stat()
        digest.update(f"{root}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:  # gone, or a broken link, which the run reports
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())


def _packages(digest) -> None:
    """The installed distributions (their dist-info names carry the versions)."""
    for key in ("purelib", "platlib"):
        folder = sysconfig.get_paths()[key]
        try:
            digest.update("\0".join(sorted(os.listdir(folder))).encode())
        except FileNotFoundError:
            pass


def environment_digest(settings: dict, settings_file: str, extra: dict | None) -> str:
    """Everything a build reads except the content folder: Python, packages, settings, theme, plugins, day."""
    digest = hashlib.sha256(sys.version.encode())
    _packages(digest)
    settings_folder = Path(settings_file).resolve().parent
    for path in sorted(settings_folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(Path(settings_file).name.encode())
    for root in [settings["THEME"], *settings.get("PLUGIN_PATHS", [])]:
        _tree(digest, Path(root).resolve())
    environment = sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIXES))
    digest.update(repr(environment).encode())
    digest.update(repr(sorted((extra or {}).items())).encode())
    digest.update(datetime.date.today().isoformat().encode())
    return digest.hexdigest()


def inputs_digest(settings: dict, environment: str) -> str:
    """`environment` (see environment_digest) and every file of the content folder."""
    digest = hashlib.sha256(environment.encode())
    _tree(digest, Path(settings["PATH"]).resolve())
    return digest.hexdigest()


def _identity(output: Path) -> list[int]:
    stat = output.stat()
    return [stat.st_dev, stat.st_ino, stat.st_mtime_ns]


def _last_build(record: Path, output: Path) -> dict:
    """What `record` says of the build that made `output`; empty if it speaks of another folder."""
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
        return last if last["output"] == _identity(output) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def up_to_date(record: Path, output: Path, digest: str) -> bool:
    """True when `record` says `output` is what a build made from inputs with this digest."""
    return _last_build(record, output).get("inputs") == digest


def remember(record: Path, output: Path, digest: str, runs: dict[str, str] | None = None) -> None:
    """Record that `output` was built from inputs with this digest (and language runs with these)."""
    record.parent.mkdir(parents=True, exist_ok=True)
    saved = {"inputs": digest, "output": _identity(output), "runs": runs or {}, "path": str(output)}
    write_atomically(record, json.dumps(saved).encode())
