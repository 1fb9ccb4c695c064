"""Generate the alert-tone WAV files from tones.toml (deterministic: same file, same samples).

Usage:  python audio/make_tones.py [--config tones.toml] [--out DIR] [--check]

``--check`` writes nothing and exits 1 if a WAV in the output folder differs from
what the config produces by more than one least-significant bit (sin() may round
differently on another CPU), so CI can catch a config edited without regenerating.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
import wave
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def _note(hz: float, ms: float, rate: int, spec: dict) -> np.ndarray:
    n = round(rate * ms / 1000)
    if hz <= 0 or n == 0:
        return np.zeros(n)
    t = np.arange(n) / rate
    sig = sum(a * np.sin(2 * np.pi * hz * (k + 1) * t)
                for k, a in enumerate(spec["harmonics"]) if a and hz * (k + 1) < rate / 2)
    if spec.get("decay_s"):
        sig = sig * np.exp(-t / spec["decay_s"])
    # Raised-cosine ramps at both ends: a hard edge is an audible click.
    ramp = min(round(rate * spec["fade_ms"] / 1000), n // 2)
    if ramp:
        edge = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
        sig[:ramp] *= edge
        sig[n - ramp:] *= edge[::-1]
    return sig


def render(spec: dict) -> tuple[np.ndarray, int]:
    """The tone described by ``spec`` (defaults already merged) as int16 samples and its rate."""
    rate = int(spec["rate"])
    one = np.concatenate([_note(hz, ms, rate, spec) for hz, ms in spec["notes"]])
    signal = np.tile(one, int(spec["repeat"]))
    peak = np.max(np.abs(signal)) or 1.0
    signal = signal / peak * 10 ** (spec["peak_dbfs"] / 20)
    return np.round(signal * 32767).astype("<i2"), rate


def load_config(path: Path) -> dict[str, dict]:
    """Tone name -> spec, each with the [defaults] filled in."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = config.get("defaults", {})
    return {name: {**defaults, **spec} for name, spec in config["tones"].items()}


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    """16-bit mono PCM WAV."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def _differs(path: Path, samples: np.ndarray, rate: int) -> str:
    if not path.exists():
        return "missing"
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, rate):
            return "format differs"
        old = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    if len(old) != len(samples):
        return f"{len(old)} samples, expected {len(samples)}"
    worst = int(np.max(np.abs(old.astype(np.int32) - samples))) if len(old) else 0
    return f"samples differ by up to {worst}" if worst > 1 else ""


def main(argv: list[str] | None = None) -> int:
    """Write (or ``--check``) every tone of the config."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=HERE / "tones.toml")
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for name, spec in load_config(args.config).items():
        samples, rate = render(spec)
        path = args.out / f"{name}.wav"
        if args.check:
            if problem := _differs(path, samples, rate):
                stale.append(f"{path.name}: {problem}")
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        write_wav(path, samples, rate)
        print(f"{path.name}: {len(samples) / rate:.2f} s, {rate} Hz, {path.stat().st_size} bytes")
    for line in stale:
        print(f"stale: {line} (run audio/make_tones.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
