"""Users, passwords and API tokens; authentication by token (the API) or password (the web UI).

Passwords are hashed with argon2id (argon2-cffi's defaults: a memory-hard hash, so a stolen
table costs an attacker dearly per guess); tokens are 256 random bits shown once and stored as
SHA-256. Creating users and tokens is an admin's job (``manage_users``) or the ``waystation
users add`` command's, run by whoever holds the server; both are logged.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from waystation.cases.events import Login, UserChanged
from waystation.cases.permissions import Permission, require
from waystation.cases.vocab import Role
from waystation.exc import InputError, Locator, Unauthenticated
from waystation.services.audit import audited
from waystation.services.principal import SYSTEM_NAME, Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    StoredToken,
    StoredUser,
    add_token,
    add_user,
    get_user,
    list_users,
    password_hash_of,
    revoke_token,
    set_password_hash,
    tokens_of,
    user_for_token,
)

__all__ = [
    "IssuedToken",
    "authenticate_password",
    "authenticate_token",
    "create_user",
    "issue_token",
    "remembered_principal",
    "revoke_user_token",
    "set_password",
    "token_digest",
    "user_tokens",
    "users",
]

TOKEN_PREFIX = "ws_"
MIN_PASSWORD = 12
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_HASHER = PasswordHasher()
# Changes made at the server's command line are logged under this actor.
_OPERATOR = Principal("cli", Role.ADMIN)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new token: ``token`` is shown once and never stored."""

    user: StoredUser
    token: str
    stored: StoredToken


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_name(name: str) -> str:
    if not _NAME.match(name) or name == SYSTEM_NAME:
        raise InputError(
            f"{name!r} is not a usable user name (letters, digits, . _ @ -; not 'system')",
            Locator(field="name"),
        )
    return name


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters", Locator(field="password"))
    return password


def create_user(
    workspace: Workspace,
    name: str,
    role: Role,
    *,
    by: Principal | None = None,
    password: str | None = None,
    label: str = "initial",
) -> IssuedToken:
    """A user with a first API token (and a password when given). ``by`` None means the server's
    operator at the command line; otherwise ``by`` must be an admin."""
    if by is not None:
        require(by.role, Permission.MANAGE_USERS)
    _check_name(name)
    hashed = _HASHER.hash(_check_password(password)) if password is not None else None
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with audited(workspace) as (session, audit):
        user = add_user(session, name, role, created_by=by.name if by else "cli", password_hash=hashed)
        stored = add_token(session, user.id, token_digest(token), label=label)
        audit.log(UserChanged(name, "created", role.value), by or _OPERATOR)
    return IssuedToken(user, token, stored)


def issue_token(
    workspace: Workspace, name: str, *, by: Principal | None = None, label: str = "api"
) -> IssuedToken:
    """Another token for an existing user."""
    if by is not None:
        require(by.role, Permission.MANAGE_USERS)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with audited(workspace) as (session, audit):
        user = get_user(session, name)
        stored = add_token(session, user.id, token_digest(token), label=label)
        audit.log(UserChanged(name, f"token {stored.id} issued"), by or _OPERATOR)
    return IssuedToken(user, token, stored)


def revoke_user_token(workspace: Workspace, token_id: int, *, by: Principal) -> StoredToken:
    require(by.role, Permission.MANAGE_USERS)
    with audited(workspace) as (session, audit):
        revoked = revoke_token(session, token_id)
        audit.log(UserChanged(str(revoked.user_id), f"token {token_id} revoked"), by)
    workspace.tokens.clear()  # effective in this process at once, not after the cache's seconds
    return revoked


def set_password(workspace: Workspace, name: str, password: str, *, by: Principal | None = None) -> None:
    if by is not None and by.name != name:
        require(by.role, Permission.MANAGE_USERS)
    hashed = _HASHER.hash(_check_password(password))
    with audited(workspace) as (session, audit):
        set_password_hash(session, name, hashed)
        audit.log(UserChanged(name, "password set"), by or _OPERATOR)


def users(workspace: Workspace, *, by: Principal) -> list[StoredUser]:
    require(by.role, Permission.MANAGE_USERS)
    with workspace.transaction() as session:
        return list_users(session)


def user_tokens(workspace: Workspace, name: str, *, by: Principal) -> list[StoredToken]:
    require(by.role, Permission.MANAGE_USERS)
    with workspace.transaction() as session:
        return tokens_of(session, get_user(session, name).id)


def remembered_principal(workspace: Workspace, token: str) -> Principal | None:
    """The holder of ``token`` if it authenticated in the last few seconds (no I/O), else ``None``:
    then :func:`authenticate_token` decides. See services/token_cache.py for what is kept."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return workspace.tokens.get(token_digest(token))


def authenticate_token(workspace: Workspace, token: str) -> Principal:
    """The user holding this token; ``Unauthenticated`` for an unknown, revoked or disabled one."""
    if not token.startswith(TOKEN_PREFIX):
        raise Unauthenticated("the token is not a waystation API token")
    digest = token_digest(token)
    remembered = workspace.tokens.get(digest)
    if remembered is not None:
        return remembered
    generation = workspace.tokens.generation
    with workspace.transaction() as session:
        user = user_for_token(session, digest)
    if user is None:
        raise Unauthenticated("the token is unknown or revoked")
    principal = Principal(user.name, user.role)
    workspace.tokens.put(digest, principal, generation)
    return principal


def authenticate_password(
    workspace: Workspace, name: str, password: str, *, remote: str | None = None
) -> Principal:
    """Log a person in (the web UI); every attempt, failed or not, is logged."""
    with workspace.transaction() as session:
        hashed = password_hash_of(session, name)
        user = get_user(session, name) if hashed is not None else None
    ok = False
    if hashed is not None:
        try:
            ok = _HASHER.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            ok = False
    principal = Principal(user.name, user.role) if user is not None and ok else None
    with audited(workspace) as (_session, audit):
        who = principal or Principal(name[:100] or "?", user.role if user else Role.CARRIER)
        audit.log(Login("password", ok, remote), who, role=None if user else "unknown")
    if principal is None:
        raise Unauthenticated("unknown user or wrong password")
    return principal
