"""Schema migrations, run from code: the schema exists only through Alembic revisions.

The migration scripts live inside the package (``waystation/store/migrations``) so they ship in
the wheel; no ``alembic.ini`` is needed at run time. The CLI and the service call
:func:`upgrade` at start. On PostgreSQL the upgrade holds an advisory lock on its schema, so
several workers starting at once migrate one after the other instead of colliding, while upgrades
of other schemas on the same server go on in parallel.

A developer adds a revision with::

    python -c "from alembic import command; from waystation.store.migrate import alembic_config; \\
        command.revision(alembic_config('sqlite:///var/dev.sqlite3'), 'what changed', autogenerate=True)"

after upgrading that database to head; then reads and edits the generated file.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, make_url

from waystation.store.engine import make_engine

__all__ = ["ADVISORY_LOCK", "MIGRATIONS", "alembic_config", "current_revision", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# With the schema's name, serialises concurrent upgrades of one schema on PostgreSQL. Per schema,
# not per server: upgrades of other schemas (other installations or test runs sharing the server)
# have nothing to wait for, and a service starting beside them must not queue behind them.
ADVISORY_LOCK = 0x57617973  # "Ways"
_ONE_AT_A_TIME = threading.Lock()


def alembic_config(url: str | URL | None = None) -> Config:
    """An Alembic configuration built in memory, pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        rendered = make_url(url).render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def upgrade(target: str | URL | Engine, revision: str = "head") -> None:
    """Bring the database at ``target`` (a URL or an engine) up to ``revision``.

    One upgrade at a time per process: Alembic's ``context`` is one module-wide object, so two
    threads opening a workspace at once (``serve``'s targeting schedule beside its start-up) broke
    each other's run ("module 'alembic.context' has no attribute 'config'").
    """
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with _ONE_AT_A_TIME, engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if engine is not target:
            engine.dispose()


def head_revision() -> str:
    """The newest revision shipped with this version of waystation."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a revision
        raise RuntimeError("no migration revisions found in the package")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
