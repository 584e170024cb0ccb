// @aws-sdk/client-s3 side of the s3fake client compatibility suite
// (compat/clients_test.go).
//
// Usage: node sdk_js_inventory.mjs PLAN_JSON
//
// Runs the inventory scenario the Go test describes in PLAN_JSON against
// the endpoint in AWS_ENDPOINT_URL (credentials and region from the
// environment) and prints one JSON transcript on stdout: the HTTP status,
// error code and message of every step as the SDK reports them, plus what
// it parsed from Get and List. The Go test makes every assertion; this
// script only reports. If the SDK is not installed (npm ci in compat/) it
// prints {"missing": "..."} and exits 0.

import { createRequire } from "node:module";

let sdk;
try {
  sdk = await import("@aws-sdk/client-s3");
} catch (err) {
  console.log(JSON.stringify({ missing: `@aws-sdk/client-s3 is not installed: ${err.message}` }));
  process.exit(0);
}
const {
  S3Client,
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketInventoryConfigurationCommand,
  GetBucketInventoryConfigurationCommand,
  ListBucketInventoryConfigurationsCommand,
  DeleteBucketInventoryConfigurationCommand,
} = sdk;
const version = createRequire(import.meta.url)("@aws-sdk/client-s3/package.json").version;

const plan = JSON.parse(process.argv[2]);
const s3 = new S3Client({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION,
  forcePathStyle: true,
  maxAttempts: 1,
});

// call runs one command; it returns [response or undefined, step result].
async function call(step, command) {
  try {
    const resp = await s3.send(command);
    return [resp, { step, status: resp.$metadata.httpStatusCode ?? 0 }];
  } catch (err) {
    if (err.$metadata === undefined) throw err; // not a service error: let it crash loudly
    return [undefined, {
      step,
      status: err.$metadata.httpStatusCode ?? 0,
      code: err.name ?? "",
      message: err.message ?? "",
    }];
  }
}

// listAll lists every page, following NextContinuationToken.
async function listAll(step, bucket) {
  const result = { step, status: 0, ids: [], pages: [], truncated: [] };
  let token;
  for (let i = 0; i < 20; i++) { // 20 pages is far past any plan
    const input = { Bucket: bucket };
    if (token !== undefined) input.ContinuationToken = token;
    const [resp, res] = await call(step, new ListBucketInventoryConfigurationsCommand(input));
    if (resp === undefined) return { ...res, ids: result.ids, pages: result.pages, truncated: result.truncated };
    const configs = resp.InventoryConfigurationList ?? [];
    result.status = res.status;
    result.ids.push(...configs.map((c) => c.Id));
    result.pages.push(configs.length);
    result.truncated.push(Boolean(resp.IsTruncated));
    if (!resp.IsTruncated) break;
    token = resp.NextContinuationToken;
  }
  return result;
}

const bucket = plan.bucket;
const steps = [];
let resp, res;

[, res] = await call("create-bucket", new CreateBucketCommand({ Bucket: bucket }));
steps.push(res);
[, res] = await call("put-valid", new PutBucketInventoryConfigurationCommand({
  Bucket: bucket, Id: plan.id, InventoryConfiguration: plan.valid,
}));
steps.push(res);
[resp, res] = await call("get-valid", new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: plan.id }));
if (resp !== undefined) res.config = resp.InventoryConfiguration;
steps.push(res);
steps.push(await listAll("list-one", bucket));
[, res] = await call("put-malformed", new PutBucketInventoryConfigurationCommand({
  Bucket: bucket, Id: plan.malformedId, InventoryConfiguration: plan.malformed,
}));
steps.push(res);
[, res] = await call("put-mismatch", new PutBucketInventoryConfigurationCommand({
  Bucket: bucket, Id: plan.mismatchId, InventoryConfiguration: plan.mismatch,
}));
steps.push(res);
steps.push(await listAll("list-paged", plan.pagedBucket));
[, res] = await call("get-missing", new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: plan.missingId }));
steps.push(res);
[, res] = await call("delete", new DeleteBucketInventoryConfigurationCommand({ Bucket: bucket, Id: plan.id }));
steps.push(res);
[, res] = await call("head-bucket", new HeadBucketCommand({ Bucket: bucket }));
steps.push(res);
[, res] = await call("get-deleted", new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: plan.id }));
steps.push(res);

s3.destroy();
console.log(JSON.stringify({ client: `@aws-sdk/client-s3 ${version} (Node ${process.version})`, steps }));
