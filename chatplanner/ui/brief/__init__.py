"""The brief before a chat, on screen (the Brief tab) and on paper (one-page PDF)."""
