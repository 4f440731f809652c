#!/usr/bin/env python3
"""Client side of scripts/bench: loads parameters, pre-signs requests for wrk, prints
the report. Talks only to the 127.0.0.1 endpoint it is given.

  bench_client.py load   --env F --endpoint URL --count N --threads T --values OUT
  bench_client.py sign   --env F --endpoint URL --values F --requests N --out LUA_DATA
                         [--json-out JSON]
  bench_client.py report --results TSV [--quick]

`load` puts N SecureString parameters /bench/pNNNNN (32 random characters each)
with one botocore client per thread and prints the rate. `sign` pre-signs N distinct
GetParameter (WithDecryption) requests over random loaded names with botocore's
SigV4Auth, checks a few of them end to end (status 200 and the decrypted value), and
writes them as a Lua table for tests/bench/signed_requests.lua.
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


def param_name(i):
    return f"/bench/p{i:05d}"


# --------------------------------------------------------------------------- load

def cmd_load(a):
    import botocore.config
    import botocore.session

    check_endpoint(a.endpoint)
    env = read_env(a.env)
    region = env.get("AWS_DEFAULT_REGION", "us-east-1")
    cfg = botocore.config.Config(retries={"max_attempts": 3, "mode": "standard"},
                                 max_pool_connections=2, connect_timeout=5, read_timeout=30)
    local = threading.local()

    def client():
        c = getattr(local, "client", None)
        if c is None:
            session = botocore.session.get_session()
            c = session.create_client(
                "ssm", region_name=region, endpoint_url=a.endpoint,
                aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"], config=cfg)
            local.client = c
        return c

    values = {param_name(i): secrets.token_urlsafe(24) for i in range(1, a.count + 1)}

    def put(name):
        client().put_parameter(Name=name, Value=values[name], Type="SecureString",
                               Overwrite=True)

    # Clients are made before the clock starts: botocore's client creation is slow
    # and not what the load rate is about.
    with concurrent.futures.ThreadPoolExecutor(a.threads) as pool:
        ready = threading.Barrier(a.threads)

        def warm(_):
            client()
            ready.wait(timeout=120)

        list(pool.map(warm, range(a.threads)))
        failures = []
        start = time.monotonic()
        futures = {pool.submit(put, n): n for n in values}
        for f in concurrent.futures.as_completed(futures):
            if f.exception() is not None:
                failures.append((futures[f], f.exception()))
        elapsed = time.monotonic() - start
    if failures:
        for name, e in failures[:5]:
            print(f"bench_client: PutParameter {name} failed: {e}", file=sys.stderr)
        sys.exit(f"bench_client: {len(failures)} of {a.count} puts failed")

    # A spot check through the same client library before anything is measured.
    probe = random.choice(list(values))
    got = client().get_parameter(Name=probe, WithDecryption=True)["Parameter"]["Value"]
    if got != values[probe]:
        sys.exit(f"bench_client: GetParameter {probe} returned a different value")

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
        body = json.dumps({"Name": name, "WithDecryption": True}, separators=(",", ":"))
        req = AWSRequest(method="POST", url=a.endpoint.rstrip("/") + "/", data=body.encode(),
                         headers={"Host": netloc,
                                  "Content-Type": "application/x-amz-json-1.1",
                                  "X-Amz-Target": "AmazonSSM.GetParameter"})
        SigV4Auth(creds, "ssm", region).add_auth(req)
        # wrk.format adds Content-Length itself.
        headers = {k: v for k, v in req.headers.items() if k.lower() != "content-length"}
        signed.append((name, headers, body))

    # End-to-end check of the exact bytes wrk will send (a few of them): 200 and
    # the decrypted value. A bad signature would otherwise show up only as a
    # wall of 4xx in the measurement.
    u = urllib.parse.urlsplit(a.endpoint)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    for name, headers, body in signed[:min(5, len(signed))]:
        try:
            conn.request("POST", "/", body=body.encode(), headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except OSError as e:
            sys.exit(f"bench_client: signed GetParameter {name} to {a.endpoint} failed: {e}")
        if resp.status != 200:
            sys.exit(f"bench_client: signed GetParameter {name} got {resp.status}: "
                     f"{data[:300]!r}")
        if json.loads(data)["Parameter"]["Value"] != values[name]:
            sys.exit(f"bench_client: signed GetParameter {name} returned a different value")
    conn.close()

    with open(a.out, "w", encoding="utf-8") as f:
        f.write("-- Pre-signed AmazonSSM.GetParameter requests, written by bench_client.py.\n")
        f.write("return {\n")
        for _, headers, body in signed:
            hs = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
            f.write(f"  {{ headers = {{ {hs} }}, body = {lua_string(body)} }},\n")
        f.write("}\n")
    if a.json_out:
        with open(a.json_out, "w", encoding="utf-8") as f:
            json.dump([{"headers": h, "body": b} for _, h, b in signed], f)
    print(f"SIGN requests={len(signed)} checked={min(5, len(signed))}")


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
    conns = sorted({c for (_, c) in runs})
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
    expected = {"warm", "nocache", "bare"}
    missing = expected - {p for (p, _) in runs}
    if missing:
        print(f"!!! no runs recorded for {sorted(missing)}")
    if problems or zero or missing or not pg_tps or pg_tps <= 0 or \
            scalars.get("load_rate", 0) <= 0:
        sys.exit(1)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    l = sub.add_parser("load")
    l.add_argument("--env", required=True)
    l.add_argument("--endpoint", required=True)
    l.add_argument("--count", type=int, default=10000)
    l.add_argument("--threads", type=int, default=12)
    l.add_argument("--values", required=True)
    s = sub.add_parser("sign")
    s.add_argument("--env", required=True)
    s.add_argument("--endpoint", required=True)
    s.add_argument("--values", required=True)
    s.add_argument("--requests", type=int, default=300)
    s.add_argument("--out", required=True)
    s.add_argument("--json-out", help="the same requests as JSON, for bench_plugin_calls")
    r = sub.add_parser("report")
    r.add_argument("--results", required=True)
    a = p.parse_args()
    {"load": cmd_load, "sign": cmd_sign, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
