"""Dialogs opened from several pages."""
