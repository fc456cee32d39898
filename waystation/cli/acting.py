"""Who a CLI command acts as: an existing, active account (``--user`` or ``WAYSTATION_USER``).

Commands that read traveller data or statistics go through the same services, permission checks
and audit log as the API and the web pages, so they need a named person in a role.
"""

from __future__ import annotations

import click

from waystation.exc import ConfigError
from waystation.services.accounts import active_principal
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace

__all__ = ["USER_OPTION", "acting_as"]

USER_OPTION = click.option(
    "--user",
    "user",
    envvar="WAYSTATION_USER",
    required=True,
    help="the account you act as (its role decides what you may do; the log names it) [env WAYSTATION_USER]",
)


def acting_as(workspace: Workspace, name: str) -> Principal:
    found = active_principal(workspace, name)
    if found is None:
        raise ConfigError(f"no active user {name!r} (create one with `waystation users add`)")
    return found
