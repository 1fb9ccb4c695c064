"""Entry script of the frozen central bundle (c4central.spec)."""

import sys

from c4console.central.cli import main

if __name__ == "__main__":
    sys.exit(main())
