"""A traveller's key is theirs for life: masking removes the name and birth day it is computed from,
so two masked travellers born the same year would share a key wherever it is computed again from
the stored row. These mask two such travellers and check that every view naming a stored
traveller — the traveller page and API with its alerts, the passenger list's audit, the network
page and query — still gives each the key they had before masking."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from tests.services.conftest import Fresh
from waystation.api import create_app
from waystation.cases.events import AuditEventType
from waystation.cases.retention import RetentionPolicy
from waystation.cases.vocab import AlertKind, Role
from waystation.services.cases import open_new_case
from waystation.services.identity import traveller_key
from waystation.services.messages import receive
from waystation.services.network_query import query_network
from waystation.services.principal import Principal
from waystation.services.retention import run_retention
from waystation.services.traffic import traveller_network
from waystation.services.travellers import flight_travellers, traveller
from waystation.services.users import create_user
from waystation.store import NewAlert, add_alerts, audit_records, travellers_of_message
from waystation.store.migrate import alembic_config, upgrade
from waystation.store.schema import RawMessageRow, TravellerRow

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)
POLICY = RetentionPolicy(mask_after_months=6, delete_after_months=24)
ANALYST = Principal("amira", Role.ANALYST)
HEADER = (
    "ref,surname,given_names,date_of_birth,sex,nationality,document_type,document_number,document_country,"
    "flight,departure_date,origin,destination,booking_ref\n"
)
# P2 and P3 are different people born in the same year: once masked, their rows differ in nothing
# the key is computed from.
PASSENGERS = (
    "P1,NASSER,Karim,1985-01-05,M,SYR,P,N2000001,SYR,TK1234,2026-04-21,IST,BEY,BK0001\n"
    "P2,HADDAD,Omar,1990-04-17,M,SYR,P,N2000002,SYR,TK1234,2026-04-21,IST,BEY,BK0002\n"
    "P3,KHALIL,Rami,1990-09-02,M,SYR,P,N2000003,SYR,TK1234,2026-04-21,IST,BEY,BK0002\n"
)


def _receive(fresh: Fresh, rows: str, source: str) -> int:
    received = receive(fresh.workspace, (HEADER + rows).encode(), source=source)
    with fresh.workspace.transaction() as session:
        session.execute(
            update(RawMessageRow).where(RawMessageRow.id == received.message_id).values(received_at=RECEIVED)
        )
    return received.message_id


def _alert(ref: str, key: str, traveller_id: int) -> NewAlert:
    return NewAlert(
        AlertKind.WATCHLIST,
        key,
        ref,
        "TK1234",
        date(2026, 4, 21),
        "un",
        "2026-04-01",
        f"QDi.{traveller_id}",
        0.9,
        "test",
        "1",
        (f"a listed name like {ref}'s",),
        RECEIVED,
        traveller_id=traveller_id,
    )


def _audited_keys(fresh: Fresh, event_type: AuditEventType, after: int) -> list[str]:
    with fresh.workspace.transaction() as session:
        records = audit_records(session, after=after, event_type=event_type)
    return [str(r.payload["traveller_key"]) for r in records]


def _last_sequence(fresh: Fresh) -> int:
    with fresh.workspace.transaction() as session:
        records = audit_records(session)
    return records[-1].sequence if records else 0


def test_masked_travellers_born_the_same_year_keep_their_own_keys(fresh: Fresh) -> None:
    message = _receive(fresh, PASSENGERS, "tk1234-20260420.csv")
    with fresh.workspace.transaction() as session:
        rows = {t.traveller.ref: t for t in travellers_of_message(session, message)}
    ids = {ref: row.id for ref, row in rows.items()}
    before = {ref: traveller(fresh.workspace, ANALYST, ident).key for ref, ident in ids.items()}
    assert len(set(before.values())) == 3
    with fresh.workspace.transaction() as session:
        stored = add_alerts(session, [_alert(ref, before[ref], ids[ref]) for ref in ("P1", "P2", "P3")])
    alert_of = {s.alert.traveller_ref: s.id for s in stored}
    # A case holds P1, so the message's bytes stay (the network is rebuilt from them) while
    # P2 and P3 are masked.
    open_new_case(fresh.workspace, ANALYST, [alert_of["P1"]], title="TK1234", purpose="is P1 the listed one")

    report = run_retention(fresh.workspace, POLICY, now=NOW)
    assert (report.travellers_masked, report.travellers_held) == (2, 1)

    with fresh.workspace.transaction() as session:
        masked = {t.traveller.ref: t for t in travellers_of_message(session, message)}
    assert [(masked[r].traveller.name.full, str(masked[r].traveller.birth_date)) for r in ("P2", "P3")] == [
        ("", "1990"),
        ("", "1990"),
    ]
    # What the views used to do: computed again from the masked rows, the two keys collide.
    secret = fresh.workspace.card_key
    assert traveller_key(masked["P2"].traveller, secret) == traveller_key(masked["P3"].traveller, secret)
    assert [masked[r].traveller_key for r in ("P1", "P2", "P3")] == [None, before["P2"], before["P3"]]

    # The traveller page (service and API) and the alerts of the traveller.
    for ref in ("P1", "P2", "P3"):
        view = traveller(fresh.workspace, ANALYST, ids[ref])
        assert view.key == before[ref]
        assert [a.id for a in view.alerts] == [alert_of[ref]]
    token = create_user(fresh.workspace, "amira.api", Role.ANALYST).token
    with TestClient(create_app(fresh.workspace)) as client:
        detail = client.get(f"/v1/travellers/{ids['P3']}", headers={"Authorization": f"Bearer {token}"})
    assert detail.status_code == 200
    assert detail.json()["traveller_key"] == before["P3"]
    assert [a["id"] for a in detail.json()["alerts"]] == [alert_of["P3"]]

    # The passenger list logs one read per traveller, each under their own key.
    mark = _last_sequence(fresh)
    flight_id = masked["P2"].flight_id
    assert flight_id is not None
    flight_travellers(fresh.workspace, ANALYST, flight_id)
    assert _audited_keys(fresh, AuditEventType.TRAVELLER_READ, mark) == [
        before[r] for r in ("P1", "P2", "P3")
    ]

    # The network page and the network query are logged under the traveller's own key.
    for ref in ("P2", "P3"):
        mark = _last_sequence(fresh)
        traveller_network(fresh.workspace, ANALYST, ids[ref])
        assert _audited_keys(fresh, AuditEventType.NETWORK_QUERY, mark) == [before[ref]]
        mark = _last_sequence(fresh)
        query_network(fresh.workspace, ANALYST, ids[ref], hops=1)
        assert _audited_keys(fresh, AuditEventType.NETWORK_QUERY, mark) == [before[ref]]
        reads = _audited_keys(fresh, AuditEventType.TRAVELLER_READ, mark)
        assert reads[0] == before[ref]
        assert set(reads) <= set(before.values())  # companions named by their own keys too

    # The held message is looked at again on the next run: the kept keys do not move.
    run_retention(fresh.workspace, POLICY, now=NOW)
    assert {r: traveller(fresh.workspace, ANALYST, i).key for r, i in ids.items()} == before


def test_a_fully_masked_message_keeps_each_travellers_key(fresh: Fresh) -> None:
    message = _receive(fresh, PASSENGERS, "tk1234-20260420.csv")
    with fresh.workspace.transaction() as session:
        ids = {t.traveller.ref: t.id for t in travellers_of_message(session, message)}
    before = {ref: traveller(fresh.workspace, ANALYST, ident).key for ref, ident in ids.items()}
    report = run_retention(fresh.workspace, POLICY, now=NOW)
    assert (report.travellers_masked, report.messages_masked) == (3, 1)
    after = {ref: traveller(fresh.workspace, ANALYST, ident).key for ref, ident in ids.items()}
    assert after == before
    assert len(set(after.values())) == 3


def test_the_migration_gives_rows_masked_before_it_their_sealed_key(fresh: Fresh) -> None:
    message = _receive(fresh, PASSENGERS, "tk1234-20260420.csv")
    with fresh.workspace.transaction() as session:
        ids = {t.traveller.ref: t.id for t in travellers_of_message(session, message)}
    before = {ref: traveller(fresh.workspace, ANALYST, ident).key for ref, ident in ids.items()}
    run_retention(fresh.workspace, POLICY, now=NOW)
    engine = fresh.workspace.engine
    with engine.begin() as connection:  # back to 0003: rows masked then had no kept key
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    upgrade(engine)
    with fresh.workspace.transaction() as session:
        kept = dict(session.execute(select(TravellerRow.id, TravellerRow.traveller_key)).all())
    assert {ref: kept[ident] for ref, ident in ids.items()} == before
    assert {ref: traveller(fresh.workspace, ANALYST, ident).key for ref, ident in ids.items()} == before
