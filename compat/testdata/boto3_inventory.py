"""boto3 side of the s3fake client compatibility suite (compat/clients_test.go).

Usage: python3 boto3_inventory.py PLAN_JSON

Runs the inventory scenario the Go test describes in PLAN_JSON against the
endpoint in AWS_ENDPOINT_URL (credentials and region from the environment)
and prints one JSON transcript on stdout: the HTTP status, error code and
message of every step as boto3 reports them, plus what boto3 parsed from
Get and List. The Go test makes every assertion; this script only reports.
If boto3 cannot be imported it prints {"missing": "..."} and exits 0.
"""

import json
import os
import sys

try:
    import boto3
    import botocore
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as exc:  # the Go test decides whether that is a skip
    print(json.dumps({"missing": "boto3 is not importable by %s: %s" % (sys.executable, exc)}))
    sys.exit(0)


def call(step, fn, **kwargs):
    """Runs one client call; returns (response or None, step result)."""
    try:
        resp = fn(**kwargs)
    except ClientError as exc:
        err = exc.response.get("Error", {})
        return None, {
            "step": step,
            "status": exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0),
            "code": err.get("Code", ""),
            "message": err.get("Message", ""),
        }
    return resp, {"step": step, "status": resp["ResponseMetadata"]["HTTPStatusCode"]}


def list_all(s3, step, bucket):
    """Lists every page, following NextContinuationToken."""
    result = {"step": step, "status": 0, "ids": [], "pages": [], "truncated": []}
    token = None
    for _ in range(20):  # 20 pages is far past any plan
        kwargs = {"Bucket": bucket}
        if token is not None:
            kwargs["ContinuationToken"] = token
        resp, res = call(step, s3.list_bucket_inventory_configurations, **kwargs)
        if resp is None:
            res.update({k: result[k] for k in ("ids", "pages", "truncated")})
            return res
        configs = resp.get("InventoryConfigurationList", [])
        result["status"] = res["status"]
        result["ids"].extend(c["Id"] for c in configs)
        result["pages"].append(len(configs))
        result["truncated"].append(bool(resp.get("IsTruncated")))
        if not resp.get("IsTruncated"):
            break
        token = resp.get("NextContinuationToken")
    return result


def main():
    plan = json.loads(sys.argv[1])
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_ENDPOINT_URL"],
        region_name=os.environ["AWS_REGION"],
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1, "mode": "standard"}),
    )
    bucket = plan["bucket"]
    steps = []

    _, res = call("create-bucket", s3.create_bucket, Bucket=bucket)
    steps.append(res)
    _, res = call("put-valid", s3.put_bucket_inventory_configuration,
                  Bucket=bucket, Id=plan["id"], InventoryConfiguration=plan["valid"])
    steps.append(res)
    resp, res = call("get-valid", s3.get_bucket_inventory_configuration, Bucket=bucket, Id=plan["id"])
    if resp is not None:
        res["config"] = resp["InventoryConfiguration"]
    steps.append(res)
    steps.append(list_all(s3, "list-one", bucket))
    _, res = call("put-malformed", s3.put_bucket_inventory_configuration,
                  Bucket=bucket, Id=plan["malformedId"], InventoryConfiguration=plan["malformed"])
    steps.append(res)
    _, res = call("put-mismatch", s3.put_bucket_inventory_configuration,
                  Bucket=bucket, Id=plan["mismatchId"], InventoryConfiguration=plan["mismatch"])
    steps.append(res)
    steps.append(list_all(s3, "list-paged", plan["pagedBucket"]))
    _, res = call("get-missing", s3.get_bucket_inventory_configuration, Bucket=bucket, Id=plan["missingId"])
    steps.append(res)
    _, res = call("delete", s3.delete_bucket_inventory_configuration, Bucket=bucket, Id=plan["id"])
    steps.append(res)
    _, res = call("head-bucket", s3.head_bucket, Bucket=bucket)
    steps.append(res)
    _, res = call("get-deleted", s3.get_bucket_inventory_configuration, Bucket=bucket, Id=plan["id"])
    steps.append(res)

    print(json.dumps({
        "client": "boto3 %s (botocore %s, Python %s)" % (
            boto3.__version__, botocore.__version__, sys.version.split()[0]),
        "steps": steps,
    }))


if __name__ == "__main__":
    main()
