"""The real server for browser tests and screenshots: a demo-seeded SQLite store behind uvicorn.

The store is filled by the demo service (the UN list, a day of synthetic flights received and
screened as the gateway would, rule and network alerts), the demo people get their accounts,
and uvicorn serves the app on a free loopback port in a thread of the test process.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from waystation.api import create_app
from waystation.services.accounts import ensure_demo_people
from waystation.services.demo import DemoReport, run_demo
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings
from waystation.web import mount_web

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class RunningServer:
    url: str
    workspace: Workspace
    settings: Settings
    report: DemoReport


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_app(workspace: Workspace, settings: Settings) -> FastAPI:
    """The app ``waystation serve`` runs: the API, with the pages mounted on it."""
    app = create_app(workspace=workspace, settings=settings)
    mount_web(app, workspace, settings)
    return app


@contextmanager
def running_server(home: Path) -> Iterator[RunningServer]:
    settings = Settings(home=home, env="development")
    workspace = open_workspace(settings)
    report = run_demo(workspace, folder=home / "demo", seed=1, flights=8, planted=6)
    ensure_demo_people(workspace, env="development")
    port = free_port()
    config = uvicorn.Config(build_app(workspace, settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="waystation-web-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield RunningServer(f"http://127.0.0.1:{port}", workspace, settings, report)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        workspace.close()
