#!/usr/bin/env python3
"""End-to-end test of the README's first command, `scripts/run`, for real.

Runs scripts/run with PARAMSAFE_HOME=<temp dir under /tmp, mode 711>,
PARAMSAFE_LISTEN=127.0.0.1:<free port>, PARAMSAFE_METRICS_LISTEN=127.0.0.1:<another
free port> and no PARAMSAFE_DATABASE_URL, so it starts
its own embedded PostgreSQL cluster; talks to it with `aws` (CLI v1) and `psql`;
stops it with SIGTERM (sent to the script only) and with Ctrl-C (SIGINT to the
process group, as a terminal does), checking that the server and the cluster stop
cleanly each time and that a second start reuses the data and the credential.

  test_run_script.py [--source-dir DIR]     (default: the repository of this file)

scripts/run's setup and build steps are no-ops when everything is installed and
built; PARAMSAFE_E2E_RUN_START_TIMEOUT (seconds, default 180) bounds a start.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
START_TIMEOUT = float(os.environ.get("PARAMSAFE_E2E_RUN_START_TIMEOUT", "180"))
STOP_TIMEOUT = 30


def processes_mentioning(text):
    """PIDs whose command line or environment contains `text` (read from /proc)."""
    found = []
    me = os.getpid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        for what in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{what}", "rb") as f:
                    if text.encode() in f.read():
                        found.append(int(pid))
                        break
            except OSError:
                pass
    return found


def port_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


class RunScript:
    """One `scripts/run` process in its own session, its output in a file."""

    def __init__(self, home, port, metrics_port, secrets):
        self.home = home
        self.port = port
        self.secrets = secrets
        fd, self.log_path = tempfile.mkstemp(prefix="paramsafe-run-log.", dir="/tmp")
        os.close(fd)
        env = harness.clean_env({"PARAMSAFE_HOME": home,
                                 "PARAMSAFE_LISTEN": f"127.0.0.1:{port}",
                                 "PARAMSAFE_METRICS_LISTEN": f"127.0.0.1:{metrics_port}"})
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([os.path.join(SOURCE_DIR, "scripts", "run")],
                                         stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, env=env,
                                         start_new_session=True)

    def output(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return self.secrets.redact(f.read())

    def wait_listening(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if "listening on" in self.output():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"scripts/run exited {self.proc.returncode} before "
                                     f"listening:\n{self.output()[-5000:]}")
            time.sleep(0.2)
        raise AssertionError(f"scripts/run did not print 'listening' within {START_TIMEOUT:.0f} s:"
                             f"\n{self.output()[-5000:]}")

    def wait_exit(self, timeout=STOP_TIMEOUT):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill_leftovers(self):
        """Cleanup after a failure: our script's session only, by its id."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            if self.wait_exit() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)  # the session we created
                except ProcessLookupError:
                    pass
                self.proc.wait()
        try:
            os.unlink(self.log_path)
        except OSError:
            pass


