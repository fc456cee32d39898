"""Targeting rules: the list with status and precision, one rule with its versions and backtest,
editing (a supervisor writes a new version, a draft) and approval (another supervisor)."""

from __future__ import annotations

from typing import Annotated

import yaml
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from waystation.cases.permissions import Permission, permissions_of
from waystation.exc import Forbidden, NotFound, RuleError
from waystation.services.rule_performance import backtest_rule, rule_precision
from waystation.services.rulebook import approve_rule, rule_entries, rule_history, rule_text, save_rule
from waystation.web.context import ViewerDep, WebDep, check_csrf, render
from waystation.web.routing import WebRoute

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)

NEW_RULE = """id: new-rule-id
title: What the rule selects, in a few words
justification: >
  Why these conditions select the travel the law allows us to look for, with sources, and why
  they select few ordinary travellers.
valid_from: 2026-12-01
expires: 2027-11-30
severity: medium
when:
  all:
    - route: {destination: syria-border-tr}
    - one_way: {}
"""


@router.get("/rules", response_class=HTMLResponse)
def rules(request: Request, web: WebDep, viewer: ViewerDep) -> Response:
    entries = rule_entries(web.workspace, viewer.principal, web.rulebook)
    precision = rule_precision(web.workspace, viewer.principal)
    manage = Permission.MANAGE_RULES in permissions_of(viewer.role)
    return render(web, request, "rules.html", viewer, entries=entries, precision=precision, manage=manage)


@router.get("/rules/new", response_class=HTMLResponse)
def new_rule(request: Request, web: WebDep, viewer: ViewerDep) -> Response:
    if Permission.MANAGE_RULES not in permissions_of(viewer.role):
        raise Forbidden(f"a {viewer.role.value} may not manage rules")
    return render(web, request, "rule_edit.html", viewer, rule_id=None, text=NEW_RULE, problems=())


@router.get("/rules/{rule_id}", response_class=HTMLResponse)
def rule(request: Request, web: WebDep, viewer: ViewerDep, rule_id: str, backtest: int = 0) -> Response:
    history = rule_history(web.workspace, viewer.principal, web.rulebook, rule_id)
    entry = next(
        e for e in rule_entries(web.workspace, viewer.principal, web.rulebook) if e.rule_id == rule_id
    )
    report = None
    if backtest:
        try:
            report = backtest_rule(web.workspace, viewer.principal, web.rulebook, rule_id)
        except NotFound:
            report = None
    stats = {k: v for k, v in rule_precision(web.workspace, viewer.principal).items() if k[0] == rule_id}
    manage = Permission.MANAGE_RULES in permissions_of(viewer.role)
    latest = history[-1]
    may_approve = (
        manage
        and not latest.get("approval")
        and str(latest.get("owner", "")).casefold() != viewer.principal.name.casefold()
        and not entry.problems
    )
    return render(
        web,
        request,
        "rule.html",
        viewer,
        entry=entry,
        history=list(reversed(history)),
        report=report,
        stats=stats,
        manage=manage,
        may_approve=may_approve,
    )


@router.get("/rules/{rule_id}/edit", response_class=HTMLResponse)
def edit_rule(request: Request, web: WebDep, viewer: ViewerDep, rule_id: str) -> Response:
    if Permission.MANAGE_RULES not in permissions_of(viewer.role):
        raise Forbidden(f"a {viewer.role.value} may not manage rules")
    text = rule_text(web.workspace, viewer.principal, web.rulebook, rule_id)
    return render(web, request, "rule_edit.html", viewer, rule_id=rule_id, text=text, problems=())


@router.post("/rules/save", response_class=HTMLResponse)
def save(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    csrf: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    rule_id: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(viewer, csrf)
    try:
        save_rule(web.workspace, viewer.principal, web.rulebook, text, rule_id=rule_id or None)
    except RuleError as error:
        return render(
            web, request, "rule_edit.html", viewer, status_code=400, rule_id=rule_id or None, text=text,
            problems=error.problems,
        )  # fmt: skip
    saved = rule_id or str((yaml.safe_load(text) or {}).get("id", ""))
    return RedirectResponse(f"/rules/{saved}", status_code=303)


@router.post("/rules/{rule_id}/approve")
def approve(
    web: WebDep,
    viewer: ViewerDep,
    rule_id: str,
    version: Annotated[int, Form()],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(viewer, csrf)
    approve_rule(web.workspace, viewer.principal, web.rulebook, rule_id, version)
    return RedirectResponse(f"/rules/{rule_id}", status_code=303)
