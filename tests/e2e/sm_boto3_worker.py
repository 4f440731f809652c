"""A boto3 client (secretsmanager by default, or ssm) behind a pipe, so that one
test process can drive boto3 under another interpreter (Debian's
/usr/bin/python3 with boto3 1.26) as fast as in-process: no interpreter start
per call. The Secrets Manager sibling of ps_boto3_worker.py (same protocol),
plus blobs and the service to talk to.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout.
  {"op": "PutSecretValue", "params": {...}}                 one call
  {"op": ..., "params": {...}, "repeat": N, "vary": "SecretString"}
        N calls in a row, member `vary` suffixed "-<i>" on call i; the reply
        lists, per call, {"VersionId": v} or {"code": c, "status": s}
  {"paginate": "list_secrets", "params": {...}, "config": {...}}
        a boto3 paginator run to the end (or to MaxItems); the reply holds
        every page and the paginator's resume_token
  {"info": true}                                            client versions
Each request may carry "region" (default AWS_DEFAULT_REGION) and "service"
("secretsmanager" or "ssm"). Replies:
  {"ok": true, "data": {...}, "status": 200}  /  {"ok": true, "pages": [...]}
  {"ok": false, "code": "...", "message": "...", "status": 400, "request_id": "..."}
Client-side refusals (botocore's parameter validation) come back with code
"ParamValidationError" and no status. Timestamps travel as {"$ts": ISO-8601},
blobs (SecretBinary) as {"$bytes": base64}, both ways.

The replies hold decrypted values: they go only to the parent process through
the pipe, never to a terminal or a log; secrets_manager.py masks registered
secrets before anything can be shown. Environment: PARAMSAFE_ENDPOINT,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION.

Also importable: execute() is what the in-process driver runs.
"""

import base64
import datetime
import json
import os
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ps_boto3_worker import client_error, snake  # noqa: E402

DEFAULT_SERVICE = "secretsmanager"


def encode(value):
    """A boto3 response as plain JSON: datetimes {"$ts": iso}, bytes {"$bytes": b64}."""
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {"$ts": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    return value


def decode_params(value):
    """Request parameters from JSON: {"$bytes": b64} -> bytes."""
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        return {k: decode_params(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_params(v) for v in value]
    return value


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
        return {"ok": False, "code": "ParamValidationError", "message": str(e), "status": None}
    return {"ok": True, "data": encode(resp),
            "status": resp.get("ResponseMetadata", {}).get("HTTPStatusCode"),
            "request_id": resp.get("ResponseMetadata", {}).get("RequestId")}


def repeat(client, req):
    params = decode_params(dict(req["params"]))
    member = req.get("vary")
    base = params.get(member) if member else None
    replies = []
    for i in range(int(req["repeat"])):
        if member:
            params[member] = f"{base}-{i}"
        r = one_call(client, req["op"], params)
        replies.append({"VersionId": r["data"].get("VersionId")} if r["ok"] else
                       {"code": r["code"], "status": r["status"]})
    return {"ok": True, "replies": replies}


def paginate(client, req):
    iterator = client.get_paginator(req["paginate"]).paginate(
        **decode_params(req.get("params", {})), PaginationConfig=req.get("config") or {})
    pages = []
    try:
        for page in iterator:
            pages.append(encode(page))
    except ClientError as e:
        reply = client_error(e)
        reply["pages"] = pages
        return reply
    except ParamValidationError as e:
        return {"ok": False, "code": "ParamValidationError", "message": str(e), "status": None,
                "pages": pages}
    return {"ok": True, "pages": pages, "resume_token": iterator.resume_token}


def execute(client_for, req):
    """Runs one request; client_for(service, region) gives the client to use."""
    if req.get("info"):
        return {"ok": True, "data": {"boto3": boto3.__version__,
                                     "botocore": botocore.__version__,
                                     "python": sys.version.split()[0]}}
    client = client_for(req.get("service") or DEFAULT_SERVICE, req.get("region"))
    if "paginate" in req:
        return paginate(client, req)
    if "repeat" in req:
        return repeat(client, req)
    return one_call(client, req["op"], decode_params(req.get("params", {})))


def main():
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
            reply = execute(client_for, json.loads(line))
        except Exception as e:  # a bug of the worker: report it, stay alive
            reply = {"ok": False, "code": "WorkerError", "status": None,
                     "message": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
