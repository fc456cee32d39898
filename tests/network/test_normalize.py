"""Linking keys: what they equate, what they keep apart, and that they never crash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waystation.model import Address, Name, TravelDocument
from waystation.network.masking import digest, mask_address, mask_card, mask_document, mask_email, mask_phone
from waystation.network.normalize import address_key, document_key, email_key, fold, name_key, phone_key


@pytest.mark.parametrize(
    ("family", "given", "expected"),
    [
        ("BENALI", "KARIM MR", "benali karim"),
        ("Öztürk", "Şükrü", "ozturk sukru"),
        ("AL-TUNISI", "ABDULLAH", "abdullah al tunisi"),
        ("YILDIRIM", "IŞIL DR", "isil yildirim"),
        ("Müller", "Jürgen Herr", "jurgen muller"),
        ("HASSAN", "AMR", "amr hassan"),  # a given name that ends like a title is kept
        ("MR", None, None),  # a title alone is no name
    ],
)
def test_name_key(family: str, given: str | None, expected: str | None) -> None:
    assert name_key(Name.from_parts(family, given.split() if given else None)) == expected


def test_name_key_ignores_order_and_case() -> None:
    assert name_key(Name.from_parts("HASSAN", ["ALI"])) == name_key(Name.from_parts("ali", ["hassan"]))
    assert name_key(Name.from_full("Ali Hassan")) == "ali hassan"


@pytest.mark.parametrize(
    ("number", "country", "expected"),
    [
        ("u 4821-3577", "TUR", "TUR:U48213577"),
        ("18AB34567", "FRA", "FRA:18AB34567"),
        ("18AB34567", None, "?:18AB34567"),
        ("0000000", "TUR", None),  # placeholders, not numbers
        ("12345678", "USA", None),
        ("123456789", "GBR", None),
        ("X98765432", "DEU", None),
        ("C01234567", "CHN", None),
        ("13572468", "TUR", "TUR:13572468"),
        ("A12", "TUR", None),  # too short to link on
        (None, "TUR", None),
    ],
)
def test_document_key(number: str | None, country: str | None, expected: str | None) -> None:
    assert document_key(TravelDocument("P", number, country)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("+90 532 123 45 67", "321234567"),
        ("0090 532 123 4567", "321234567"),
        ("0532-123-45-67", "321234567"),
        ("+49 30 1234567", "301234567"),
        ("030 1234567", "301234567"),
        ("+٩٠ ٥٣٢ ١٢٣ ٤٥ ٦٧", "321234567"),
        ("12345", None),
        ("CALL ME", None),
    ],
)
def test_phone_key(value: str, expected: str | None) -> None:
    assert phone_key(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Selin.Demir@Mail.Example ", "selin.demir@mail.example"),
        ("MOLLY..LOBB//GMAIL.COM", "molly_lobb@gmail.com"),
        ("JOHN./DOE//MAIL.EXAMPLE", "john-doe@mail.example"),
        ("KARIM.AT.MAIL.EXAMPLE", "karim@mail.example"),
        ("not an address", None),
        ("@mail.example", None),
        ("karim@localhost", None),
    ],
)
def test_email_key(value: str, expected: str | None) -> None:
    assert email_key(value) == expected


def test_address_key_needs_a_street_and_folds_it() -> None:
    home = Address("Atatürk Cad. 12", "Gaziantep", None, "27 000", "TUR")
    assert address_key(home) == "ataturk cad 12|27000|gaziantep|TUR"
    assert address_key(Address("ATATURK CAD 12", "GAZIANTEP", None, "27000", "TUR")) == address_key(home)
    assert address_key(Address(None, "Gaziantep", None, None, "TUR")) is None


def test_masks_hide_the_middle() -> None:
    assert mask_phone("+90 532 123 45 67") == "+90********67"
    assert mask_phone("0532 123 45 67") == "*********67"
    assert mask_email("molly_lobb@gmail.com") == "m*********@gmail.com"
    assert mask_document("TUR:U12345678") == "TUR:U*******8"
    assert mask_address(Address("Atatürk Cad. 12", "Gaziantep", None, "27000", "TUR")) == (
        "***, Gaziantep, 27***, TUR"
    )
    assert mask_card("VI", "4821") == "VI …4821"


def test_digest_is_keyed() -> None:
    assert digest("phone:321234567") == digest("phone:321234567")
    assert digest("phone:321234567", b"secret") != digest("phone:321234567")
    assert len(digest("phone:321234567", b"x" * 100)) == 8


@given(st.lists(st.sampled_from(["ALI", "Hassan", "OMAR", "Şükrü", "al-Tunisi", "MR", "Dr"]), min_size=1))
def test_name_key_is_invariant_under_order_case_and_titles(words: list[str]) -> None:
    name = Name.from_parts(words[0], words[1:])
    shuffled = Name.from_parts(words[-1].lower(), [w.upper() for w in reversed(words[:-1])] + ["MRS"])
    assert name_key(name) == name_key(shuffled)


@given(st.text())
def test_keys_never_crash_and_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    key = email_key(text)
    assert key is None or email_key(key) == key
    phone = phone_key(text)
    assert phone is None or (phone.isdigit() and phone.isascii() and len(phone) <= 9)
    document_key(TravelDocument("P", text, "TUR"))
    name_key(Name.from_full(text))


@given(st.from_regex(r"[1-9][0-9]{8,9}", fullmatch=True), st.sampled_from(["90", "33", "49", "963"]))
def test_national_and_international_forms_meet(national: str, country: str) -> None:
    assert (
        phone_key(f"0{national}")
        == phone_key(f"+{country} {national}")
        == phone_key(f"00{country}{national}")
    )
