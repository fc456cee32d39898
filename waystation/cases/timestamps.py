"""Timestamps in review and audit are always timezone-aware and written in UTC.

A naive ``datetime`` in an audit record is ambiguous by hours, which is enough to misorder a
decision and the read that preceded it; rejecting it at construction is cheaper than explaining
it to a court. The canonical text form (``2025-03-01T08:15:00.000000Z``) is what the hash chain
and the share documents hash, so it must not depend on the host's locale or zone.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["require_aware", "utc_text"]


def require_aware(value: datetime, what: str) -> datetime:
    """Return ``value`` unchanged, or raise ``ValueError`` when it carries no time zone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got naive {value.isoformat()}")
    return value


def utc_text(value: datetime) -> str:
    """The one canonical text of an instant: UTC, microseconds, a ``Z`` suffix."""
    require_aware(value, "timestamp")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
