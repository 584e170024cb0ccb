"""boto3 side of BenchmarkInventoryVsMotoBoto3 (compat/bench_test.go).

Usage: python3 boto3_bench.py ENDPOINT N PLAN_JSON

PLAN_JSON is {"bucket": ..., "id": ..., "config": {...}}, the configuration
in boto3's shape. The bucket must exist. The script makes one boto3 client
for ENDPOINT (credentials and region from the environment, path-style
addressing, no retries), sends three untimed Put+Get pairs (connection,
model loading, the server's first requests), then times N pairs of
PutBucketInventoryConfiguration and GetBucketInventoryConfiguration and
prints one JSON line:
{"client": ..., "pairs": N, "seconds": elapsed}. A failed call raises (exit
status 1). If boto3 cannot be imported it prints {"missing": "..."} and
exits 0, and the Go benchmark skips.
"""

import json
import os
import sys
import time

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as exc:  # the Go benchmark skips
    print(json.dumps({"missing": "boto3 is not importable by %s: %s" % (sys.executable, exc)}))
    sys.exit(0)


def main():
    endpoint, n, plan = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=os.environ["AWS_REGION"],
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1, "mode": "standard"}),
    )
    bucket, cfg_id, cfg = plan["bucket"], plan["id"], plan["config"]

    def pair():
        s3.put_bucket_inventory_configuration(Bucket=bucket, Id=cfg_id, InventoryConfiguration=cfg)
        return s3.get_bucket_inventory_configuration(Bucket=bucket, Id=cfg_id)

    for _ in range(3):  # untimed: connection, boto3's models, the server's first requests
        got = pair()["InventoryConfiguration"]
        if got.get("Id") != cfg_id:
            raise SystemExit("Get answered Id %r, want %r" % (got.get("Id"), cfg_id))

    start = time.perf_counter()
    for _ in range(n):
        pair()
    elapsed = time.perf_counter() - start

    print(json.dumps({
        "client": "boto3 %s (botocore %s, Python %s)" % (
            boto3.__version__, botocore.__version__, sys.version.split()[0]),
        "pairs": n,
        "seconds": elapsed,
    }))


if __name__ == "__main__":
    main()
