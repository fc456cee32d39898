"""The built-in message formats; importing this module registers them."""

from __future__ import annotations

from waystation.ingest import manifest_csv
from waystation.ingest.registry import MessageReader, register

register(
    MessageReader(
        name="manifest_csv",
        description="CSV manifest (ARCHITECTURE.md): ref, surname, given_names, date_of_birth, …",
        sniff=manifest_csv.sniff,
        parse=manifest_csv.parse,
    )
)
