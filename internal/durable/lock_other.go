//go:build !unix

package durable

import (
	"fmt"
	"os"
	"path/filepath"
)

// lockDir opens dir's LOCK file. Outside Unix it is not locked: two
// processes must not share a data directory.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("durable: %w", err)
	}
	return f, nil
}
