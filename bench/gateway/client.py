"""The load generator's connections: one single-connection ``httpx`` client per open connection.

One ``httpx.AsyncClient`` with a pool of hundreds of connections spends its time in the pool:
httpcore re-examines every connection for every pending request whenever one changes state, so
its cost grows with connections times requests in flight. Measured on the 2-core VM while the
server fell behind, the load generator used 12 ms of CPU per request, most of it there — CPU
taken from the two cores the server is being measured on. Here each connection is its own
client and a request takes a free one (or opens a new one, as a carrier's systems would: an
open-loop load is never held back by a connection limit), so the bookkeeping per request is
constant.

A connection idle for longer than the server keeps it (uvicorn: 5 s) is closed rather than
reused: the server may close it just as a request is written to it, and ``httpx`` does not
retry a POST (seen once in a full day's run as a ``ReadError`` on a check-in).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Mapping

import httpx

__all__ = ["Connections"]

IDLE_LIMIT = 4.0  # seconds; below uvicorn's default keep-alive timeout of 5 s


class Connections:
    """Keep-alive connections to one server, each used by one request at a time."""

    def __init__(self, base_url: str, headers: Mapping[str, str], timeout: float) -> None:
        self._base_url = base_url
        self._headers = dict(headers)
        self._timeout = timeout
        # (a client makes an SSL context unless given one: 40 ms of CPU each, for plain HTTP here)
        self._tls = ssl.create_default_context()
        self._free: list[tuple[httpx.AsyncClient, float]] = []  # (client, when it was last used)
        self._all: list[httpx.AsyncClient] = []
        self._most = 0

    @property
    def opened(self) -> int:
        """How many connections were open at the most."""
        return self._most

    async def post(self, path: str, content: bytes) -> httpx.Response:
        client = await self._take()
        try:
            return await client.post(path, content=content)
        finally:
            self._free.append((client, time.monotonic()))

    async def _take(self) -> httpx.AsyncClient:
        """The most recently used free connection still safely inside the keep-alive, or a new one."""
        while self._free:
            client, used = self._free.pop()
            if time.monotonic() - used < IDLE_LIMIT:
                return client
            self._all.remove(client)
            await client.aclose()
        return self._open()

    def _open(self) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            base_url=self._base_url,
            headers=self._headers,
            timeout=self._timeout,
            verify=self._tls,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )
        self._all.append(client)
        self._most = max(self._most, len(self._all))
        return client

    async def aclose(self) -> None:
        for client in self._all:
            await client.aclose()
        self._all.clear()
        self._free.clear()
