"""Bytes in, domain objects out: carrier messages (PAXLST, PNRGOV, CSV) and watchlists."""

from waystation.compiled import guard

guard("ingest")  # before any reader module is imported: a stale compiled build must not shadow its source
