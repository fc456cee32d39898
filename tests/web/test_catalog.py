"""The message catalog is complete: every text marked in the pages is in the committed catalog."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import waystation.web
from waystation.web.app import template_environment
from waystation.web.i18n import LOCALE_DIR, gettext, translations

WEB = Path(waystation.web.__file__).parent
ROOT = WEB.parent.parent


def _extracted() -> set[str]:
    method_map = [("waystation/web/**.py", "python"), ("waystation/web/templates/**.html", "jinja2")]
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, {"waystation/web/templates/**.html": options}, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_the_committed_catalogs_hold_every_marked_text() -> None:
    extracted = _extracted()
    assert "Record decision" in extracted
    assert "bad MRZ check digit" in extracted  # marked with N_ in Python
    assert len(extracted) > 200
    missing_template = extracted - _catalog(LOCALE_DIR / "messages.pot")
    missing_english = extracted - _catalog(LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po")
    assert not missing_template, f"run `make catalog`: {sorted(missing_template)[:5]}"
    assert not missing_english, f"run `make catalog`: {sorted(missing_english)[:5]}"


def test_the_compiled_english_catalog_loads() -> None:
    assert (LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.mo").is_file()
    assert type(translations("en")).__name__ == "GNUTranslations"
    assert gettext("Record decision") == "Record decision"


def test_templates_render_their_texts_through_the_catalog() -> None:
    page = template_environment().from_string('{{ _("Flights of the next %(hours)s hours", hours=72) }}')
    assert page.render() == "Flights of the next 72 hours"