class RunScriptTest(unittest.TestCase):

    def setUp(self):
        self.secrets = harness.Secrets()
        self.home = tempfile.mkdtemp(prefix="paramsafe-run.", dir="/tmp")
        os.chmod(self.home, 0o711)  # the postgres user must reach <home>/pgdata
        self.addCleanup(self.remove_home)
        self.port = harness.free_port()
        self.metrics_port = harness.free_port()
        while self.metrics_port == self.port:
            self.metrics_port = harness.free_port()
        self.aws_config = tempfile.NamedTemporaryFile(prefix="paramsafe-aws-config.")
        self.addCleanup(self.aws_config.close)
        self.runs = []

    def remove_home(self):
        for run in self.runs:
            run.kill_leftovers()
        if os.path.exists(os.path.join(self.home, "pgdata", "postmaster.pid")):
            subprocess.run(["bash", "-c", '. "$1/scripts/lib/pg.sh"; pg_stop "$2"', "_",
                            SOURCE_DIR, self.home], timeout=60, env=harness.clean_env())
        shutil.rmtree(self.home, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------

    def start(self):
        run = RunScript(self.home, self.port, self.metrics_port, self.secrets)
        self.runs.append(run)
        run.wait_listening()
        return run

    def client_env(self):
        values = harness.read_env_file(os.path.join(self.home, "client.env"))
        self.secrets.add(values.get("AWS_SECRET_ACCESS_KEY"))
        return values

    def aws(self, values, *args):
        env = harness.clean_env({k: v for k, v in values.items() if k.startswith("AWS_")})
        env.update({"AWS_CONFIG_FILE": self.aws_config.name,
                    "AWS_SHARED_CREDENTIALS_FILE": self.aws_config.name,
                    "AWS_PAGER": "", "AWS_EC2_METADATA_DISABLED": "true"})
        cmd = [shutil.which("aws") or "aws", "--endpoint-url", values["PARAMSAFE_ENDPOINT"],
               "--output", "json", *args]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                           timeout=harness.PROCESS_TIMEOUT)
        self.assertEqual(r.returncode, 0, f"aws {self.secrets.redact(' '.join(args))}: "
                                          f"{self.secrets.redact(r.stderr)}")
        return json.loads(r.stdout) if r.stdout.strip() else {}

    def assert_stopped_cleanly(self, run, expected_rc, how):
        rc = run.wait_exit()
        self.assertIsNotNone(rc, f"scripts/run still running {STOP_TIMEOUT} s after {how}:\n"
                                 f"{run.output()[-3000:]}")
        self.assertEqual(rc, expected_rc, f"exit code after {how}:\n{run.output()[-3000:]}")
        self.assertFalse(os.path.exists(os.path.join(self.home, "pgdata", "postmaster.pid")),
                         f"embedded PostgreSQL still running after {how}")
        left = processes_mentioning(self.home)
        self.assertEqual(left, [], f"processes of this PARAMSAFE_HOME left after {how}")
        self.assertFalse(port_open(self.port), f"port {self.port} still open after {how}")
        self.assertFalse(port_open(self.metrics_port),
                         f"metrics port {self.metrics_port} still open after {how}")
        self.assertNotIn("<redacted>", run.output(), "a secret appeared in scripts/run's output")

    # -- tests -------------------------------------------------------------------

    def test_first_start_serves_the_readme_commands_and_stops_on_sigterm(self):
        run = self.start()
        env_file = os.path.join(self.home, "client.env")
        self.assertEqual(stat.S_IMODE(os.stat(env_file).st_mode), 0o600)
        values = self.client_env()
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
                  "PARAMSAFE_ENDPOINT", "PARAMSAFE_DATABASE_URL"):
            self.assertTrue(values.get(k), f"client.env has no {k}")
        self.assertEqual(values["PARAMSAFE_ENDPOINT"], f"http://127.0.0.1:{self.port}")
        self.assertEqual(values["AWS_DEFAULT_REGION"], "us-east-1")
        self.assertEqual(values.get("PARAMSAFE_METRICS_ENDPOINT"),
                         f"http://127.0.0.1:{self.metrics_port}/metrics")

        canary = self.secrets.canary()
        out = self.aws(values, "ssm", "put-parameter", "--name", "/demo/db/password",
                       "--type", "SecureString", "--value", canary)
        self.assertEqual(out.get("Version"), 1)
        p = self.aws(values, "ssm", "get-parameter", "--name", "/demo/db/password",
                     "--with-decryption")["Parameter"]
        self.assertTrue(p.get("Value") == canary, "decrypted value differs (not shown)")

        r = subprocess.run([harness.pg_tool("psql"), values["PARAMSAFE_DATABASE_URL"], "-Atc",
                            "select count(*) from paramsafe.items"],
                           capture_output=True, text=True, timeout=harness.PROCESS_TIMEOUT,
                           env=harness.clean_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreaterEqual(int(r.stdout.strip()), 1)

        with urllib.request.urlopen(values["PARAMSAFE_METRICS_ENDPOINT"], timeout=10) as resp:
            self.assertEqual(resp.status, 200)
            text = resp.read().decode()
        self.assertIn('paramsafe_requests_total{service="ssm",action="PutParameter",'
                      'outcome="success"} 1', text)
        self.assertEqual(self.secrets.find_in(text), 0, "a secret appeared in the metrics")

        os.kill(run.proc.pid, signal.SIGTERM)  # the script only, not its group
        self.assert_stopped_cleanly(run, 143, "SIGTERM")

    def test_second_start_reuses_data_and_credential_and_stops_on_ctrl_c(self):
        first = self.start()
        values = self.client_env()
        canary = self.secrets.canary()
        self.aws(values, "ssm", "put-parameter", "--name", "/demo/db/password",
                 "--type", "SecureString", "--value", canary)
        os.kill(first.proc.pid, signal.SIGTERM)
        self.assert_stopped_cleanly(first, 143, "SIGTERM")

        second = self.start()
        again = self.client_env()
        self.assertEqual(again["AWS_ACCESS_KEY_ID"], values["AWS_ACCESS_KEY_ID"])
        self.assertTrue(again["AWS_SECRET_ACCESS_KEY"] == values["AWS_SECRET_ACCESS_KEY"],
                        "the secret access key changed")
        self.assertIn("reusing access key", second.output())
        p = self.aws(again, "ssm", "get-parameter", "--name", "/demo/db/password",
                     "--with-decryption")["Parameter"]
        self.assertTrue(p.get("Value") == canary, "decrypted value differs (not shown)")

        os.killpg(second.proc.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group
        self.assert_stopped_cleanly(second, 130, "SIGINT to the process group")


def main():
    global SOURCE_DIR
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source-dir", default=SOURCE_DIR)
    ap.add_argument("-k", action="append", dest="patterns")
    args = ap.parse_args()
    SOURCE_DIR = os.path.abspath(args.source_dir)
    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = [p if "*" in p else f"*{p}*" for p in args.patterns]
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(
        loader.loadTestsFromTestCase(RunScriptTest))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
