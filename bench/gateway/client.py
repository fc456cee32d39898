"""The load generator's connections: one single-connection ``httpx`` client per open connection.

One ``httpx.AsyncClient`` with a pool of hundreds of connections spends its time in the pool:
httpcore re-examines every connection for every pending request whenever one changes state, so
its cost grows with connections times requests in flight. Measured on the 2-core VM while the
server fell behind, the load generator used 12 ms of CPU per request, most of it there — CPU
taken from the two cores the server is being measured on. Here each connection is its own
client and a request takes a free one (or opens a new one, as a carrier's systems would: an
open-loop load is never held back by a connection limit), so the bookkeeping per request is
constant.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping

import httpx

__all__ = ["Connections"]


class Connections:
    """Keep-alive connections to one server, each used by one request at a time."""

    def __init__(self, base_url: str, headers: Mapping[str, str], timeout: float) -> None:
        self._base_url = base_url
        self._headers = dict(headers)
        self._timeout = timeout
        # (a client makes an SSL context unless given one: 40 ms of CPU each, for plain HTTP here)
        self._tls = ssl.create_default_context()
        self._free: list[httpx.AsyncClient] = []
        self._all: list[httpx.AsyncClient] = []

    @property
    def opened(self) -> int:
        """How many connections were needed at once (at most)."""
        return len(self._all)

    async def post(self, path: str, content: bytes) -> httpx.Response:
        client = self._free.pop() if self._free else self._open()
        try:
            return await client.post(path, content=content)
        finally:
            self._free.append(client)

    def _open(self) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            base_url=self._base_url,
            headers=self._headers,
            timeout=self._timeout,
            verify=self._tls,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )
        self._all.append(client)
        return client

    async def aclose(self) -> None:
        for client in self._all:
            await client.aclose()
        self._all.clear()
        self._free.clear()
