//go:build !unix

package main

// processRunning reports whether a process with the PID exists. Where padan
// cannot tell, it says yes, so that no other process's file is removed.
func processRunning(pid int) bool { return true }
