"""The Archive page's parts: search results and the background archive writer."""
