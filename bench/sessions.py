"""Many sessions at once, measured at the server: each session is Streamlit's own protocol over a websocket
(bench/protocol.py), not a browser tab, against 1 and 2 dashboard processes behind nginx (cakupan/deploy).

Every session opens home and checks the national card, picks an association and checks its card, then opens the
growth and formal-vs-informal pages, pausing `--think` seconds between steps, until the time is up (then it leaves
after the rerun under way, which is counted). A rerun's time
runs from the rerun message sent to the script-finished message received: the server's script time plus the
wait for a free core. The server side is measured too: every Streamlit process runs under bench.timed_server,
which writes each script run's wall-clock and CPU time on the server. Reports reruns/s, p50/p95 rerun time at the
client, p50/p95 script time and script CPU at the server, errors and wrong numbers (cards that differ from the
database) per (processes, sessions).

    python -m bench.sessions                                    # 1 and 2 processes × 50 and 200 sessions
    python -m bench.sessions --processes 2 --sessions 50 --seconds 20

Only 127.0.0.1 is ever contacted. tests/deploy/test_protocol_sessions.py runs a few sessions in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import signal
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import numpy as np

from bench import load, protocol, timed_server
from cakupan.data import db
from cakupan.deploy import processes

ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass
class Tally:
    """Everything the sessions of one run saw."""
    rerun_seconds: list[float] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)
    wrong_numbers: list[str] = dataclasses.field(default_factory=list)
    checks_passed: int = 0
    rounds: int = 0
    sessions_per_process: Counter = dataclasses.field(default_factory=Counter)


def first_card(rerun: protocol.Rerun) -> str | None:
    return rerun.metrics[0][1] if rerun.metrics else None


def check_card(rerun: protocol.Rerun, expected: str, where: str, tally: Tally) -> None:
    seen = first_card(rerun)
    if seen == expected:
        tally.checks_passed += 1
    else:
        tally.wrong_numbers.append(f"{where}: card shows {seen!r}, database says {expected!r}")


class TimeUp(Exception):
    """The run's time is over: the session leaves after the rerun it was in."""


async def visitor(url: str, expected: load.Expected, index: int, deadline: float, tally: Tally,
                  think_s: float, ramp_s: float, whole_rounds: bool = True) -> None:
    """One person's session: home, one association, growth, formal vs informal; again until the deadline.
    `whole_rounds`: finish the round under way at the deadline (at least one each), else stop after the rerun."""
    rng = random.Random(index)
    await asyncio.sleep(rng.uniform(0, ramp_s))
    codes = list(expected.association_active)

    async def step(session: protocol.Session, page: str = "", widgets: dict | None = None,
                   card: tuple[str, str] | None = None) -> None:
        """One rerun; `card`: the first card's expected value and where it is, checked before anything else."""
        rerun = await session.rerun(page, widgets)
        tally.rerun_seconds.append(rerun.seconds)
        tally.errors.extend(f"session {index}, page {page or 'home'}: {error}" for error in rerun.errors)
        if card:
            check_card(rerun, *card, tally)
        if not whole_rounds and time.monotonic() >= deadline:
            raise TimeUp
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)

    try:
        async with protocol.Session(url) as session:
            tally.sessions_per_process[session.process or url] += 1
            while True:
                code = codes[(index + tally.rounds) % len(codes)]
                await step(session, card=(expected.national_active, f"session {index}, home"))
                await step(session, widgets={session.widget_id("home_scope"): expected.association_labels[code]},
                           card=(expected.association_active[code], f"session {index}, home {code}"))
                await step(session, "growth")
                await step(session, "formal_informal")
                tally.rounds += 1
                if time.monotonic() >= deadline:
                    break
    except TimeUp:
        pass
    except (protocol.ProtocolError, OSError, KeyError) as error:  # any failure is counted, with its session
        tally.errors.append(f"session {index}: {type(error).__name__}: {error}")


def summarize(tally: Tally, sessions: int, seconds: float) -> dict:
    times = tally.rerun_seconds
    return {
        "sessions": sessions, "seconds": round(seconds, 1), "reruns": len(times),
        "reruns_per_s": round(len(times) / seconds, 2) if seconds else None,
        "p50_s": round(float(np.percentile(times, 50)), 3) if times else None,
        "p95_s": round(float(np.percentile(times, 95)), 3) if times else None,
        "rounds": tally.rounds, "checks_passed": tally.checks_passed,
        "errors": len(tally.errors), "wrong_numbers": len(tally.wrong_numbers),
        "first_errors": (tally.errors + tally.wrong_numbers)[:5],
        "sessions_per_process": dict(tally.sessions_per_process),
    }


