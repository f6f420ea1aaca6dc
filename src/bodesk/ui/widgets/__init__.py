"""Shared building blocks every screen copies: forms, lists over domain queries, background tasks,
message boxes and the one icon set."""
