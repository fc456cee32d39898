"""Watchlists, their imported versions, entries, and what changed between versions.

An entry's content (the whole :class:`~waystation.model.ListEntry` as codec JSON) is stored once
per distinct content in ``entry_bodies``, keyed by its SHA-256: a list imported every day with
few changes adds about a thousand small ``list_entries`` rows, not a thousand documents. The
entry's provenance (file, line) is kept beside it in ``list_entries``, outside the body, because
it moves between versions while the content does not.
``seq`` numbers a list's versions in import order; changes are recorded against the version
imported just before.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base
from waystation.store.types import Json, UtcDateTime

__all__ = ["EntryBodyRow", "ListChangeRow", "ListEntryRow", "ListVersionRow", "WatchlistRow"]


class WatchlistRow(Base):
    __tablename__ = "watchlists"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ListVersionRow(Base):
    __tablename__ = "list_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"))
    seq: Mapped[int]
    version: Mapped[str] = mapped_column(String(100))
    source_format: Mapped[str] = mapped_column(String(40))
    published: Mapped[datetime | None] = mapped_column(UtcDateTime)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str | None] = mapped_column(String(500))
    entry_count: Mapped[int]
    issues: Mapped[list[Any]] = mapped_column(Json)

    __table_args__ = (UniqueConstraint("watchlist_id", "version"), UniqueConstraint("watchlist_id", "seq"))


class EntryBodyRow(Base):
    __tablename__ = "entry_bodies"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(Json)


class ListEntryRow(Base):
    __tablename__ = "list_entries"

    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"), primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    primary_name: Mapped[str] = mapped_column(String(500))
    body_sha256: Mapped[str] = mapped_column(String(64), ForeignKey("entry_bodies.sha256"), index=True)
    provenance: Mapped[dict[str, Any] | None] = mapped_column(Json)


class ListChangeRow(Base):
    __tablename__ = "list_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"), index=True)
    previous_version_id: Mapped[int | None] = mapped_column(ForeignKey("list_versions.id"))
    entry_id: Mapped[str] = mapped_column(String(100))
    change: Mapped[str] = mapped_column(String(10))
    primary_name: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text)
