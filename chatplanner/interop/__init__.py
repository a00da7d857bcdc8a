"""Outside formats: contact imports and exports, calendar invites, drafts, archive, backup."""
