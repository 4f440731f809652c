"""The Parameter Store suites' boto3 worker: boto3_worker_loop.py talking to
ssm unless a request names another service, and keeping each write's "Version"
in a repeat's replies (PutParameter answers {"Version": n, ...}). Run by
client_drivers.WorkerDriver; client_drivers.InProcessDriver reads the same
settings.
"""

import sys

import boto3_worker_loop

SERVICE = "ssm"
VERSION_MEMBER = "Version"

if __name__ == "__main__":
    sys.exit(boto3_worker_loop.main(SERVICE, VERSION_MEMBER))
