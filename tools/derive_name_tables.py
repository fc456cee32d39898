"""Derive the name tables shipped in waystation/data/names/ from public sources in ../shared.

Run from the repository root:  ``.venv/bin/python tools/derive_name_tables.py [SHARED_DIR]``

Inputs (all in shared/data/watchlists, see SOURCES.md there for commits and checksums):
- wd_arabic.normalized.aligned.tokens.tsv  (CC0, Wikidata, Merhav & Ash 2018): latin, arabic, count
- google-transliteration-ar2en.txt          (Apache-2.0, google/transliteration): arabic, latin
- rigour-names-symbols.yml                  (MIT, opensanctions/rigour): person_symbols, person_name_parts
- ofac-sdn.csv, ofac-alt.csv, uk-hmt-conlist-2018-04-13.csv (public sector data): name-part counts

Outputs (waystation/data/names/):
- arabic_variants.tsv   one Arabic word form per line and its Latin spellings, most used first
- name_frequency.tsv    Latin name parts and how often they occur (Wikidata names + sanctions lists)
- symbol_groups.tsv     rigour's MENA name-part groups and name-part spelling groups, folded

Noise filter for the Wikidata alignments (documented in waystation/data/names/README.md): a Latin
spelling is kept for an Arabic form when it was seen at least MIN_COUNT times AND makes at least
MIN_SHARE of that form's observations AND at least MIN_OWN_SHARE of that spelling's observations
belong to this form (so "abdullah", mostly aligned to عبدالله, is not a spelling of عبد);
forms whose article (ال) was aligned into the token are folded
onto the bare form. Google's pairs (one spelling each, curated) fill in forms Wikidata lacks.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from waystation.matching.text import Script, fold, fold_arabic, script_of

MIN_COUNT = 3
MIN_SHARE = 0.03
MIN_OWN_SHARE = 0.25
MAX_VARIANTS = 12
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "waystation" / "data" / "names"


def _bare(arabic: str) -> str:
    """Arabic form without the article glued in front (الحسين → حسين) when what remains is a word."""
    form = fold_arabic(arabic.replace(" ", ""))
    if form.startswith("ال") and len(form) > 4:
        return form[2:]
    return form


def arabic_variants(shared: Path) -> dict[str, Counter[str]]:
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    with (shared / "wd_arabic.normalized.aligned.tokens.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            latin, arabic, count = line.rstrip("\n").split("\t")
            folded = fold(latin).replace(" ", "")
            if folded.isalpha():
                groups[_bare(arabic)][folded] += int(count)
    # How often each spelling was seen at all, to keep it only with the forms where it mostly belongs.
    spelling_total: Counter[str] = Counter()
    for counts in groups.values():
        spelling_total.update(counts)
    kept: dict[str, Counter[str]] = {}
    for form, counts in groups.items():
        total = sum(counts.values())
        good = Counter(
            {
                w: c
                for w, c in counts.items()
                if c >= MIN_COUNT and c / total >= MIN_SHARE and c / spelling_total[w] >= MIN_OWN_SHARE
            }
        )
        if good:
            kept[form] = good
    with (shared / "google-transliteration-ar2en.txt").open(encoding="utf-8") as handle:
        for line in handle:
            if "\t" not in line:
                continue
            arabic, latin = line.rstrip("\n").split("\t", 1)
            folded = fold(latin).replace(" ", "")
            if not folded.isalpha() or " " in arabic.strip():
                continue
            form = _bare(arabic)
            if form not in kept:  # Google fills the gaps; it never adds to a Wikidata-attested form
                kept[form] = Counter({folded: 1})
    return kept


def name_frequency(shared: Path) -> Counter[str]:
    """Occurrences of each folded Latin name part: Wikidata counts plus sanctions-list name parts."""
    counts: Counter[str] = Counter()
    with (shared / "wd_arabic.normalized.aligned.tokens.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            latin, _arabic, count = line.rstrip("\n").split("\t")
            for part in fold(latin).split():
                counts[part] += int(count)
    names: list[str] = []
    people: set[str] = set()
    with (shared / "ofac-sdn.csv").open(encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[2].strip().lower() == "individual":
                names.append(row[1])
                people.add(row[0])
    with (shared / "ofac-alt.csv").open(encoding="latin-1") as handle:
        names.extend(row[3] for row in csv.reader(handle) if len(row) > 3 and row[0] in people)
    with (shared / "uk-hmt-conlist-2018-04-13.csv").open(encoding="cp1252") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        header = next(rows, [])
        wanted = [i for i, h in enumerate(header) if h.startswith("Name ")]
        kind = header.index("Group Type")
        names.extend(
            " ".join(row[i] for i in wanted if i < len(row))
            for row in rows
            if len(row) > kind and row[kind] == "Individual"
        )
    for name in names:
        for part in set(fold(name.replace("-0-", " ")).split()):
            if part.isalpha() and len(part) > 1:
                counts[part] += 1
    return counts


def symbol_groups(shared: Path) -> list[tuple[str, list[str]]]:
    data = yaml.safe_load((shared / "rigour-names-symbols.yml").read_text(encoding="utf-8"))
    out: list[tuple[str, list[str]]] = []
    mena = ("bin", "bint", "ould", "abu", "abul", "abdul", "umm", "haji", "sheikh")
    for key in mena:
        values = data["person_symbols"][key]
        out.append((key, sorted({fold(str(v)) for v in values if script_of(str(v)) is Script.LATIN})))
    for key, values in data["person_name_parts"].items():
        latin = sorted({fold(str(v)) for v in values if script_of(str(v)) is Script.LATIN})
        out.append((str(key), [v for v in latin if v]))
    return out


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    source = shared / "data" / "watchlists"
    OUT.mkdir(parents=True, exist_ok=True)
    variants = arabic_variants(source)
    with (OUT / "arabic_variants.tsv").open("w", encoding="utf-8") as handle:
        handle.write(
            "# arabic form\tLatin spellings, most used first (derived: tools/derive_name_tables.py)\n"
        )
        for form in sorted(variants):
            spellings = [w for w, _ in variants[form].most_common(MAX_VARIANTS)]
            handle.write(f"{form}\t{' '.join(spellings)}\n")
    frequency = name_frequency(source)
    with (OUT / "name_frequency.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# name part\toccurrences (derived: tools/derive_name_tables.py)\n")
        for word, count in sorted(frequency.items(), key=lambda item: (-item[1], item[0])):
            if count >= 2:
                handle.write(f"{word}\t{count}\n")
    with (OUT / "symbol_groups.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# group\tfolded spellings (derived from rigour person_symbols / person_name_parts)\n")
        for key, values in symbol_groups(source):
            handle.write(f"{key}\t{'|'.join(values)}\n")
    print(f"arabic forms: {len(variants)}; name parts with counts: {len(frequency)}")


if __name__ == "__main__":
    main()
