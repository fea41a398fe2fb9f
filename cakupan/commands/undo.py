"""`undo LOAD_ID`: undo one load exactly — its rows removed, the rows it replaced restored (data contract §1)."""

from __future__ import annotations

import sys

from cakupan import i18n
from cakupan.data import db, loads

HELP = "undo one load: restore exactly the data as it was before it"


def add_arguments(parser) -> None:
    parser.add_argument("load_id", metavar="LOAD_ID", type=int, help="the load to undo (see `loads`)")


def run(args) -> int:
    t = i18n.translator(args.lang)
    try:
        result = loads.undo(args.load_id)
    except db.DatabaseBusy as busy:  # only when building a missing database waited for another writer
        print(t("ingest.database_busy", seconds=round(busy.seconds)), file=sys.stderr)
        return 1
    except loads.LoadRefused as refused:
        print(refused.message(t.lang), file=sys.stderr)
        return 1
    print(t("ingest.undone", load_id=result.load_id, removed=result.removed_rows, restored=result.restored_rows),
          file=sys.stderr)
    print(f"removed_rows: {result.removed_rows}\nrestored_rows: {result.restored_rows}\n"
          f"status: undone\nload_id: {result.load_id}")
    return 0
