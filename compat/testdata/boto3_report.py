"""boto3 side of the s3fake report-reading check (compat/reports_test.go).

Usage: python3 boto3_report.py PLAN_JSON

Reads the inventory report PLAN_JSON names from the endpoint in
AWS_ENDPOINT_URL (credentials and region from the environment), as a
consumer of reports would: lists the destination bucket (every page of
ListObjectsV2), gets manifest.json and manifest.checksum, then gets every
data file the manifest lists. It prints one JSON result on stdout: the keys
listed, and for each GetObject the key, the ContentLength and ETag boto3
parsed and the bytes read (base64). The Go test makes every assertion; this
script only reports, and any client error makes it fail loudly. If boto3
cannot be imported it prints {"missing": "..."} and exits 0.
"""

import base64
import json
import os
import sys

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as exc:  # the Go test decides whether that is a skip
    print(json.dumps({"missing": "boto3 is not importable by %s: %s" % (sys.executable, exc)}))
    sys.exit(0)


def main():
    plan = json.loads(sys.argv[1])
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_ENDPOINT_URL"],
        region_name=os.environ["AWS_REGION"],
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1, "mode": "standard"}),
    )
    bucket = plan["bucket"]

    listed = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        listed.extend(o["Key"] for o in page.get("Contents", []))

    def get(key):
        resp = s3.get_object(Bucket=bucket, Key=key)
        body = resp["Body"].read()
        return {
            "key": key,
            "contentLength": resp["ContentLength"],
            "etag": resp["ETag"],
            "body": base64.b64encode(body).decode("ascii"),
        }, body

    manifest, manifest_bytes = get(plan["manifestKey"])
    checksum, _ = get(plan["checksumKey"])
    downloads = [manifest, checksum]
    for f in json.loads(manifest_bytes)["files"]:
        downloads.append(get(f["key"])[0])

    print(json.dumps({
        "client": "boto3 %s (botocore %s, Python %s)" % (
            boto3.__version__, botocore.__version__, sys.version.split()[0]),
        "listed": listed,
        "downloads": downloads,
    }))


if __name__ == "__main__":
    main()
