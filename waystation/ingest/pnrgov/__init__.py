"""PNRGOV EDIFACT (IATA PADIS 10.1-13.1): PNR pushes with several bookings per message."""

from waystation.ingest.pnrgov.reader import read_pnrgov_message

__all__ = ["read_pnrgov_message"]
