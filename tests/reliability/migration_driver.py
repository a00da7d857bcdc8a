"""A real process that opens a profile and stops in the middle of its schema change.

    python migration_driver.py PROFILE_DIR STATEMENT

Opens the profile as the app does (creating or upgrading its schema). Just before the schema
change runs its STATEMENT-th SQL statement it prints `at STATEMENT` and waits inside the open
transaction, so that a test killing it on that line kills it mid-migration. When the
migration has fewer statements it prints `done N` with the number it ran.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from chatplanner.db import engine as engine_module
from chatplanner.services.workspace import Workspace

HOLD_SECONDS = 60.0


def main(argv: list[str]) -> int:
    directory, stop_at = Path(argv[0]), int(argv[1])
    counted = 0
    make_schema_engine = engine_module.create_schema_engine

    def counting_schema_engine(db_path: Path) -> Engine:
        engine = make_schema_engine(db_path)

        def before(*_args: Any) -> None:
            nonlocal counted
            counted += 1
            if counted == stop_at:
                print(f"at {counted}", flush=True)
                time.sleep(HOLD_SECONDS)  # the test kills us here

        event.listen(engine, "before_cursor_execute", before)
        return engine

    engine_module.create_schema_engine = counting_schema_engine
    Workspace.open(directory).close()
    print(f"done {counted}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
