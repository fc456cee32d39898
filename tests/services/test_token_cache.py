"""The token cache: look-ups are reused for seconds, and a revocation still takes effect."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from tests.services.conftest import Fresh
from waystation.cases.vocab import Role
from waystation.exc import Unauthenticated
from waystation.services.principal import Principal
from waystation.services.token_cache import TokenCache
from waystation.services.users import authenticate_token, create_user, revoke_user_token
from waystation.services.workspace import Workspace
from waystation.store import disable_user, revoke_token

ADMIN = Principal("admin", Role.ADMIN)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextmanager
def _counting(workspace: Workspace) -> Iterator[list[str]]:
    """The SQL statements the workspace's engine sends while the block runs."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(workspace.engine, "before_cursor_execute", note)


def _with_clock(fresh: Fresh, seconds: float = 5.0) -> Clock:
    clock = Clock()
    fresh.workspace.tokens = TokenCache(seconds, clock=clock)
    return clock


def test_a_token_is_looked_up_once_within_the_cache_seconds(fresh: Fresh) -> None:
    clock = _with_clock(fresh)
    token = create_user(fresh.workspace, "dcs-one", Role.CARRIER).token
    with _counting(fresh.workspace) as sent:
        first = authenticate_token(fresh.workspace, token)
        clock.now += 4.9
        again = authenticate_token(fresh.workspace, token)
    assert first == again == Principal("dcs-one", Role.CARRIER)
    assert len([s for s in sent if "api_tokens" in s]) == 1
    clock.now += 0.2  # 5.1 s after the look-up: looked up again
    with _counting(fresh.workspace) as sent:
        assert authenticate_token(fresh.workspace, token) == first
    assert len([s for s in sent if "api_tokens" in s]) == 1


def test_revoking_through_the_service_takes_effect_at_once(fresh: Fresh) -> None:
    _with_clock(fresh)
    issued = create_user(fresh.workspace, "dcs-two", Role.CARRIER)
    assert authenticate_token(fresh.workspace, issued.token).name == "dcs-two"
    revoke_user_token(fresh.workspace, issued.stored.id, by=ADMIN)
    with pytest.raises(Unauthenticated, match="unknown or revoked"):
        authenticate_token(fresh.workspace, issued.token)


def test_a_revocation_by_another_process_takes_effect_within_the_cache_seconds(fresh: Fresh) -> None:
    clock = _with_clock(fresh, seconds=3.0)
    issued = create_user(fresh.workspace, "dcs-three", Role.CARRIER)
    assert authenticate_token(fresh.workspace, issued.token).name == "dcs-three"
    with fresh.workspace.transaction() as session:  # as another worker or the command line would
        revoke_token(session, issued.stored.id)
    clock.now += 2.9
    assert authenticate_token(fresh.workspace, issued.token).name == "dcs-three"  # the bound
    clock.now += 0.2
    with pytest.raises(Unauthenticated):
        authenticate_token(fresh.workspace, issued.token)


def test_a_disabled_user_is_refused_after_the_cache_seconds(fresh: Fresh) -> None:
    clock = _with_clock(fresh, seconds=2.0)
    token = create_user(fresh.workspace, "dcs-four", Role.CARRIER).token
    authenticate_token(fresh.workspace, token)
    with fresh.workspace.transaction() as session:
        disable_user(session, "dcs-four")
    clock.now += 2.0
    with pytest.raises(Unauthenticated):
        authenticate_token(fresh.workspace, token)


def test_unknown_tokens_are_never_remembered(fresh: Fresh) -> None:
    _with_clock(fresh)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            authenticate_token(fresh.workspace, "ws_no-such-token")
    assert len(fresh.workspace.tokens) == 0


def test_zero_seconds_turns_the_cache_off(fresh: Fresh) -> None:
    _with_clock(fresh, seconds=0)
    token = create_user(fresh.workspace, "dcs-five", Role.CARRIER).token
    with _counting(fresh.workspace) as sent:
        authenticate_token(fresh.workspace, token)
        authenticate_token(fresh.workspace, token)
    assert len([s for s in sent if "api_tokens" in s]) == 2
    assert len(fresh.workspace.tokens) == 0


def test_a_look_up_that_raced_a_revocation_is_not_remembered() -> None:
    cache = TokenCache(5.0, clock=Clock())
    before = cache.generation  # a look-up starts, reads the token as valid ...
    cache.clear()  # ... a revocation commits and clears the cache ...
    cache.put("digest", Principal("dcs", Role.CARRIER), before)  # ... then the look-up ends
    assert cache.get("digest") is None
    cache.put("digest", Principal("dcs", Role.CARRIER), cache.generation)
    assert cache.get("digest") == Principal("dcs", Role.CARRIER)


def test_the_cache_is_bounded() -> None:
    cache = TokenCache(5.0, size=3, clock=Clock())
    for n in range(3):
        cache.put(f"d{n}", Principal(f"u{n}", Role.CARRIER), cache.generation)
    assert len(cache) == 3
    cache.put("d3", Principal("u3", Role.CARRIER), cache.generation)
    assert len(cache) == 1
    assert cache.get("d3") == Principal("u3", Role.CARRIER)
    assert cache.get("d0") is None
