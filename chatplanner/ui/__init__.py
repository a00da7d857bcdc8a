"""The PySide6 desktop interface: windows, views, item models, dialogs and the visual theme."""
