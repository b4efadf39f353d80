package stored

import (
	"testing"
	"time"
)

func TestTimeRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2023, 9, 5, 7, 8, 9, 123456789, time.FixedZone("WIB", 7*3600)), "2023-09-05T00:08:09.123456Z"},
	} {
		got := Time(tc.in)
		if got != tc.want {
			t.Errorf("Time(%v) = %q, want %q", tc.in, got, tc.want)
		}
		if back := ParseTime(got); !back.Equal(tc.in.Truncate(time.Microsecond)) {
			t.Errorf("ParseTime(%q) = %v, want %v", got, back, tc.in)
		}
	}
	if !ParseTime("not a time").IsZero() {
		t.Error("ParseTime of a malformed value is not zero")
	}
}

func TestNFC(t *testing.T) {
	if got := NFC("e\u0301"); got != "\u00e9" {
		t.Errorf("NFC = %q", got)
	}
}
