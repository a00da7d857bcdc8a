"""The outside formats: contact files in and out, calendar invites, mail drafts and archives."""
