"""The hash-chained audit log: every edit, deletion, swap and cut tail is found, at the right place."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest

from waystation.cases import (
    GENESIS,
    AuditRecord,
    ChainHead,
    ChainProblem,
    Disposition,
    seal,
    seal_all,
    sign_head,
    verify_chain,
)
from waystation.cases.events import (
    DispositionRecorded,
    ListImported,
    Login,
    Search,
    TravellerRead,
    Unmasked,
)

KEY = b"audit-key-kept-outside-the-database"
T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def log() -> list[AuditRecord]:
    events = [
        (Login("password", True, "10.0.0.7"), "amira", "analyst"),
        (Search("travellers", "surname:HADDAD", 3), "amira", "analyst"),
        (TravellerRead("T-100", "alert review", ("name", "documents")), "amira", "analyst"),
        (
            DispositionRecorded("A-1", Disposition.FALSE_POSITIVE, "born 1991, listed person born 1963"),
            "amira",
            "analyst",
        ),
        (
            ListImported("un-sc-consolidated", "2025-02-27", 3, 1, 12, "consolidated.xml"),
            "sofia",
            "supervisor",
        ),
        (
            Unmasked(
                "T-55", ("name",), "WS-2025-000123-5", "amira", "sofia", "co-traveller of QDi.420 on CA339"
            ),
            "amira",
            "analyst",
        ),
    ]
    return seal_all(
        [(e, actor, role, T0 + timedelta(minutes=i)) for i, (e, actor, role) in enumerate(events)]
    )


def test_a_sealed_log_verifies() -> None:
    records = log()
    assert [r.sequence for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[0].previous_hash == GENESIS
    assert all(b.previous_hash == a.hash for a, b in itertools.pairwise(records))
    verdict = verify_chain(records)
    assert verdict.ok
    assert verdict.checked == 6
    assert str(verdict) == "audit chain intact: 6 records verified"


def test_the_hash_is_sha256_over_the_documented_canonical_form() -> None:
    first = log()[0]
    body = [
        GENESIS,
        1,
        "2025-03-01T08:00:00.000000Z",
        "amira",
        "analyst",
        "login",
        {"method": "password", "remote": "10.0.0.7", "success": True},
    ]
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    assert canonical == (
        b'["' + GENESIS.encode() + b'",1,"2025-03-01T08:00:00.000000Z","amira","analyst","login",'
        b'{"method":"password","remote":"10.0.0.7","success":true}]'
    )
    assert first.hash == hashlib.sha256(canonical).hexdigest()


def test_the_same_instant_in_another_zone_hashes_the_same() -> None:
    from zoneinfo import ZoneInfo

    utc = seal(None, Login("token", True), actor="cx", role="carrier", at=T0)
    local = seal(
        None, Login("token", True), actor="cx", role="carrier", at=T0.astimezone(ZoneInfo("Asia/Almaty"))
    )
    assert utc.hash == local.hash


def test_an_edited_field_is_found_at_its_record() -> None:
    records = log()
    payload = dict(records[3].payload, disposition="true_match")
    records[3] = dataclasses.replace(records[3], payload=payload)
    verdict = verify_chain(records)
    assert (verdict.problem, verdict.position) == (ChainProblem.EDITED, 4)
    assert str(verdict) == (
        "audit chain broken at record 4 (edited): the fields of record 4 do not give its stored hash"
    )
    for change in ({"actor": "boris"}, {"role": "supervisor"}, {"at": T0 + timedelta(hours=9)}):
        records = log()
        records[1] = dataclasses.replace(records[1], **change)
        assert (verify_chain(records).problem, verify_chain(records).position) == (ChainProblem.EDITED, 2)


def test_an_edited_and_rehashed_record_is_found_by_its_successor() -> None:
    records = log()
    forged = dataclasses.replace(records[2], actor="boris")
    records[2] = dataclasses.replace(forged, hash=forged.computed_hash())
    verdict = verify_chain(records)
    assert (verdict.problem, verdict.position) == (ChainProblem.REWRITTEN, 3)


def test_a_deleted_record_is_named() -> None:
    records = log()
    del records[2]
    verdict = verify_chain(records)
    assert (verdict.problem, verdict.position, verdict.detail) == (
        ChainProblem.DELETED,
        3,
        "record(s) 3 missing",
    )
    records = log()
    del records[0:2]
    verdict = verify_chain(records)
    assert (verdict.problem, verdict.position, verdict.detail) == (
        ChainProblem.DELETED,
        1,
        "record(s) 1 to 2 missing",
    )


def test_swapped_records_are_reordered() -> None:
    records = log()
    records[1], records[4] = records[4], records[1]
    verdict = verify_chain(records)
    assert (verdict.problem, verdict.position) == (ChainProblem.REORDERED, 2)
    assert verdict.detail == "record 2 comes after record 5"


def test_a_chain_that_does_not_start_at_genesis() -> None:
    other = seal_all([(Login("password", True), "amira", "analyst", T0)])
    start = dataclasses.replace(other[0], previous_hash="f" * 64)
    start = dataclasses.replace(start, hash=start.computed_hash())
    verdict = verify_chain([start])
    assert (verdict.problem, verdict.position) == (ChainProblem.BAD_GENESIS, 1)


def test_a_cut_tail_is_invisible_without_a_head_and_found_with_one() -> None:
    records = log()
    head = sign_head(ChainHead.of(records), KEY, T0 + timedelta(hours=1))
    assert head.head == ChainHead(6, records[-1].hash)
    cut = records[:4]
    assert verify_chain(cut).ok  # the chain alone cannot know
    verdict = verify_chain(cut, [head], key=KEY)
    assert (verdict.problem, verdict.position) == (ChainProblem.TRUNCATED, 5)
    assert verdict.detail == "the log ends at record 4 but a signed head records 6"
    assert verify_chain(records, [head], key=KEY).ok


def test_a_rebuilt_log_is_found_at_the_signed_head() -> None:
    records = log()
    head = sign_head(ChainHead.of(records[:5]), KEY, T0 + timedelta(hours=1))
    rebuilt = records[:2] + seal_all(
        [
            (TravellerRead("T-100", "audit", ()), "boris", "analyst", T0 + timedelta(minutes=i))
            for i in range(2, 6)
        ],
        previous=records[1],
    )
    assert verify_chain(rebuilt).ok
    verdict = verify_chain(rebuilt, [head], key=KEY)
    assert (verdict.problem, verdict.position) == (ChainProblem.REWRITTEN, 5)


def test_a_forged_or_unchecked_head_is_refused() -> None:
    records = log()
    head = sign_head(ChainHead.of(records), KEY, T0)
    forged = dataclasses.replace(head, head=ChainHead(4, records[3].hash))
    assert verify_chain(records[:4], [forged], key=KEY).problem is ChainProblem.BAD_ANCHOR
    assert (
        verify_chain(records, [head], key=b"some-other-key-of-32-bytes-long!").problem
        is ChainProblem.BAD_ANCHOR
    )
    assert verify_chain(records, [head]).problem is ChainProblem.BAD_ANCHOR
    with pytest.raises(ValueError, match="16 bytes"):
        sign_head(ChainHead.of(records), b"short", T0)


def test_naive_times_and_floats_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        seal(None, Login("password", True), actor="amira", role="analyst", at=datetime(2025, 3, 1, 8, 0))
    with pytest.raises(TypeError, match="not float"):
        Search("travellers", "surname:HADDAD", 2.5).payload()  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Out of range float"):
        dataclasses.replace(log()[0], payload={"score": float("nan")}).computed_hash()
