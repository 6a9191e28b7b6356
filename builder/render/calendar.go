package render

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/playbookhq/playbook/builder/site"
)

// icsCalendar writes sessions as an iCalendar file (RFC 5545), so that people can
// put an upcoming session in their calendar. A session dated with a day only is an
// all-day event; one dated with a time lasts as long as its experience and debrief.
func icsCalendar(s *site.Site, sessions []*site.Entry) []byte {
	var b bytes.Buffer
	line := func(name, value string) { foldLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Playbook//"+icsText(s.Title)+"//EN")
	line("CALSCALE", "GREGORIAN")
	line("X-WR-CALNAME", icsText(s.Title+": sessions"))
	for _, e := range sessions {
		line("BEGIN", "VEVENT")
		line("UID", icsText(e.ID+"@"+icsHost(s.BaseURL)))
		// When the event was last revised, as far as the playbook knows: the
		// session's updated date, or its date. Not the day of the build, which
		// would change every file every day.
		line("DTSTAMP", e.Modified().UTC().Format("20060102T150405Z"))
		// An all-day event without an end lasts its day (RFC 5545 §3.6.1); a
		// timed one says how long it lasts rather than when it ends, which
		// cannot overflow a four-digit year.
		if e.Date.Hour() == 0 && e.Date.Minute() == 0 && e.Date.Second() == 0 {
			line("DTSTART;VALUE=DATE", e.Date.Format("20060102"))
		} else {
			minutes := 60
			if x := e.Experience; x != nil && x.Duration+x.Debrief > 0 {
				minutes = int(x.Duration + x.Debrief)
			}
			line("DTSTART", e.Date.UTC().Format("20060102T150405Z"))
			line("DURATION", icsDuration(minutes))
		}
		line("SUMMARY", icsText(e.Title))
		desc := e.Summary
		if e.Experience != nil {
			desc += "\n\nExperience: " + e.Experience.Title
		}
		desc += "\n\n" + e.Permalink
		line("DESCRIPTION", icsText(desc))
		if e.Location != "" {
			line("LOCATION", icsText(e.Location))
		}
		line("URL", icsURI(e.Permalink))
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11): a backslash, semicolon and
// comma are escaped, every line break (CRLF, LF or a lone CR) becomes \n, and other
// control characters, which the format does not allow, are dropped.
func icsText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			b.WriteString(`\n`)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// icsURI drops what a URI value may not hold: white space and control characters.
func icsURI(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// icsDuration writes minutes as an RFC 5545 duration: "PT1H30M".
func icsDuration(minutes int) string {
	d := "PT"
	if h := minutes / 60; h > 0 {
		d += strconv.Itoa(h) + "H"
	}
	if m := minutes % 60; m > 0 || minutes < 60 {
		d += strconv.Itoa(m) + "M"
	}
	return d
}

func icsHost(base string) string {
	host := base
	if _, rest, ok := strings.Cut(base, "://"); ok {
		host = rest
	}
	host, _, _ = strings.Cut(host, "/")
	if host == "" {
		return "playbook"
	}
	return host
}

// foldLine writes a content line, folded at 75 octets without splitting a
// character, ended with CRLF as RFC 5545 requires.
func foldLine(b *bytes.Buffer, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}
