package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// -data-dir and S3FAKE_DATA_DIR add one option (WithDataDir); without
// them there is none (the defaults make 6, the console included).
func TestDataDirFlag(t *testing.T) {
	var stderr bytes.Buffer
	opts, err := parseFlags([]string{"-data-dir", t.TempDir()}, &stderr)
	require.NoError(t, err)
	require.Len(t, opts, 7)

	t.Setenv("S3FAKE_DATA_DIR", t.TempDir())
	opts, err = parseFlags(nil, &stderr)
	require.NoError(t, err)
	require.Len(t, opts, 7)

	t.Setenv("S3FAKE_DATA_DIR", "")
	opts, err = parseFlags(nil, &stderr)
	require.NoError(t, err)
	require.Len(t, opts, 6)
}
