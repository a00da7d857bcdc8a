"""The main window's pages: Today, People, Venues, Meetings, Archive."""
