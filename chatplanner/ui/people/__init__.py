"""The People page's parts: the table model, the detail editor, dialogs and undo commands."""
