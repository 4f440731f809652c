"""A boto3 client behind a pipe, so that one test process can drive boto3 under
another interpreter (Debian's /usr/bin/python3 with boto3 1.26) as fast as
in-process: no interpreter start per call. This is the loop; each suite's
worker script (ps_boto3_worker.py, sm_boto3_worker.py) runs it with its own
service and the reply member repeat() keeps.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout.
  {"op": "PutParameter", "params": {...}}                   one call
  {"op": ..., "params": {...}, "repeat": N, "vary": "Value"}
        N calls in a row, member `vary` suffixed "-<i>" on call i; the reply
        lists, per call, {<version member>: v} or {"code": c, "status": s}
  {"paginate": "describe_parameters", "params": {...}, "config": {...}}
        a boto3 paginator run to the end (or to MaxItems); the reply holds
        every page and the paginator's resume_token
  {"info": true}                                             client versions
Each request may carry "region" (default AWS_DEFAULT_REGION) and "service"
(default: the worker's). Replies:
  {"ok": true, "data": {...}, "status": 200}  /  {"ok": true, "pages": [...]}
  {"ok": false, "code": "...", "message": "...", "status": 400, "request_id": "..."}
Client-side refusals (botocore's parameter validation) come back with code
"ParamValidationError" and no status. Timestamps travel as {"$ts": ISO-8601},
blobs (SecretBinary) as {"$bytes": base64}, both ways.

The replies may hold decrypted values: they go only to the parent process
through the pipe, never to a terminal or a log; client_drivers.py masks
registered secrets before anything can be shown. Environment:
PARAMSAFE_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION.

Also importable: execute() is what the in-process driver runs, make_client()
the client it makes.
"""

import base64
import datetime
import json
import os
import re
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError


def snake(op):
    """PutParameter -> put_parameter."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", op).lower()


# One JSON form both ways, for the worker and the drivers (client_drivers.py):
# replies go through to_json here and from_json there, request parameters the
# other way round.


def to_json(value):
    """boto3 values as plain JSON: datetimes {"$ts": iso}, bytes {"$bytes": b64};
    without ResponseMetadata (botocore's, not the service's answer)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {"$ts": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    return value


def from_json(value):
    """to_json's output back to boto3's values: {"$ts"} -> datetime, {"$bytes"} -> bytes."""
    if isinstance(value, dict):
        if set(value) == {"$ts"}:
            return datetime.datetime.fromisoformat(value["$ts"])
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value


def client_error(e):
    err = e.response.get("Error", {})
    meta = e.response.get("ResponseMetadata", {})
    return {"ok": False, "code": err.get("Code"), "message": err.get("Message"),
            "status": meta.get("HTTPStatusCode"), "request_id": meta.get("RequestId")}


def validation_error(e):
    """botocore refused the call before sending it: no status, no request id."""
    return {"ok": False, "code": "ParamValidationError", "message": str(e), "status": None}


def make_client(service, region, endpoint=None, access_key_id=None, secret_access_key=None):
    # No retry of any kind: a write is acknowledged once or not at all, and a
    # 5xx shows as it is.
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                    connect_timeout=10, read_timeout=60)
    session = boto3.session.Session(
        aws_access_key_id=access_key_id or os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=secret_access_key or os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=region)
    return session.client(service, endpoint_url=endpoint or os.environ["PARAMSAFE_ENDPOINT"],
                          config=config)


def one_call(client, op, params):
    try:
        resp = getattr(client, snake(op))(**params)
    except ClientError as e:
        return client_error(e)
    except ParamValidationError as e:
        return validation_error(e)
    return {"ok": True, "data": to_json(resp),
            "status": resp.get("ResponseMetadata", {}).get("HTTPStatusCode"),
            "request_id": resp.get("ResponseMetadata", {}).get("RequestId")}


def repeat(client, req, version_member):
    params = from_json(dict(req["params"]))
    member = req.get("vary")
    base = params.get(member) if member else None
    replies = []
    for i in range(int(req["repeat"])):
        if member:
            params[member] = f"{base}-{i}"
        r = one_call(client, req["op"], params)
        replies.append({version_member: r["data"].get(version_member)} if r["ok"] else
                       {"code": r["code"], "status": r["status"]})
    return {"ok": True, "replies": replies}


def paginate(client, req):
    iterator = client.get_paginator(req["paginate"]).paginate(
        **from_json(req.get("params", {})), PaginationConfig=req.get("config") or {})
    pages = []
    try:
        for page in iterator:
            pages.append(to_json(page))
    except ClientError as e:
        reply = client_error(e)
        reply["pages"] = pages
        return reply
    except ParamValidationError as e:
        return dict(validation_error(e), pages=pages)
    # With MaxItems, where a next run (StartingToken) would go on.
    return {"ok": True, "pages": pages, "resume_token": iterator.resume_token}


def execute(client_for, req, service, version_member):
    """Runs one request; client_for(service, region) gives the client to use.
    `service` is the worker's default, `version_member` the member of a write's
    reply that repeat() keeps ("Version" for SSM, "VersionId" for Secrets Manager)."""
    if req.get("info"):
        return {"ok": True, "data": {"boto3": boto3.__version__,
                                     "botocore": botocore.__version__,
                                     "python": sys.version.split()[0]}}
    client = client_for(req.get("service") or service, req.get("region"))
    if "paginate" in req:
        return paginate(client, req)
    if "repeat" in req:
        return repeat(client, req, version_member)
    return one_call(client, req["op"], from_json(req.get("params", {})))


def main(service, version_member):
    """The worker process: requests from stdin until it closes."""
    clients = {}

    def client_for(service, region):
        region = region or os.environ["AWS_DEFAULT_REGION"]
        if (service, region) not in clients:
            clients[(service, region)] = make_client(service, region)
        return clients[(service, region)]

    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = execute(client_for, json.loads(line), service, version_member)
        except Exception as e:  # a bug of the worker: report it, stay alive
            reply = {"ok": False, "code": "WorkerError", "status": None,
                     "message": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0
