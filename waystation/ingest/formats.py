"""The built-in message formats; importing this module registers them."""

from __future__ import annotations

from waystation.ingest import edifact_reader, manifest_csv, unsupported
from waystation.ingest.registry import MessageReader, register

register(
    MessageReader(
        name="manifest_csv",
        description="CSV manifest (ARCHITECTURE.md): ref, surname, given_names, date_of_birth, …",
        sniff=manifest_csv.sniff,
        parse=manifest_csv.parse,
    )
)
register(
    MessageReader(
        name="paxlst",
        description="UN/EDIFACT PAXLST: UN/IATA D02B-D15B, CBP ACE D03B, legacy US 001:000",
        sniff=edifact_reader.sniff_paxlst,
        parse=edifact_reader.parse_edifact,
    )
)
register(
    MessageReader(
        name="pnrgov",
        description="UN/EDIFACT PNRGOV 10.1-13.1 (IATA PADIS PNR push)",
        sniff=edifact_reader.sniff_pnrgov,
        parse=edifact_reader.parse_edifact,
    )
)
register(
    MessageReader(
        name="edifact",
        description="any UN/EDIFACT interchange: each message is read by its type (PAXLST, PNRGOV)",
        sniff=edifact_reader.sniff_edifact,
        parse=edifact_reader.parse_edifact,
    )
)
register(
    MessageReader(
        name="bcbp",
        description="IATA bar-coded boarding pass: recognised and refused (not supported yet)",
        sniff=unsupported.sniff_bcbp,
        parse=unsupported.refuse_bcbp,
    )
)
register(
    MessageReader(
        name="app",
        description="APP CIRQ/CIRS text: recognised and refused (not supported yet)",
        sniff=unsupported.sniff_app,
        parse=unsupported.refuse_app,
    )
)
register(
    MessageReader(
        name="pnrgov_xml",
        description="IATA PNRGOV XML: recognised and refused (not supported yet)",
        sniff=unsupported.sniff_pnrgov_xml,
        parse=unsupported.refuse_pnrgov_xml,
    )
)
