"""``waystation serve``: the API and the analyst pages under uvicorn."""

from __future__ import annotations

import click

from waystation.settings import get_settings

__all__ = ["COMMANDS"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--log-level", default="info", show_default=True)
def serve(host: str, port: int, log_level: str) -> None:
    """Serve the carrier gateway, the REST API and the analyst pages (refuses default secrets outside
    development)."""
    import uvicorn

    from waystation.api import create_app
    from waystation.web import mount_web

    settings = get_settings()
    settings.check()
    app = create_app(settings=settings)
    mount_web(app, app.state.workspace, settings)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)


COMMANDS = (serve,)
