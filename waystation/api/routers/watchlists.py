"""Watchlists: stored lists and versions, entries, diffs, imports, and national entries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from starlette.concurrency import run_in_threadpool

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.lists import (
    ChangeOut,
    DiffOut,
    EntryOut,
    EntryPageOut,
    ImportOut,
    ListVersionOut,
    NationalEntryIn,
)
from waystation.exc import InputError, Locator
from waystation.services import watchlists as service

__all__ = ["MAX_LIST_BYTES", "router"]

MAX_LIST_BYTES = 200 * 1024 * 1024

router = APIRouter(prefix="/v1", tags=["watchlists"])

ListName = Annotated[str, Path(max_length=100)]
Version = Annotated[str | None, Query(max_length=100)]
EntryId = Annotated[str, Path(max_length=100)]


@router.get("/watchlists", summary="Every stored list, at its latest version")
def list_watchlists(workspace: WorkspaceDep, principal: PrincipalDep) -> list[ListVersionOut]:
    return [ListVersionOut.of(v) for v in service.watchlists(workspace, principal)]


@router.post(
    "/watchlists",
    summary="Import a list file (UN XML, OFAC, FtM, national CSV…) as a version",
    status_code=201,
)
async def import_watchlist(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    file: Annotated[UploadFile, File(description="the list file as published")],
    list_format: Annotated[str | None, Form(alias="format", max_length=40)] = None,
    name: Annotated[str | None, Form(max_length=100)] = None,
) -> ImportOut:
    data = await file.read(MAX_LIST_BYTES + 1)
    if len(data) > MAX_LIST_BYTES:
        raise InputError(f"a list file may have at most {MAX_LIST_BYTES} bytes", Locator(field="file"))
    report = await run_in_threadpool(
        service.import_list_bytes,
        workspace,
        principal,
        data,
        filename=file.filename or "upload",
        list_format=list_format,
        name=name,
    )
    return ImportOut.of(report)


@router.get("/watchlists/{name}/versions", summary="Every imported version of a list, oldest first")
def versions(name: ListName, workspace: WorkspaceDep, principal: PrincipalDep) -> list[ListVersionOut]:
    return [ListVersionOut.of(v) for v in service.watchlist_versions(workspace, principal, name)]


@router.get("/watchlists/{name}/entries", summary="Entries of a version, searchable by id or name")
def entries(
    name: ListName,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    version: Version = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> EntryPageOut:
    page = service.list_entries(
        workspace, principal, name, version=version, query=q, limit=limit, offset=offset
    )
    return EntryPageOut(
        version=ListVersionOut.of(page.version),
        total=page.total,
        entries=[EntryOut.of(e) for e in page.entries],
    )


@router.get("/watchlists/{name}/entries/{entry_id}", summary="One entry")
def entry(
    name: ListName,
    entry_id: EntryId,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    version: Version = None,
) -> EntryOut:
    _, found = service.list_entry(workspace, principal, name, entry_id, version=version)
    return EntryOut.of(found)


@router.get("/watchlists/{name}/diff", summary="What a version changed (against the one before, or ?since=)")
def diff(
    name: ListName,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    to: Version = None,
    since: Version = None,
) -> DiffOut:
    target, changes = service.list_diff(workspace, principal, name, to=to, since=since)
    return DiffOut(version=ListVersionOut.of(target), changes=[ChangeOut.of(c) for c in changes])


@router.put("/national-entries/{entry_id}", summary="Add or replace a national entry (a new list version)")
def put_national(
    entry_id: EntryId,
    body: NationalEntryIn,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    list_name: Annotated[str, Query(alias="list", max_length=100)] = service.NATIONAL_LIST,
) -> ImportOut:
    row = {"id": entry_id, **body.model_dump()}
    return ImportOut.of(service.put_national_entry(workspace, principal, row, list_name=list_name))


@router.delete("/national-entries/{entry_id}", summary="Remove a national entry (a new list version)")
def delete_national(
    entry_id: EntryId,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    list_name: Annotated[str, Query(alias="list", max_length=100)] = service.NATIONAL_LIST,
) -> ImportOut:
    return ImportOut.of(service.remove_national_entry(workspace, principal, entry_id, list_name=list_name))
