"""Use cases: one unit of work per user action, returning plain data, never live ORM rows."""
