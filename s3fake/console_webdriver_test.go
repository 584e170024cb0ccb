package s3fake_test

// A minimal W3C WebDriver client over chromedriver's HTTP JSON API, to
// drive Debian's headless Chromium from Go without a dependency.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	chromiumPath     = "/usr/bin/chromium"
	chromedriverPath = "/usr/bin/chromedriver"
	// webElementKey names an element reference in WebDriver's JSON.
	webElementKey = "element-6066-11e4-a52e-4f735466cecf"
)

// browser is one WebDriver session in a headless Chromium.
type browser struct {
	t       *testing.T
	base    string // chromedriver's session URL
	http    *http.Client
	timeout time.Duration
}

// startBrowser starts chromedriver and a headless Chromium session, both
// ended in t.Cleanup. Without Debian's chromium and chromium-driver the
// test is skipped, and fails under CI=true, where .ci/install-clients.sh
// installs them.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	for _, p := range []string{chromiumPath, chromedriverPath} {
		if _, err := os.Stat(p); err != nil {
			msg := p + " is missing: apt-get install chromium chromium-driver"
			if os.Getenv("CI") == "true" {
				t.Fatal("CI=true, so a missing browser is a failure: " + msg)
			}
			t.Skip(msg)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(chromedriverPath, "--port="+strconv.Itoa(port), "--allowed-ips=127.0.0.1")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("chromedriver output:\n%s", logs.String())
		}
	})
	b := &browser{t: t, base: fmt.Sprintf("http://127.0.0.1:%d", port), http: &http.Client{Timeout: 60 * time.Second}, timeout: 15 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := b.http.Get(b.base + "/status")
		if err == nil {
			resp.Body.Close()
			break
		}
		require.True(t, time.Now().Before(deadline), "chromedriver did not start: %v", err)
		time.Sleep(100 * time.Millisecond)
	}
	// The flags keep Chromium off the network: this machine has none
	// beyond loopback, and every background connection would be refused.
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{"binary": chromiumPath, "args": []string{
			"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + t.TempDir(),
		}},
	}}}
	var session struct{ SessionID string }
	b.call(http.MethodPost, "/session", caps, &session)
	require.NotEmpty(t, session.SessionID)
	b.base += "/session/" + session.SessionID
	t.Cleanup(func() { b.call(http.MethodDelete, "", nil, nil) })
	return b
}

// call sends one WebDriver command and decodes its "value" into out.
func (b *browser) call(method, path string, body, out any) {
	b.t.Helper()
	err := b.try(method, path, body, out)
	require.NoError(b.t, err, "%s %s", method, path)
}

func (b *browser) try(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, b.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct{ Value json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("webdriver %s %s: %d %s", method, path, resp.StatusCode, env.Value)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func (b *browser) open(url string) {
	b.call(http.MethodPost, "/url", map[string]string{"url": url}, nil)
}

// script runs JavaScript in the page and returns its result as T.
func script[T any](b *browser, js string, args ...any) T {
	b.t.Helper()
	if args == nil {
		args = []any{}
	}
	var v T
	b.call(http.MethodPost, "/execute/sync", map[string]any{"script": js, "args": args}, &v)
	return v
}

// find returns the elements matching css (none is not an error).
func (b *browser) find(css string) []string {
	b.t.Helper()
	var refs []map[string]string
	b.call(http.MethodPost, "/elements", map[string]string{"using": "css selector", "value": css}, &refs)
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r[webElementKey]
	}
	return out
}

// waitFor polls cond until it holds, failing the test after b.timeout.
func (b *browser) waitFor(what string, cond func() bool) {
	b.t.Helper()
	deadline := time.Now().Add(b.timeout)
	for !cond() {
		if time.Now().After(deadline) {
			b.screenshot(b.t.TempDir() + "/timeout.png")
			b.t.Fatalf("timed out waiting for %s; page text:\n%s", what, script[string](b, "return document.body.innerText"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitElement waits for an element matching css and returns the first.
func (b *browser) waitElement(css string) string {
	b.t.Helper()
	var found []string
	b.waitFor(css, func() bool { found = b.find(css); return len(found) > 0 })
	return found[0]
}

func (b *browser) click(el string) {
	b.t.Helper()
	b.call(http.MethodPost, "/element/"+el+"/click", map[string]any{}, nil)
}

func (b *browser) text(el string) string {
	b.t.Helper()
	var s string
	b.call(http.MethodGet, "/element/"+el+"/text", nil, &s)
	return s
}

// texts returns the visible text of every element matching css, read in
// one script so that a re-render between two reads cannot leave a stale
// reference.
func (b *browser) texts(css string) []string {
	b.t.Helper()
	return script[[]string](b, "return Array.from(document.querySelectorAll(arguments[0]), (e) => e.innerText)", css)
}

// typeInto replaces the value of an input.
func (b *browser) typeInto(el, s string) {
	b.t.Helper()
	b.call(http.MethodPost, "/element/"+el+"/clear", map[string]any{}, nil)
	b.call(http.MethodPost, "/element/"+el+"/value", map[string]string{"text": s}, nil)
}

// screenshot saves the viewport as a PNG at path.
func (b *browser) screenshot(path string) {
	b.t.Helper()
	var data string
	if err := b.try(http.MethodGet, "/screenshot", nil, &data); err != nil {
		b.t.Logf("screenshot: %v", err)
		return
	}
	png, err := base64.StdEncoding.DecodeString(data)
	require.NoError(b.t, err)
	require.NoError(b.t, os.WriteFile(path, png, 0o644))
}

// alertOpen reports whether a JavaScript dialog is showing.
func (b *browser) alertOpen() bool {
	var s string
	return b.try(http.MethodGet, "/alert/text", nil, &s) == nil
}
