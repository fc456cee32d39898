"""Use cases that own transactions: ingest a message, import a list, screen, review."""
