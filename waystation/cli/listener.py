"""uvicorn's settings for several worker processes, with a listener that keeps TCP_NODELAY.

uvicorn 0.54 binds the listener its worker processes share with ``proto`` 0. Accepted connections
inherit it, and asyncio turns Nagle's algorithm off only on sockets that say they are TCP, so
every keep-alive request after the first waited for the client's delayed ACK: measured here, a
check-in took 48 ms with two workers against 5 ms with one, and ``/v1/health`` 44 ms (uvicorn
issue #3149). One process is unaffected: asyncio builds that listener itself, with ``proto`` 6.

The config is pickled into each spawned worker, so the class lives at module level.
"""

from __future__ import annotations

import contextlib
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

__all__ = ["TcpConfig", "run_workers"]


class TcpConfig(uvicorn.Config):
    """A uvicorn config whose bound listener says it is TCP (so accepted connections get TCP_NODELAY)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
            sock.set_inheritable(True)
        return sock


def run_workers(config: TcpConfig) -> None:
    """What ``uvicorn.run`` does for several workers, on :class:`TcpConfig`'s listener."""
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[config.bind_socket()]).run()
