//go:build !unix

package s3fake_test

import "time"

// processCPU is not measured here: cpu-µs metrics read 0.
func processCPU() time.Duration { return 0 }
