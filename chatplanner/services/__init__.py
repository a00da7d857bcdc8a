"""Use cases: one unit of work per user action, returning plain domain data."""
