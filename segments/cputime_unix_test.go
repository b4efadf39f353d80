//go:build unix

package segments

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) this process has used,
// so that benchmarks can report speed per CPU second, which other work on
// a shared machine does not change.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