async def run_sessions(url: str, expected: load.Expected, sessions: int, seconds: float,
                       think_s: float = 2.0, ramp_s: float = 10.0, whole_rounds: bool = True) -> dict:
    """`sessions` sessions at once against `url` for about `seconds`: each ends the round it is in, or with
    `whole_rounds=False` the rerun it is in (a fixed window, for a measurement)."""
    if urllib.parse.urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"the load test only runs against 127.0.0.1, not {url}")
    tally = Tally()
    started = time.monotonic()
    cpu_started = time.process_time()
    await asyncio.gather(*(visitor(url, expected, index, started + seconds, tally, think_s, ramp_s, whole_rounds)
                           for index in range(sessions)))
    summary = summarize(tally, sessions, time.monotonic() - started)
    # the client shares the machine with the server: how much of it the client itself took, and how busy the
    # machine was (other work on it slows the server as much as the sessions do)
    return summary | {"client_cpu_s": round(time.process_time() - cpu_started, 1),
                      "machine_load_1m": round(os.getloadavg()[0], 1), "cores": os.cpu_count()}


def percentile(values: list[float], share: int) -> float | None:
    return round(float(np.percentile(values, share)), 3) if values else None


def server_side(runs: list[dict]) -> dict:
    """What the servers' own records say about the script runs of one measurement (bench.timed_server)."""
    finished = [run for run in runs if run["ending"] == "finished"]
    wall = [run["wall_s"] for run in finished]
    cpu = [run["cpu_s"] for run in finished]
    return {"server_runs": len(finished), "server_interrupted": len(runs) - len(finished),
            "script_p50_s": percentile(wall, 50), "script_p95_s": percentile(wall, 95),
            "script_cpu_p50_s": percentile(cpu, 50), "script_cpu_p95_s": percentile(cpu, 95)}


# The server writes a run's record just after it sends `script_finished`: a moment for the last ones to land.
LAST_RECORDS_S = 1.0


def measure(database: Path, process_counts: list[int], session_counts: list[int], seconds: float,
            think_s: float, ramp_s: float) -> list[dict]:
    expected = load.expected_from_database(database)
    results = []
    for count in process_counts:
        with tempfile.TemporaryDirectory(prefix="cakupan-sessions-") as run_dir:
            run_times = Path(run_dir) / "run-times.jsonl"
            env = os.environ | {"CAKUPAN_DB": str(database), timed_server.RUN_TIMES_ENV: str(run_times)}
            with processes.deployment(count, 0, Path(run_dir), env, launcher="bench.timed_server") as served:
                for process_url in served.process_urls:  # each process imports pandas/plotly on its first run
                    asyncio.run(run_sessions(process_url, expected, 1, 0, think_s=0, ramp_s=0))
                for sessions in session_counts:
                    time.sleep(LAST_RECORDS_S)
                    before = len(timed_server.read_run_times(run_times))
                    summary = asyncio.run(run_sessions(served.url, expected, sessions, seconds, think_s, ramp_s,
                                                       whole_rounds=False))
                    time.sleep(LAST_RECORDS_S)
                    server = server_side(timed_server.read_run_times(run_times)[before:])
                    results.append({"processes": count} | summary | server)
                    print_row(results[-1], flush=True)
    return results


HEADER = (f"{'processes':>9}{'sessions':>9}{'reruns':>8}{'reruns/s':>9}{'p50 s':>8}{'p95 s':>8}"
          f"{'script p50':>11}{'p95':>7}{'cpu p50':>8}{'p95':>7}"
          f"{'errors':>7}{'wrong':>6}{'client cpu s':>13}{'load 1m':>8}")


def seconds_text(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "—"


def print_row(row: dict, flush: bool = False) -> None:
    """One measurement: client-side rerun times (p50, p95), then the servers' script times and script CPU."""
    client = "".join(f"{seconds_text(row[key]):>8}" for key in ("p50_s", "p95_s"))
    server = "".join(f"{seconds_text(row.get(key)):>{width}}" for key, width in
                     (("script_p50_s", 11), ("script_p95_s", 7), ("script_cpu_p50_s", 8), ("script_cpu_p95_s", 7)))
    print(f"{row['processes']:>9}{row['sessions']:>9}{row['reruns']:>8}{row['reruns_per_s']:>9}{client}{server}"
          f"{row['errors']:>7}{row['wrong_numbers']:>6}{row['client_cpu_s']:>13}{row['machine_load_1m']:>8}",
          flush=flush)
    for error in row["first_errors"]:
        print(f"    {error[:200]}")


def stop_on_sigterm(*_) -> None:
    raise KeyboardInterrupt  # as Ctrl+C: the deployment's processes are stopped, not left running


def numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=numbers, default=[1, 2], help="comma-separated (default: 1,2)")
    parser.add_argument("--sessions", type=numbers, default=[50, 200], help="comma-separated (default: 50,200)")
    parser.add_argument("--seconds", type=float, default=60, help="how long each run lasts (default: 60)")
    parser.add_argument("--think", type=float, default=2, help="seconds a person reads between steps (default: 2)")
    parser.add_argument("--ramp", type=float, default=10, help="sessions arrive within this many seconds (default: 10)")
    parser.add_argument("--db", type=Path, help="database to serve (default: built from sample_data/ in a temp folder)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="cakupan-sessions-db-") as scratch:
        database = (args.db or Path(scratch) / "cakupan.duckdb").resolve()
        if not database.exists():
            db.build_database(database)
        print(HEADER, flush=True)
        results = measure(database, args.processes, args.sessions, args.seconds, args.think, args.ramp)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "sessions-latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 1 if any(row["errors"] or row["wrong_numbers"] for row in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
