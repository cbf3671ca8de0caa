"""Fixtures: a generated export with every awkward case, and the decentwork
command built from the same repository, to compare with."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def export(tmp_path_factory) -> Path:
    """`cargo xtask gen-export --factories 40 --seed 5 --awkward`."""
    path = tmp_path_factory.mktemp("export") / "export.csv"
    subprocess.run(
        ["cargo", "xtask", "gen-export", "--factories", "40", "--seed", "5", "--awkward",
         "--out", str(path)],
        cwd=ROOT, check=True,
    )
    return path


@pytest.fixture(scope="session")
def cli():
    """Runs the decentwork command (DECENTWORK_BIN, else `cargo run`); returns stdout."""
    binary = os.environ.get("DECENTWORK_BIN")
    command = [binary] if binary else ["cargo", "run", "--quiet", "-p", "decentwork-cli", "--"]

    def run(*args: str) -> str:
        done = subprocess.run(command + list(args), cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run
