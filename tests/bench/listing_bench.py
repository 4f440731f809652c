#!/usr/bin/env python3
"""Listing part of scripts/bench: how the cost of one page of DescribeParameters and
GetParametersByPath depends on the size of the store. Talks only to 127.0.0.1.

  listing_bench.py --env F --endpoint URL --big-prefix /bench --big-count N [--repeat R]

It creates a small tree /small/t/q000../small/t/q099 (100 String parameters, two
tagged) beside the big flat level the main bench loaded (N parameters under
--big-prefix), then times, one request at a time, the median latency of:
  - one page of each listing over the small level and over the big level;
  - a filter that matches 2 of the big level's parameters (pages are bounded, so
    they come back short and the paginator walks on: the total grows with the
    store, each page does not);
  - walking the whole big level with the boto3 paginator (pages/s).
Flat page latencies from 100 to N parameters are what "cost grows with the page,
not with the store" means. Prints figures; never asserts a speed. Exit status 1 when
a request failed or a listing returned the wrong set.
"""
import argparse
import statistics
import sys
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


def make_client(env, endpoint):
    import botocore.config
    import botocore.session
    if urllib.parse.urlsplit(endpoint).hostname != "127.0.0.1":
        sys.exit(f"listing_bench: refusing endpoint {endpoint}: only 127.0.0.1 is allowed")
    cfg = botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=5,
                                 read_timeout=60)
    return botocore.session.get_session().create_client(
        "ssm", region_name=env.get("AWS_DEFAULT_REGION", "us-east-1"), endpoint_url=endpoint,
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"], config=cfg)


def median_ms(fn, repeat):
    fn()  # warm: statement preparation, connection
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--env", required=True)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--big-prefix", required=True)
    p.add_argument("--big-count", type=int, required=True)
    p.add_argument("--repeat", type=int, default=30)
    a = p.parse_args()
    ssm = make_client(read_env(a.env), a.endpoint)

    small = [f"/small/t/q{i:03d}" for i in range(100)]
    for i, name in enumerate(small):
        kw = {"Tags": [{"Key": "team", "Value": "rare"}]} if i in (10, 90) else {}
        ssm.put_parameter(Name=name, Value=f"v{i}", Type="String", **kw)
    big = a.big_prefix.rstrip("/")
    # Two parameters of the big level get the rare tag too.
    rare_big = []
    for j in (a.big_count // 3, 2 * a.big_count // 3):
        name = f"{big}/p{max(j, 1):05d}"
        ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId=name,
                                 Tags=[{"Key": "team", "Value": "rare"}])
        rare_big.append(name)

    def describe_path(path, **kw):
        return lambda: ssm.describe_parameters(
            ParameterFilters=[{"Key": "Path", "Option": "OneLevel", "Values": [path]}],
            MaxResults=50, **kw)

    def by_path(path):
        return lambda: ssm.get_parameters_by_path(Path=path, MaxResults=10)

    def describe_tag(path):
        return lambda: ssm.describe_parameters(ParameterFilters=[
            {"Key": "Path", "Option": "OneLevel", "Values": [path]},
            {"Key": "tag:team", "Values": ["rare"]}], MaxResults=50)

    rows = []
    for label, small_fn, big_fn in [
            ("DescribeParameters, Path OneLevel, 50/page", describe_path("/small/t"),
             describe_path(big)),
            ("GetParametersByPath, one level, 10/page", by_path("/small/t"), by_path(big)),
            ("DescribeParameters, tag filter (2 matches), first page", describe_tag("/small/t"),
             describe_tag(big))]:
        rows.append((label, median_ms(small_fn, a.repeat), median_ms(big_fn, a.repeat)))

    failures = []
    # Whole-level walks: every parameter exactly once, and how many pages it took.
    t0 = time.perf_counter()
    seen, pages = [], 0
    for page in ssm.get_paginator("get_parameters_by_path").paginate(Path=big):
        pages += 1
        seen.extend(x["Name"] for x in page["Parameters"])
    walk_s = time.perf_counter() - t0
    if len(seen) != len(set(seen)) or len(seen) < a.big_count:
        failures.append(f"paginated walk of {big}: {len(seen)} names, "
                        f"{len(set(seen))} distinct, expected {a.big_count}")
    t0 = time.perf_counter()
    found, tag_pages = [], 0
    for page in ssm.get_paginator("describe_parameters").paginate(ParameterFilters=[
            {"Key": "Path", "Option": "OneLevel", "Values": [big]},
            {"Key": "tag:team", "Values": ["rare"]}]):
        tag_pages += 1
        found.extend(x["Name"] for x in page["Parameters"])
    tag_s = time.perf_counter() - t0
    if sorted(found) != sorted(rare_big):
        failures.append(f"tag filter over {big}: got {found}, expected {rare_big}")

    print(f"listing: median of {a.repeat} sequential requests, ms "
          f"(level of 100 vs level of {a.big_count:,})")
    w = max(len(r[0]) for r in rows)
    print(f"  {'':{w}}  {'100':>8}  {a.big_count:>8,}")
    for label, s, b in rows:
        print(f"  {label:{w}}  {s:8.2f}  {b:8.2f}")
    print(f"  walk of {a.big_count:,} with the GetParametersByPath paginator: {pages} pages in "
          f"{walk_s:.1f} s = {pages / walk_s:,.0f} pages/s, {len(seen) / walk_s:,.0f} parameters/s")
    print(f"  tag filter matching 2 of {a.big_count:,} with the DescribeParameters paginator: "
          f"{tag_pages} pages (short pages by design) in {tag_s:.2f} s")
    for f in failures:
        print(f"!!! {f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
