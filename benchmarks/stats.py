"""Percentiles for benchmark figures."""

from __future__ import annotations

import statistics


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    """p50 / p95 / p99 / max in milliseconds of samples in seconds."""
    if not samples_s:
        return {"n": 0}
    ms = sorted(s * 1000 for s in samples_s)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))], 3)

    return {"n": len(ms), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "max": round(ms[-1], 3), "mean": round(statistics.fmean(ms), 3)}
