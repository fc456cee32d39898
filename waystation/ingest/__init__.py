"""Bytes in, domain objects out: carrier messages (PAXLST, PNRGOV, CSV) and watchlists."""
