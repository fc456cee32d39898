"""The audit trail: appended in the same transaction as the change, chained, verified against the
signed head outside the database; ``waystation audit verify`` says where a log was edited or cut."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, update

from tests.services.conftest import Fresh
from waystation.cases.chain import ChainHead, ChainProblem
from waystation.cases.events import AuditEventType, PolicyChanged
from waystation.cases.vocab import Role
from waystation.cli import main
from waystation.exc import Unauthenticated
from waystation.services.audit import _write_new, audited, read_head, verify_audit, write_head
from waystation.services.policy import configure_policy
from waystation.services.principal import Principal
from waystation.services.users import authenticate_password, create_user
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings
from waystation.store import audit_records
from waystation.store.schema import AuditRecordRow
from waystation.store.writer import WriteLock

SUPERVISOR = Principal("sofia", Role.SUPERVISOR)


def _log_some(fresh: Fresh, count: int) -> None:
    for number in range(count):
        configure_policy(fresh.workspace, SUPERVISOR, version=f"p{number}")


def test_changes_are_logged_in_order_and_the_head_file_follows(fresh: Fresh) -> None:
    create_user(fresh.workspace, "amira", Role.ANALYST, password="a long enough secret")
    _log_some(fresh, 3)
    with fresh.workspace.transaction() as session:
        records = audit_records(session)
    assert [(r.sequence, r.actor, r.role, r.event_type) for r in records] == [
        (1, "cli", "admin", AuditEventType.USER_CHANGE),
        (2, "sofia", "supervisor", AuditEventType.POLICY_CHANGE),
        (3, "sofia", "supervisor", AuditEventType.POLICY_CHANGE),
        (4, "sofia", "supervisor", AuditEventType.POLICY_CHANGE),
    ]
    assert records[0].payload == {"user": "amira", "change": "created", "role": "analyst"}
    assert records[1].previous_hash == records[0].hash
    head = read_head(fresh.settings.home / "audit-head.json")
    assert head is not None
    assert (head.head.sequence, head.head.hash) == (4, records[-1].hash)
    assert verify_audit(fresh.workspace).ok


def test_log_in_attempts_are_logged_success_or_not(fresh: Fresh) -> None:
    create_user(fresh.workspace, "amira", Role.ANALYST, password="a long enough secret")
    assert authenticate_password(fresh.workspace, "amira", "a long enough secret").role is Role.ANALYST
    with pytest.raises(Unauthenticated, match="unknown user or wrong password"):
        authenticate_password(fresh.workspace, "amira", "wrong password!!")
    with fresh.workspace.transaction() as session:
        logins = audit_records(session, event_type=AuditEventType.LOGIN)
    assert [(r.actor, r.role, r.payload["success"]) for r in logins] == [
        ("amira", "analyst", True),
        ("amira", "analyst", False),
    ]


def test_nothing_is_logged_for_a_change_that_rolled_back(fresh: Fresh) -> None:
    _log_some(fresh, 1)
    try:
        with audited(fresh.workspace) as (_session, audit):
            audit.log(PolicyChanged("never", "this transaction fails"), SUPERVISOR)
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    with fresh.workspace.transaction() as session:
        assert [r.payload["policy_version"] for r in audit_records(session)] == ["p0"]


def test_concurrent_appenders_never_fork_the_chain(fresh: Fresh) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for number in range(8):
                with audited(fresh.workspace) as (_session, audit):
                    audit.log(PolicyChanged(f"w{worker}-{number}", "concurrent"), SUPERVISOR)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    verdict = verify_audit(fresh.workspace)
    assert verdict.ok, str(verdict)
    assert verdict.checked == 32


def _verify_cli(fresh: Fresh) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", "verify"], env=fresh.env)
    return result.exit_code, result.output.strip()


def test_cli_reports_an_edited_record_and_where(fresh: Fresh) -> None:
    _log_some(fresh, 5)
    assert _verify_cli(fresh) == (0, "audit chain intact: 5 records verified")
    with fresh.workspace.transaction() as session:
        session.execute(
            update(AuditRecordRow).where(AuditRecordRow.sequence == 3).values(actor="someone-else")
        )
    code, output = _verify_cli(fresh)
    assert code == 1
    assert output.startswith("audit chain broken at record 3 (edited)")


def test_cli_reports_a_cut_tail_against_the_signed_head(fresh: Fresh) -> None:
    _log_some(fresh, 5)
    with fresh.workspace.transaction() as session:
        session.execute(delete(AuditRecordRow).where(AuditRecordRow.sequence >= 4))
    code, output = _verify_cli(fresh)
    assert code == 1
    assert output == (
        "audit chain broken at record 4 (truncated): the log ends at record 3 but a signed head records 5"
    )
    verdict = verify_audit(fresh.workspace)
    assert verdict.problem is ChainProblem.TRUNCATED


def test_a_forged_head_is_reported(fresh: Fresh) -> None:
    _log_some(fresh, 2)
    path = fresh.settings.home / "audit-head.json"
    data = json.loads(path.read_text())
    data["signature"] = "0" * 64
    path.write_text(json.dumps(data))
    verdict = verify_audit(fresh.workspace)
    assert (verdict.problem, verdict.position) == (ChainProblem.BAD_ANCHOR, 2)


def test_cli_reports_a_record_deleted_from_the_middle(fresh: Fresh) -> None:
    _log_some(fresh, 6)
    with fresh.workspace.transaction() as session:
        session.execute(delete(AuditRecordRow).where(AuditRecordRow.sequence == 3))
    code, output = _verify_cli(fresh)
    assert code == 1
    assert output.startswith("audit chain broken at record 3 (deleted)"), output
    verdict = verify_audit(fresh.workspace)
    assert (verdict.problem, verdict.position) == (ChainProblem.DELETED, 3)


def _write_head_in_child(fresh: Fresh, sequence: int) -> None:
    write_head(fresh.workspace, ChainHead(sequence, "b" * 64))


def test_the_head_file_never_goes_back_when_another_process_wrote_a_newer_head(fresh: Fresh) -> None:
    """Two server processes finish their commits in any order; the head file keeps the newest."""
    path = fresh.settings.home / "audit-head.json"
    assert write_head(fresh.workspace, ChainHead(5, "a" * 64)) is not None
    child = multiprocessing.get_context("fork").Process(target=_write_head_in_child, args=(fresh, 7))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert write_head(fresh.workspace, ChainHead(6, "c" * 64)) is None  # older than the file's
    stored = read_head(path)
    assert stored is not None
    assert stored.head == ChainHead(7, "b" * 64)
    assert write_head(fresh.workspace, ChainHead(8, "d" * 64)) is not None
    stored = read_head(path)
    assert stored is not None
    assert stored.head.sequence == 8


def test_a_malformed_head_file_is_left_for_the_auditor(fresh: Fresh) -> None:
    path = fresh.settings.home / "audit-head.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not json")
    _log_some(fresh, 1)  # the change commits; the head is not written over the evidence
    assert path.read_text() == "not json"


def _audited_in_thread(workspace: Workspace, write_first: bool) -> threading.Event:
    done = threading.Event()

    def work() -> None:
        with audited(workspace) as (session, audit):
            if write_first:  # a change before the log: SQLite's write lock is already this one's
                session.execute(update(AuditRecordRow).where(AuditRecordRow.sequence < 0).values(actor="x"))
            audit.log(PolicyChanged("p-wrote" if write_first else "p-read", "queued"), SUPERVISOR)
        done.set()

    threading.Thread(target=work, daemon=True).start()
    return done


def test_an_audited_read_queues_with_the_stores_other_writers(tmp_path: Path) -> None:
    """A SQLite file shared by processes: appending the audit record of a read waits for the
    writer holding the lock file (the gateway) instead of polling SQLite's lock; a transaction
    that has already written does not wait for it (it holds SQLite's lock: that could deadlock)."""
    workspace = open_workspace(Settings(home=tmp_path))
    assert workspace.writer.path is not None
    other = WriteLock(workspace.writer.path)  # another process's hold: its own open file
    try:
        with other.held():
            read = _audited_in_thread(workspace, write_first=False)
            assert not read.wait(0.5), "appended while another writer held the lock file"
            wrote = _audited_in_thread(workspace, write_first=True)
            assert wrote.wait(10), "a transaction that had written waited for the lock file"
        assert read.wait(10)
        verdict = verify_audit(workspace)
        assert verdict.ok, str(verdict)
        with workspace.transaction() as session:
            versions = [r.payload["policy_version"] for r in audit_records(session)]
        assert versions == ["p-wrote", "p-read"]
    finally:
        other.close()
        workspace.close()


def test_a_writing_transaction_waits_for_the_disk_after_letting_the_writer_lock_go(
    fresh: Fresh, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a SQLite file the gateway's commit does not flush under the writer lock: the log file is
    flushed once the lock is free, before the block returns and before the signed head moves on
    (a head never ahead of what a power cut leaves). PostgreSQL commits as it always did."""
    workspace = fresh.workspace
    head_path = fresh.settings.home / "audit-head.json"
    _log_some(fresh, 1)
    flushes: list[tuple[str, bool, int]] = []
    real_fsync = os.fsync

    def observed_fsync(fd: int) -> None:
        head = read_head(head_path)
        flushes.append(
            (
                os.readlink(f"/proc/self/fd/{fd}"),
                workspace.writer._owner is None,
                head.head.sequence if head else 0,
            )
        )
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", observed_fsync)
    with audited(workspace, writing=True) as (session, audit):
        level = (
            session.connection()
            .exec_driver_sql(
                "PRAGMA synchronous"
                if fresh.settings.database_url.startswith("sqlite")
                else "SHOW synchronous_commit"
            )
            .scalar_one()
        )
        assert workspace.writer._owner == threading.get_ident()
        audit.log(PolicyChanged("p-written", "sofia"), SUPERVISOR)
    monkeypatch.setattr(os, "fsync", real_fsync)
    head = read_head(head_path)
    assert head is not None
    assert head.head.sequence == 2
    if fresh.settings.database_url.startswith("sqlite"):
        assert workspace.disk.deferred
        assert level == 1  # NORMAL in the transaction (back to FULL when the connection is returned)
        assert [(Path(path).name, free, sequence) for path, free, sequence in flushes] == [
            ("waystation.sqlite3-wal", True, 1)
        ]
    else:
        assert not workspace.disk.deferred
        assert level == "on"
        assert flushes == []
    with workspace.engine.connect() as connection:
        if fresh.settings.database_url.startswith("sqlite"):
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    assert verify_audit(workspace).ok


def test_the_head_writer_makes_a_missing_folder_and_writes_the_bytes_whole(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "again" / "audit-head.json.1.tmp"
    data = ("{" + "x" * 70_000 + "}\n").encode("utf-8")  # larger than one write() may take
    _write_new(target, data)
    assert target.read_bytes() == data
    _write_new(target, b"{}\n")  # replaced whole, not overwritten in place
    assert target.read_bytes() == b"{}\n"
