"""``python -m c4console.central`` is ``c4central``."""

import sys

from c4console.central.cli import main

sys.exit(main())
