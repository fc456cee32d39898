"""The partner directory and the shares sent: appended rows, read back as small frozen records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waystation.exc import Conflict, NotFound
from waystation.sharing import Partner
from waystation.store.bulk import insert_returning_ids
from waystation.store.schema import PartnerRow, ShareRow

__all__ = [
    "NewShare",
    "StoredPartner",
    "StoredShare",
    "add_partner",
    "add_share",
    "find_partners",
    "find_shares",
    "get_partner",
    "get_share",
    "partner_of_account",
]


@dataclass(frozen=True, slots=True)
class StoredPartner:
    id: int
    partner: Partner
    account: str | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewShare:
    package_id: str
    partner_id: int
    sender: str
    kind: str
    subject: str
    tlp: str
    orcon: bool
    purpose: str
    document: bytes
    digest: str
    shared_by: str
    shared_at: datetime
    reshared_from: int | None = None


@dataclass(frozen=True, slots=True)
class StoredShare:
    id: int
    share: NewShare
    partner_org: str


def _partner(row: PartnerRow) -> StoredPartner:
    partner = Partner(row.org_id, row.name, row.community, frozenset(row.clients), row.personal_data)
    return StoredPartner(row.id, partner, row.account, row.created_by, row.created_at)


def add_partner(
    session: Session, partner: Partner, *, account: str | None, created_by: str, at: datetime
) -> StoredPartner:
    """Add an agency to the directory; ``Conflict`` when its id or its account is taken."""
    taken = select(PartnerRow.id).where(
        (PartnerRow.org_id == partner.org_id)
        | ((PartnerRow.account == account) & (PartnerRow.account.is_not(None)))
    )
    if session.execute(taken).first() is not None:
        raise Conflict(f"partner {partner.org_id} or account {account} is already in the directory")
    try:
        with session.begin_nested():
            (ident,) = insert_returning_ids(
                session,
                PartnerRow,
                [
                    {
                        "org_id": partner.org_id,
                        "name": partner.name,
                        "community": partner.community,
                        "clients": sorted(partner.clients),
                        "personal_data": partner.personal_data,
                        "account": account,
                        "created_by": created_by,
                        "created_at": at,
                    }
                ],
            )
    except IntegrityError as error:
        raise Conflict(
            f"partner {partner.org_id} or account {account} is already in the directory"
        ) from error
    return get_partner(session, ident)


def get_partner(session: Session, ident: int) -> StoredPartner:
    row = session.get(PartnerRow, ident)
    if row is None:
        raise NotFound(f"no partner {ident}")
    return _partner(row)


def find_partners(session: Session) -> list[StoredPartner]:
    return [_partner(r) for r in session.execute(select(PartnerRow).order_by(PartnerRow.org_id)).scalars()]


def partner_of_account(session: Session, account: str) -> StoredPartner | None:
    row = session.execute(select(PartnerRow).where(PartnerRow.account == account)).scalar()
    return _partner(row) if row is not None else None


def add_share(session: Session, share: NewShare) -> StoredShare:
    (ident,) = insert_returning_ids(
        session,
        ShareRow,
        [
            {
                "package_id": share.package_id,
                "partner_id": share.partner_id,
                "sender": share.sender,
                "kind": share.kind,
                "subject": share.subject,
                "tlp": share.tlp,
                "orcon": share.orcon,
                "purpose": share.purpose,
                "document": share.document,
                "digest": share.digest,
                "reshared_from": share.reshared_from,
                "shared_by": share.shared_by,
                "shared_at": share.shared_at,
            }
        ],
    )
    return get_share(session, ident)


def _shares(session: Session, rows: Sequence[tuple[ShareRow, str]]) -> list[StoredShare]:
    return [
        StoredShare(
            row.id,
            NewShare(
                row.package_id,
                row.partner_id,
                row.sender,
                row.kind,
                row.subject,
                row.tlp,
                row.orcon,
                row.purpose,
                row.document,
                row.digest,
                row.shared_by,
                row.shared_at,
                row.reshared_from,
            ),
            org,
        )
        for row, org in rows
    ]


def get_share(session: Session, ident: int) -> StoredShare:
    statement = select(ShareRow, PartnerRow.org_id).join(PartnerRow, PartnerRow.id == ShareRow.partner_id)
    rows = [(r[0], r[1]) for r in session.execute(statement.where(ShareRow.id == ident))]
    if not rows:
        raise NotFound(f"no share {ident}")
    return _shares(session, rows)[0]


def find_shares(
    session: Session, *, partner_id: int | None = None, limit: int = 100, offset: int = 0
) -> list[StoredShare]:
    """Shares, newest first; only those sent to ``partner_id`` when given."""
    statement = select(ShareRow, PartnerRow.org_id).join(PartnerRow, PartnerRow.id == ShareRow.partner_id)
    if partner_id is not None:
        statement = statement.where(ShareRow.partner_id == partner_id)
    statement = statement.order_by(ShareRow.id.desc()).limit(limit).offset(offset)
    return _shares(session, [(r[0], r[1]) for r in session.execute(statement)])
