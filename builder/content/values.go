package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Visibility says who may read an entry. The zero value is Company, the default.
type Visibility uint8

const (
	Company Visibility = iota
	Public
	Team
)

// rank orders visibilities from the widest audience (public) to the narrowest.
func (v Visibility) rank() int { return [...]int{Company: 1, Public: 0, Team: 2}[v] }

// Includes reports whether a build at visibility v publishes an entry at e.
func (v Visibility) Includes(e Visibility) bool { return e.rank() <= v.rank() }

func (v Visibility) String() string {
	return [...]string{Company: "company", Public: "public", Team: "team"}[v]
}

// ParseVisibility reads "public", "company" or "team".
func ParseVisibility(s string) (Visibility, error) {
	switch s {
	case "public":
		return Public, nil
	case "company":
		return Company, nil
	case "team":
		return Team, nil
	}
	return Company, fmt.Errorf("visibility %q: want public, company or team", s)
}

// Duration is a length of time in whole minutes.
type Duration int

// MaxDuration bounds every duration: 1,000 hours.
const MaxDuration = Duration(60_000)

// String reads like "1 h 15 min", "45 min", "2 h".
func (d Duration) String() string {
	h, m := int(d)/60, int(d)%60
	switch {
	case d <= 0:
		return ""
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// ISO returns the duration as ISO 8601 ("PT1H15M") for <time datetime>.
func (d Duration) ISO() string {
	h, m := int(d)/60, int(d)%60
	s := "PT"
	if h > 0 {
		s += strconv.Itoa(h) + "H"
	}
	if m > 0 || h == 0 {
		s += strconv.Itoa(m) + "M"
	}
	return s
}

// Minutes is the duration as a number, for filters and sorting.
func (d Duration) Minutes() int { return int(d) }

// ParseDuration reads "90m", "1h30m", "1h 30m", "2h", "45 min", "1 h 15 min" or
// "90", up to MaxDuration.
func ParseDuration(s string) (Duration, bool) {
	d, ok := parseMinutes(s)
	return d, ok && d <= MaxDuration
}

// parseMinutes reads a duration of any length; one over MaxDuration comes back as
// MaxDuration+1.
func parseMinutes(s string) (Duration, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return Duration(min(n, int(MaxDuration)+1)), n > 0
	}
	total, seen := 0, false
	for s != "" {
		s = strings.TrimLeft(s, " ")
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, false
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil || n > int(MaxDuration) {
			n = int(MaxDuration) + 1
		}
		s = strings.TrimLeft(s[i:], " ")
		j := 0
		for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
			j++
		}
		switch s[:j] {
		case "h", "hr", "hrs", "hour", "hours":
			total += 60 * n
		case "m", "min", "mins", "minute", "minutes":
			total += n
		default:
			return 0, false
		}
		total = min(total, int(MaxDuration)+1)
		seen = true
		s = s[j:]
	}
	return Duration(total), seen && total > 0
}

// ParseDate reads YYYY-MM-DD or RFC 3339, years 0001 to 9999.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		for _, layout := range []string{time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05 -0700 MST", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
			if t, err = time.Parse(layout, s); err == nil {
				break
			}
		}
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("want a date as YYYY-MM-DD, got %q", s)
	}
	if t.Year() < 1 {
		return time.Time{}, fmt.Errorf("want a date from the year 0001 to 9999, got %q", s)
	}
	return t, nil
}

// Group is the number of participants an experience is made for.
type Group struct{ Min, Max int }

func (g Group) String() string {
	switch {
	case g.Min == 0 && g.Max == 0:
		return ""
	case g.Min == g.Max:
		return strconv.Itoa(g.Min)
	case g.Max == 0:
		return fmt.Sprintf("%d or more", g.Min)
	case g.Min == 0:
		return fmt.Sprintf("up to %d", g.Max)
	}
	return fmt.Sprintf("%d–%d", g.Min, g.Max)
}

// IsZero reports an unset group.
func (g Group) IsZero() bool { return g.Min == 0 && g.Max == 0 }

// ValidSlug reports whether s is lower-case letters and digits joined by single
// hyphens.
func ValidSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
