"""Whether a package may go to a partner: marks, recipients, re-sharing and ORCON."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.sharing.fixtures import AMMAN, ANKARA, DIRECTORY, ENTRY, SOFIA, T0, TR_BORDER, package
from waystation.exc import Forbidden
from waystation.sharing import (
    HandlingMark,
    OriginatorConsent,
    Recipient,
    SharePackage,
    Tlp,
    check_release,
    package_problems,
    redact_for,
    release_problems,
    reshare,
)


def test_entry_projection_of_a_real_un_listing() -> None:
    assert ENTRY.entry_id == "QDi.335"
    assert ENTRY.names[0] == "‘ABD AL-RAHMAN KHALAF ‘UBAYD JUDAY’ AL-‘ANIZI"
    assert ENTRY.birth_dates == ("1973-03-06",)
    assert ENTRY.documents == ("national_id 273030601222 KWT",)
    assert ENTRY.programmes == ("Al-Qaida",)


def test_originator_sends_a_redacted_amber_strict_package() -> None:
    ready = redact_for(package(Tlp.AMBER_STRICT), ANKARA)
    assert check_release(ready, ANKARA, DIRECTORY) is ready


def test_unredacted_personal_data_is_refused() -> None:
    with pytest.raises(Forbidden) as caught:
        check_release(package(Tlp.AMBER_STRICT), ANKARA, DIRECTORY)
    assert str(caught.value) == (
        "package PKG-2025-0007 may not go to NCB-ANKARA: withheld from NCB-ANKARA under TLP:AMBER+STRICT "
        "but present: A-1.reviewer_note; redact first"
    )


def test_red_goes_to_named_people_only() -> None:
    unnamed = package(Tlp.RED, Recipient("NCB-ANKARA"))
    assert package_problems(unnamed) == [
        "TLP:RED goes to named individuals only; no person named at NCB-ANKARA"
    ]
    named = redact_for(
        package(Tlp.RED, Recipient("NCB-ANKARA", "Insp. Kaya"), Recipient("NCB-ANKARA", "Cmsr. Oz")), ANKARA
    )
    assert release_problems(named, ANKARA, DIRECTORY) == []


def test_only_addressed_partners() -> None:
    ready = redact_for(package(Tlp.AMBER), TR_BORDER)
    assert release_problems(ready, TR_BORDER, DIRECTORY) == ["the package is not addressed to TR-BORDER"]


def test_green_stays_in_the_community() -> None:
    green = package(Tlp.GREEN, Recipient("JO-PIU"), Recipient("EU-PIU-SOFIA"))
    assert release_problems(redact_for(green, AMMAN), AMMAN, DIRECTORY) == []
    assert release_problems(redact_for(green, SOFIA), SOFIA, DIRECTORY) == [
        "TLP:GREEN stays within WS-PIU's community; EU-PIU-SOFIA is outside it"
    ]


def _pass_on(
    tlp: Tlp, to: str, *, orcon: bool = False, consents: tuple[OriginatorConsent, ...] = ()
) -> SharePackage:
    received = redact_for(package(tlp, Recipient("NCB-ANKARA", "Insp. Kaya"), orcon=orcon), ANKARA)
    return reshare(
        received,
        package_id="NCB-77",
        sender="NCB-ANKARA",
        recipients=(Recipient(to, "duty officer"),),
        created_at=T0,
        created_by="kaya",
        purpose="border alert for the listed person's arrival",
        consents=consents,
    )


@pytest.mark.parametrize(
    ("tlp", "to", "problems"),
    [
        (Tlp.CLEAR, "EU-PIU-SOFIA", []),
        (Tlp.GREEN, "TR-BORDER", []),
        (
            Tlp.GREEN,
            "EU-PIU-SOFIA",
            ["TLP:GREEN stays within the originator's community; EU-PIU-SOFIA is outside it"],
        ),
        (Tlp.AMBER, "TR-BORDER", []),
        (Tlp.AMBER, "JO-PIU", ["TLP:AMBER goes only to NCB-ANKARA and its clients; JO-PIU is neither"]),
        (Tlp.AMBER_STRICT, "NCB-ANKARA", []),
        (
            Tlp.AMBER_STRICT,
            "TR-BORDER",
            ["TLP:AMBER+STRICT stays within NCB-ANKARA; TR-BORDER is outside it"],
        ),
        (Tlp.RED, "NCB-ANKARA", ["TLP:RED may not be passed on by anyone but its originator"]),
    ],
)
def test_passing_on_by_a_recipient(tlp: Tlp, to: str, problems: list[str]) -> None:
    derived = _pass_on(tlp, to)
    assert derived.derived_from == "PKG-2025-0007"
    assert derived.originator == "WS-PIU"
    partner = DIRECTORY[to]
    assert release_problems(redact_for(derived, partner), partner, DIRECTORY) == problems


def test_orcon_needs_the_originators_consent_for_that_organisation() -> None:
    derived = _pass_on(Tlp.AMBER, "TR-BORDER", orcon=True)
    assert release_problems(derived, TR_BORDER, DIRECTORY) == [
        "ORCON: WS-PIU has not consented to passing PKG-2025-0007 to TR-BORDER"
    ]
    consent = OriginatorConsent("PKG-2025-0007", "TR-BORDER", "sofia", T0)
    allowed = _pass_on(Tlp.AMBER, "TR-BORDER", orcon=True, consents=(consent,))
    assert release_problems(allowed, TR_BORDER, DIRECTORY) == []
    wrong_org = OriginatorConsent("PKG-2025-0007", "JO-PIU", "sofia", T0)
    refused = _pass_on(Tlp.AMBER, "TR-BORDER", orcon=True, consents=(wrong_org,))
    assert release_problems(refused, TR_BORDER, DIRECTORY) == [
        "ORCON: WS-PIU has not consented to passing PKG-2025-0007 to TR-BORDER"
    ]


def test_a_reshare_cannot_loosen_the_mark_or_come_from_a_non_recipient() -> None:
    received = redact_for(package(Tlp.AMBER_STRICT, orcon=True), ANKARA)

    def again(sender: str, mark: HandlingMark | None = None) -> SharePackage:
        return reshare(
            received,
            package_id="NCB-78",
            sender=sender,
            recipients=(Recipient("TR-BORDER"),),
            created_at=T0,
            created_by="kaya",
            purpose="border alert for arrival",
            mark=mark,
        )

    with pytest.raises(Forbidden, match=r"cannot loosen TLP:AMBER\+STRICT ORCON to TLP:AMBER"):
        again("NCB-ANKARA", HandlingMark(Tlp.AMBER))
    with pytest.raises(Forbidden, match="cannot loosen"):
        again("NCB-ANKARA", HandlingMark(Tlp.RED))
    with pytest.raises(Forbidden, match="JO-PIU did not receive package PKG-2025-0007"):
        again("JO-PIU")
    stricter = again("NCB-ANKARA", HandlingMark(Tlp.RED, orcon=True))
    assert stricter.mark == HandlingMark(Tlp.RED, orcon=True)


def test_structural_problems_are_reported_together() -> None:
    broken = replace(package(Tlp.AMBER), purpose="share", items=(), recipients=(), created_by=" ")
    assert package_problems(broken) == [
        "the package has no created by",
        "the purpose must say in a few words why this is shared",
        "the package is empty",
        "the package has no recipients",
    ]
