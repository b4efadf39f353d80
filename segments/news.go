package segments

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// What real news pages carry besides the text: the web page's date line,
// and news agencies' credit lines.

var (
	// webDateID is an Indonesian news page's date line: "Selasa, 14 Mei
	// 2024 09:30 WIB" (the time, and its zone, may be missing; "09.30"
	// too).
	webDateID = regexp.MustCompile(`^(?i:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?[ \t]+(\d{1,2})[ \t]+(\p{L}+)[ \t]+(\d{4})(?:[ \t]*[,|-]?[ \t]*(\d{1,2})[:.](\d{2})(?:[ \t]*(\p{Lu}{2,4}))?)?$`)
	// webDateEN is an English one: "Tuesday, May 14, 2024 9:30 AM" (the
	// time, its AM/PM and zone may be missing).
	webDateEN = regexp.MustCompile(`^(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ \t]+(\p{L}+)\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4})(?:[ \t]*[,|-]?[ \t]*(?:at[ \t]+)?(\d{1,2}):(\d{2})(?:[ \t]*(?i:(am|pm|a\.m\.|p\.m\.)))?(?:[ \t]*(\p{Lu}{2,4}))?)?$`)
	// agencyCreditRE is one part of a news agency's credit line:
	// "Reporting by Hyonhee Shin", "Editing by Ed Davies".
	agencyCreditRE = regexp.MustCompile(`^(?i:(additional reporting|reporting|writing|editing|compiled|translated|translation))[ \t]+(?i:by)[ \t]+(\S.*)$`)
)

// months maps month names and their abbreviations, Indonesian and English,
// in lower case, to their numbers.
var months = map[string]int{}

func init() {
	id := []string{"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"}
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i := range 12 {
		for _, name := range []string{id[i], en[i], id[i][:3], en[i][:3]} {
			months[name] = i + 1
		}
	}
	months["agt"], months["ags"], months["sept"], months["des"] = 8, 8, 9, 12
}

// zones are the UTC offsets of the time zones news pages name.
var zones = map[string]string{"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "GMT": "Z", "UTC": "Z"}

// webDate reads a news page's date line, Indonesian or English, and
// returns the date in ISO 8601: "2024-05-14", with the time when the line
// gives it ("2024-05-14T09:30"), and the offset when it names a zone padan
// knows (WIB, WITA, WIT, GMT, UTC: "2024-05-14T09:30+07:00").
func webDate(line string) (string, bool) {
	var day, month, year, hour, minute, ampm, zone string
	if m := webDateID.FindStringSubmatch(line); m != nil {
		day, month, year, hour, minute, zone = m[1], m[2], m[3], m[4], m[5], m[6]
	} else if m := webDateEN.FindStringSubmatch(line); m != nil {
		month, day, year, hour, minute, ampm, zone = m[1], m[2], m[3], m[4], m[5], m[6], m[7]
	} else {
		return "", false
	}
	mo, ok := months[strings.ToLower(month)]
	d, _ := strconv.Atoi(day)
	if !ok || d < 1 || d > 31 {
		return "", false
	}
	date := fmt.Sprintf("%s-%02d-%02d", year, mo, d)
	if hour == "" {
		return date, true
	}
	h, _ := strconv.Atoi(hour)
	switch strings.ToLower(strings.ReplaceAll(ampm, ".", "")) {
	case "pm":
		if h < 12 {
			h += 12
		}
	case "am":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || minute > "59" {
		return "", false
	}
	date += fmt.Sprintf("T%02d:%s", h, minute)
	return date + zones[zone], true
}

// agencyCredits reads a news agency's credit line, "Reporting by Hyonhee
// Shin; Editing by Ed Davies", in brackets or not, into m: reporting and
// writing credit the reporter (additional reporting is added after a
// semicolon), editing the editor, translation the translator. It reports
// whether line was one.
func agencyCredits(m *Metadata, line string) bool {
	if strings.HasPrefix(line, "(") && strings.HasSuffix(line, ")") {
		line = line[1 : len(line)-1]
	}
	parts := strings.Split(line, ";")
	type credit struct{ label, names string }
	var credits []credit
	for _, p := range parts {
		c := agencyCreditRE.FindStringSubmatch(strings.TrimSpace(p))
		if c == nil {
			return false
		}
		credits = append(credits, credit{strings.ToLower(c[1]), strings.TrimRight(strings.TrimSpace(c[2]), ".")})
	}
	add := func(f *string, names string) {
		if *f == "" {
			*f = names
		} else {
			*f += "; " + names
		}
	}
	for _, c := range credits {
		switch c.label {
		case "editing":
			add(&m.Editor, c.names)
		case "translated", "translation":
			add(&m.Translator, c.names)
		default:
			add(&m.Reporter, c.names)
		}
	}
	return true
}
