"""Run every benchmark and print one JSON document (``make bench``).

Each section reports its figures beside a floor measured in the same run.
Results also go to ``bench-results.json``.
"""

from __future__ import annotations

import faulthandler
import json
import os
import platform
import sys
import time
import traceback

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")


def main() -> int:
    """Run the sections named on the command line (default: all)."""
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
    from PySide6.QtWidgets import QApplication

    from benchmarks import (
        alarm_to_screen,
        audio_bench,
        call_form_bench,
        case_history_bench,
        case_history_db_bench,
        fault_bench,
        feed_filter_bench,
        follow_up_bench,
        map_scale,
        observatory_bench,
        osmand_bench,
        period_report_bench,
        places_bench,
        proximity_bench,
        queue_bench,
        sync_bench,
    )
    from c4console.gui.shell.gui_thread_gc import collect_on_gui_thread

    sections = {"queue_10k": queue_bench.run, "alarm_to_screen": alarm_to_screen.run,
                "sync": sync_bench.run, "osmand_ingest": osmand_bench.run,
                "audio": audio_bench.run, "fault_injection": fault_bench.run,
                "case_history": case_history_bench.run,
                "case_history_db": case_history_db_bench.run,
                "feed_filter": feed_filter_bench.run, "places_search": places_bench.run,
                "call_form": call_form_bench.run, "proximity": proximity_bench.run,
                "follow_up_proof": follow_up_bench.run,
                "period_report": period_report_bench.run,
                "observatory": observatory_bench.run,
                "map_scale": map_scale.run}
    wanted = sys.argv[1:] or list(sections)
    app = QApplication([sys.argv[0], "--no-sandbox"])
    collect_on_gui_thread(app)
    out = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                       "platform": platform.platform()},
           "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    failed = False
    faulthandler.enable(all_threads=True)  # a crash names the section and the stack
    for name in wanted:
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            out[name] = sections[name](app)
        except Exception as e:  # report and carry on with the other sections
            failed = True
            out[name] = {"error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()}
        out[name]["seconds"] = round(time.perf_counter() - t0, 1)
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    with open("bench-results.json", "w", encoding="utf-8") as f:
        f.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
