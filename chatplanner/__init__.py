"""chatplanner: a desktop coffee-chat planner for professional networking."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "chatplanner"
