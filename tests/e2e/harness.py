"""End-to-end harness: one paramsafe-server on a scratch database.

Given PARAMSAFE_TEST_DATABASE_URL (a libpq URL to the `postgres` database of a
throw-away cluster, as a superuser), Harness.start():
  1. creates a scratch database with a random name,
  2. makes a private temp dir holding the root key file (created by the server),
     the server's stdout/stderr logs and empty aws config files,
  3. starts paramsafe-server on 127.0.0.1:0 with its metrics on another free
     port (PARAMSAFE_AUTH_CACHE_MS=0, so a disabled access key is refused at
     once, plus the server_env the suite asked for) and parses the printed port
     and metrics URL (metrics_endpoint),
  4. runs `paramsafe bootstrap` and reads the client.env it writes.
Harness.close() stops the server with SIGTERM and drops the database.

The binaries come from PARAMSAFE_E2E_SERVER, PARAMSAFE_E2E_PLUGIN and
PARAMSAFE_E2E_CLI (ctest passes them from the CMake targets).

Secrets (canaries, secret access keys) are registered with the harness so that
every text shown on failure goes through redact() first: nothing secret is
printed.
"""

import base64
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

PROCESS_TIMEOUT = 60  # seconds, any single client or tool call


# The policy create_user_with_key attaches unless told otherwise.
ALLOW_ALL = {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


class HarnessError(Exception):
    pass


def pg_tool(name):
    """The newest /usr/lib/postgresql/*/bin/<name>, else <name> from PATH."""
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                  key=lambda d: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", d)])
    for d in reversed(dirs):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    p = shutil.which(name)
    if p is None:
        raise HarnessError(f"{name} not found (neither in /usr/lib/postgresql/*/bin nor on PATH)")
    return p


def with_database(url, dbname):
    """The libpq URL `url` pointing at database `dbname` instead."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise HarnessError("PARAMSAFE_TEST_DATABASE_URL must be a postgresql:// URL")
    return urllib.parse.urlunsplit(parts._replace(path="/" + dbname))


def clean_env(extra=None):
    """os.environ without any AWS_* or PARAMSAFE_* variable, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and not k.startswith("PARAMSAFE_")}
    env.update(extra or {})
    return env


