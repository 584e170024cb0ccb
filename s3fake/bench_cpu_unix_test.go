//go:build unix

package s3fake_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the test process has
// used so far, every goroutine and the garbage collector included. Unlike
// wall time it does not grow while other processes hold the cores, so it
// stands for what a call costs on an idle machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
