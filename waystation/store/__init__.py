"""Persistence: SQLAlchemy tables and queries; SQLite by default, PostgreSQL by URL."""
