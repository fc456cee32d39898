"""The carrier answer policy (supervisors): what the gateway tells carriers for each alert state."""

from __future__ import annotations

from fastapi import APIRouter

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.admin import PolicyIn, PolicyOut
from waystation.cases.policy import AutoDeny
from waystation.cases.vocab import BoardingAnswer
from waystation.exc import InputError, Locator
from waystation.services import policy as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/policy", tags=["carrier policy"])


def _answer(code: str, field: str) -> BoardingAnswer:
    try:
        return BoardingAnswer(code)
    except ValueError:
        raise InputError(f"{code!r} is not an answer code (0Z, 1Z, 2Z, 4Z)", Locator(field=field)) from None


@router.get("", summary="The policy in force")
def get_policy(workspace: WorkspaceDep, principal: PrincipalDep) -> PolicyOut:
    return PolicyOut.of(service.policy_in_force(workspace, principal))


@router.put("", summary="Configure a new policy version (every problem reported at once)")
def put_policy(body: PolicyIn, workspace: WorkspaceDep, principal: PrincipalDep) -> PolicyOut:
    policy = service.configure_policy(
        workspace,
        principal,
        on_open_alert=_answer(body.on_open_alert, "on_open_alert"),
        on_inconclusive=_answer(body.on_inconclusive, "on_inconclusive"),
        on_true_match=body.on_true_match,
        auto_deny=[AutoDeny(r.list_name, r.threshold) for r in body.auto_deny],
        version=body.version,
    )
    return PolicyOut.of(policy)


@router.get("/versions", summary="Every policy version, oldest first")
def versions(workspace: WorkspaceDep, principal: PrincipalDep) -> list[PolicyOut]:
    return [PolicyOut.of(p) for p in service.policy_history(workspace, principal)]
