"""The analyst workbench: server-rendered pages (Jinja2 + htmx) over the same services as the API.

:func:`mount_web` adds the pages to a FastAPI app (the one ``waystation serve`` runs);
:func:`create_web_app` serves the pages alone. See docs/web.md.
"""

from waystation.web.app import create_web_app, mount_web

__all__ = ["create_web_app", "mount_web"]
