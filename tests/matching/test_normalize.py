"""The normalizer: concrete readings of hard names, and properties that must hold for any input."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from waystation.matching.keys import phonetic, skeleton, vowel_mask
from waystation.matching.normalize import analyse
from waystation.matching.romanize import romanize_arabic, romanize_cyrillic
from waystation.matching.text import fold
from waystation.model import Name, NamePartKind


def _texts(name: Name, *, document: bool = False) -> list[str]:
    return [p.word.text for p in analyse(name, document=document).parts]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("‘ABD AL-RAHMAN KHALAF", ["abd", "rahman", "khalaf"]),
        ("Abdurrahman", ["abd", "rahman"]),
        ("Abderrahmane", ["abd", "rahman"]),
        ("Abdullah", ["abd", "allah"]),
        ("Abubakar Shekau", ["abu", "bakar", "shekau"]),
        ("Abou el Yazid", ["abu", "yazid"]),
        ("Usama bin Laden", ["usama", "laden"]),
        ("Nuruddin", ["nur", "din"]),
        ("Zaki-ur-Rehman", ["zaki", "rahman"]),
        ("Haji Mohammed", ["mohammed"]),
        ("Alzawahiri", ["zawahiri"]),
        ("Müller Straße", ["muller", "strasse"]),
    ],
)
def test_readings(written: str, expected: list[str]) -> None:
    assert _texts(Name.from_full(written)) == expected


def test_patronymic_is_tagged() -> None:
    parts = analyse(Name.from_full("Mohamed ould Ahmed")).parts
    assert [(p.word.text, p.role) for p in parts] == [
        ("mohamed", NamePartKind.UNKNOWN),
        ("ahmed", NamePartKind.PATRONYMIC),
    ]


def test_ben_alone_is_a_given_name() -> None:
    assert _texts(Name.from_parts("SMITH", "BEN")) == ["ben", "smith"]


def test_mrz_fields() -> None:
    parts = analyse(Name.from_parts("AL<ZAWAHIRI<<AYMAN<MOHAMMED")).parts
    assert [(p.word.text, p.role) for p in parts] == [
        ("zawahiri", NamePartKind.FAMILY),
        ("ayman", NamePartKind.GIVEN),
        ("mohammed", NamePartKind.GIVEN),
    ]


def test_mrz_truncation_marks_the_last_part() -> None:
    long = Name.from_parts("ABDULRAHMAN KHALAF UBAYD JUDAY ALANIZ", "MOHAMMED")
    assert analyse(long, document=True).parts[-1].truncated
    assert not analyse(long).parts[-1].truncated
    assert not analyse(Name.from_parts("ALI", "OMAR"), document=True).parts[-1].truncated


def test_comma_form_puts_the_given_name_first() -> None:
    name = analyse(Name.from_full("UWAYS, Hassan Tahir"))
    assert [p.word.text for p in name.parts] == ["hassan", "tahir", "uways"]
    assert name.given == 0


def test_arabic_spellings_share_a_group() -> None:
    words = [analyse(Name.from_full(w)).parts[0].word for w in ("Mohammed", "Muhammad", "Mohamed", "محمد")]
    assert all(words[0].classes & w.classes for w in words[1:])


def test_romanizations() -> None:
    assert romanize_cyrillic("Юсупов") == ("iusupov", "yusupov", "jusupow")
    assert romanize_arabic("محمد")[0][:2] == ("mohamed", "mohammed")
    assert romanize_arabic("الزواهري")[1] is True  # the article was read off


def test_keys() -> None:
    assert phonetic("Youssef".lower()) == phonetic("yousef") == "yusef"
    assert vowel_mask("mohammed") == vowel_mask("muhammad") == "mahamad"
    assert skeleton("hussein") == skeleton("husayn") == "hsn"


names = st.text(
    alphabet=st.characters(categories=["L", "M", "N", "P", "Zs"]) | st.sampled_from("<-'‘’ "),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(names)
def test_never_crashes_and_parts_are_folded(text: str) -> None:
    for part in analyse(Name.from_full(text), document=True).parts:
        assert part.word.text
        assert part.word.text.isascii()
        assert part.word.text == part.word.text.lower()


@settings(max_examples=300, deadline=None)
@given(names)
def test_idempotent(text: str) -> None:
    once = " ".join(_texts(Name.from_full(text)))
    twice = " ".join(_texts(Name.from_full(once)))
    assert once == twice


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_fold_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["MOHAMMED", "Yusuf", "HASSAN", "Omar", "KHALID"]),
    st.sampled_from(["upper", "lower", "title"]),
)
def test_case_and_diacritics_do_not_matter(word: str, case: str) -> None:
    variant = getattr(word, case)()
    accented = variant.replace("a", "á").replace("o", "ö").replace("A", "Á")
    assert _texts(Name.from_full(variant)) == _texts(Name.from_full(word))
    assert [w.replace("a", "a") for w in _texts(Name.from_full(accented))] == _texts(Name.from_full(word))


@pytest.mark.parametrize(
    ("latin", "other"),
    [("Yusupov", "Юсупов"), ("Ruslan", "Руслан"), ("Mohammed", "محمد"), ("Youssef", "يوسف"), ("Omar", "عمر")],
)
def test_same_name_in_another_script_compares_equal(latin: str, other: str) -> None:
    from waystation.matching.compare.words import similarity

    a = analyse(Name.from_full(latin)).parts[0].word
    b = analyse(Name.from_full(other)).parts[0].word
    assert similarity(a, b)[0] >= 0.9


cyrillic_words = st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюя", min_size=2, max_size=12)


@settings(max_examples=300, deadline=None)
@given(cyrillic_words)
@example("ааабйн")  # (Latin "aaabin" reads as aaa + the particle bin, found by Hypothesis)
def test_a_cyrillic_word_meets_each_of_its_romanizations(word: str) -> None:
    from waystation.matching.compare.words import similarity

    cyrillic = analyse(Name.from_full(word.capitalize())).parts
    assume(len(cyrillic) == 1)  # "Др" reads as the title Dr and is set aside, as in Latin
    for latin in romanize_cyrillic(word):
        parts = analyse(Name.from_full(latin)).parts
        if len(parts) != 1 or parts[0].word.text != latin.lower():
            continue  # the romanization reads as a word and a particle ("al…", "…bin"): compared by parts
        assert similarity(cyrillic[0].word, parts[0].word)[0] >= 0.9, (word, latin)
