"""The running product's handle on its store and configuration, built once at an edge.

The CLI, the API and the web pages each build one :class:`Workspace` from the settings and pass
it to the use cases; the core never reads settings itself. A workspace also caches analysed
screeners per set of list versions, because analysing a list is done once, not per request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from waystation.services.token_cache import TokenCache
from waystation.settings import Settings
from waystation.store import make_engine, make_sessions, upgrade
from waystation.store.disk import DiskWait, disk_wait_for
from waystation.store.writer import WriteLock, write_lock_for

__all__ = ["AuditConfig", "ScreeningConfig", "Workspace", "open_workspace"]


@dataclass(frozen=True, slots=True)
class ScreeningConfig:
    """Thresholds and limits for screening: hits are reported from ``report_threshold``, alert from
    ``alert_threshold``; at most ``top`` candidates per traveller."""

    report_threshold: float = 0.50
    alert_threshold: float = 0.70
    top: int = 5
    algorithm: str | None = None


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """Where the signed head of the audit log is written (outside the database) and its key.

    ``head_path`` ``None`` keeps no head file (a workspace for a one-off script or a test that
    does not look at it); the service always has one, under ``settings.home``.
    """

    head_path: Path | None = None
    key: bytes = b"development-only-audit-key-change-me"


@dataclass
class Workspace:
    """Engine, sessions, configuration and the screener cache of one running process."""

    engine: Engine
    sessions: sessionmaker[Session]
    screening: ScreeningConfig
    card_key: bytes
    audit: AuditConfig = field(default_factory=AuditConfig)
    masking_key: bytes = b"development-only-masking-key-change-me"
    org_id: str = "PIU"
    org_community: str | None = None
    cache: dict[object, object] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    tokens: TokenCache = field(default_factory=TokenCache)
    # One writing transaction at a time, across the processes sharing a SQLite file (store/writer.py).
    writer: WriteLock = field(default_factory=WriteLock)
    # How a writing transaction waits for the disk once the writer lock is let go (store/disk.py).
    disk: DiskWait = field(default_factory=DiskWait)
    # Called after a screener is analysed and cached (the index now lives as long as the process):
    # the process's owner hooks its memory settings here (waystation/cli/process.py).
    on_screener_built: Callable[[], None] | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end of the block, or rolls back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        self.writer.close()


def open_workspace(settings: Settings, *, migrate: bool = True) -> Workspace:
    """Open the configured store (bringing its schema up to date) and return the workspace."""
    url = settings.effective_database_url
    if url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return Workspace(
        engine=engine,
        sessions=make_sessions(engine),
        screening=ScreeningConfig(settings.report_threshold, settings.alert_threshold),
        card_key=settings.secret_key.encode("utf-8"),
        audit=AuditConfig(settings.home / "audit-head.json", settings.audit_key.encode("utf-8")),
        masking_key=settings.masking_key.encode("utf-8"),
        org_id=settings.org_id,
        org_community=settings.org_community,
        tokens=TokenCache(settings.token_cache_seconds),
        writer=write_lock_for(engine.url),
        disk=disk_wait_for(engine.url),
    )
