"""``waystation users``: create accounts (printing the API token once) and set passwords."""

from __future__ import annotations

import click

from waystation.cases.vocab import Role
from waystation.cli.output import console, table
from waystation.cli.workspace import workspace
from waystation.services.users import create_user, issue_token, set_password

__all__ = ["COMMANDS"]


@click.group("users")
def users_group() -> None:
    """Accounts: who may use the service, in which role."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option(
    "--password",
    "with_password",
    is_flag=True,
    help="also set a password for the web pages (asked for, not echoed)",
)
def add(name: str, role: str, with_password: bool) -> None:
    """Create a user and print its API token (shown once; only its hash is kept)."""
    password = None
    if with_password:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    issued = create_user(workspace(), name, Role(role), password=password)
    click.echo(issued.token)
    click.echo(f"user {issued.user.name} ({issued.user.role.value}) created; keep the token above", err=True)


@users_group.command("token")
@click.argument("name")
@click.option("--label", default="api", show_default=True)
def token(name: str, label: str) -> None:
    """Issue another API token for NAME and print it."""
    click.echo(issue_token(workspace(), name, label=label).token)


@users_group.command("password")
@click.argument("name")
def password(name: str) -> None:
    """Set NAME's password for the web pages (asked for, not echoed)."""
    value = click.prompt("password", hide_input=True, confirmation_prompt=True)
    set_password(workspace(), name, value)
    console().print(table("password set", ("user",), [(name,)]))


COMMANDS = (users_group,)
