"""The Venues page's parts: table model, editor, base dialog, picker and map."""
