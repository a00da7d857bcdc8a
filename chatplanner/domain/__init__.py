"""Plain-Python rules and records. Imports nothing else of the app, and no Qt or SQLAlchemy."""
