"""The observatory's two charts (pyqtgraph): incidents by hour of day × day of week as
a heat grid, and by month as bars. Each keeps one persistent item updated with the
central's answer (never re-created per answer)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

_t = QCoreApplication


def weekday_names() -> list[str]:
    """Monday first, as the central's ``hour_weekday`` rows."""
    return [_t.translate("ObservatoryCharts", "lun"), _t.translate("ObservatoryCharts", "mar"),
            _t.translate("ObservatoryCharts", "mié"), _t.translate("ObservatoryCharts", "jue"),
            _t.translate("ObservatoryCharts", "vie"), _t.translate("ObservatoryCharts", "sáb"),
            _t.translate("ObservatoryCharts", "dom")]


class HourWeekdayChart(pg.PlotWidget):
    """7 rows (days, Monday at the top) × 24 columns (hours, C4 time); darker is more."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsHourWeekday")
        self.setTitle(_t.translate("ObservatoryCharts", "Incidentes por hora y día (hora del C4)"))
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get("CET-L18"))
        self.addItem(self.image)
        self.grid = np.zeros((7, 24))
        left = self.getAxis("left")
        left.setTicks([[(6 - i + 0.5, name) for i, name in enumerate(weekday_names())]])
        self.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(0, 24, 3)]])
        self.setLabel("bottom", _t.translate("ObservatoryCharts", "hora"))
        self.setRange(xRange=(0, 24), yRange=(0, 7), padding=0)

    def show_grid(self, grid: Sequence[Sequence[int]]) -> None:
        """Draw the central's ``hour_weekday`` (7 × 24)."""
        self.grid = np.asarray(grid, dtype=float).reshape(7, 24)
        # Row 0 (Monday) at the top: the image's first row is drawn at y = 0 (bottom).
        self.image.setImage(self.grid[::-1], levels=(0, max(1.0, float(self.grid.max()))))
        self.image.setRect(0, 0, 24, 7)


class MonthlyChart(pg.PlotWidget):
    """Incidents per month of the period (the trend)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsMonths")
        self.setTitle(_t.translate("ObservatoryCharts", "Incidentes por mes"))
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#c62828")
        self.addItem(self.bars)
        self.months: list[dict[str, Any]] = []

    def show_months(self, months: Sequence[dict[str, Any]]) -> None:
        """Draw the central's ``months`` ([{month, count}])."""
        self.months = list(months)
        xs = list(range(len(self.months)))
        self.bars.setOpts(x=xs, height=[m["count"] for m in self.months], width=0.7)
        step = max(1, len(xs) // 12)
        self.getAxis("bottom").setTicks([[(x, self.months[x]["month"]) for x in xs[::step]]])
        top = max((m["count"] for m in self.months), default=0)
        self.setRange(xRange=(-0.5, max(0.5, len(xs) - 0.5)), yRange=(0, max(1, top) * 1.1),
                      padding=0)
