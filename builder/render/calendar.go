package render

import (
	"bytes"
	"strings"
	"time"
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
	stamp := s.Today.UTC().Format("20060102T150405Z")
	for _, e := range sessions {
		line("BEGIN", "VEVENT")
		line("UID", e.ID+"@"+icsHost(s.BaseURL))
		line("DTSTAMP", stamp)
		if e.Date.Hour() == 0 && e.Date.Minute() == 0 && e.Date.Second() == 0 {
			line("DTSTART;VALUE=DATE", e.Date.Format("20060102"))
			line("DTEND;VALUE=DATE", e.Date.AddDate(0, 0, 1).Format("20060102"))
		} else {
			length := time.Hour
			if x := e.Experience; x != nil && x.Duration+x.Debrief > 0 {
				length = time.Duration(x.Duration+x.Debrief) * time.Minute
			}
			line("DTSTART", e.Date.UTC().Format("20060102T150405Z"))
			line("DTEND", e.Date.Add(length).UTC().Format("20060102T150405Z"))
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
		line("URL", e.Permalink)
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// icsText escapes a TEXT value.
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`).Replace(s)
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