def read_env_file(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            values[k] = v
    return values


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_name(prefix):
    return f"{prefix}{secrets.token_hex(6)}"


class Secrets:
    """Values that must never be printed nor stored in plaintext."""

    def __init__(self):
        self._values = set()

    def add(self, value):
        if value:
            self._values.add(value)
        return value

    def canary(self):
        # Letters and digits only: safe on any command line, and never mistaken by
        # aws CLI v1 for a file:// or http:// parameter.
        return self.add("cnry" + secrets.token_hex(16))

    def values(self):
        return sorted(self._values)

    def redact(self, text):
        if text is None:
            return ""
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        for v in sorted(self._values, key=len, reverse=True):
            text = text.replace(v, "<redacted>")
        return text

    def find_in(self, text):
        """How many registered values appear in `text` (as text, hex or base64)."""
        hits = 0
        lowered = text.lower()
        for v in self._values:
            forms = {v, base64.b64encode(v.encode()).decode().rstrip("=")}
            if v.lower() in lowered or v.encode().hex() in lowered:
                hits += 1
            elif any(f in text for f in forms):
                hits += 1
        return hits


class Harness:
    def __init__(self, server=None, plugin=None, cli=None, admin_url=None, server_env=None):
        self.server_bin = server or os.environ.get("PARAMSAFE_E2E_SERVER")
        self.plugin = plugin or os.environ.get("PARAMSAFE_E2E_PLUGIN")
        self.cli_bin = cli or os.environ.get("PARAMSAFE_E2E_CLI")
        self.admin_url = admin_url if admin_url is not None else os.environ.get(
            "PARAMSAFE_TEST_DATABASE_URL", "")
        self.server_env = dict(server_env or {})  # wins over _start_server's fixed settings
        self.secrets = Secrets()
        self.tmp = None
        self.dbname = None
        self.database_url = None
        self.proc = None
        self.server_rc = None
        self.port = None
        self.endpoint = None
        self.metrics_endpoint = None  # http://127.0.0.1:<port>/metrics, or None when off
        self.client = {}
        self.log_text = ""  # server stderr, kept after close() for failure reports

    # ---- lifecycle -------------------------------------------------------------

    def start(self):
        if not self.admin_url:
            raise HarnessError(
                "PARAMSAFE_TEST_DATABASE_URL is not set: point it at the `postgres` database "
                "of a throw-away PostgreSQL cluster, as a superuser (scripts/test does this; by "
                "hand: source scripts/lib/pg.sh; pg_start DIR; "
                "export PARAMSAFE_TEST_DATABASE_URL=$(pg_url DIR postgres))")
        for what, path in (("PARAMSAFE_E2E_SERVER (paramsafe-server)", self.server_bin),
                           ("PARAMSAFE_E2E_PLUGIN (libparamsafe.so)", self.plugin),
                           ("PARAMSAFE_E2E_CLI (paramsafe)", self.cli_bin)):
            if not path or not os.path.isfile(path):
                raise HarnessError(f"{what} not found: {path!r}; build the project first")
        self.psql = pg_tool("psql")
        self.tmp = tempfile.mkdtemp(prefix="paramsafe-e2e.")
        os.chmod(self.tmp, 0o700)
        for name in ("aws-config", "aws-credentials"):
            open(os.path.join(self.tmp, name), "w").close()
        self.root_key_file = os.path.join(self.tmp, "root.key")
        self.client_env_file = os.path.join(self.tmp, "client.env")
        self.stdout_path = os.path.join(self.tmp, "server.stdout")
        self.stderr_path = os.path.join(self.tmp, "server.stderr")

        self.dbname = random_name("paramsafe_e2e_")
        self.psql_admin(f'CREATE DATABASE "{self.dbname}"')
        self.database_url = with_database(self.admin_url, self.dbname)

        self._start_server()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        r = self.run_admin("bootstrap", "--client-env", self.client_env_file,
                           "--endpoint", self.endpoint, "--region", "us-east-1")
        if r.returncode != 0:
            raise HarnessError(f"paramsafe bootstrap failed ({r.returncode}): "
                               f"{self.secrets.redact(r.stderr)}")
        self.client = read_env_file(self.client_env_file)
        self.secrets.add(self.client.get("AWS_SECRET_ACCESS_KEY"))
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
                  "PARAMSAFE_ENDPOINT"):
            if not self.client.get(k):
                raise HarnessError(f"client.env has no {k}")
        return self

    def _start_server(self):
        env = clean_env({
            "PARAMSAFE_DATABASE_URL": self.database_url,
            "PARAMSAFE_ROOT_KEY_FILE": self.root_key_file,
            "PARAMSAFE_AUTH_CACHE_MS": "0",
            "PARAMSAFE_LOG_REQUESTS": "1",
            # Never the fixed default port: suites run in parallel.
            "PARAMSAFE_METRICS_LISTEN": "127.0.0.1:0",
            **self.server_env,
        })
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(
                [self.server_bin, "--plugin", self.plugin, "--listen", "127.0.0.1:0",
                 "--shutdown-grace-ms", "3000"],
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        deadline = time.monotonic() + 30
        pattern = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")
        while time.monotonic() < deadline:
            with open(self.stdout_path, encoding="utf-8", errors="replace") as f:
                out = f.read()
            m = pattern.search(out)
            if m:
                self.port = int(m.group(1))
                # Printed with the port, before the server flushes its stdout.
                metrics = re.search(r"serves metrics at (http://\S+/metrics)", out)
                self.metrics_endpoint = metrics.group(1) if metrics else None
                return
            if self.proc.poll() is not None:
                raise HarnessError(f"paramsafe-server exited with {self.proc.returncode} before "
                                   f"listening; stderr:\n{self.server_log()}")
            time.sleep(0.05)
        raise HarnessError(f"paramsafe-server did not print its port within 30 s; stderr:\n"
                           f"{self.server_log()}")

    def stop_server(self, timeout=5):
        """SIGTERM; returns the exit code, or None when it did not exit in time."""
        if self.proc is None:
            return self.server_rc
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.server_rc = None
                self.proc = None
                return None
        self.server_rc = self.proc.returncode
        self.proc = None
        return self.server_rc

    def server_running(self):
        return self.proc is not None and self.proc.poll() is None

    def close(self):
        errors = []
        if self.proc is not None:
            rc = self.stop_server()
            if rc != 0:
                errors.append(f"paramsafe-server exit code on SIGTERM: {rc}")
        if self.tmp and os.path.exists(self.stderr_path):
            self.log_text = self.raw_server_log()
        if self.dbname:
            try:
                self.psql_admin(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')
            except HarnessError as e:
                errors.append(str(e))
            self.dbname = None
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
        if errors:
            raise HarnessError("; ".join(errors))

    # ---- tools -----------------------------------------------------------------

    def psql_admin(self, sql):
        r = subprocess.run([self.psql, self.admin_url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql],
                           capture_output=True, text=True, timeout=PROCESS_TIMEOUT,
                           env=clean_env())
        if r.returncode != 0:
            raise HarnessError(f"psql failed ({sql}): {r.stderr.strip()}")
        return r.stdout

    def pg_dump(self):
        r = subprocess.run([pg_tool("pg_dump"), "--no-owner", self.database_url],
                           capture_output=True, text=True, timeout=PROCESS_TIMEOUT,
                           env=clean_env())
        if r.returncode != 0:
            raise HarnessError(f"pg_dump failed: {r.stderr.strip()}")
        return r.stdout

    def raw_server_log(self):
        if self.tmp and os.path.exists(self.stderr_path):
            with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        return self.log_text

    def server_log(self):
        """The server's stderr, redacted."""
        return self.secrets.redact(self.raw_server_log())

    def admin_env(self):
        return clean_env({
            "PARAMSAFE_DATABASE_URL": self.database_url,
            "PARAMSAFE_ROOT_KEY_FILE": self.root_key_file,
        })

    def run_admin(self, *args):
        """Runs the admin CLI `paramsafe`; output is text (stdout may hold a secret)."""
        return subprocess.run([self.cli_bin, *args], capture_output=True, text=True,
                              timeout=PROCESS_TIMEOUT, env=self.admin_env(),
                              stdin=subprocess.DEVNULL)

    def aws_env(self, access_key_id=None, secret_access_key=None, region=None):
        """Environment for `aws` (v1 and v2) and boto3: the client.env credential
        unless told otherwise, and no config file of the machine."""
        return clean_env({
            "AWS_ACCESS_KEY_ID": access_key_id or self.client["AWS_ACCESS_KEY_ID"],
            "AWS_SECRET_ACCESS_KEY": secret_access_key or self.client["AWS_SECRET_ACCESS_KEY"],
            "AWS_DEFAULT_REGION": region or self.client["AWS_DEFAULT_REGION"],
            "AWS_CONFIG_FILE": os.path.join(self.tmp, "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.tmp, "aws-credentials"),
            "AWS_PAGER": "",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CLI_AUTO_PROMPT": "off",
            "PARAMSAFE_ENDPOINT": self.endpoint,
        })

    def ssm(self, region=None, access_key_id=None, secret_access_key=None):
        """An in-process boto3 SSM client, for fixtures (fast: no process start).
        The behaviour under test always goes through the client being tested."""
        import boto3
        from botocore.config import Config
        # The machine's aws config must not leak into this process's clients.
        os.environ["AWS_CONFIG_FILE"] = os.path.join(self.tmp, "aws-config")
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(self.tmp, "aws-credentials")
        return boto3.session.Session(
            aws_access_key_id=access_key_id or self.client["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=secret_access_key or self.client["AWS_SECRET_ACCESS_KEY"],
            region_name=region or self.client["AWS_DEFAULT_REGION"],
        ).client("ssm", endpoint_url=self.endpoint,
                 config=Config(retries={"max_attempts": 1}))

    def create_user_with_key(self, user, policy=ALLOW_ALL, policy_name="default"):
        """`paramsafe iam create-user` + `create-access-key`, then `policy` (a
        dict; None: none) attached as inline policy `policy_name`, since a user
        without a policy may do nothing. Returns the parsed create-access-key
        output ({"AccessKey": {...}}), its secret registered."""
        r = self.run_admin("iam", "create-user", "--user-name", user)
        if r.returncode != 0:
            raise HarnessError(f"iam create-user failed: {r.stderr.strip()}")
        r = self.run_admin("iam", "create-access-key", "--user-name", user)
        if r.returncode != 0:
            raise HarnessError(f"iam create-access-key failed: {r.stderr.strip()}")
        try:
            out = json.loads(r.stdout)
        except ValueError:
            raise HarnessError("iam create-access-key did not print JSON") from None
        self.secrets.add(out.get("AccessKey", {}).get("SecretAccessKey"))
        if policy is not None:
            self.put_user_policy(user, policy_name, policy)
        return out

    def put_user_policy(self, user, policy_name, policy):
        """`paramsafe iam put-user-policy` with `policy` (a dict, or JSON text).
        Running servers see it within their auth_cache_ms."""
        document = policy if isinstance(policy, str) else json.dumps(policy)
        r = self.run_admin("iam", "put-user-policy", "--user-name", user,
                           "--policy-name", policy_name, "--policy-document", document)
        if r.returncode != 0:
            raise HarnessError(f"iam put-user-policy failed: {r.stderr.strip()}")

    def delete_user_policy(self, user, policy_name):
        """`paramsafe iam delete-user-policy`."""
        r = self.run_admin("iam", "delete-user-policy", "--user-name", user,
                           "--policy-name", policy_name)
        if r.returncode != 0:
            raise HarnessError(f"iam delete-user-policy failed: {r.stderr.strip()}")

def module_harness(server_env=None):
    """A started Harness (its server with `server_env` too), or HarnessError with
    the reason."""
    h = Harness(server_env=server_env)
    try:
        return h.start()
    except BaseException:
        try:
            h.close()
        except HarnessError:
            pass
        raise
