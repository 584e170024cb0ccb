// @aws-sdk/client-s3 side of the s3fake report-reading check
// (compat/reports_test.go).
//
// Usage: node sdk_js_report.mjs PLAN_JSON
//
// Reads the inventory report PLAN_JSON names from the endpoint in
// AWS_ENDPOINT_URL (credentials and region from the environment), as a
// consumer of reports would: lists the destination bucket (every page of
// ListObjectsV2), gets manifest.json and manifest.checksum, then gets every
// data file the manifest lists. It prints one JSON result on stdout: the
// keys listed, and for each GetObject the key, the ContentLength and ETag
// the SDK parsed and the bytes read (base64). The Go test makes every
// assertion; this script only reports, and any client error makes it fail
// loudly. If the SDK is not installed (npm ci in compat/) it prints
// {"missing": "..."} and exits 0.

import { createRequire } from "node:module";

let sdk;
try {
  sdk = await import("@aws-sdk/client-s3");
} catch (err) {
  console.log(JSON.stringify({ missing: `@aws-sdk/client-s3 is not installed: ${err.message}` }));
  process.exit(0);
}
const { S3Client, ListObjectsV2Command, GetObjectCommand } = sdk;
const version = createRequire(import.meta.url)("@aws-sdk/client-s3/package.json").version;

const plan = JSON.parse(process.argv[2]);
const s3 = new S3Client({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION,
  forcePathStyle: true,
  maxAttempts: 1,
});
const bucket = plan.bucket;

const listed = [];
let token;
for (let i = 0; i < 20; i++) { // 20 pages is far past any report
  const input = { Bucket: bucket };
  if (token !== undefined) input.ContinuationToken = token;
  const resp = await s3.send(new ListObjectsV2Command(input));
  listed.push(...(resp.Contents ?? []).map((o) => o.Key));
  if (!resp.IsTruncated) break;
  token = resp.NextContinuationToken;
}

// get downloads one object; it returns the download and the bytes.
async function get(key) {
  const resp = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = Buffer.from(await resp.Body.transformToByteArray());
  return [{ key, contentLength: resp.ContentLength ?? -1, etag: resp.ETag ?? "", body: body.toString("base64") }, body];
}

const [manifest, manifestBytes] = await get(plan.manifestKey);
const [checksum] = await get(plan.checksumKey);
const downloads = [manifest, checksum];
for (const f of JSON.parse(manifestBytes.toString("utf8")).files) {
  downloads.push((await get(f.key))[0]);
}

s3.destroy();
console.log(JSON.stringify({ client: `@aws-sdk/client-s3 ${version} (Node ${process.version})`, listed, downloads }));
