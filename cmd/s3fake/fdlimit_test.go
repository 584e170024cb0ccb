package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFileLimitReachedAndRecovered runs the binary with a hard limit of 64
// open files, holds more connections than that, and checks that a
// keep-alive connection opened before keeps being served, and that once the
// flood closes new connections are served again: the accept loop backs off
// on EMFILE instead of dying.
func TestFileLimitReachedAndRecovered(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Fatalf("prlimit (util-linux) is needed to lower the file limit: %v", err)
	}
	p := &proc{stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(prlimit, "--nofile=64:64", "--", s3fakeBinary(t), "-addr", "127.0.0.1:0", "-log-level", "error")
	p.cmd.Env = childEnv()
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	require.NoError(t, p.cmd.Start())
	go func() { p.waitErr = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); <-p.exited })
	out, ok := p.stdout.waitFor(func(s string) bool { return strings.Contains(s, "\n") }, p.exited, startTimeout)
	require.True(t, ok, "no startup line: %q %q", out, p.stderr)
	m := startupLine.FindStringSubmatch(out)
	require.NotNil(t, m, out)
	addr := hostPort(t, m[1])

	health := func(c net.Conn, r *bufio.Reader) error {
		if err := c.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
			return err
		}
		if _, err := fmt.Fprintf(c, "GET /_s3fake/health HTTP/1.1\r\nHost: %s\r\n\r\n", addr); err != nil {
			return err
		}
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
	kept, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer kept.Close()
	keptR := bufio.NewReader(kept)
	require.NoError(t, health(kept, keptR))

	// More connections than files: each sends half a request and waits.
	var flood []net.Conn
	for range 120 {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			break // the listen backlog is full too
		}
		_, _ = fmt.Fprintf(c, "GET /_s3fake/health HTTP/1.1\r\nHost: %s\r\n", addr)
		flood = append(flood, c)
	}
	require.Greater(t, len(flood), 64, "the flood did not exceed the file limit")
	time.Sleep(300 * time.Millisecond)
	assert.NoError(t, health(kept, keptR), "a connection accepted before the flood must keep being served")

	for _, c := range flood {
		c.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err == nil {
			err = health(c, bufio.NewReader(c))
			c.Close()
		}
		if err == nil {
			break
		}
		require.True(t, time.Now().Before(deadline), "the server did not recover after the flood: %v", err)
		time.Sleep(100 * time.Millisecond)
	}
	select {
	case <-p.exited:
		t.Fatalf("the server exited: %v\n%s", p.waitErr, p.stderr)
	default:
	}
}
