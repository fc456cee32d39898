"""Sharing with partner agencies on a real store: packages redacted per mark and per agreement,
each partner sees only what it received, passing on follows the marks (ORCON refused), audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tests.services.conftest import Fresh
from waystation.cases.events import AuditEventType
from waystation.cases.vocab import AlertKind, Disposition, ReviewAction, Role
from waystation.exc import Conflict, Forbidden, NotFound
from waystation.services.audit import verify_audit
from waystation.services.identity import traveller_key
from waystation.services.messages import receive
from waystation.services.principal import Principal
from waystation.services.review import decide, take_step
from waystation.services.sharing import ShareKind, new_partner, partners, pass_on, share, shares
from waystation.services.watchlists import put_national_entry
from waystation.sharing import Partner
from waystation.store import add_alerts, audit_records, travellers_of_message
from waystation.store.alerts import NewAlert

ADMIN = Principal("maria", Role.ADMIN)
SUPERVISOR = Principal("sofia", Role.SUPERVISOR)
ANALYST = Principal("amira", Role.ANALYST)
PARTNER_A = Principal("partner-a", Role.PARTNER)
PARTNER_B = Principal("partner-b", Role.PARTNER)
CSV = (
    "ref,surname,given_names,date_of_birth,sex,nationality,document_type,document_number,document_country,"
    "flight,departure_date,origin,destination,booking_ref\n"
    "P1,HADDAD,Omar,1990-04-17,M,SYR,P,N1000001,SYR,TK1234,2026-11-26,IST,BEY,AB0001\n"
)
PURPOSE = "the listed person transits towards your border tomorrow"


def _directory(fresh: Fresh) -> None:
    new_partner(
        fresh.workspace,
        ADMIN,
        Partner("NCB-A", "NCB A", "ct-liaison", frozenset({"CLIENT-A"}), personal_data=True),
        account="partner-a",
    )
    new_partner(fresh.workspace, ADMIN, Partner("NCB-B", "NCB B", "ct-liaison"), account="partner-b")
    new_partner(fresh.workspace, ADMIN, Partner("CLIENT-A", "A's client", None, personal_data=True))


def _alert(fresh: Fresh, *, confirm: bool) -> int:
    received = receive(fresh.workspace, CSV.encode(), source="tk1234.csv")
    with fresh.workspace.transaction() as session:
        (stored,) = travellers_of_message(session, received.message_id)
        (alert,) = add_alerts(
            session,
            [
                NewAlert(
                    AlertKind.WATCHLIST,
                    traveller_key(stored.traveller, fresh.workspace.card_key),
                    "P1",
                    "TK1234",
                    date(2026, 11, 26),
                    "un",
                    "2026-11-01",
                    "QDi.420",
                    0.93,
                    "test",
                    "1",
                    ("name HADDAD Omar agrees with the listed name",),
                    datetime.now(UTC),
                    traveller_id=stored.id,
                )
            ],
        )
    if confirm:
        take_step(fresh.workspace, ANALYST, alert.id, ReviewAction.CLAIM)
        decide(
            fresh.workspace, ANALYST, alert.id, Disposition.TRUE_MATCH, "passport number agrees with QDi.420"
        )
    return alert.id


def _share(
    fresh: Fresh, partner: str, subject: str, mark: str, kind: ShareKind = ShareKind.HIT
) -> dict[str, object]:
    view = share(
        fresh.workspace, SUPERVISOR, partner=partner, kind=kind, subject=subject, mark=mark, purpose=PURPOSE
    )
    (item,) = view.document["items"]
    assert isinstance(item, dict)
    return item


def test_hits_are_redacted_per_mark_and_per_agreement(fresh: Fresh) -> None:
    _directory(fresh)
    alert = str(_alert(fresh, confirm=True))
    amber = _share(fresh, "NCB-A", alert, "TLP:AMBER")
    assert (amber["score"], amber["disposition"], amber["traveller_nationalities"]) == (
        0.93,
        "true_match",
        ["SYR"],
    )
    assert amber["traveller_name"] is None
    assert amber["redacted"] == [
        "explanation",
        "reviewer_note",
        "traveller_birth_date",
        "traveller_document",
        "traveller_name",
    ]
    strict = _share(fresh, "NCB-A", alert, "TLP:AMBER+STRICT")
    assert (strict["traveller_name"], strict["traveller_birth_date"], strict["traveller_document"]) == (
        "Omar HADDAD",
        "1990-04-17",
        "P N1000001 SYR",
    )
    assert strict["redacted"] == ["reviewer_note"]
    no_agreement = _share(fresh, "NCB-B", alert, "TLP:AMBER+STRICT")
    assert no_agreement["traveller_name"] is None
    assert "traveller_name" in no_agreement["redacted"]
    with fresh.workspace.transaction() as session:
        events = audit_records(session, event_type=AuditEventType.SHARE)
    assert [(e.actor, e.payload["tlp"], e.payload["recipients"]) for e in events] == [
        ("sofia", "TLP:AMBER", ["NCB-A"]),
        ("sofia", "TLP:AMBER+STRICT", ["NCB-A"]),
        ("sofia", "TLP:AMBER+STRICT", ["NCB-B"]),
    ]
    assert all(str(e.payload["digest"]).startswith("sha256:") for e in events)
    assert verify_audit(fresh.workspace).ok


def test_red_needs_a_named_person_and_unconfirmed_hits_are_not_shared(fresh: Fresh) -> None:
    _directory(fresh)
    confirmed = str(_alert(fresh, confirm=True))
    with pytest.raises(Forbidden, match="TLP:RED goes to named individuals only"):
        _share(fresh, "NCB-A", confirmed, "TLP:RED")
    open_alert = str(_alert(fresh, confirm=False))
    with pytest.raises(Conflict, match="not a confirmed watchlist match"):
        _share(fresh, "NCB-A", open_alert, "TLP:AMBER")
    with pytest.raises(NotFound, match="no partner 'NCB-Z'"):
        _share(fresh, "NCB-Z", confirmed, "TLP:AMBER")
    with pytest.raises(Forbidden, match="may not share"):
        share(
            fresh.workspace,
            ANALYST,
            partner="NCB-A",
            kind=ShareKind.HIT,
            subject=confirmed,
            mark="TLP:AMBER",
            purpose=PURPOSE,
        )


def test_partners_see_their_own_shares_and_pass_on_only_as_marks_allow(fresh: Fresh) -> None:
    _directory(fresh)
    alert = str(_alert(fresh, confirm=True))
    _share(fresh, "NCB-A", alert, "TLP:AMBER")
    _share(fresh, "NCB-A", alert, "TLP:AMBER ORCON")
    _share(fresh, "NCB-B", alert, "TLP:AMBER+STRICT")
    seen_a = shares(fresh.workspace, PARTNER_A)
    seen_b = shares(fresh.workspace, PARTNER_B)
    assert [(s.partner, s.mark) for s in seen_a] == [("NCB-A", "TLP:AMBER ORCON"), ("NCB-A", "TLP:AMBER")]
    assert [(s.partner, s.mark) for s in seen_b] == [("NCB-B", "TLP:AMBER+STRICT")]
    assert shares(fresh.workspace, Principal("partner-unknown", Role.PARTNER)) == []
    orcon, amber = seen_a
    passed = pass_on(
        fresh.workspace, PARTNER_A, amber.id, to="CLIENT-A", purpose="our client handles the border"
    )
    assert (passed.partner, passed.sender, passed.reshared_from) == ("CLIENT-A", "NCB-A", amber.id)
    assert passed.document["derived_from"] == amber.package_id
    with pytest.raises(Forbidden, match="ORCON: PIU has not consented"):
        pass_on(fresh.workspace, PARTNER_A, orcon.id, to="CLIENT-A", purpose="our client handles the border")
    with pytest.raises(Forbidden, match="goes only to NCB-A and its clients; NCB-B is neither"):
        pass_on(fresh.workspace, PARTNER_A, amber.id, to="NCB-B", purpose="the other agency should know")
    with pytest.raises(Forbidden, match="cannot loosen"):
        pass_on(
            fresh.workspace,
            PARTNER_A,
            amber.id,
            to="CLIENT-A",
            purpose="a looser mark please",
            mark="TLP:GREEN",
        )
    with pytest.raises(NotFound, match="addressed to you"):
        pass_on(fresh.workspace, PARTNER_B, amber.id, to="CLIENT-A", purpose="not even ours to pass on")
    assert len(shares(fresh.workspace, SUPERVISOR)) == 4
    with fresh.workspace.transaction() as session:
        reads = audit_records(session, event_type=AuditEventType.SEARCH)
    assert [(r.actor, r.payload["query"], r.payload["result_count"]) for r in reads][:2] == [
        ("partner-a", "received by NCB-A", 2),
        ("partner-b", "received by NCB-B", 1),
    ]


def test_national_entries_are_shared_unredacted_and_other_lists_are_not(fresh: Fresh) -> None:
    _directory(fresh)
    fresh.workspace = replace(fresh.workspace, org_community="ct-liaison")
    put_national_entry(
        fresh.workspace,
        SUPERVISOR,
        {"id": "NAT-1", "names": "DOE, John", "birth_dates": "1980-01-02", "nationalities": "IRQ"},
    )
    item = _share(fresh, "NCB-B", "national:NAT-1", "TLP:GREEN", ShareKind.WATCHLIST_ENTRY)
    assert (item["type"], item["entry_id"], item["birth_dates"], item["nationalities"]) == (
        "watchlist_entry",
        "NAT-1",
        ["1980-01-02"],
        ["IRQ"],
    )
    with pytest.raises(NotFound, match="has no entry 'NAT-2'"):
        _share(fresh, "NCB-B", "national:NAT-2", "TLP:GREEN", ShareKind.WATCHLIST_ENTRY)


def test_the_directory_is_kept_by_the_admin(fresh: Fresh) -> None:
    _directory(fresh)
    assert [p.partner.org_id for p in partners(fresh.workspace, SUPERVISOR)] == ["CLIENT-A", "NCB-A", "NCB-B"]
    with pytest.raises(Conflict, match="already in the directory"):
        new_partner(fresh.workspace, ADMIN, Partner("NCB-A", "again"))
    with pytest.raises(Forbidden):
        new_partner(fresh.workspace, SUPERVISOR, Partner("NCB-C", "NCB C"))
    with pytest.raises(Forbidden):
        partners(fresh.workspace, ANALYST)
