"""The floor of a LinkedIn import: the csv module reads Connections.csv, one `executemany`
writes the people into the profile's contacts table, one commit. No matching, no checks.

Run as a process (python benchmarks/import_floor.py FILE DATABASE), beside the real command.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from datetime import UTC, datetime

INSERT = (
    "INSERT INTO contacts (first_name, last_name, linkedin_url, email, company, title, "
    "connected_on, kind, online_activity, stage, notes, archived, created_at, updated_at, "
    "stage_changed_at, source, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, 'other', 'unknown', "
    "'not_contacted', '', 0, ?, ?, ?, 'linkedin', ?)"
)


def main(source: str, database: str) -> None:
    with open(source, encoding="utf-8-sig", newline="") as file:
        text = file.read()
    rows = list(csv.reader(io.StringIO(text[text.find("First Name,") :])))[1:]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    with connection:
        connection.executemany(
            INSERT,
            [
                (*row[:3], row[3] or None, *row[4:7], now, now, now, f"{row[0]} {row[1]}".lower())
                for row in rows
                if len(row) >= 7
            ],
        )
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
