"""``waystation serve``: the API and the analyst pages under uvicorn.

The command is where the process is composed: the API's ``create_app()`` and the pages'
``mount_web()`` are siblings that never import each other; :func:`served_app` joins them
(:func:`worker_app` is the factory uvicorn's worker processes call).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from waystation.settings import Settings, get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from waystation.cli.listener import TcpConfig

__all__ = ["COMMANDS", "WORKER_ANSWER_SECONDS", "served_app", "worker_app", "worker_config"]


def served_app(settings: Settings | None = None, *, recover_at_start: bool = True) -> FastAPI:
    """The API with the analyst pages mounted on it, on one workspace."""
    from waystation.api import create_app
    from waystation.cli.process import prepare_process
    from waystation.services.screening import warm_screener
    from waystation.web import mount_web

    settings = settings or get_settings()
    app = create_app(settings=settings, recover_at_start=recover_at_start)
    prepare_process(app.state.workspace)  # this worker's collector settings (see cli/process.py)
    warm_screener(app.state.workspace)  # before the first carrier message, not during it
    mount_web(app, app.state.workspace, settings)
    return app


def worker_app() -> FastAPI:
    """What each of several worker processes serves: :func:`served_app` without its own recovery
    (the command recovered once before starting them)."""
    return served_app(recover_at_start=False)


def _recover_once(settings: Settings) -> None:
    """Finish what a crash left half-processed, in this process, before any worker starts."""
    from waystation.services.recovery import recover
    from waystation.services.workspace import open_workspace

    workspace = open_workspace(settings)
    try:
        recover(workspace)
    finally:
        workspace.close()


# How long the supervisor waits for a worker to answer its health check before it kills it and
# starts another. uvicorn's 5 s is shorter than a worker's start on a busy machine (measured: 9 s
# of imports at a load of 8 on the 2-core VM), and then no worker ever came up: each was killed
# while still importing, in a loop. A worker that hangs for good is still replaced, later.
WORKER_ANSWER_SECONDS = 60


def worker_config(host: str, port: int, workers: int, log_level: str) -> TcpConfig:
    """uvicorn's settings for ``workers`` processes serving :func:`worker_app`."""
    from waystation.cli.listener import TcpConfig

    return TcpConfig(
        "waystation.cli.serve:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        timeout_worker_healthcheck=WORKER_ANSWER_SECONDS,
    )


def _run_workers(host: str, port: int, workers: int, log_level: str) -> None:
    """``workers`` processes serving :func:`worker_app` (cli/listener.py says why not ``uvicorn.run``)."""
    from waystation.cli.listener import run_workers

    run_workers(worker_config(host, port, workers, log_level))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="processes, each with its own analysed lists (docs/operations.md: how many)",
)
@click.option("--log-level", default="info", show_default=True)
@click.option(
    "--targeting-every",
    type=click.FloatRange(0),
    default=300.0,
    show_default=True,
    help="run the targeting job (rules, network alerts for upcoming flights) every N seconds; 0: never",
)
def serve(host: str, port: int, workers: int, log_level: str, targeting_every: float) -> None:
    """Serve the carrier gateway, the REST API and the analyst pages (refuses default secrets outside
    development); run the targeting job on a schedule beside them."""
    import uvicorn

    from waystation.cli.targeting import TargetingSchedule

    settings = get_settings()
    settings.check()
    if workers > 1:
        _recover_once(settings)
    if targeting_every > 0:
        TargetingSchedule(settings, targeting_every).start()
    if workers > 1:
        _run_workers(host, port, workers, log_level)
        return
    app = served_app(settings)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)


COMMANDS = (serve,)
