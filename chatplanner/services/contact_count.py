"""How many people the profile holds: read in plain SQL (`ServiceContext.reading`), so that a
page shown before the database is open (Today, on an empty network) counts them without
SQLAlchemy, through the same code as People does after."""

from __future__ import annotations

from chatplanner.services.context import ServiceContext


def contact_count(context: ServiceContext) -> int:
    """How many contacts there are, archived ones included."""
    with context.reading() as connection:
        return int(connection.execute("SELECT count(*) FROM contacts").fetchone()[0])
