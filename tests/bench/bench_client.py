#!/usr/bin/env python3
"""Client side of scripts/bench: loads parameters or secrets, pre-signs requests for
wrk, times PutSecretValue, prints the report. Talks only to the 127.0.0.1 endpoint it
is given.

  bench_client.py load      --op parameter|secret --env F --endpoint URL --count N
                            --threads T --values OUT
  bench_client.py sign      --op parameter|secret --env F --endpoint URL --values F
                            --requests N --out LUA_DATA [--json-out JSON]
  bench_client.py put-value --env F --endpoint URL --threads T --count N
  bench_client.py report    --results TSV

`load` writes N items of 32 random characters each with one botocore client per
thread and prints the rate: SecureString parameters /bench/pNNNNN (PutParameter) or
secrets bench/sNNNNN (CreateSecret). `sign` pre-signs N distinct reads over random
loaded names (GetParameter WithDecryption, or GetSecretValue) with botocore's
SigV4Auth, checks a few of them end to end (status 200 and the value), and writes them
as a Lua table for tests/bench/signed_requests.lua. `put-value` runs N PutSecretValue
calls on one fresh secret from T threads and prints the rate.
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import random
import secrets
import sys
import threading
import time
import urllib.parse


def read_env(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                values[k] = v
    return values


def check_endpoint(endpoint):
    host = urllib.parse.urlsplit(endpoint).hostname
    if host != "127.0.0.1":
        sys.exit(f"bench_client: refusing endpoint {endpoint}: only 127.0.0.1 is allowed")


class Op:
    """What differs between the two kinds of item the bench loads and reads; `load`,
    `sign` and their checks are otherwise one code path."""

    def __init__(self, service, write_api, read_api, target, name_format, write, read,
                 read_body, value_in):
        self.service = service          # botocore service name (also SigV4's)
        self.write_api = write_api      # for messages
        self.read_api = read_api
        self.target = target            # X-Amz-Target of the signed read
        self.name_format = name_format
        self.write = write              # (client, name, value) -> None
        self.read = read                # (client, name) -> value, through botocore
        self.read_body = read_body      # name -> JSON body of the signed read
        self.value_in = value_in        # parsed read response -> value

    def name(self, i):
        return self.name_format.format(i)


OPS = {
    "parameter": Op(
        "ssm", "PutParameter", "GetParameter", "AmazonSSM.GetParameter", "/bench/p{:05d}",
        write=lambda c, n, v: c.put_parameter(Name=n, Value=v, Type="SecureString",
                                              Overwrite=True),
        read=lambda c, n: c.get_parameter(Name=n, WithDecryption=True)["Parameter"]["Value"],
        read_body=lambda n: {"Name": n, "WithDecryption": True},
        value_in=lambda r: r["Parameter"]["Value"]),
    # Secret names have no leading "/" (it would be legal, but it is not how secrets
    # are usually named).
    "secret": Op(
        "secretsmanager", "CreateSecret", "GetSecretValue", "secretsmanager.GetSecretValue",
        "bench/s{:05d}",
        write=lambda c, n, v: c.create_secret(Name=n, SecretString=v),
        read=lambda c, n: c.get_secret_value(SecretId=n)["SecretString"],
        read_body=lambda n: {"SecretId": n},
        value_in=lambda r: r["SecretString"]),
}


def make_client(env, endpoint, service, cfg):
    import botocore.session
    return botocore.session.get_session().create_client(
        service, region_name=env.get("AWS_DEFAULT_REGION", "us-east-1"), endpoint_url=endpoint,
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"], config=cfg)


def warm_clients(pool, threads, client):
    """Makes each pool thread's client before a clock starts: botocore's client
    creation is slow and not what a rate is about."""
    ready = threading.Barrier(threads)

    def warm(_):
        client()
        ready.wait(timeout=120)

    list(pool.map(warm, range(threads)))


# --------------------------------------------------------------------------- load

def cmd_load(a):
    import botocore.config

    check_endpoint(a.endpoint)
    op = OPS[a.op]
    env = read_env(a.env)
    cfg = botocore.config.Config(retries={"max_attempts": 3, "mode": "standard"},
                                 max_pool_connections=2, connect_timeout=5, read_timeout=30)
    local = threading.local()

    def client():
        if getattr(local, "client", None) is None:
            local.client = make_client(env, a.endpoint, op.service, cfg)
        return local.client

    values = {op.name(i): secrets.token_urlsafe(24) for i in range(1, a.count + 1)}

    def put(name):
        op.write(client(), name, values[name])

    with concurrent.futures.ThreadPoolExecutor(a.threads) as pool:
        warm_clients(pool, a.threads, client)
        failures = []
        start = time.monotonic()
        futures = {pool.submit(put, n): n for n in values}
        for f in concurrent.futures.as_completed(futures):
            if f.exception() is not None:
                failures.append((futures[f], f.exception()))
        elapsed = time.monotonic() - start
    if failures:
        for name, e in failures[:5]:
            print(f"bench_client: {op.write_api} {name} failed: {e}", file=sys.stderr)
        sys.exit(f"bench_client: {len(failures)} of {a.count} puts failed")

    # A spot check through the same client library before anything is measured.
    probe = random.choice(list(values))
    if op.read(client(), probe) != values[probe]:
        sys.exit(f"bench_client: {op.read_api} {probe} returned a different value")

    fd = os.open(a.values, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(values, f)
    print(f"LOAD puts={a.count} threads={a.threads} seconds={elapsed:.2f} "
          f"rate={a.count / elapsed:.1f}")


# --------------------------------------------------------------------------- sign

def lua_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= o < 127:
            out.append(ch)
        else:
            out.append("\\%03d" % o if o < 256 else "?")
    out.append('"')
    return "".join(out)


def cmd_sign(a):
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    check_endpoint(a.endpoint)
    op = OPS[a.op]
    env = read_env(a.env)
    region = env.get("AWS_DEFAULT_REGION", "us-east-1")
    creds = Credentials(env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"])
    with open(a.values, encoding="utf-8") as f:
        values = json.load(f)
    names = sorted(values)
    count = min(a.requests, len(names))
    chosen = random.sample(names, count)
    netloc = urllib.parse.urlsplit(a.endpoint).netloc

    signed = []
    for name in chosen:
        body = json.dumps(op.read_body(name), separators=(",", ":"))
        req = AWSRequest(method="POST", url=a.endpoint.rstrip("/") + "/", data=body.encode(),
                         headers={"Host": netloc,
                                  "Content-Type": "application/x-amz-json-1.1",
                                  "X-Amz-Target": op.target})
        SigV4Auth(creds, op.service, region).add_auth(req)
        # wrk.format adds Content-Length itself.
        headers = {k: v for k, v in req.headers.items() if k.lower() != "content-length"}
        signed.append((name, headers, body))

    # End-to-end check of the exact bytes wrk will send (a few of them): 200 and
    # the value. A bad signature would otherwise show up only as a
    # wall of 4xx in the measurement.
    u = urllib.parse.urlsplit(a.endpoint)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    for name, headers, body in signed[:min(5, len(signed))]:
        try:
            conn.request("POST", "/", body=body.encode(), headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except OSError as e:
            sys.exit(f"bench_client: signed {op.read_api} {name} to {a.endpoint} failed: {e}")
        if resp.status != 200:
            sys.exit(f"bench_client: signed {op.read_api} {name} got {resp.status}: "
                     f"{data[:300]!r}")
        if op.value_in(json.loads(data)) != values[name]:
            sys.exit(f"bench_client: signed {op.read_api} {name} returned a different value")
    conn.close()

    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"-- Pre-signed {op.target} requests, written by bench_client.py.\n")
        f.write("return {\n")
        for _, headers, body in signed:
            hs = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
            f.write(f"  {{ headers = {{ {hs} }}, body = {lua_string(body)} }},\n")
        f.write("}\n")
    if a.json_out:
        with open(a.json_out, "w", encoding="utf-8") as f:
            json.dump([{"headers": h, "body": b} for _, h, b in signed], f)
    print(f"SIGN requests={len(signed)} checked={min(5, len(signed))}")


# --------------------------------------------------------------------------- put-value

def cmd_put_value(a):
    import botocore.config

    check_endpoint(a.endpoint)
    env = read_env(a.env)
    # No retries: an error must fail the run, not hide inside a lower rate.
    cfg = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"},
                                 max_pool_connections=2, connect_timeout=5, read_timeout=30)
    local = threading.local()

    def client():
        if getattr(local, "client", None) is None:
            local.client = make_client(env, a.endpoint, "secretsmanager", cfg)
        return local.client

    # A fresh secret per run and a fixed number of puts (not a duration): a put
    # costs more the more versions the secret has, so runs with different thread
    # counts compare only over the same versions. (Every version stays for 24 hours;
    # a secret keeps at most 10,000.)
    name = f"bench/put-t{a.threads}"
    client().create_secret(Name=name, SecretString=secrets.token_urlsafe(24))

    def put(_):
        value = secrets.token_urlsafe(24)
        t0 = time.perf_counter()
        client().put_secret_value(SecretId=name, SecretString=value)
        return time.perf_counter() - t0, value

    with concurrent.futures.ThreadPoolExecutor(a.threads) as pool:
        warm_clients(pool, a.threads, client)
        start = time.monotonic()
        try:
            done = list(pool.map(put, range(a.count)))  # (seconds, value) per put
        except Exception as e:  # botocore's errors have no common base worth naming
            pool.shutdown(cancel_futures=True)
            sys.exit(f"bench_client: PutSecretValue {name} failed: {e}")
        elapsed = time.monotonic() - start

    # Writers serialize on the secret's row; afterwards every acknowledged write must
    # be a version, and exactly one of them AWSCURRENT, holding a value that was written.
    c = client()
    versions, current, previous, token = 0, 0, 0, None
    while True:
        page = c.list_secret_version_ids(SecretId=name, IncludeDeprecated=True, MaxResults=100,
                                         **({"NextToken": token} if token else {}))
        for v in page["Versions"]:
            versions += 1
            current += "AWSCURRENT" in v.get("VersionStages", [])
            previous += "AWSPREVIOUS" in v.get("VersionStages", [])
        token = page.get("NextToken")
        if not token:
            break
    if versions != len(done) + 1 or current != 1 or previous != 1:
        sys.exit(f"bench_client: {name} has {versions} versions for {len(done)} puts + 1 "
                 f"({current} AWSCURRENT, {previous} AWSPREVIOUS)")
    if c.get_secret_value(SecretId=name)["SecretString"] not in {v for _, v in done}:
        sys.exit(f"bench_client: {name}'s AWSCURRENT value is none of the values written")

    seconds = sorted(s for s, _ in done)
    print(f"PUTVALUE threads={a.threads} puts={len(done)} seconds={elapsed:.2f} "
          f"rate={len(done) / elapsed:.1f} p50_ms={seconds[len(seconds) // 2] * 1000:.2f}")


# --------------------------------------------------------------------------- report

def fmt_rps(v):
    return "-" if v is None else f"{v:,.0f}"


def fmt_ms(us):
    return "-" if us is None else f"{us / 1000:.2f}"


def fmt_us(v):
    return "-" if v is None else f"{v:.1f}"


def fmt_pct(num, den):
    if num is None or not den:
        return "-"
    return f"{100.0 * num / den:.0f} %"


def print_table(header, rows):
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join(h.rjust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(v.rjust(w) for v, w in zip(r, widths)))


def cmd_report(a):
    runs = {}
    scalars = {}
    with open(a.results, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "run":
                # run PHASE CONNS RPS P50_US P99_US NON2XX SOCKET_ERRORS SERVER_CPU_US
                #     PG_CPU_US OTHER_LOAD_PCT WRK_CPU_US
                phase, conns = parts[1], int(parts[2])
                rps, p50, p99 = map(float, parts[3:6])
                bad, sock = int(parts[6]), int(parts[7])
                srv, pg, other, wrk = map(float, parts[8:12])
                runs[(phase, conns)] = dict(rps=rps, p50=p50, p99=p99, bad=bad, sock=sock,
                                            srv=srv, pg=pg, other=other, wrk=wrk)
            elif parts[0] == "value":
                scalars[parts[1]] = float(parts[2])
    # The audit phase's connection counts have their own table.
    conns = sorted({c for (p, c) in runs if not p.startswith("audit")})
    pg_tps = scalars.get("pgbench_tps")

    def get(phase, c, key):
        r = runs.get((phase, c))
        return None if r is None else r[key]

    def rps(phase, c):
        # A run with errors keeps its figure but is marked: it is not valid.
        r = runs.get((phase, c))
        text = fmt_rps(None if r is None else r["rps"])
        return text + " (!)" if r is not None and (r["bad"] or r["sock"]) else text

    print("Throughput and latency (wrk, threads = min(connections, 2))")
    header = ("conns", "warm rps", "p50 ms", "p99 ms", "nocache rps", "p50 ms", "p99 ms",
              "bare rps", "warm/bare", "nocache/pgbench")
    rows = []
    for c in conns:
        rows.append((str(c),
                     rps("warm", c), fmt_ms(get("warm", c, "p50")),
                     fmt_ms(get("warm", c, "p99")),
                     rps("nocache", c), fmt_ms(get("nocache", c, "p50")),
                     fmt_ms(get("nocache", c, "p99")),
                     rps("bare", c),
                     fmt_pct(get("warm", c, "rps"), get("bare", c, "rps")),
                     fmt_pct(get("nocache", c, "rps"), pg_tps)))
    print_table(header, rows)
    print(f"pgbench select-only (-S -c 8 -j 2 -M prepared): "
          f"{'-' if pg_tps is None else f'{pg_tps:,.0f}'} TPS "
          "(the nocache/pgbench column divides every row by this one figure)")
    if "load_rate" in scalars:
        print(f"load (PutParameter, SecureString): {scalars['load_rate']:,.1f} puts/s")
    print("goals (targets to compare against, not a test verdict): "
          "warm/bare >= 70 %, nocache/pgbench >= 60 %")

    # GetSecretValue has no cache: each read is a query and a decryption, so the
    # cache-off GetParameter row is the one to compare it with.
    print()
    print("GetSecretValue beside GetParameter (same wrk settings; GetSecretValue ran on the "
          "cache-on server, it is never cached)")
    header = ("operation", "conns", "rps", "p50 ms", "p99 ms", "server us/req",
              "postgres us/req", "wrk us/req", "other %")
    rows = []
    for c in conns:
        for phase, label in (("warm", "GetParameter, cache on"),
                             ("nocache", "GetParameter, cache off"),
                             ("secret", "GetSecretValue")):
            rows.append((label, str(c), rps(phase, c), fmt_ms(get(phase, c, "p50")),
                         fmt_ms(get(phase, c, "p99")), fmt_us(get(phase, c, "srv")),
                         fmt_us(get(phase, c, "pg")), fmt_us(get(phase, c, "wrk")),
                         "-" if get(phase, c, "other") is None
                         else f"{get(phase, c, 'other'):.0f}"))
    print_table(header, rows)
    if "secret_load_rate" in scalars:
        print(f"load (CreateSecret): {scalars['secret_load_rate']:,.1f} creates/s")
    # The thread counts are scripts/bench's put_threads.
    puts = [f"{t} thread(s) {scalars[f'put_value_t{t}']:,.1f} puts/s "
            f"(p50 {scalars.get(f'put_value_t{t}_p50_ms', 0):.2f} ms)"
            for t in (1, 8) if f"put_value_t{t}" in scalars]
    if puts:
        print("PutSecretValue on one secret (writers serialize on its row): " + ", ".join(puts))

    # Every request is audited; a read's record goes through the group commit.
    # A request holds its server worker until its record is committed, so the
    # phase runs on the server as started and again with 16 workers.
    commit_tps = scalars.get("single_row_commit_tps")
    audit_conns = sorted({c for (p, c) in runs if p.startswith("audit")})
    if audit_conns:
        print()
        print("Audit trail (always on): reads with their records, and how many records each "
              "audit commit carried")
        header = ("operation", "workers", "conns", "rps", "p50 ms", "p99 ms", "records",
                  "commits", "records/commit", "rps/commit rate")
        rows = []
        default_workers = scalars.get("audit_workers")
        for prefix, workers in (("audit", default_workers), ("audit2w", 2)):
            for op, label in (("parameter", "GetParameter"), ("secret", "GetSecretValue")):
                phase = f"{prefix}-{op}"
                for c in audit_conns:
                    records = scalars.get(f"{prefix}_{op}_c{c}_records")
                    commits = scalars.get(f"{prefix}_{op}_c{c}_commits")
                    ratio = "-" if not records or not commits else f"{records / commits:.1f}"
                    rows.append((label, "-" if workers is None else f"{workers:.0f}", str(c),
                                 rps(phase, c), fmt_ms(get(phase, c, "p50")),
                                 fmt_ms(get(phase, c, "p99")),
                                 "-" if records is None else f"{records:,.0f}",
                                 "-" if commits is None else f"{commits:,.0f}", ratio,
                                 fmt_pct(get(phase, c, "rps"), commit_tps)))
        print_table(header, rows)
        print("single-row INSERT commits on one connection (pgbench -c 1, the rate reads would "
              f"be capped at without group commit): "
              f"{'-' if commit_tps is None else f'{commit_tps:,.0f}'}/s")

    print()
    print("CPU per request in microseconds (from /proc; 'other' = CPU the rest of the "
          "machine used during the run, % of all cores)")
    header = ("conns", "warm server", "nocache server", "nocache postgres", "bare server",
              "wrk (warm/nocache/bare)", "other % (warm/nocache/bare)")
    rows = []

    def triple(key, fmt):
        return "/".join("-" if get(p, c, key) is None else fmt.format(get(p, c, key))
                        for p in ("warm", "nocache", "bare"))

    for c in conns:
        rows.append((str(c), fmt_us(get("warm", c, "srv")), fmt_us(get("nocache", c, "srv")),
                     fmt_us(get("nocache", c, "pg")), fmt_us(get("bare", c, "srv")),
                     triple("wrk", "{:.1f}"), triple("other", "{:.0f}")))
    print_table(header, rows)
    diag = []
    for cache in ("on", "off"):
        for t in (1, 2):
            cps = scalars.get(f"plugin_{cache}_t{t}_cps")
            cpu = scalars.get(f"plugin_{cache}_t{t}_cpu_us")
            if cps is not None:
                diag.append(f"plugin in-process, cache {cache}, {t} thread(s): {cps:,.0f} calls/s, "
                            f"{cpu:.1f} us CPU/call")
    if "pgbench_pg_us" in scalars:
        diag.append(f"pgbench select-only: postgres {scalars['pgbench_pg_us']:.1f} us CPU/txn")
    if "pgbench_query_tps" in scalars:
        q = scalars["pgbench_query_tps"]
        diag.append(f"pgbench with paramsafe's GetParameter query: {q:,.0f} TPS "
                    f"({fmt_pct(q, pg_tps)} of select-only), postgres "
                    f"{scalars.get('pgbench_query_pg_us', 0):.1f} us CPU/txn")
    if diag:
        print("diagnostics: " + "\n             ".join(diag))
    busy = [(k, r["other"]) for k, r in runs.items() if r["other"] >= 15]
    if busy:
        print(f"note: other processes took >= 15 % of the machine during {len(busy)} run(s); "
              "those figures are lower than on an idle machine")

    problems = [(k, r) for k, r in runs.items() if r["bad"] or r["sock"]]
    if problems:
        print()
        print("!" * 72)
        for (phase, c), r in sorted(problems):
            print(f"!!! ERRORS in {phase} at {c} connections: {r['bad']} non-2xx responses, "
                  f"{r['sock']} socket errors: those figures are NOT valid")
        print("!" * 72)
    zero = [k for k, r in runs.items() if r["rps"] <= 0 or r["p50"] <= 0]
    if zero:
        print(f"!!! zero figures in {sorted(zero)}")
    expected = {"warm", "nocache", "bare", "secret", "audit-parameter", "audit-secret",
                "audit2w-parameter", "audit2w-secret"}
    missing = expected - {p for (p, _) in runs}
    if missing:
        print(f"!!! no runs recorded for {sorted(missing)}")
    rates = ("load_rate", "secret_load_rate", "put_value_t1", "put_value_t8",
             "single_row_commit_tps")
    no_rate = [k for k in rates if scalars.get(k, 0) <= 0]
    if no_rate:
        print(f"!!! no or zero figures for {no_rate}")
    if problems or zero or missing or no_rate or not pg_tps or pg_tps <= 0:
        sys.exit(1)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    l = sub.add_parser("load")
    l.add_argument("--op", choices=sorted(OPS), default="parameter")
    l.add_argument("--env", required=True)
    l.add_argument("--endpoint", required=True)
    l.add_argument("--count", type=int, default=10000)
    l.add_argument("--threads", type=int, default=12)
    l.add_argument("--values", required=True)
    s = sub.add_parser("sign")
    s.add_argument("--op", choices=sorted(OPS), default="parameter")
    s.add_argument("--env", required=True)
    s.add_argument("--endpoint", required=True)
    s.add_argument("--values", required=True)
    s.add_argument("--requests", type=int, default=300)
    s.add_argument("--out", required=True)
    s.add_argument("--json-out", help="the same requests as JSON, for bench_plugin_calls")
    w = sub.add_parser("put-value")
    w.add_argument("--env", required=True)
    w.add_argument("--endpoint", required=True)
    w.add_argument("--threads", type=int, default=1)
    w.add_argument("--count", type=int, default=200)
    r = sub.add_parser("report")
    r.add_argument("--results", required=True)
    a = p.parse_args()
    {"load": cmd_load, "sign": cmd_sign, "put-value": cmd_put_value,
     "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
