"""A Parameter Store round trip with boto3, run by test_boto3.py under each
Python (new PyPI boto3 and Debian's old one). Prints one JSON object of results;
it never prints the canary or any credential, only comparisons with them.

Environment: PARAMSAFE_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION, E2E_PREFIX (a unique name prefix), E2E_CANARY (the
SecureString value).
"""

import datetime
import json
import os
import sys

import boto3
import botocore
from botocore.exceptions import ClientError


def error_info(e):
    return {
        "code": e.response.get("Error", {}).get("Code"),
        "message": e.response.get("Error", {}).get("Message"),
        "status": e.response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
        "request_id": bool(e.response.get("ResponseMetadata", {}).get("RequestId")),
    }


def call(results, key, fn, **kwargs):
    """Runs fn(**kwargs); stores the response (or the error) under results[key]."""
    try:
        resp = fn(**kwargs)
        results[key] = {"ok": True, "response": resp}
    except ClientError as e:
        results[key] = {"ok": False, "error": error_info(e)}
    return results[key]


def parameter_view(resp, canary):
    """A printable summary of a GetParameter response."""
    p = dict(resp["Parameter"])
    value = p.pop("Value", None)
    lmd = p.pop("LastModifiedDate", None)
    return {
        "parameter": p,
        "value_is_canary": value == canary,
        "value_contains_canary": canary in (value or ""),
        "value": None if (value is None or canary in value) else value,
        "last_modified_is_datetime": isinstance(lmd, datetime.datetime),
        "request_id": bool(resp.get("ResponseMetadata", {}).get("RequestId")),
        "http_status": resp.get("ResponseMetadata", {}).get("HTTPStatusCode"),
    }


def main():
    prefix = os.environ["E2E_PREFIX"]
    canary = os.environ["E2E_CANARY"]
    ssm = boto3.client("ssm", endpoint_url=os.environ["PARAMSAFE_ENDPOINT"],
                       region_name=os.environ["AWS_DEFAULT_REGION"])
    out = {"python": sys.version.split()[0], "boto3": boto3.__version__,
           "botocore": botocore.__version__}
    secure = prefix + "/secure"
    r = {}

    put = call(r, "put", ssm.put_parameter, Name=secure, Type="SecureString", Value=canary)
    if put["ok"]:
        resp = put["response"]
        out["put"] = {"Version": resp.get("Version"), "Tier": resp.get("Tier"),
                      "request_id": bool(resp["ResponseMetadata"].get("RequestId"))}
    else:
        out["put"] = put["error"]

    got = call(r, "get", ssm.get_parameter, Name=secure, WithDecryption=True)
    out["get_decrypted"] = parameter_view(got["response"], canary) if got["ok"] else got["error"]

    got = call(r, "get_enc", ssm.get_parameter, Name=secure)
    out["get_encrypted"] = parameter_view(got["response"], canary) if got["ok"] else got["error"]

    again = call(r, "again", ssm.put_parameter, Name=secure, Type="SecureString", Value=canary)
    out["put_again"] = {"ok": True} if again["ok"] else again["error"]

    over = call(r, "over", ssm.put_parameter, Name=secure, Type="SecureString", Value=canary,
                Overwrite=True)
    out["overwrite"] = ({"Version": over["response"].get("Version")} if over["ok"]
                        else over["error"])

    plain = prefix + "/plain"
    call(r, "put_plain", ssm.put_parameter, Name=plain, Type="StringList", Value="a,b,c")
    got = call(r, "get_plain", ssm.get_parameter, Name=plain)
    out["stringlist"] = parameter_view(got["response"], canary) if got["ok"] else got["error"]

    missing = call(r, "missing", ssm.get_parameter, Name=prefix + "/does-not-exist")
    out["missing"] = {"ok": True} if missing["ok"] else missing["error"]

    deleted = call(r, "delete", ssm.delete_parameter, Name=secure)
    out["delete"] = ({"ok": True, "http_status": deleted["response"]["ResponseMetadata"]
                      ["HTTPStatusCode"]} if deleted["ok"] else deleted["error"])
    after = call(r, "after", ssm.get_parameter, Name=secure, WithDecryption=True)
    out["after_delete"] = {"ok": True} if after["ok"] else after["error"]

    text = json.dumps(out, default=str, sort_keys=True)
    if canary in text:  # belt and braces: never print the canary
        print(json.dumps({"fatal": "canary would have been printed"}))
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
