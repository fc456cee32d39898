"""The HTTP API: ``create_app()``, routers per resource, one error shape, bearer tokens and roles."""

from waystation.api.app import create_app

__all__ = ["create_app"]
