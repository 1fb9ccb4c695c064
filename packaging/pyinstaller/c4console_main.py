"""Entry script of the frozen console bundle (c4console.spec)."""

import sys

from c4console.launcher import run_program


def console() -> int:
    """The console itself (imported only when this process is not a -m child)."""
    from c4console.gui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run_program(console))
