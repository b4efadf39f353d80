package memory

// SetCountBudget sets countBudget (n > 0) for a test and returns the
// value it had; SetCountBudget(0) only reads it.
func SetCountBudget(n int) int {
	old := countBudget
	if n > 0 {
		countBudget = n
	}
	return old
}

// SetCountPerCandidate sets countPerCandidate for a test and returns the
// value it had.
func SetCountPerCandidate(n int) int {
	old := countPerCandidate
	countPerCandidate = n
	return old
}
