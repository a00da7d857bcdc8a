"""The outside formats: files and links other programs read or write."""
