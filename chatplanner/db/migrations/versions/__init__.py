"""Alembic revisions: a package, so that an installed chatplanner carries them."""
