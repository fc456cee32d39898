"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 19:09:32.501826
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import waystation.store.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clearances",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("person_key", sa.String(length=300), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=True),
        sa.Column("document_country", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("based_on_alert", sa.String(length=100), nullable=False),
        sa.Column("cleared_by", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("cleared_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("expires_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("entry_sha256", sa.String(length=64), nullable=True),
        sa.Column("entry_digest", sa.String(length=64), nullable=True),
        sa.Column("revoked_by", sa.String(length=100), nullable=True),
        sa.Column("revoked_at", waystation.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearances")),
    )
    with op.batch_alter_table("clearances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clearances_person_key"), ["person_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_clearances_source_subject"), ["source", "subject"], unique=False)

    op.create_table(
        "entry_bodies",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_entry_bodies")),
    )
    op.create_table(
        "flights",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("flight_key", sa.String(length=300), nullable=False),
        sa.Column("carrier", sa.String(length=64), nullable=True),
        sa.Column("flight_number", sa.String(length=64), nullable=True),
        sa.Column("designator", sa.String(length=128), nullable=False),
        sa.Column("origin", sa.String(length=64), nullable=True),
        sa.Column("destination", sa.String(length=64), nullable=True),
        sa.Column("departure_date", sa.Date(), nullable=True),
        sa.Column("scheduled_departure", waystation.store.types.WallClock(), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("scheduled_arrival", waystation.store.types.WallClock(), nullable=True),
        sa.Column("first_seen_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flights")),
        sa.UniqueConstraint("flight_key", name=op.f("uq_flights_flight_key")),
    )
    with op.batch_alter_table("flights", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flights_carrier_flight_number_departure_date"),
            ["carrier", "flight_number", "departure_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_flights_departure_date_destination"),
            ["departure_date", "destination"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_flights_departure_date_origin"), ["departure_date", "origin"], unique=False
        )

    op.create_table(
        "raw_messages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("received_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("sender", sa.String(length=100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("message_format", sa.String(length=40), nullable=True),
        sa.Column("interchange_ref", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "issues",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("parsed_at", waystation.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("duplicate_of", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["duplicate_of"], ["raw_messages.id"], name=op.f("fk_raw_messages_duplicate_of_raw_messages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_messages")),
    )
    with op.batch_alter_table("raw_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_raw_messages_received_at"), ["received_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_raw_messages_sender_interchange_ref"), ["sender", "interchange_ref"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_raw_messages_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_raw_messages_status"), ["status"], unique=False)

    op.create_table(
        "watchlists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlists")),
        sa.UniqueConstraint("name", name=op.f("uq_watchlists_name")),
    )
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("source_format", sa.String(length=40), nullable=False),
        sa.Column("published", waystation.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("imported_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column(
            "issues",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["watchlist_id"], ["watchlists.id"], name=op.f("fk_list_versions_watchlist_id_watchlists")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_versions")),
        sa.UniqueConstraint("watchlist_id", "seq", name=op.f("uq_list_versions_watchlist_id_seq")),
        sa.UniqueConstraint("watchlist_id", "version", name=op.f("uq_list_versions_watchlist_id_version")),
    )
    with op.batch_alter_table("list_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_versions_sha256"), ["sha256"], unique=False)

    op.create_table(
        "manifests",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("raw_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("flight_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("message_ref", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("message_format", sa.String(length=40), nullable=False),
        sa.Column("interchange_ref", sa.String(length=100), nullable=True),
        sa.Column("sender", sa.String(length=100), nullable=True),
        sa.Column("recipient", sa.String(length=100), nullable=True),
        sa.Column("prepared_at", waystation.store.types.WallClock(), nullable=True),
        sa.Column("document_code", sa.String(length=64), nullable=True),
        sa.Column("function_code", sa.String(length=64), nullable=True),
        sa.Column("transaction_ref", sa.String(length=100), nullable=True),
        sa.Column("common_access_ref", sa.String(length=100), nullable=True),
        sa.Column("part", sa.Integer(), nullable=True),
        sa.Column("final", sa.Boolean(), nullable=True),
        sa.Column("reporting_party", sa.String(length=300), nullable=True),
        sa.Column("declared_count", sa.Integer(), nullable=True),
        sa.Column("traveller_count", sa.Integer(), nullable=False),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(["flight_id"], ["flights.id"], name=op.f("fk_manifests_flight_id_flights")),
        sa.ForeignKeyConstraint(
            ["raw_message_id"], ["raw_messages.id"], name=op.f("fk_manifests_raw_message_id_raw_messages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifests")),
    )
    with op.batch_alter_table("manifests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manifests_flight_id"), ["flight_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_manifests_raw_message_id"), ["raw_message_id"], unique=False)

    op.create_table(
        "pnr_pushes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("raw_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("flight_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("message_ref", sa.String(length=300), nullable=False),
        sa.Column("message_format", sa.String(length=40), nullable=False),
        sa.Column("sender", sa.String(length=100), nullable=True),
        sa.Column("recipient", sa.String(length=100), nullable=True),
        sa.Column("interchange_ref", sa.String(length=100), nullable=True),
        sa.Column("prepared_at", waystation.store.types.WallClock(), nullable=True),
        sa.Column("declared_count", sa.Integer(), nullable=True),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(["flight_id"], ["flights.id"], name=op.f("fk_pnr_pushes_flight_id_flights")),
        sa.ForeignKeyConstraint(
            ["raw_message_id"], ["raw_messages.id"], name=op.f("fk_pnr_pushes_raw_message_id_raw_messages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pnr_pushes")),
    )
    with op.batch_alter_table("pnr_pushes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pnr_pushes_flight_id"), ["flight_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pnr_pushes_raw_message_id"), ["raw_message_id"], unique=False)

    op.create_table(
        "screening_runs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("started_at", waystation.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", waystation.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("algorithm", sa.String(length=60), nullable=False),
        sa.Column("algorithm_version", sa.String(length=30), nullable=False),
        sa.Column(
            "thresholds",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("raw_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("flight_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("traveller_count", sa.Integer(), nullable=False),
        sa.Column("hit_count", sa.Integer(), nullable=False),
        sa.Column("alert_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flights.id"], name=op.f("fk_screening_runs_flight_id_flights")
        ),
        sa.ForeignKeyConstraint(
            ["raw_message_id"],
            ["raw_messages.id"],
            name=op.f("fk_screening_runs_raw_message_id_raw_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_runs")),
    )
    with op.batch_alter_table("screening_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_runs_flight_id"), ["flight_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_screening_runs_raw_message_id"), ["raw_message_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_screening_runs_started_at"), ["started_at"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("raw_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("pnr_push_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("record_locator", sa.String(length=64), nullable=False),
        sa.Column("system", sa.String(length=64), nullable=True),
        sa.Column(
            "other_locators",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("booked_at", waystation.store.types.WallClock(), nullable=True),
        sa.Column("modified_at", waystation.store.types.WallClock(), nullable=True),
        sa.Column("ticketed_at", waystation.store.types.WallClock(), nullable=True),
        sa.Column("agency_code", sa.String(length=100), nullable=True),
        sa.Column("agency_location", sa.String(length=100), nullable=True),
        sa.Column("agency_iata", sa.String(length=64), nullable=True),
        sa.Column("agency_country", sa.String(length=64), nullable=True),
        sa.Column(
            "remarks",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("segment", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["pnr_push_id"], ["pnr_pushes.id"], name=op.f("fk_bookings_pnr_push_id_pnr_pushes")
        ),
        sa.ForeignKeyConstraint(
            ["raw_message_id"], ["raw_messages.id"], name=op.f("fk_bookings_raw_message_id_raw_messages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bookings_agency_code"), ["agency_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_bookings_agency_iata"), ["agency_iata"], unique=False)
        batch_op.create_index(batch_op.f("ix_bookings_pnr_push_id"), ["pnr_push_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bookings_raw_message_id"), ["raw_message_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bookings_record_locator_system"), ["record_locator", "system"], unique=False
        )

    op.create_table(
        "list_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_version_id", sa.Integer(), nullable=False),
        sa.Column("previous_version_id", sa.Integer(), nullable=True),
        sa.Column("entry_id", sa.String(length=100), nullable=False),
        sa.Column("change", sa.String(length=10), nullable=False),
        sa.Column("primary_name", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_version_id"],
            ["list_versions.id"],
            name=op.f("fk_list_changes_list_version_id_list_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["previous_version_id"],
            ["list_versions.id"],
            name=op.f("fk_list_changes_previous_version_id_list_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_changes")),
    )
    with op.batch_alter_table("list_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_list_changes_list_version_id"), ["list_version_id"], unique=False
        )

    op.create_table(
        "list_entries",
        sa.Column("list_version_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("primary_name", sa.String(length=500), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["body_sha256"], ["entry_bodies.sha256"], name=op.f("fk_list_entries_body_sha256_entry_bodies")
        ),
        sa.ForeignKeyConstraint(
            ["list_version_id"],
            ["list_versions.id"],
            name=op.f("fk_list_entries_list_version_id_list_versions"),
        ),
        sa.PrimaryKeyConstraint("list_version_id", "entry_id", name=op.f("pk_list_entries")),
    )
    with op.batch_alter_table("list_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_entries_body_sha256"), ["body_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_list_entries_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "manifest_legs",
        sa.Column("manifest_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("flight_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("booking_class", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flights.id"], name=op.f("fk_manifest_legs_flight_id_flights")
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"], ["manifests.id"], name=op.f("fk_manifest_legs_manifest_id_manifests")
        ),
        sa.PrimaryKeyConstraint("manifest_id", "position", name=op.f("pk_manifest_legs")),
    )
    with op.batch_alter_table("manifest_legs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manifest_legs_flight_id"), ["flight_id"], unique=False)

    op.create_table(
        "screening_run_lists",
        sa.Column("run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("list_version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_version_id"],
            ["list_versions.id"],
            name=op.f("fk_screening_run_lists_list_version_id_list_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["screening_runs.id"], name=op.f("fk_screening_run_lists_run_id_screening_runs")
        ),
        sa.PrimaryKeyConstraint("run_id", "list_version_id", name=op.f("pk_screening_run_lists")),
    )
    op.create_table(
        "travellers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("raw_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("manifest_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("flight_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("family_name", sa.String(length=300), nullable=True),
        sa.Column("given_names", sa.String(length=300), nullable=True),
        sa.Column("full_name", sa.String(length=600), nullable=False),
        sa.Column(
            "name",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("birth_date", sa.String(length=16), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column(
            "nationalities",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("residence_country", sa.String(length=64), nullable=True),
        sa.Column("birth_place", sa.String(length=300), nullable=True),
        sa.Column("embarkation", sa.String(length=64), nullable=True),
        sa.Column("debarkation", sa.String(length=64), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=True),
        sa.Column("booking_ref", sa.String(length=64), nullable=True),
        sa.Column(
            "references",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("segment", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(["flight_id"], ["flights.id"], name=op.f("fk_travellers_flight_id_flights")),
        sa.ForeignKeyConstraint(
            ["manifest_id"], ["manifests.id"], name=op.f("fk_travellers_manifest_id_manifests")
        ),
        sa.ForeignKeyConstraint(
            ["raw_message_id"], ["raw_messages.id"], name=op.f("fk_travellers_raw_message_id_raw_messages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travellers")),
    )
    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travellers_birth_year"), ["birth_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_travellers_booking_ref"), ["booking_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_travellers_flight_id"), ["flight_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_travellers_manifest_id"), ["manifest_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_travellers_raw_message_id"), ["raw_message_id"], unique=False)

    op.create_table(
        "addresses",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("traveller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("booking_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=40), nullable=True),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("address_key", sa.String(length=600), nullable=False),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.CheckConstraint(
            "(traveller_id IS NULL) <> (booking_id IS NULL)", name=op.f("ck_addresses_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_addresses_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_addresses_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addresses")),
    )
    with op.batch_alter_table("addresses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_addresses_address_key"), ["address_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_addresses_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_addresses_traveller_id"), ["traveller_id"], unique=False)

    op.create_table(
        "booking_legs",
        sa.Column("booking_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("flight_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("booking_class", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_booking_legs_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flights.id"], name=op.f("fk_booking_legs_flight_id_flights")
        ),
        sa.PrimaryKeyConstraint("booking_id", "position", name=op.f("pk_booking_legs")),
    )
    with op.batch_alter_table("booking_legs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_legs_flight_id"), ["flight_id"], unique=False)

    op.create_table(
        "booking_travellers",
        sa.Column("booking_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("traveller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_booking_travellers_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_booking_travellers_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("booking_id", "position", name=op.f("pk_booking_travellers")),
    )
    with op.batch_alter_table("booking_travellers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_travellers_traveller_id"), ["traveller_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("traveller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("booking_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("value_key", sa.String(length=500), nullable=False),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.CheckConstraint(
            "(traveller_id IS NULL) <> (booking_id IS NULL)", name=op.f("ck_contacts_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_contacts_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_contacts_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_traveller_id"), ["traveller_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_value_key"), ["value_key"], unique=False)

    op.create_table(
        "hits",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("traveller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("list_version_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=100), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("alert", sa.Boolean(), nullable=False),
        sa.Column("algorithm", sa.String(length=60), nullable=False),
        sa.Column("algorithm_version", sa.String(length=30), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column(
            "features",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("cleared", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["list_version_id"], ["list_versions.id"], name=op.f("fk_hits_list_version_id_list_versions")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["screening_runs.id"], name=op.f("fk_hits_run_id_screening_runs")
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_hits_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hits")),
    )
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hits_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hits_list_version_id_entry_id"), ["list_version_id", "entry_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hits_run_id_alert"), ["run_id", "alert"], unique=False)
        batch_op.create_index(batch_op.f("ix_hits_traveller_id"), ["traveller_id"], unique=False)

    op.create_table(
        "payments",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("booking_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("card_vendor", sa.String(length=32), nullable=True),
        sa.Column("card_hash", sa.String(length=128), nullable=True),
        sa.Column("card_last4", sa.String(length=8), nullable=True),
        sa.Column("amount", sa.String(length=40), nullable=True),
        sa.Column("currency", sa.String(length=16), nullable=True),
        sa.Column("payer", sa.String(length=300), nullable=True),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_payments_booking_id_bookings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_card_hash"), ["card_hash"], unique=False)

    op.create_table(
        "traveller_documents",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("traveller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=True),
        sa.Column("number", sa.String(length=100), nullable=True),
        sa.Column("number_key", sa.String(length=100), nullable=True),
        sa.Column("issuing_country", sa.String(length=64), nullable=True),
        sa.Column("expiry", sa.String(length=16), nullable=True),
        sa.Column("issued", sa.String(length=16), nullable=True),
        sa.Column(
            "provenance",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_traveller_documents_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_traveller_documents")),
    )
    with op.batch_alter_table("traveller_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_traveller_documents_number_key_issuing_country"),
            ["number_key", "issuing_country"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_traveller_documents_traveller_id"), ["traveller_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("traveller_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_traveller_documents_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_traveller_documents_number_key_issuing_country"))

    op.drop_table("traveller_documents")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_card_hash"))
        batch_op.drop_index(batch_op.f("ix_payments_booking_id"))

    op.drop_table("payments")
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hits_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_hits_run_id_alert"))
        batch_op.drop_index(batch_op.f("ix_hits_list_version_id_entry_id"))
        batch_op.drop_index(batch_op.f("ix_hits_entry_id"))

    op.drop_table("hits")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_value_key"))
        batch_op.drop_index(batch_op.f("ix_contacts_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_booking_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("booking_travellers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_travellers_traveller_id"))

    op.drop_table("booking_travellers")
    with op.batch_alter_table("booking_legs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_legs_flight_id"))

    op.drop_table("booking_legs")
    with op.batch_alter_table("addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_addresses_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_addresses_booking_id"))
        batch_op.drop_index(batch_op.f("ix_addresses_address_key"))

    op.drop_table("addresses")
    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travellers_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_travellers_manifest_id"))
        batch_op.drop_index(batch_op.f("ix_travellers_flight_id"))
        batch_op.drop_index(batch_op.f("ix_travellers_booking_ref"))
        batch_op.drop_index(batch_op.f("ix_travellers_birth_year"))

    op.drop_table("travellers")
    op.drop_table("screening_run_lists")
    with op.batch_alter_table("manifest_legs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manifest_legs_flight_id"))

    op.drop_table("manifest_legs")
    with op.batch_alter_table("list_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_entries_entry_id"))
        batch_op.drop_index(batch_op.f("ix_list_entries_body_sha256"))

    op.drop_table("list_entries")
    with op.batch_alter_table("list_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_changes_list_version_id"))

    op.drop_table("list_changes")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookings_record_locator_system"))
        batch_op.drop_index(batch_op.f("ix_bookings_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_bookings_pnr_push_id"))
        batch_op.drop_index(batch_op.f("ix_bookings_agency_iata"))
        batch_op.drop_index(batch_op.f("ix_bookings_agency_code"))

    op.drop_table("bookings")
    with op.batch_alter_table("screening_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_runs_started_at"))
        batch_op.drop_index(batch_op.f("ix_screening_runs_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_screening_runs_flight_id"))

    op.drop_table("screening_runs")
    with op.batch_alter_table("pnr_pushes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pnr_pushes_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_pnr_pushes_flight_id"))

    op.drop_table("pnr_pushes")
    with op.batch_alter_table("manifests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manifests_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_manifests_flight_id"))

    op.drop_table("manifests")
    with op.batch_alter_table("list_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_versions_sha256"))

    op.drop_table("list_versions")
    op.drop_table("watchlists")
    with op.batch_alter_table("raw_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_raw_messages_status"))
        batch_op.drop_index(batch_op.f("ix_raw_messages_sha256"))
        batch_op.drop_index(batch_op.f("ix_raw_messages_sender_interchange_ref"))
        batch_op.drop_index(batch_op.f("ix_raw_messages_received_at"))

    op.drop_table("raw_messages")
    with op.batch_alter_table("flights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flights_departure_date_origin"))
        batch_op.drop_index(batch_op.f("ix_flights_departure_date_destination"))
        batch_op.drop_index(batch_op.f("ix_flights_carrier_flight_number_departure_date"))

    op.drop_table("flights")
    op.drop_table("entry_bodies")
    with op.batch_alter_table("clearances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clearances_source_subject"))
        batch_op.drop_index(batch_op.f("ix_clearances_person_key"))

    op.drop_table("clearances")
