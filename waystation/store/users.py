"""Users and API tokens: who may call the service, in which role, with which credentials.

Only hashes are stored: the password's argon2 hash (computed by the services, which own the
hashing parameters) and the SHA-256 of each API token. A token is looked up by its hash; a
revoked token or a disabled user authenticates nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from waystation.cases.vocab import Role
from waystation.exc import Conflict, NotFound
from waystation.store.bulk import insert_returning_ids
from waystation.store.schema import ApiTokenRow, UserRow
from waystation.store.types import utc_now

__all__ = [
    "StoredToken",
    "StoredUser",
    "add_token",
    "add_user",
    "disable_user",
    "get_user",
    "list_users",
    "password_hash_of",
    "revoke_token",
    "set_password_hash",
    "tokens_of",
    "user_for_token",
]


@dataclass(frozen=True, slots=True)
class StoredUser:
    id: int
    name: str
    role: Role
    created_at: datetime
    created_by: str
    disabled_at: datetime | None
    has_password: bool

    @property
    def active(self) -> bool:
        return self.disabled_at is None


@dataclass(frozen=True, slots=True)
class StoredToken:
    id: int
    user_id: int
    label: str
    created_at: datetime
    revoked_at: datetime | None


def _user(row: UserRow) -> StoredUser:
    return StoredUser(
        row.id,
        row.name,
        Role(row.role),
        row.created_at,
        row.created_by,
        row.disabled_at,
        row.password_hash is not None,
    )


def add_user(
    session: Session,
    name: str,
    role: Role,
    *,
    created_by: str,
    password_hash: str | None = None,
    created_at: datetime | None = None,
) -> StoredUser:
    """A new user; ``Conflict`` when the name is taken."""
    if session.execute(select(UserRow.id).where(UserRow.name == name)).scalar() is not None:
        raise Conflict(f"a user named {name!r} already exists")
    row = {
        "name": name,
        "role": role.value,
        "password_hash": password_hash,
        "created_at": created_at or utc_now(),
        "created_by": created_by,
    }
    insert_returning_ids(session, UserRow, [row])
    return get_user(session, name)


def get_user(session: Session, name: str) -> StoredUser:
    row = session.execute(
        select(UserRow).where(UserRow.name == name).execution_options(populate_existing=True)
    ).scalar()
    if row is None:
        raise NotFound(f"no user named {name!r}")
    return _user(row)


def list_users(session: Session) -> list[StoredUser]:
    return [_user(row) for row in session.execute(select(UserRow).order_by(UserRow.name)).scalars()]


def password_hash_of(session: Session, name: str) -> str | None:
    """The stored argon2 hash of an active user's password (``None``: no such user or no password)."""
    return session.execute(
        select(UserRow.password_hash).where(UserRow.name == name, UserRow.disabled_at.is_(None))
    ).scalar()


def set_password_hash(session: Session, name: str, password_hash: str) -> None:
    result = session.execute(update(UserRow).where(UserRow.name == name).values(password_hash=password_hash))
    if getattr(result, "rowcount", 1) == 0:
        raise NotFound(f"no user named {name!r}")


def disable_user(session: Session, name: str, at: datetime | None = None) -> StoredUser:
    """Disable a user (kept on record, so the audit log's actors stay known); tokens stop working."""
    user = get_user(session, name)
    if user.disabled_at is None:
        session.execute(update(UserRow).where(UserRow.id == user.id).values(disabled_at=at or utc_now()))
    return get_user(session, name)


def add_token(
    session: Session, user_id: int, token_sha256: str, *, label: str, created_at: datetime | None = None
) -> StoredToken:
    row = {
        "user_id": user_id,
        "token_sha256": token_sha256,
        "label": label,
        "created_at": created_at or utc_now(),
    }
    (token_id,) = insert_returning_ids(session, ApiTokenRow, [row])
    return _token(session, token_id)


def _token(session: Session, token_id: int) -> StoredToken:
    row = session.get(ApiTokenRow, token_id, populate_existing=True)
    if row is None:
        raise NotFound(f"no token {token_id}")
    return StoredToken(row.id, row.user_id, row.label, row.created_at, row.revoked_at)


def tokens_of(session: Session, user_id: int) -> list[StoredToken]:
    rows = session.execute(
        select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
    ).scalars()
    return [StoredToken(r.id, r.user_id, r.label, r.created_at, r.revoked_at) for r in rows]


def revoke_token(session: Session, token_id: int, at: datetime | None = None) -> StoredToken:
    result = session.execute(
        update(ApiTokenRow)
        .where(ApiTokenRow.id == token_id, ApiTokenRow.revoked_at.is_(None))
        .values(revoked_at=at or utc_now())
    )
    if getattr(result, "rowcount", 1) == 0:
        _token(session, token_id)  # NotFound when there is no such token
        raise Conflict(f"token {token_id} is already revoked")
    return _token(session, token_id)


def user_for_token(session: Session, token_sha256: str) -> StoredUser | None:
    """The active user holding this unrevoked token, or ``None``."""
    row = session.execute(
        select(UserRow)
        .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
        .where(
            ApiTokenRow.token_sha256 == token_sha256,
            ApiTokenRow.revoked_at.is_(None),
            UserRow.disabled_at.is_(None),
        )
    ).scalar()
    return _user(row) if row is not None else None
