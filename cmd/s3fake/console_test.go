package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleStatus is the status of GET /_s3fake/ and its Content-Type.
func consoleStatus(t *testing.T, base string) (int, string) {
	t.Helper()
	resp, err := http.Get(base + "/_s3fake/")
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type")
}

// TestBinaryServesConsoleOnLoopback: on a loopback address the console is
// on by default.
func TestBinaryServesConsoleOnLoopback(t *testing.T) {
	_, url := startServer(t, nil)
	status, ctype := consoleStatus(t, url)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "text/html; charset=utf-8", ctype)
}

// TestBinaryConsoleElsewhereNeedsFlag: listening on every interface, the
// console is off unless -console (or S3FAKE_CONSOLE=true) asks for it.
// The test connects through loopback only.
func TestBinaryConsoleElsewhereNeedsFlag(t *testing.T) {
	port := regexp.MustCompile(`^s3fake listening on http://\S+:(\d+) `)
	cases := []struct {
		name string
		env  []string
		args []string
		want int
	}{
		{"default", nil, nil, http.StatusNotFound},
		{"-console", nil, []string{"-console"}, http.StatusOK},
		{"S3FAKE_CONSOLE", []string{"S3FAKE_CONSOLE=true"}, nil, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := startProc(t, c.env, append([]string{"-addr", "0.0.0.0:0"}, c.args...)...)
			out, ok := p.stdout.waitFor(func(s string) bool { return strings.Contains(s, "\n") }, p.exited, startTimeout)
			require.True(t, ok, "no startup line; got %q, stderr %q", out, p.stderr)
			m := port.FindStringSubmatch(out)
			require.NotNil(t, m, out)
			status, _ := consoleStatus(t, "http://127.0.0.1:"+m[1])
			assert.Equal(t, c.want, status)
		})
	}
}
