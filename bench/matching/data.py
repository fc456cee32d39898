"""The labelled development set and the UN list, as the benchmark reads them."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from waystation.ingest.lists.un_xml import read_un_xml
from waystation.ingest.registry import parse_message
from waystation.model import Traveller, Watchlist

__all__ = ["SHARED", "Labelled", "load_dev", "load_un"]

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("WAYSTATION_SHARED", ROOT.parent / "shared"))


@dataclass(frozen=True, slots=True)
class Labelled:
    traveller: Traveller
    expected: str | None  # the UN reference number, or None for a traveller not on the list
    category: str


def load_un(name: str = "un-consolidated.xml") -> Watchlist:
    path = SHARED / "data" / "watchlists" / name
    return read_un_xml(path.read_bytes(), str(path))


def load_dev(folder: Path | None = None) -> list[Labelled]:
    folder = folder or SHARED / "eval" / "dev"
    parsed = parse_message((folder / "synth.csv").read_bytes(), "synth.csv")
    truth = {row["ref"]: row for row in csv.DictReader((folder / "synth.truth.csv").open(encoding="utf-8"))}
    out = []
    for manifest in parsed.manifests:
        for traveller in manifest.travellers:
            row = truth[traveller.ref]
            out.append(Labelled(traveller, row["expected"] or None, row["category"]))
    return out
