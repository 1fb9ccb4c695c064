"""``python -m c4console`` runs the console."""

from c4console.gui.app import main

raise SystemExit(main())
