"""The outside formats and services: files other programs write or read, and geocoding."""
