"""The Meetings page's parts: the list, the meeting view and its tabs."""
