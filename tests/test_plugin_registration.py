"""The plugin connects one receiver per Pelican signal, and refuses to run
outside the project's build instead of writing half a site."""

from __future__ import annotations

import os
import subprocess
import sys

import sosconf
from blinker import ANY, Signal
from pelican import signals
from support import CONTENT, ROOT


def _own_receivers(signal) -> list:
    return [
        receiver
        for receiver in signal.receivers_for(ANY)
        if getattr(receiver, "__module__", "").startswith("sosconf")
    ]


def test_every_signal_the_plugin_uses_has_one_receiver():
    sosconf.register()
    used = {
        name: _own_receivers(signal) for name, signal in vars(signals).items() if isinstance(signal, Signal)
    }
    connected = {name: receivers for name, receivers in used.items() if receivers}
    # Positive control: the signals the run depends on are connected.
    assert {"initialized", "all_generators_finalized", "content_written", "finalized"} <= set(connected)
    assert all(len(receivers) == 1 for receivers in connected.values()), connected


def test_plain_pelican_with_the_plugin_stops_with_a_clear_message(tmp_path):
    output = tmp_path / "output"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(CONTENT),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(output),
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())
    assert "run `make html` (python -m sosconf build), not `pelican` on its own" in said
    assert not (output / "index.html").exists()
