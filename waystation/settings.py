"""Runtime configuration from ``WAYSTATION_*`` environment variables, with safe defaults.

Only the edges (CLI, API, web, services) read settings; the core takes its configuration as
arguments. Outside development mode the service refuses to start with a default secret.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from waystation.exc import ConfigError

__all__ = ["DEFAULT_AUDIT_KEY", "DEFAULT_MASKING_KEY", "DEFAULT_SECRET", "Settings", "get_settings"]

DEFAULT_SECRET = "development-only-secret-change-me"
DEFAULT_AUDIT_KEY = "development-only-audit-key-change-me"
DEFAULT_MASKING_KEY = "development-only-masking-key-change-me"


def _default_home() -> Path:
    return Path.cwd() / "var"


class Settings(BaseSettings):
    """Every setting the product reads, with the environment variable that sets it."""

    model_config = SettingsConfigDict(env_prefix="WAYSTATION_", extra="ignore")

    env: str = Field(default="development", description="development | production")
    home: Path = Field(
        default_factory=_default_home, description="where the SQLite file and raw messages live"
    )
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite under home by default")
    secret_key: str = Field(default=DEFAULT_SECRET, description="signs sessions and keys card hashes")
    audit_key: str = Field(
        default=DEFAULT_AUDIT_KEY,
        description="signs the audit log's head (kept outside the database); not the secret key",
    )
    masking_key: str = Field(
        default=DEFAULT_MASKING_KEY,
        description="seals what retention masks (AES-GCM), for lawful unmasking; not the secret key",
    )
    retention_mask_after_months: int = Field(default=6, ge=1, description="mask identifying data after")
    retention_delete_after_months: int = Field(default=60, ge=2, description="delete data after")
    org_id: str = Field(
        default="PIU",
        min_length=1,
        max_length=64,
        description="this unit's id as originator of share packages",
    )
    org_community: str | None = Field(
        default=None, max_length=100, description="the sharing community this unit belongs to (for TLP:GREEN)"
    )
    alert_threshold: float = Field(default=0.70, ge=0.0, le=1.0)
    report_threshold: float = Field(default=0.50, ge=0.0, le=1.0)
    token_cache_seconds: float = Field(
        default=5.0,
        ge=0.0,
        le=60.0,
        description="how long a successful API token look-up is reused in a process (0: never); "
        "bounds how late a revocation made by another process takes effect",
    )

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or a SQLite file in ``home``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'waystation.sqlite3'}"

    def check(self) -> None:
        """Refuse unsafe configurations; report every problem at once."""
        problems: list[str] = []
        if self.env != "development" and self.secret_key == DEFAULT_SECRET:
            problems.append("WAYSTATION_SECRET_KEY is the default secret; set a real one outside development")
        if self.env != "development" and len(self.secret_key) < 32:
            problems.append("WAYSTATION_SECRET_KEY must be at least 32 characters outside development")
        if self.env != "development" and self.audit_key == DEFAULT_AUDIT_KEY:
            problems.append("WAYSTATION_AUDIT_KEY is the default key; set a real one outside development")
        if len(self.audit_key.encode("utf-8")) < 16:
            problems.append("WAYSTATION_AUDIT_KEY must be at least 16 bytes")
        if self.env != "development" and self.audit_key == self.secret_key:
            problems.append("WAYSTATION_AUDIT_KEY must differ from WAYSTATION_SECRET_KEY")
        if self.env != "development" and self.masking_key == DEFAULT_MASKING_KEY:
            problems.append("WAYSTATION_MASKING_KEY is the default key; set a real one outside development")
        if len(self.masking_key.encode("utf-8")) < 16:
            problems.append("WAYSTATION_MASKING_KEY must be at least 16 bytes")
        if self.masking_key in (self.secret_key, self.audit_key) and self.env != "development":
            problems.append("WAYSTATION_MASKING_KEY must differ from the secret and audit keys")
        if self.retention_delete_after_months <= self.retention_mask_after_months:
            problems.append(
                "WAYSTATION_RETENTION_DELETE_AFTER_MONTHS must be later than "
                "WAYSTATION_RETENTION_MASK_AFTER_MONTHS"
            )
        if self.report_threshold > self.alert_threshold:
            problems.append("WAYSTATION_REPORT_THRESHOLD must not exceed WAYSTATION_ALERT_THRESHOLD")
        if problems:
            raise ConfigError(problems)


def get_settings() -> Settings:
    """Read the settings from the environment now (no caching: tests change the environment)."""
    return Settings()
