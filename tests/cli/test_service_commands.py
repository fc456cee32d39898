"""The service's commands: ``users add`` prints a token that authenticates, ``serve`` refuses
default secrets outside development, ``audit verify`` reports an intact log."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from waystation.cases.vocab import Role
from waystation.cli import main
from waystation.exc import ConfigError
from waystation.services.users import authenticate_password, authenticate_token
from waystation.services.workspace import open_workspace
from waystation.settings import Settings


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"WAYSTATION_HOME": str(tmp_path), "WAYSTATION_DATABASE_URL": "", **extra}


def test_users_add_prints_a_token_that_authenticates(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["users", "add", "amira", "--role", "analyst"], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("ws_")
    assert len(token) > 40
    assert result.stderr.strip() == "user amira (analyst) created; keep the token above"
    workspace = open_workspace(Settings(home=tmp_path))
    try:
        principal = authenticate_token(workspace, token)
    finally:
        workspace.close()
    assert (principal.name, principal.role) == ("amira", Role.ANALYST)
    again = CliRunner().invoke(main, ["users", "add", "amira", "--role", "analyst"], env=_env(tmp_path))
    assert again.exit_code == 2
    assert again.stderr.strip() == "waystation: error: a user named 'amira' already exists"
    code = CliRunner().invoke(main, ["audit", "verify"], env=_env(tmp_path))
    assert (code.exit_code, code.stdout.strip()) == (0, "audit chain intact: 1 records verified")


def test_users_add_with_a_password_asks_for_it(tmp_path: Path) -> None:
    secret = "correct horse battery"
    result = CliRunner().invoke(
        main, ["users", "add", "sofia", "--role", "supervisor", "--password"], input=f"{secret}\n{secret}\n",
        env=_env(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    workspace = open_workspace(Settings(home=tmp_path))
    try:
        assert authenticate_password(workspace, "sofia", secret).role is Role.SUPERVISOR
    finally:
        workspace.close()


def test_serve_refuses_default_secrets_outside_development(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve"], env=_env(tmp_path, WAYSTATION_ENV="production"))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "WAYSTATION_SECRET_KEY is the default secret" in message
    assert "WAYSTATION_AUDIT_KEY is the default key" in message


def test_settings_report_every_problem_at_once(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, env="production", secret_key="short", audit_key="short")
    with pytest.raises(ConfigError) as caught:
        settings.check()
    assert caught.value.problems == (
        "WAYSTATION_SECRET_KEY must be at least 32 characters outside development",
        "WAYSTATION_AUDIT_KEY must be at least 16 bytes",
        "WAYSTATION_AUDIT_KEY must differ from WAYSTATION_SECRET_KEY",
        "WAYSTATION_MASKING_KEY is the default key; set a real one outside development",
    )
    good = Settings(
        home=tmp_path, env="production", secret_key="s" * 40, audit_key="a" * 32, masking_key="m" * 32
    )
    good.check()


def test_a_served_app_has_analysed_the_lists_before_its_first_message(tmp_path: Path) -> None:
    """The first carrier message after a start must not wait for the lists to be analysed."""
    from waystation.cli.serve import served_app
    from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
    from waystation.matching import Screener
    from waystation.services.lists import import_watchlist

    settings = Settings(home=tmp_path / "home")
    workspace = open_workspace(settings)
    import_watchlist(workspace, bundled_un_list(), sha256=BUNDLED_UN_SHA256, source="bundled")
    workspace.close()
    app = served_app(settings, recover_at_start=False)
    try:
        screeners = [v for v in app.state.workspace.cache.values() if isinstance(v, Screener)]
        assert len(screeners) == 1
        assert len(screeners[0].entries) == 737  # the bundled UN list's people
    finally:
        app.state.workspace.close()
