"""A real process that imports a large LinkedIn Connections.csv through the import service.

    python bulk_insert_driver.py PROFILE_DIR COUNT [--hold] [--plain]

Writes a COUNT-row Connections.csv next to the profile, previews it and commits it with
`ContactImportService` (one transaction). Prints `previewed N` after the preview, `writing DONE
TOTAL` once rows are in the open transaction, and `committed N` at the end.

With --hold the process waits inside the transaction after printing `writing`, so that a test
killing it on that line is sure to kill it mid-commit, however fast the machine writes.
With --plain the profile is opened as the `import` command opens it: read and written with the
sqlite3 module alone (`plain_reads`, `plain_writes`), not through the database layer.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

from chatplanner.services.workspace import Workspace

HOLD_SECONDS = 60.0
HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n\n'
)
FIRST = ["Zoë", "محمد", "伟", "Priya", "Siobhán", "José", "Ngozi", "Anh"]
LAST = ["Lefèvre-García", "العلي", "王", "Raghunathan 🚀", "O'Connor", "Nguyễn", "Okafor"]
COMPANIES = ["Société Générale", "أرامكو السعودية", "Acme Robotics, Inc.", "腾讯", ""]


def write_connections(path: Path, count: int) -> None:
    """A Connections.csv as LinkedIn writes it: BOM, notes preamble, then the table."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        stream.write(PREAMBLE)
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADER)
        for i in range(count):
            writer.writerow(
                [
                    FIRST[i % len(FIRST)],
                    f"{LAST[i % len(LAST)]} {i}",  # everyone distinct: no likely duplicates
                    f"https://www.linkedin.com/in/person-{i:06d}",
                    f"person{i}@example.com" if i % 12 == 0 else "",
                    COMPANIES[i % len(COMPANIES)],
                    "Analyste crédit senior",
                    f"{1 + i % 28:02d} Feb 2026",
                ]
            )


def import_contacts(
    workspace: Workspace, source: Path, on_progress: Callable[[int, int, str], None]
) -> int:
    """Preview then commit the file, as the import dialog and command do; the new count."""
    preview = workspace.people.contact_import.preview(source, "linkedin")
    print(f"previewed {preview.counts.get('new', 0)}", flush=True)
    summary = workspace.people.contact_import.commit(preview, progress=on_progress)
    return summary.new


class _Progress:
    def __init__(self, hold: bool) -> None:
        self._hold = hold
        self._announced = False

    def __call__(self, done: int, total: int, _what: str) -> None:
        if self._announced or not 0 < done < total:
            return
        self._announced = True
        print(f"writing {done} {total}", flush=True)
        if self._hold:
            time.sleep(HOLD_SECONDS)  # the transaction stays open until the test kills us


def main(argv: list[str]) -> int:
    directory, count = Path(argv[0]), int(argv[1])
    hold = "--hold" in argv[2:]
    plain = "--plain" in argv[2:]
    source = directory.parent / "Connections.csv"
    write_connections(source, count)
    with Workspace.open(directory, plain_reads=plain, plain_writes=plain) as workspace:
        written = import_contacts(workspace, source, _Progress(hold))
    print(f"committed {written}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
