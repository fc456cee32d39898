"""Watchlists: versions, what each version changed, searchable entries, and the national list.

Everyone who reviews alerts reads the lists; supervisors add, edit and remove national entries
(each change stores a new version of the national list, so earlier hits keep pointing at the
entry as it stood).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from waystation.cases.permissions import Permission, permissions_of
from waystation.exc import Forbidden, InputError, NotFound
from waystation.ingest.lists.national_csv import COLUMNS
from waystation.model import ListEntry, Name, NameQuality, NameRole
from waystation.services.watchlists import (
    NATIONAL_LIST,
    list_diff,
    list_entries,
    list_entry,
    put_national_entry,
    remove_national_entry,
    watchlist_versions,
    watchlists,
)
from waystation.web.context import ViewerDep, WebDep, check_csrf, render
from waystation.web.i18n import N_
from waystation.web.routing import WebRoute

__all__ = ["entry_row", "router"]

router = APIRouter(route_class=WebRoute)

# The national CSV's columns as the form labels them (translated in the template).
LABELS = {
    "id": N_("id"),
    "kind": N_("kind"),
    "names": N_("names"),
    "birth_dates": N_("birth dates"),
    "birth_places": N_("birth places"),
    "nationalities": N_("nationalities"),
    "documents": N_("documents"),
    "gender": N_("gender"),
    "programme": N_("programme"),
    "listed_on": N_("listed on"),
    "remarks": N_("remarks"),
}


def _name_cell(name: Name) -> str:
    """A name as the national CSV writes it: ``FAMILY, Given`` when the parts are known, ``~`` for a
    weak alias, ``fka:`` for a former name — so that saving the form unchanged changes nothing."""
    text = f"{name.family}, {name.given}" if name.family and name.given else name.full
    if name.role is NameRole.FORMER:
        text = "fka:" + text
    return "~" + text if name.quality is NameQuality.WEAK else text


def entry_row(entry: ListEntry) -> dict[str, str]:
    """A national entry as the national CSV's fields (what the edit form shows); reading the row
    back gives the same entry."""
    births = []
    for birth in entry.birth_dates:
        text = birth.earliest.iso()
        if birth.latest:
            text += ".." + birth.latest.iso()
        births.append(("~" if birth.approximate else "") + text)
    return {
        "id": entry.entry_id,
        "kind": entry.kind.value,
        "names": "|".join(_name_cell(n) for n in entry.names),
        "birth_dates": "|".join(births),
        "birth_places": "|".join(entry.birth_places),
        "nationalities": "|".join(entry.nationalities),
        "documents": "|".join(
            ":".join(p for p in (d.kind, d.number, d.country or "") if p) for d in entry.documents
        ),
        "gender": entry.gender.value if entry.gender else "",
        "programme": "|".join(entry.programmes),
        "listed_on": entry.listed_on.isoformat() if entry.listed_on else "",
        "remarks": entry.remarks or "",
    }


@router.get("/watchlists", response_class=HTMLResponse)
def lists(request: Request, web: WebDep, viewer: ViewerDep) -> Response:
    found = watchlists(web.workspace, viewer.principal)
    return render(web, request, "watchlists.html", viewer, lists=found, national=NATIONAL_LIST)


@router.get("/watchlists/{name}", response_class=HTMLResponse)
def watchlist(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    name: str,
    q: str | None = None,
    version: str | None = None,
    page: int = 1,
) -> Response:
    page = max(page, 1)
    try:
        entries = list_entries(
            web.workspace, viewer.principal, name, version=version, query=q, limit=50, offset=(page - 1) * 50
        )
    except NotFound:
        if name != NATIONAL_LIST:
            raise
        entries = None
    versions = watchlist_versions(web.workspace, viewer.principal, name) if entries else []
    changes = list_diff(web.workspace, viewer.principal, name, to=version)[1] if entries else []
    may_edit = name == NATIONAL_LIST and Permission.MANAGE_LISTS in permissions_of(viewer.role)
    return render(
        web,
        request,
        "watchlist.html",
        viewer,
        name=name,
        entries=entries,
        versions=versions,
        changes=changes,
        q=q or "",
        version=version or "",
        page=page,
        may_edit=may_edit,
    )


@router.get("/watchlists/{name}/entries/{entry_id}", response_class=HTMLResponse)
def entry(
    request: Request, web: WebDep, viewer: ViewerDep, name: str, entry_id: str, version: str | None = None
) -> Response:
    info, found = list_entry(web.workspace, viewer.principal, name, entry_id, version=version)
    may_edit = name == NATIONAL_LIST and Permission.MANAGE_LISTS in permissions_of(viewer.role)
    return render(web, request, "entry.html", viewer, info=info, entry=found, name=name, may_edit=may_edit)


@router.get("/national/edit", response_class=HTMLResponse)
def national_form(request: Request, web: WebDep, viewer: ViewerDep, entry_id: str | None = None) -> Response:
    if Permission.MANAGE_LISTS not in permissions_of(viewer.role):
        raise Forbidden(f"a {viewer.role.value} may not manage lists")
    row = dict.fromkeys(COLUMNS, "")
    if entry_id:
        row = entry_row(list_entry(web.workspace, viewer.principal, NATIONAL_LIST, entry_id)[1])
    return render(
        web,
        request,
        "national_form.html",
        viewer,
        row=row,
        columns=COLUMNS,
        labels=LABELS,
        error=None,
        editing=entry_id,
    )


@router.post("/national/edit", response_class=HTMLResponse)
async def national_save(request: Request, web: WebDep, viewer: ViewerDep) -> Response:
    form = await request.form()
    check_csrf(viewer, str(form.get("csrf", "")))
    row = {column: str(form.get(column, "")).strip() for column in COLUMNS}
    editing = str(form.get("editing", "")) or None
    try:
        put_national_entry(web.workspace, viewer.principal, {k: v for k, v in row.items() if v})
    except InputError as error:
        context = {"row": row, "columns": COLUMNS, "labels": LABELS, "error": str(error), "editing": editing}
        return render(web, request, "national_form.html", viewer, status_code=400, **context)
    return RedirectResponse(f"/watchlists/{NATIONAL_LIST}/entries/{row['id']}", status_code=303)


@router.post("/national/{entry_id}/remove")
def national_remove(
    web: WebDep, viewer: ViewerDep, entry_id: str, csrf: Annotated[str, Form()] = ""
) -> Response:
    check_csrf(viewer, csrf)
    remove_national_entry(web.workspace, viewer.principal, entry_id)
    return RedirectResponse(f"/watchlists/{NATIONAL_LIST}", status_code=303)
