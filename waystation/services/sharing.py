"""Sharing with partner agencies: the directory, packages under TLP 2.0 marks, re-sharing.

A supervisor shares a confirmed watchlist hit, the confirmed hits of a case, or an entry of a
national watchlist with one partner under a mark. The package is built from the store, redacted
for that partner and mark (``sharing.redact_for``), checked (``sharing.check_release``, every
problem named at once), written as the deterministic JSON document with its digest, kept exactly
as sent, and logged (``PackageShared``). A partner agency's account sees only the packages
addressed to its organisation; passing one on goes through the same release check as the
originator's marks demand — under ORCON it is refused, because no consent can be recorded here:
the originator shares with the next agency itself.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from waystation.cases.case_number import CaseNumber
from waystation.cases.events import PackageShared, PartnerChanged, Search
from waystation.cases.permissions import Permission, require
from waystation.cases.vocab import AlertKind, Disposition, Role
from waystation.exc import Conflict, InputError, Locator, NotFound
from waystation.ingest.lists.national_csv import FORMAT as NATIONAL_FORMAT
from waystation.numbers import is_number
from waystation.services.audit import Audit, audited
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.sharing import (
    HandlingMark,
    Partner,
    Recipient,
    SharedEntry,
    SharedHit,
    ShareItem,
    SharePackage,
    check_release,
    read_document,
    redact_for,
    reshare,
    to_document,
)
from waystation.store import get_case, latest_version, load_alerts, load_entries, load_travellers
from waystation.store.sharing import (
    NewShare,
    StoredPartner,
    StoredShare,
    add_partner,
    add_share,
    find_partners,
    find_shares,
    get_share,
    partner_of_account,
)

__all__ = [
    "ShareKind",
    "ShareView",
    "StoredPartner",
    "new_partner",
    "partners",
    "pass_on",
    "share",
    "shares",
]


class ShareKind(StrEnum):
    HIT = "hit"
    CASE = "case"
    WATCHLIST_ENTRY = "watchlist_entry"


@dataclass(frozen=True, slots=True)
class ShareView:
    """A share as its reader sees it: the document exactly as sent, parsed, with its digest."""

    id: int
    package_id: str
    partner: str
    sender: str
    kind: str
    subject: str
    mark: str
    shared_by: str
    shared_at: datetime
    digest: str
    document: dict[str, Any]
    reshared_from: int | None


def _view(stored: StoredShare) -> ShareView:
    s = stored.share
    mark = f"{s.tlp} ORCON" if s.orcon else s.tlp
    return ShareView(
        stored.id,
        s.package_id,
        stored.partner_org,
        s.sender,
        s.kind,
        s.subject,
        mark,
        s.shared_by,
        s.shared_at,
        s.digest,
        json.loads(s.document),
        s.reshared_from,
    )


def new_partner(
    workspace: Workspace,
    principal: Principal,
    partner: Partner,
    *,
    account: str | None = None,
) -> StoredPartner:
    """Add an agency to the directory (an administrator's job, like accounts)."""
    require(principal.role, Permission.MANAGE_USERS)
    if not partner.org_id.strip() or not partner.name.strip():
        raise InputError("a partner needs an organisation id and a name", Locator(field="org_id"))
    if partner.org_id == workspace.org_id:
        raise Conflict(f"{partner.org_id} is this unit's own organisation id")
    with audited(workspace) as (session, audit):
        stored = add_partner(
            session, partner, account=account, created_by=principal.name, at=datetime.now(UTC)
        )
        audit.log(PartnerChanged(partner.org_id, "added", partner.personal_data, account), principal)
    return stored


def partners(workspace: Workspace, principal: Principal) -> list[StoredPartner]:
    if principal.role is not Role.ADMIN:
        require(principal.role, Permission.SHARE)
    with workspace.transaction() as session:
        return find_partners(session)


def _directory(workspace: Workspace, session: Session) -> dict[str, Partner]:
    found = {p.partner.org_id: p.partner for p in find_partners(session)}
    found[workspace.org_id] = Partner(
        workspace.org_id, "this Passenger Information Unit", workspace.org_community
    )
    return found


def _hit_items(session: Session, alert_ids: Iterable[int], *, strict: bool) -> list[ShareItem]:
    """Confirmed watchlist hits as shared items (the traveller's side only while not masked)."""
    items: list[ShareItem] = []
    stored = load_alerts(session, list(alert_ids))
    travellers = {
        t.id: t.traveller
        for t in load_travellers(session, [a.traveller_id for a in stored if a.traveller_id])
    }
    for found in stored:
        alert = found.alert
        confirmed = found.state.disposition is Disposition.TRUE_MATCH and alert.kind is AlertKind.WATCHLIST
        if not confirmed:
            if strict:
                raise Conflict(f"alert {found.id} is not a confirmed watchlist match; only those are shared")
            continue
        traveller = travellers.get(found.traveller_id or 0)
        named = traveller is not None and bool(traveller.name.full)
        document = traveller.documents[0] if traveller and traveller.documents else None
        items.append(
            SharedHit(
                hit_id=f"A-{found.id}",
                flight=alert.flight,
                flight_date=alert.flight_date.isoformat() if alert.flight_date else None,
                list_name=alert.source,
                entry_id=alert.subject,
                score=round(alert.score, 4),
                explanation=alert.explanation,
                disposition=Disposition.TRUE_MATCH.value,
                traveller_name=traveller.name.full if traveller and named else None,
                traveller_birth_date=(
                    traveller.birth_date.iso() if traveller and named and traveller.birth_date else None
                ),
                traveller_nationalities=tuple(traveller.nationalities) if traveller else (),
                traveller_document=(
                    " ".join(p for p in (document.doc_type, document.number, document.issuing_country) if p)
                    if document and document.number
                    else None
                ),
                reviewer_note=found.state.decision.reason if found.state.decision else None,
            )
        )
    return items


def _items(session: Session, kind: ShareKind, subject: str) -> tuple[list[ShareItem], str | None]:
    if kind is ShareKind.HIT:
        if not is_number(subject):
            raise InputError("a hit is named by its alert id", Locator(field="subject"))
        return _hit_items(session, [int(subject)], strict=True), None
    if kind is ShareKind.CASE:
        case = get_case(session, CaseNumber.parse(subject)).case
        if not case.is_open:
            raise Conflict(f"case {case.number} is closed")
        items = _hit_items(session, [int(a) for a in case.alert_ids if is_number(a)], strict=False)
        if not items:
            raise Conflict(f"case {case.number} has no confirmed watchlist match to share")
        return items, str(case.number)
    list_name, _, entry_id = subject.partition(":")
    info = latest_version(session, list_name)
    if info is None or not entry_id:
        raise NotFound(f"no list entry {subject!r} (write LIST:ENTRY_ID)")
    if info.source_format != NATIONAL_FORMAT:
        raise Conflict(f"list {list_name!r} is not a national list; only our own entries are shared")
    entry = load_entries(session, info.id, [entry_id]).get(entry_id)
    if entry is None:
        raise NotFound(f"list {list_name!r} has no entry {entry_id!r}")
    return [SharedEntry.from_list_entry(entry, list_name, info.version)], None


def _package_id(now: datetime) -> str:
    return f"PKG-{now:%Y%m%d}-{secrets.token_hex(5).upper()}"


def _send(
    session: Session,
    audit: Audit,
    principal: Principal,
    package: SharePackage,
    target: StoredPartner,
    directory: dict[str, Partner],
    *,
    kind: str,
    subject: str,
    reshared_from: int | None = None,
) -> StoredShare:
    released = check_release(redact_for(package, target.partner), target.partner, directory)
    document = to_document(released)
    stored = add_share(
        session,
        NewShare(
            released.package_id,
            target.id,
            released.sender,
            kind,
            subject,
            released.mark.tlp.value,
            released.mark.orcon,
            released.purpose,
            document.body,
            document.digest,
            principal.name,
            released.created_at,
            reshared_from,
        ),
    )
    recipients = tuple(str(r) for r in released.recipients)
    audit.log(
        PackageShared(
            released.package_id, released.mark.tlp.value, released.mark.orcon, recipients, document.digest
        ),
        principal,
    )
    return stored


def _target(session: Session, org_id: str) -> StoredPartner:
    found = next((p for p in find_partners(session) if p.partner.org_id == org_id), None)
    if found is None:
        raise NotFound(f"no partner {org_id!r} in the directory")
    return found


def share(
    workspace: Workspace,
    principal: Principal,
    *,
    partner: str,
    kind: ShareKind,
    subject: str,
    mark: str,
    purpose: str,
    person: str | None = None,
) -> ShareView:
    """Share with one partner under ``mark`` (``TLP:AMBER``, ``TLP:RED ORCON``…), redacted for it."""
    require(principal.role, Permission.SHARE)
    chosen = HandlingMark.parse(mark)
    now = datetime.now(UTC)
    with audited(workspace) as (session, audit):
        target = _target(session, partner)
        items, case_number = _items(session, kind, subject)
        package = SharePackage(
            package_id=_package_id(now),
            originator=workspace.org_id,
            sender=workspace.org_id,
            mark=chosen,
            recipients=(Recipient(target.partner.org_id, person),),
            created_at=now,
            created_by=principal.name,
            purpose=" ".join(purpose.split()),
            items=tuple(items),
            case_number=case_number,
        )
        stored = _send(
            session,
            audit,
            principal,
            package,
            target,
            _directory(workspace, session),
            kind=kind.value,
            subject=subject,
        )
    return _view(stored)


def _reader(session: Session, principal: Principal) -> StoredPartner | None:
    """The partner agency a partner account reads for (``None``: an account outside the directory)."""
    return partner_of_account(session, principal.name)


def shares(
    workspace: Workspace, principal: Principal, *, limit: int = 100, offset: int = 0
) -> list[ShareView]:
    """A partner sees only what was shared with its organisation; a supervisor sees every share."""
    if principal.role is not Role.SUPERVISOR:
        require(principal.role, Permission.RECEIVE_SHARES)
    with audited(workspace) as (session, audit):
        if principal.role is Role.SUPERVISOR:
            return [_view(s) for s in find_shares(session, limit=limit, offset=offset)]
        reader = _reader(session, principal)
        if reader is None:
            return []
        found = find_shares(session, partner_id=reader.id, limit=limit, offset=offset)
        audit.log(Search("shares", f"received by {reader.partner.org_id}", len(found)), principal)
        return [_view(s) for s in found]


def pass_on(
    workspace: Workspace,
    principal: Principal,
    share_id: int,
    *,
    to: str,
    purpose: str,
    person: str | None = None,
    mark: str | None = None,
) -> ShareView:
    """A partner passes a package it received on to another agency, if the marks allow it."""
    require(principal.role, Permission.RECEIVE_SHARES)
    now = datetime.now(UTC)
    with audited(workspace) as (session, audit):
        reader = _reader(session, principal)
        source_share = get_share(session, share_id)
        if reader is None or source_share.share.partner_id != reader.id:
            raise NotFound(f"no share {share_id} addressed to you")
        source = read_document(source_share.share.document, source_share.share.digest)
        target = _target(session, to)
        package = reshare(
            source,
            package_id=_package_id(now),
            sender=reader.partner.org_id,
            recipients=(Recipient(target.partner.org_id, person),),
            created_at=now,
            created_by=principal.name,
            purpose=" ".join(purpose.split()),
            mark=HandlingMark.parse(mark) if mark else None,
        )
        stored = _send(
            session,
            audit,
            principal,
            package,
            target,
            _directory(workspace, session),
            kind=source_share.share.kind,
            subject=source_share.share.subject,
            reshared_from=source_share.id,
        )
    return _view(stored)
