"""Two threads of one process upgrading at once (``serve``'s targeting schedule opens its own
workspace beside the start-up's) both succeed: Alembic's context is one module-wide object."""

from __future__ import annotations

import threading
from pathlib import Path

from waystation.store.engine import make_engine
from waystation.store.migrate import current_revision, head_revision, upgrade


def test_upgrades_in_two_threads_both_succeed(tmp_path: Path) -> None:
    urls = [f"sqlite:///{tmp_path / f'db{n}.sqlite3'}" for n in range(4)]
    errors: list[BaseException] = []

    def run(url: str) -> None:
        try:
            upgrade(url)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    for url in urls:
        engine = make_engine(url)
        assert current_revision(engine) == head_revision()
        engine.dispose()
