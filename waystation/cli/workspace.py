"""The CLI's one way to open the store: from the ``WAYSTATION_*`` settings, schema brought up to date."""

from __future__ import annotations

from waystation.cli.process import prepare_process
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import get_settings

__all__ = ["workspace"]


def workspace() -> Workspace:
    settings = get_settings()
    settings.check()
    return prepare_process(open_workspace(settings))
