"""``serve --workers N``: the shared listener keeps TCP_NODELAY on accepted connections."""

from __future__ import annotations

import asyncio
import socket

from waystation.cli.listener import TcpConfig
from waystation.cli.serve import WORKER_ANSWER_SECONDS, worker_config


def _accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection accepted by asyncio on ``listener`` (as a uvicorn worker does)."""

    async def run() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        port = listener.getsockname()[1]
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        value = await asyncio.wait_for(seen, 10)
        writer.close()
        server.close()
        await server.wait_closed()
        return value

    return asyncio.run(run())


def test_the_workers_listener_says_it_is_tcp() -> None:
    config = TcpConfig("waystation.cli.serve:worker_app", factory=True, host="127.0.0.1", port=0, workers=2)
    listener = config.bind_socket()
    try:
        assert listener.proto == socket.IPPROTO_TCP
        assert listener.get_inheritable()
        listener.listen()
        assert _accepted_nodelay(listener) == 1  # (0 with uvicorn's own listener: Nagle on)
    finally:
        listener.close()


def test_the_server_runs_on_the_c_http_parser_and_event_loop() -> None:
    """httptools and uvloop are dependencies so that uvicorn's "auto" picks them (less CPU per
    carrier request than h11 and asyncio); an install that lost them would fall back silently."""
    config = TcpConfig(_app, workers=2)  # (the real app would open a store: load() builds it)
    config.load()
    assert config.http_protocol_class.__name__ == "HttpToolsProtocol"
    assert config.get_loop_factory() is not None
    assert config.get_loop_factory().__module__.startswith("uvloop")  # type: ignore[union-attr]


async def _app(scope: object, receive: object, send: object) -> None:  # pragma: no cover - never called
    raise AssertionError("not served")


def test_a_slow_worker_start_is_waited_for_before_it_is_replaced() -> None:
    """uvicorn kills a worker that does not answer its health check within 5 s and starts another;
    on a busy machine a worker took 9 s just to import, so no worker ever came up. `serve`
    gives each worker a minute."""
    config = worker_config("127.0.0.1", 0, 2, "warning")
    assert config.timeout_worker_healthcheck == WORKER_ANSWER_SECONDS == 60
    assert config.workers == 2
    assert isinstance(config, TcpConfig)
