"""Server-rendered analyst pages."""
