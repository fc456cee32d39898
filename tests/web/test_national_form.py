"""The national-entry form shows an entry as the national CSV writes it, so that saving the form
unchanged stores the same entry: family and given names, weak aliases, former names, circa and
ranged birth dates, documents."""

from __future__ import annotations

import csv
import io

from tests.ingest.lists.test_reader_fuzz import FIXTURES
from waystation.ingest.lists.national_csv import COLUMNS, read_national_csv
from waystation.web.routes.watchlists import entry_row


def test_every_entry_reads_back_the_same_from_its_form_row() -> None:
    original = read_national_csv((FIXTURES / "national.csv").read_bytes(), "national.csv")
    assert len(original.entries) >= 4
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    rows = [entry_row(entry) for entry in original.entries]
    writer.writerows(rows)
    again = read_national_csv(out.getvalue().encode("utf-8"), "form.csv")
    for before, after in zip(original.entries, again.entries, strict=True):
        assert after.names == before.names, before.entry_id
        assert after.birth_dates == before.birth_dates
        assert after.documents == before.documents
        assert after.nationalities == before.nationalities
        assert (after.kind, after.gender, after.programmes) == (before.kind, before.gender, before.programmes)
    first = rows[0]
    assert first["names"].split("|")[0] == "AL-HAMADI, Khalid Yusuf"
    assert "~Abu Yusuf" in first["names"].split("|")
    assert rows[1]["names"] == "BEKOV, Timur|fka:Timur ISMAILOV"
