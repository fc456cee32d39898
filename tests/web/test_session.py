"""The signed session cookie: what it carries, and that a forged, altered or expired one is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from waystation.web.session import LIFETIME, issue, read

SECRET = b"a-test-secret-of-sufficient-length"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_a_cookie_reads_back() -> None:
    value, session = issue("analyst.demo", "analyst", SECRET, now=NOW)
    found = read(value, SECRET, now=NOW + timedelta(hours=1))
    assert found == session
    assert (found.user, found.role, found.issued, found.expires) == (
        "analyst.demo",
        "analyst",
        NOW,
        NOW + LIFETIME,
    )
    assert len(found.csrf) >= 32


def test_two_sessions_have_different_csrf_tokens() -> None:
    assert issue("a", "analyst", SECRET, now=NOW)[1].csrf != issue("a", "analyst", SECRET, now=NOW)[1].csrf


def test_an_expired_cookie_is_refused() -> None:
    value, _ = issue("analyst.demo", "analyst", SECRET, now=NOW)
    assert read(value, SECRET, now=NOW + LIFETIME) is None
    assert read(value, SECRET, now=NOW + LIFETIME - timedelta(seconds=1)) is not None


def test_another_secret_or_an_altered_role_is_refused() -> None:
    value, _ = issue("analyst.demo", "analyst", SECRET, now=NOW)
    assert read(value, b"another-secret-entirely-000000000", now=NOW) is None
    body, signature = value.split(".")
    forged, _ = issue("analyst.demo", "supervisor", b"attacker-secret-00000000000000000", now=NOW)
    assert read(forged.split(".")[0] + "." + signature, SECRET, now=NOW) is None
    assert read(body + "." + signature[:-2], SECRET, now=NOW) is None


@given(st.text(max_size=200))
def test_any_text_is_refused_without_crashing(text: str) -> None:
    assert read(text, SECRET, now=NOW) is None
