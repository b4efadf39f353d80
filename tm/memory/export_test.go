package memory

// SetCountLimits sets countFloor, countPerLive and countPerGroup for a
// test and returns the values they had.
func SetCountLimits(floor, perLive, perGroup int) (int, int, int) {
	old := [3]int{countFloor, countPerLive, countPerGroup}
	countFloor, countPerLive, countPerGroup = floor, perLive, perGroup
	return old[0], old[1], old[2]
}

// SetWholeNear sets wholeNear for a test and returns the value it had.
func SetWholeNear(n int) int {
	old := wholeNear
	wholeNear = n
	return old
}

// SetFewCandidates sets fewCandidates for a test and returns the value it
// had.
func SetFewCandidates(n int) int {
	old := fewCandidates
	fewCandidates = n
	return old
}

// SetFlushEntries sets flushEntries for a test and returns the value it
// had.
func SetFlushEntries(n int) int {
	old := flushEntries
	flushEntries = n
	return old
}
