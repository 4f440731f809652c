"""The Secrets Manager suites' boto3 worker: boto3_worker_loop.py talking to
secretsmanager unless a request names another service (the bridge tests ask
for ssm), and keeping each write's "VersionId" in a repeat's replies
(PutSecretValue answers {"VersionId": id, ...}). Run by
client_drivers.WorkerDriver; client_drivers.InProcessDriver reads the same
settings.
"""

import sys

import boto3_worker_loop

SERVICE = "secretsmanager"
VERSION_MEMBER = "VersionId"

if __name__ == "__main__":
    sys.exit(boto3_worker_loop.main(SERVICE, VERSION_MEMBER))
