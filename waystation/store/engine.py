"""Engines and sessions from a database URL: a SQLite file by default, PostgreSQL by URL.

SQLite is set up for a service that must not lose what it acknowledged and that several
processes may write: write-ahead logging (readers never block the writer), ``synchronous=FULL``
(a committed message survives a power cut, not only a killed process), foreign keys enforced
(SQLite leaves them off by default), and a busy timeout so that a second writer waits instead of
failing. The folder of the SQLite file is created if it is missing. PostgreSQL (``postgresql+psycopg``)
gets a pre-ping pool so a restarted server does not break the first request after it.

JSON is written compactly, non-ASCII kept as is, and NUL characters (which PostgreSQL cannot
store in text or JSONB) replaced by U+FFFD on both backends so both behave the same.
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "SQLITE_BUSY_TIMEOUT_MS",
    "EncodedJson",
    "defer_sync",
    "dumps_json",
    "make_engine",
    "make_sessions",
]

SQLITE_BUSY_TIMEOUT_MS = 15_000
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# The encoder ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` builds on every
# call, built once: a 300-passenger message writes ~1,500 JSON values (provenance, names, lists),
# and for the small ones building the encoder cost six times the encoding. Same output.
_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)  # CPython's C accelerator
_ENCODE = (
    _MAKE_ENCODER(None, _not_serializable, encode_basestring, None, ":", ",", False, False, True)
    if _MAKE_ENCODER is not None
    else None
)


class EncodedJson(str):
    """JSON text already written exactly as :func:`dumps_json` writes its value: stored as it is.

    For values whose shape the writer knows (a traveller's provenance: a dozen entries, each with
    the segment text), building the text directly costs about half of building the objects and
    encoding them (``store/rows.py``); a JSON column given one stores the same bytes.
    """

    __slots__ = ()


def dumps_json(value: Any) -> str:
    """Compact JSON, UTF-8 kept, NUL replaced by U+FFFD (PostgreSQL refuses ``\\u0000``)."""
    if type(value) is EncodedJson:
        text = str.__str__(value)
    elif _ENCODE is not None and not isinstance(value, str | int | float) and value is not None:
        text = "".join(_ENCODE(value, 0))
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_NUL.sub(r"\1\\ufffd", text) if "\\u0000" in text else text


def make_engine(url: str | URL, *, echo: bool = False) -> Engine:
    """An engine for ``url``, with the SQLite pragmas set on every new connection.

    ``postgresql://`` and ``postgres://`` mean psycopg 3 (the only PostgreSQL driver installed).
    """
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if isinstance(url, str) else url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, echo)
    # executemany goes through psycopg's pipeline (see bulk.insert_returning_ids for why).
    return create_engine(
        parsed, echo=echo, pool_pre_ping=True, json_serializer=dumps_json, use_insertmanyvalues=False
    )


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    """A session factory; objects stay readable after commit (repositories return plain data)."""
    return sessionmaker(engine, expire_on_commit=False)


def _sqlite_engine(url: URL, echo: bool) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if not in_memory:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        json_serializer=dumps_json,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "checkin")
    def _synced_again(dbapi_connection: Any, record: Any) -> None:
        if record.info.pop(_SYNC_DEFERRED, False) and dbapi_connection is not None:
            dbapi_connection.execute("PRAGMA synchronous=FULL")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    return engine


_SYNC_DEFERRED = "waystation.sync_deferred"


def defer_sync(session: Session) -> None:
    """Let this transaction's commit return before its data is forced to disk.

    Only for a caller whose next commit, before it acknowledges anything, does wait for the disk:
    that commit's sync also covers what this one wrote (SQLite syncs the whole WAL file in WAL
    mode; PostgreSQL flushes its WAL in order, up to the later commit). A process killed in
    between loses nothing (the data is in the operating system's cache); a power cut in between
    can lose this transaction, which nobody was told about. The gateway stores a message's bytes
    this way and answers only after the commit that stores what it parsed from them, so every
    message costs one wait for the disk instead of two (services/gateway.py).
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.info[_SYNC_DEFERRED] = True  # restored to FULL when the connection is checked in
        connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")  # for this transaction only
