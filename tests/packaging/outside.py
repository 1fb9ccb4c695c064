"""Running an installed copy as a user would: no variable pointing at the checkout."""

from __future__ import annotations

import os
import subprocess

# What would make an installed copy read the checkout instead of itself.
CHECKOUT_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "C4_RESOURCES")


def outside_env(**extra: str) -> dict[str, str]:
    """This environment without anything pointing at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in CHECKOUT_VARIABLES}
    return {**env, **extra}


def run(args: list, **kw) -> subprocess.CompletedProcess:
    """Run ``args`` (paths allowed); fail the test with the end of its output if it fails."""
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{args[:4]} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc
