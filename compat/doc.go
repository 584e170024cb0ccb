// Package compat holds s3fake's client compatibility suite; it has no API
// of its own, only tests.
//
// TestClients drives the four inventory calls through five real clients
// against a fresh s3fake server each: aws-sdk-go-v2 in process, AWS CLI v1
// (the pyenv `aws`), AWS CLI v2 (Debian's /usr/bin/aws), boto3 (a script
// in testdata run with python3) and @aws-sdk/client-s3 (a script in
// testdata run with node). Every client reports what it saw (status, error
// code and message, parsed configurations) and the Go test asserts it.
//
// TestClientReports has the same five clients read a CSV report s3fake
// delivered (testdata/boto3_report.py and testdata/sdk_js_report.mjs for
// boto3 and the JS SDK; `aws s3api list-objects-v2` and `get-object` for
// the CLIs): each lists the destination bucket and downloads manifest.json,
// manifest.checksum and the data files the manifest names, and the Go test
// parses the manifest, verifies the checksum, each file's size and MD5, and
// checks the rows against the source bucket.
//
// TestMotoXMLShapes puts the same documents to s3fake and to moto_server and
// compares the XML of their Get and List answers, allowing only moto's
// documented deviations.
//
// .ci/install-clients.sh installs what the machine lacks (AWS CLI v2, and
// @aws-sdk/client-s3 into compat/node_modules). A missing client skips its
// test with a message saying so, except when CI=true, where it fails.
package compat
