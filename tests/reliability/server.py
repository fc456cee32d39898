"""A real ``waystation serve`` process on loopback, for the crash test and the load benchmark."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import httpx

if TYPE_CHECKING:
    from waystation.services.workspace import Workspace

__all__ = ["ServerProcess", "free_port", "sender_threads", "served_store"]

T = TypeVar("T")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    """``waystation serve`` on 127.0.0.1 with the given environment; start, kill -9, restart."""

    env: dict[str, str]
    port: int = field(default_factory=free_port)
    log: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    workers: int = 1

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - owned by the process
        command = [
            sys.executable,
            "-m",
            "waystation",
            "serve",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            "--workers",
            str(self.workers),
        ]
        self.process = subprocess.Popen(command, env={**os.environ, **self.env}, stdout=out, stderr=out)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.log}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the server did not answer within {timeout} s")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, exactly like a power cut for the process."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def served_store(
    backend: str, tmp_path: Path, postgres_schema_factory: object, *, workers: int = 1
) -> tuple[Workspace, ServerProcess]:
    """A fresh store of ``backend``, opened here, and a server (not started, ``workers``
    processes) on the same store."""
    from tests.store.conftest import fresh_url
    from waystation.services.workspace import open_workspace
    from waystation.settings import Settings

    url = fresh_url(backend, tmp_path, postgres_schema_factory).render_as_string(hide_password=False)
    home = tmp_path / "home"
    workspace = open_workspace(Settings(home=home, database_url=url))
    server = ServerProcess(
        {"WAYSTATION_HOME": str(home), "WAYSTATION_DATABASE_URL": url},
        log=tmp_path / "server.log",
        workers=workers,
    )
    return workspace, server


def sender_threads(
    url: str,
    token: str,
    queue: list[tuple[bytes, T]],
    count: int,
    answered: Callable[[T, httpx.Response], None],
    *,
    timeout: float,
) -> list[threading.Thread]:
    """``count`` threads (not started) that post the queue's messages, first in first out, each on
    its own keep-alive connection, and call ``answered(tag, response)`` under one lock. A thread
    stops when the queue is empty, or when its request fails with the connection (the server died
    under it: that message was not acknowledged)."""
    lock = threading.Lock()

    headers = {"Authorization": f"Bearer {token}"}

    def send() -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=timeout) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    data, tag = queue.pop(0)
                try:
                    response = client.post("/v1/messages", content=data)
                except httpx.HTTPError:
                    return
                with lock:
                    answered(tag, response)

    return [threading.Thread(target=send) for _ in range(count)]
