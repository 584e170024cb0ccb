package compat

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3fake/s3fake/s3fake"
)

// subprocessTimeout bounds every client process, so that a hung client
// fails its test instead of the whole run.
const subprocessTimeout = 90 * time.Second

// unavailable reports that a client this test needs is not on the machine:
// a skip with the reason locally, a failure in CI (CI=true), where
// .ci/install-clients.sh has installed every client.
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...) + " (.ci/install-clients.sh installs AWS CLI v2, @aws-sdk/client-s3 and @duckdb/node-api;" +
		" AWS CLI v1, boto3 and moto_server come with the image's pyenv Python)"
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true, so a missing client is a failure: " + msg)
	}
	t.Skip(msg)
}

// clientEnv is the environment of a client subprocess talking to srv: the
// test's own environment without any AWS_ or proxy variable, plus the
// endpoint, the default credentials, the region, and a config file that
// asks for path-style addressing (read by the AWS CLI; boto3 and the JS SDK
// are told in their scripts). The shared credentials file is one that does
// not exist, so that nothing on the machine leaks in.
func clientEnv(t *testing.T, srv *s3fake.Server) []string {
	t.Helper()
	dir := t.TempDir()
	configFile := filepath.Join(dir, "config")
	config := "[default]\nregion = " + srv.Region() + "\ns3 =\n    addressing_style = path\n"
	if err := os.WriteFile(configFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY":
			continue // the server is on loopback: no proxy
		}
		if !strings.HasPrefix(name, "AWS_") {
			env = append(env, kv)
		}
	}
	creds := srv.Credentials()
	return append(env,
		"AWS_ENDPOINT_URL="+srv.URL(),
		"AWS_ACCESS_KEY_ID="+creds.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY="+creds.SecretAccessKey,
		"AWS_REGION="+srv.Region(),
		"AWS_DEFAULT_REGION="+srv.Region(),
		"AWS_CONFIG_FILE="+configFile,
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "no-credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
		"AWS_MAX_ATTEMPTS=1",
		"NO_PROXY=127.0.0.1,localhost",
		"no_proxy=127.0.0.1,localhost",
	)
}

// run runs name with args and env, and returns its stdout and stderr and
// the error of Run (an *exec.ExitError for a non-zero exit).
func run(t *testing.T, env []string, name string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), subprocessTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %s: no answer within %v\nstderr:\n%s", name, strings.Join(args, " "), subprocessTimeout, errOut.Bytes())
	}
	return out.Bytes(), errOut.Bytes(), err
}

// awsCLI finds AWS CLI major version major (1 or 2): the first candidate
// whose `--version` says aws-cli/major., and that line. Version 1 is the
// pyenv one (first `aws` on PATH), version 2 Debian's /usr/bin/aws, which
// the pyenv shim hides from PATH lookups.
func awsCLI(t *testing.T, major int) (path, version string, err error) {
	t.Helper()
	var candidates []string
	if major == 2 {
		candidates = append(candidates, "/usr/bin/aws", "/usr/local/bin/aws")
	}
	if major == 1 {
		// The aws beside python3's interpreter: the pyenv CLI without the
		// cost of its shim.
		out, _, err := run(t, os.Environ(), "python3", "-c", "import os, sys; print(os.path.join(os.path.dirname(os.path.realpath(sys.executable)), 'aws'))")
		if p := strings.TrimSpace(string(out)); err == nil && p != "" {
			candidates = append(candidates, p)
		}
	}
	if p, err := exec.LookPath("aws"); err == nil {
		candidates = append(candidates, p)
	}
	pyenvRoot := os.Getenv("PYENV_ROOT")
	if pyenvRoot == "" {
		if home, err := os.UserHomeDir(); err == nil {
			pyenvRoot = filepath.Join(home, ".pyenv")
		}
	}
	if major == 1 && pyenvRoot != "" {
		candidates = append(candidates, filepath.Join(pyenvRoot, "shims", "aws"))
	}
	want := fmt.Sprintf("aws-cli/%d.", major)
	var tried []string
	for _, c := range candidates {
		if _, err := os.Stat(c); err != nil {
			tried = append(tried, c+": not found")
			continue
		}
		out, errOut, err := run(t, os.Environ(), c, "--version")
		line := strings.TrimSpace(string(out) + string(errOut))
		if err == nil && strings.HasPrefix(line, want) {
			return c, line, nil
		}
		tried = append(tried, fmt.Sprintf("%s: %q", c, line))
	}
	if len(tried) == 0 {
		tried = append(tried, "no aws on PATH")
	}
	return "", "", fmt.Errorf("no AWS CLI v%d found (%s)", major, strings.Join(tried, "; "))
}

// compatDir is the directory of this package (go test runs tests there).
func compatDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
