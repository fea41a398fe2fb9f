"""`streamlit run`, with every script run's time on the server written down: the load test's server side.

    python -m bench.timed_server run dashboard.py --server.port 8501     # as `python -m streamlit run …`

With `CAKUPAN_RUN_TIMES=FILE` set, each script run that ends appends one JSON line to FILE: the process, how
the run ended, its wall-clock seconds and its CPU seconds (the script thread's own CPU time, so the share of the
wall clock spent waiting for a core, or for the other sessions' threads, shows as the difference). A client-side
rerun time (message sent → `script_finished` received) adds the websocket and the queue in front of the script.

The dashboard itself stays unmeasured: this launcher listens to Streamlit's script-runner events (a public
signal of the runner every session has), which the pinned Streamlit version sends from the script's own thread.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner, ScriptRunnerEvent

RUN_TIMES_ENV = "CAKUPAN_RUN_TIMES"
ENDINGS = {
    ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS: "finished",
    ScriptRunnerEvent.SCRIPT_STOPPED_FOR_RERUN: "interrupted",
    ScriptRunnerEvent.SCRIPT_STOPPED_WITH_COMPILE_ERROR: "compile_error",
}
_write_lock = threading.Lock()


def run_record(ending: str, started: tuple[float, float], now: tuple[float, float], pid: int) -> dict:
    """One script run as a JSON-able line: wall and CPU seconds between `started` and `now` (perf, thread CPU)."""
    return {"pid": pid, "ending": ending, "wall_s": round(now[0] - started[0], 6),
            "cpu_s": round(now[1] - started[1], 6), "at": round(time.time(), 3)}


def recorder(path: Path):
    """A listener for a script runner's events that writes each ended run to `path`."""
    started: dict[int, tuple[float, float]] = {}

    def on_event(sender, event, **_details) -> None:
        clock = (time.perf_counter(), time.thread_time())
        if event == ScriptRunnerEvent.SCRIPT_STARTED:
            started[id(sender)] = clock
        elif event in ENDINGS and id(sender) in started:
            line = json.dumps(run_record(ENDINGS[event], started.pop(id(sender)), clock, os.getpid()))
            with _write_lock, open(path, "a", encoding="utf-8") as out:
                out.write(line + "\n")

    return on_event


def listen_to_every_runner(path: Path) -> None:
    """Connect the recorder to every script runner Streamlit creates from now on (one per session run)."""
    on_event = recorder(path)
    create_runner = ScriptRunner.__init__

    def init(self, *args, **kwargs) -> None:
        create_runner(self, *args, **kwargs)
        self.on_event.connect(on_event, weak=False)

    ScriptRunner.__init__ = init


def read_run_times(path: Path) -> list[dict]:
    """The runs recorded in `path` (none when no run ended yet)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    if os.environ.get(RUN_TIMES_ENV):
        listen_to_every_runner(Path(os.environ[RUN_TIMES_ENV]))
    from streamlit.web import cli
    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
