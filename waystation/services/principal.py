"""Who is acting: a named user in a role, or the system itself (screening, the gateway's answers)."""

from __future__ import annotations

from dataclasses import dataclass

from waystation.cases.vocab import Role

__all__ = ["SYSTEM", "Principal"]


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller of a use case; ``role`` ``None`` only for :data:`SYSTEM`."""

    name: str
    role: Role

    @property
    def role_name(self) -> str:
        return "system" if self.name == SYSTEM_NAME else self.role.value


SYSTEM_NAME = "system"
# The system acts with no permission of its own: its events are logged under the role "system".
SYSTEM = Principal(SYSTEM_NAME, Role.ADMIN)
