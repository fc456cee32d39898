"""The carrier gateway: ``POST /v1/messages`` takes raw EDIFACT as airlines send it.

The bytes are committed before anything else happens; the response comes after parsing,
screening and (for iAPI) answering. An iAPI request (a PAXLST with a transaction number or an
interactive function code) gets a UN/EDIFACT CUSRES; a batch message gets a JSON acknowledgement;
an unreadable one a JSON error naming the segment and the reason, with the id it was kept under.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.errors import error_response
from waystation.api.params import IdPath
from waystation.api.schemas.common import ErrorBody
from waystation.api.schemas.travel import MessageAck, MessageOut
from waystation.exc import Locator
from waystation.numbers import is_number
from waystation.services.gateway import message_status, submit
from waystation.store import MessageStatus

__all__ = ["MAX_MESSAGE_BYTES", "router"]

MAX_MESSAGE_BYTES = 10 * 1024 * 1024
EDIFACT = "application/edifact"

router = APIRouter(prefix="/v1/messages", tags=["carrier gateway"])

_SAMPLE = (
    "UNB+UNOA:4+CA+NIAC+190924:0810+ASTRA001010001++IAPI'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
    "RFF+TN:0000100'TDT+20+CA339+++CA'LOC+125+ICN'DTM+189:1909241620:201'LOC+87+CAN'"
    "DTM+232:1909242035:201'NAD+FL+++ONE:TWO WI'ATT+2++M'DTM+329:560620'NAT+2+CHN'"
    "RFF+AVF:MWZRDQ'RFF+ABO:33280101'DOC+P:110:ZZZ+E6397444822'DTM+36:201215'LOC+91+CHN'"
    "CNT+42:1'UNT+18+1'UNZ+1+ASTRA001010001'"
)


@router.post(
    "",
    summary="Submit a carrier message (PAXLST, PNRGOV) as raw EDIFACT",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                EDIFACT: {"schema": {"type": "string"}, "example": _SAMPLE},
                "text/plain": {"schema": {"type": "string"}},
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
    responses={
        200: {
            "description": "iAPI: a CUSRES with one code per passenger (0Z board, 1Z no board, 2Z refer, "
            "4Z insufficient data); batch: a JSON acknowledgement",
            "content": {
                EDIFACT: {"schema": {"type": "string"}},
                "application/json": {"schema": MessageAck.model_json_schema()},
            },
        },
        413: {"model": ErrorBody, "description": "the message is too large"},
        422: {"model": ErrorBody, "description": "the message cannot be read; its bytes were kept"},
    },
)
async def post_message(request: Request, workspace: WorkspaceDep, principal: PrincipalDep) -> Response:
    declared = request.headers.get("content-length", "")
    if is_number(declared) and int(declared) > MAX_MESSAGE_BYTES:
        return error_response(413, "too_large", f"a message may have at most {MAX_MESSAGE_BYTES} bytes")
    data = await request.body()
    if len(data) > MAX_MESSAGE_BYTES:
        return error_response(413, "too_large", f"a message may have at most {MAX_MESSAGE_BYTES} bytes")
    submission = await run_in_threadpool(submit, workspace, principal, data)
    received = submission.received
    headers = {"X-Message-Id": str(received.message_id)}
    if received.status is MessageStatus.REJECTED:
        issue = received.issues[0] if received.issues else None
        response = error_response(
            422,
            issue.code if issue else "unreadable_message",
            issue.message if issue else (received.error or "the message cannot be read"),
            locator=issue.locator if issue else Locator(),
            message_id=received.message_id,
        )
        response.headers.update(headers)
        return response
    if submission.answer is not None:
        return Response(submission.answer, media_type=EDIFACT, headers=headers)
    ack = MessageAck(
        message_id=received.message_id,
        status=received.status.value,
        travellers=submission.travellers,
        duplicate_of=received.duplicate_of,
    )
    return JSONResponse(ack.model_dump(mode="json"), headers=headers)


@router.get("/{message_id}", summary="A received message's status (a carrier sees only its own)")
def get_message(message_id: IdPath, workspace: WorkspaceDep, principal: PrincipalDep) -> MessageOut:
    return MessageOut.of(message_status(workspace, principal, message_id))
