"""Who a CLI command acts as: the person whose API token it is given.

Commands that read traveller data or statistics go through the same services, permission checks
and audit log as the API and the pages, so they act as a person, proven the way a request proves
it: ``WAYSTATION_TOKEN`` (or ``--token``, or asked for without echo). A database file alone is
not an identity.
"""

from __future__ import annotations

import click

from waystation.cli.workspace import workspace
from waystation.services.principal import Principal
from waystation.services.users import authenticate_token
from waystation.services.workspace import Workspace

__all__ = ["TOKEN_OPTION", "signed_in"]

TOKEN_OPTION = click.option(
    "--token",
    envvar="WAYSTATION_TOKEN",
    prompt="API token",
    hide_input=True,
    help="your API token (waystation users add/token); read from WAYSTATION_TOKEN, else asked for",
)


def signed_in(token: str) -> tuple[Workspace, Principal]:
    """The store, and the person the token belongs to (``Unauthenticated`` for a bad token)."""
    ws = workspace()
    return ws, authenticate_token(ws, token.strip())
