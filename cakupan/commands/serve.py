"""`serve`: N dashboard processes on local ports behind nginx, one address for everyone (`make serve`)."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from cakupan import i18n
from cakupan.data import db
from cakupan.deploy import nginx, processes

HELP = "serve the dashboard from several processes behind nginx (make serve)"


def add_arguments(parser) -> None:
    parser.add_argument("--processes", type=int, default=2, help="Streamlit processes (default: 2)")
    parser.add_argument("--port", type=int, default=8500, help="the port nginx listens on, on 127.0.0.1 (default: 8500)")
    parser.add_argument("--run-dir", type=Path, help="folder for logs and nginx's files (default: a new temp folder)")


def stop_on_sigterm(*_) -> None:
    raise KeyboardInterrupt  # the same tidy stop as Ctrl+C: every process of the deployment is ended


def run(args) -> int:
    t = i18n.translator(args.lang)
    if args.processes < 1:
        print(t("serve.bad_processes", value=args.processes), file=sys.stderr)
        return 2
    try:
        nginx.binary()  # said before anything is built or started
    except nginx.NginxMissing:
        print(t("serve.nginx_missing"), file=sys.stderr)
        return 1
    database = db.database_path()
    os.environ["CAKUPAN_DB"] = str(database)  # absolute: the processes start in the repository folder
    if db.parquet_source() is None and not database.exists():
        db.build_database(database)  # once, here: N processes building it at once would collide
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="cakupan-serve-"))
    print(t("serve.starting", processes=args.processes), flush=True)
    previous_handler = signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        with processes.deployment(args.processes, args.port, run_dir.resolve()) as served:
            print(t("serve.ready", url=served.url, process_urls=", ".join(served.process_urls),
                    run_dir=served.run_dir), flush=True)
            while True:
                time.sleep(1)
    except RuntimeError as failure:
        print(t("serve.failed", reason=failure), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("serve.stopped"))
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    return 0
