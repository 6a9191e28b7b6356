package digest

import (
	"fmt"
	"html/template"
	"io"
	"regexp"
	"sort"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/playbookhq/playbook/builder/site"
)

// Options choose the period and the form of a digest.
type Options struct {
	Since, Until time.Time // inclusive dates
	Format       string    // "html", "markdown" or "text"
}

// digest is what happened in a period, ready to be written in any form.
type digest struct {
	Site         *site.Site
	Since, Until time.Time
	Insights     []*site.Entry // new in the period, with their evidence
	Analogies    []*site.Entry
	Experiences  []*site.Entry
	Sessions     []*site.Entry // that ran in the period, with what people felt and noticed, ideas and actions
	Updated      []*site.Entry // dated before the period, updated in it
	Completed    []*site.ActionItem
	Upcoming     []*site.Entry // the next sessions after today, whatever the period
}

// Write writes the digest of site s for a period, in one of the forms of
// `playbook digest --format`: "html" (an email: inline styles, absolute links),
// "markdown" or "text". It covers new insights with their evidence, new analogies
// and experiences, sessions that ran with what people felt and noticed, their
// ideas and actions, entries updated, and actions completed; then the next
// sessions, those dated after the site's today (a session dated in the period
// that has not run yet is coming up, not run). An action counts as completed in
// the period when it is done and its due date, or else its session's updated
// date, falls in the period.
func Write(w io.Writer, s *site.Site, o Options) error {
	dg := collectDigest(s, o.Since, o.Until)
	switch o.Format {
	case "", "html":
		return digestHTML.Execute(w, dg)
	case "markdown", "text":
		var b strings.Builder
		if err := digestText.ExecuteTemplate(&b, o.Format, dg); err != nil {
			return err
		}
		// The templates leave a blank line too many where a section ends.
		_, err := io.WriteString(w, blankRuns.ReplaceAllString(b.String(), "\n\n"))
		return err
	}
	return fmt.Errorf("--format %q: want html, markdown or text", o.Format)
}

func collectDigest(s *site.Site, since, until time.Time) *digest {
	dg := &digest{Site: s, Since: since, Until: until}
	end := until.AddDate(0, 0, 1) // until is a whole day
	in := func(t time.Time) bool {
		return !t.IsZero() && !t.Before(since) && t.Before(end)
	}
	for _, e := range s.Entries {
		switch {
		case e.Type.Name == "sessions" && !e.HasRun():
			// What is coming up is what has not run yet, whatever the period.
			dg.Upcoming = append(dg.Upcoming, e)
		case in(e.Date):
			switch e.Type.Name {
			case "insights":
				dg.Insights = append(dg.Insights, e)
			case "analogies":
				dg.Analogies = append(dg.Analogies, e)
			case "experiences":
				dg.Experiences = append(dg.Experiences, e)
			case "sessions":
				dg.Sessions = append(dg.Sessions, e)
			}
		case in(e.Updated) && e.Type.Step != 0:
			dg.Updated = append(dg.Updated, e)
		}
	}
	for _, a := range s.Actions {
		when := a.Due
		if when.IsZero() {
			when = a.Session.Updated
		}
		if a.Done() && in(when) {
			dg.Completed = append(dg.Completed, a)
		}
	}
	for _, l := range [][]*site.Entry{dg.Insights, dg.Analogies, dg.Experiences, dg.Sessions} {
		site.SortByDate(l)
	}
	// Updated entries newest update first; upcoming sessions soonest first.
	sort.SliceStable(dg.Updated, func(i, j int) bool {
		a, b := dg.Updated[i], dg.Updated[j]
		if !a.Updated.Equal(b.Updated) {
			return a.Updated.After(b.Updated)
		}
		return a.Title < b.Title
	})
	sort.SliceStable(dg.Upcoming, func(i, j int) bool {
		a, b := dg.Upcoming[i], dg.Upcoming[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Title < b.Title
	})
	dg.Upcoming = dg.Upcoming[:min(len(dg.Upcoming), upcomingSize)]
	return dg
}

// upcomingSize is how many of the next sessions a digest announces.
const upcomingSize = 5

// Counts is the digest's first line: "3 new insights, 1 session, 2 actions completed".
func (d *digest) Counts() string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plural(n, one, many))
		}
	}
	add(len(d.Insights), "new insight", "new insights")
	add(len(d.Analogies), "new analogy", "new analogies")
	add(len(d.Experiences), "new experience", "new experiences")
	add(len(d.Sessions), "session", "sessions")
	add(len(d.Updated), "entry updated", "entries updated")
	add(len(d.Completed), "action completed", "actions completed")
	if len(parts) == 0 {
		return "Nothing new in this period."
	}
	return strings.Join(parts, ", ") + "."
}

// plural is "1 insight" or "2 insights", as the site's templates say it.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

var digestFuncs = map[string]any{
	"plural": plural,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 January 2006")
	},
	"join": func(sep string, l []string) string { return strings.Join(l, sep) },
	// md escapes text for Markdown: the characters that would start markup.
	"md": func(s string) string {
		return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`, "#", `\#`).Replace(s)
	},
	"status": func(a *site.ActionItem) string {
		switch a.Status {
		case "done":
			return "done"
		case "doing":
			return "in progress"
		}
		if a.Overdue {
			return "overdue"
		}
		return "open"
	},
}

var blankRuns = regexp.MustCompile(`\n{3,}`)

// The Markdown and text forms are text templates; the HTML form escapes as HTML.
var (
	digestText = texttemplate.Must(texttemplate.New("digest").Funcs(digestFuncs).Parse(digestTextTemplate))
	digestHTML = template.Must(template.New("digest.html").Funcs(digestFuncs).Parse(digestHTMLTemplate))
)
