"""The traveller key is pinned: alerts, cases and the audit log already stored name people by it."""

from __future__ import annotations

import hashlib
import hmac

from waystation.model import Name, PartialDate, Traveller
from waystation.services.identity import traveller_key


def test_the_key_is_the_documented_keyed_hash() -> None:
    secret = b"a-secret-of-the-service"
    one = Traveller("1", Name.from_parts("AL-ZAWAHIRI", "Ayman"), birth_date=PartialDate(1951, 6, 19))
    other = Traveller("2", Name.from_parts("Al Zawahiri", "AYMAN"), birth_date=PartialDate(1951, 6, 19))
    expected = hmac.new(secret, b"1951-06-19|al ayman zawahiri", hashlib.sha256).hexdigest()[:24]
    assert traveller_key(one, secret) == traveller_key(other, secret) == f"tk-{expected}"
    unborn = Traveller("3", Name.from_parts("AL-ZAWAHIRI", "Ayman"))
    assert traveller_key(unborn, secret) != traveller_key(one, secret)
