package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// plan decides everything but the bodies.
func plan(o Options) *site {
	r := rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed51e))
	s := &site{seed: o.Seed, words: o.Words}
	seen := map[string]bool{}
	for _, w := range append(append([]string{}, nouns...), extraTags...) {
		t := strings.ReplaceAll(w, " ", "-")
		if !seen[t] {
			seen[t] = true
			s.tags = append(s.tags, t)
		}
	}
	s.tags = s.tags[:min(len(s.tags), 60)] // as many tags as a real playbook has

	n := counts(max(o.Entries, 7))
	// Slugs are unique across all types, so a plain [[slug]] is never ambiguous.
	used := map[string]bool{}
	for t := range numTypes {
		for i := range n[t] {
			e := &entry{idx: len(s.entries), typ: t}
			switch {
			case t == tPages && i < len(pageTitles):
				e.slug = pageTitles[i].slug
			case t == tPages:
				e.slug = fmt.Sprintf("notes-%d", i+1)
			default:
				for e.slug == "" || used[e.slug] {
					w := pickN(r, slugWords, 2)
					e.slug = fmt.Sprintf("%s-%s-%d", w[0], w[1], 1+r.IntN(999))
				}
			}
			used[e.slug] = true
			switch x := r.IntN(10); x {
			case 0:
				e.format = fmtTOML
			case 1:
				e.format = fmtJSON
			default:
				e.format = fmtYAML
			}
			e.headings = pickN(r, headingPools[t], 2+r.IntN(3))
			s.entries = append(s.entries, e)
			s.byType[t] = append(s.byType[t], e)
		}
	}

	g := &prose{r: r}
	for _, e := range s.byType[tInsights] {
		s.planInsight(r, g, e)
	}
	s.planAnalogies(r)
	chosen := []*entry{}
	for _, a := range s.byType[tAnalogies] {
		if a.status == "chosen" {
			chosen = append(chosen, a)
		}
	}
	for _, e := range s.byType[tExperiences] {
		s.planExperience(r, e, chosen)
	}
	for _, e := range s.byType[tSessions] {
		s.planSession(r, g, e)
	}
	for i, e := range s.byType[tPages] {
		title := fmt.Sprintf("Notes %d", i+1)
		if i < len(pageTitles) {
			title = pageTitles[i].title
		}
		e.day = r.IntN(endDay + 1)
		e.fields = []field{
			{"title", title},
			{"summary", g.sentences(2)},
			{"date", dateOf(e.day)},
			{"authors", pickN(r, people, 1)},
		}
	}

	// About half the entries sit in sub-folders.
	prefix := [numTypes]string{"area", "set", "track", "", ""}
	for t := range tPages {
		areas := max(1, min(99, n[t]/20))
		for _, e := range s.byType[t] {
			if r.IntN(2) == 0 {
				continue
			}
			if t == tSessions {
				e.dir = string(dateOf(e.day)[:4])
			} else {
				e.dir = fmt.Sprintf("%s-%02d", prefix[t], 1+r.IntN(areas))
			}
		}
	}
	return s
}

func (s *site) common(r *rand.Rand, e *entry, title, summary string) {
	e.fields = append(e.fields,
		field{"title", title},
		field{"date", dateOf(e.day)},
		field{"summary", summary},
		field{"authors", pickN(r, people, 1+r.IntN(2))},
	)
	if r.IntN(8) == 0 && e.day < endDay {
		e.fields = append(e.fields, field{"updated", dateOf(e.day + 1 + r.IntN(endDay-e.day))})
	}
}

func (s *site) planInsight(r *rand.Rand, g *prose, e *entry) {
	e.day = r.IntN(endDay + 1)
	customer, problem, object, moment := pick(r, customers), pick(r, problems), pick(r, problemObjects), pick(r, moments)
	title := capFirst(customer) + " " + problem + " " + object
	summary := "When " + moment + ", " + customer + " " + problem + " " + object + "."
	if r.IntN(2) == 0 {
		summary += " " + g.sentences(1)
	}
	s.common(r, e, title, summary)
	var evidence []obj
	for range 1 + r.IntN(3) {
		ev := obj{
			{"quote", pick(r, quotes)},
			{"source", fmt.Sprintf("%s %d", pick(r, sources), 1+r.IntN(400))},
			{"date", dateOf(max(0, e.day-r.IntN(60)))},
		}
		if r.IntN(4) == 0 {
			ev = append(ev, field{"link", fmt.Sprintf("https://research.example.org/notes/%d", 1000+r.IntN(9000))})
		}
		evidence = append(evidence, ev)
	}
	e.themes = pickN(r, themeWords[:40], 1+r.IntN(3))
	e.fields = append(e.fields,
		field{"kind", pickN(r, kinds, 1+r.IntN(2))},
		field{"customer", customer},
		field{"moment", moment},
		field{"evidence", evidence},
		field{"confidence", pick(r, confidences)},
		field{"themes", e.themes},
		field{"tags", pickN(r, s.tags, 1+r.IntN(4))},
	)
}

var analogPhrases = []string{
	"standing in line: %s", "being called forward: %s", "reading the rules: %s",
	"waiting for a number: %s", "being sent back: %s", "asking for help: %s",
}

// planAnalogies plans the analogies in groups of two to four that mirror one shared
// insight, one of them chosen: every chosen analogy shares an insight with another.
func (s *site) planAnalogies(r *rand.Rand) {
	as := s.byType[tAnalogies]
	ins := s.byType[tInsights]
	for i := 0; i < len(as); {
		size := 2 + r.IntN(3)
		if len(as)-i-size == 1 {
			size++
		}
		size = min(size, len(as)-i)
		core := ins[r.IntN(len(ins))]
		chosen := r.IntN(size)
		for j := range size {
			e := as[i+j]
			e.insights = []string{core.slug}
			for _, x := range pickN(r, ins, r.IntN(3)) {
				if x != core {
					e.insights = append(e.insights, x.slug)
				}
			}
			r.Shuffle(len(e.insights), func(a, b int) { e.insights[a], e.insights[b] = e.insights[b], e.insights[a] })
			switch {
			case j == chosen:
				e.status = "chosen"
			case r.IntN(10) < 3:
				e.status = "set-aside"
			default:
				e.status = "candidate"
			}
			s.planAnalogy(r, e, core)
		}
		i += size
	}
}

func (s *site) planAnalogy(r *rand.Rand, e *entry, core *entry) {
	e.day = min(endDay, core.day+r.IntN(60))
	// A domain is nearly unique per analogy, as authors' are: an outside world,
	// seen at one place and time.
	domain := pick(r, domains) + " " + pick(r, domainPlaces) + " " + pick(r, domainTimes)
	title := capFirst(domain)
	s.common(r, e, title, "Like "+pick(r, customers)+", people facing "+domain+" "+pick(r, problems)+" "+pick(r, problemObjects)+".")
	e.fields = append(e.fields, field{"domain", domain}, field{"insights", e.insights})
	if e.status != "candidate" || r.IntN(2) == 0 {
		e.fields = append(e.fields, field{"status", e.status})
	}
	var parallels []obj
	for range 1 + r.IntN(3) {
		parallels = append(parallels, obj{
			{"customer", pick(r, moments)},
			{"analog", fmt.Sprintf(pick(r, analogPhrases), domain)},
		})
	}
	e.fields = append(e.fields, field{"parallels", parallels})
	if r.IntN(4) != 0 {
		e.fields = append(e.fields, field{"resonance", 1 + r.IntN(5)})
	}
	e.themes = []string{pick(r, core.themes)}
	if r.IntN(2) == 0 {
		if t := pick(r, themeWords[:40]); t != e.themes[0] {
			e.themes = append(e.themes, t)
		}
	}
	e.fields = append(e.fields, field{"themes", e.themes})
	for _, x := range e.insights {
		e.refs = append(e.refs, "insights/"+x)
	}
}

var (
	durations = []any{45, 60, 75, 90, 120, "45m", "1h", "1h30m", "1h 30m", "2h", "90m", "75 min", "1h15m"}
	debriefs  = []any{30, 45, 60, "30m", "45m", "1h", "45 min", "40m"}
	preps     = []any{15, 30, "15m", "20m", "1h", "45 min"}
)

func (s *site) planExperience(r *rand.Rand, e *entry, chosen []*entry) {
	var a *entry
	if len(chosen) > 0 && r.IntN(5) != 0 {
		a = pick(r, chosen)
	} else {
		a = pick(r, s.byType[tAnalogies])
	}
	e.day = min(endDay, a.day+r.IntN(45))
	fs := pickN(r, formats, 1+r.IntN(2))
	object := pick(r, experienceObjects)
	title := pick(r, formatVerbs[fs[0]]) + " " + object
	s.common(r, e, title, "A "+fs[0]+" experience built on "+a.get("domain").(string)+": participants "+pick(r, problems)+" "+object+".")
	n := 1 + r.IntN(3)
	e.insights = pickN(r, a.insights, n)
	for _, x := range pickN(r, s.byType[tInsights], n-len(e.insights)) {
		if !contains(e.insights, x.slug) {
			e.insights = append(e.insights, x.slug)
		}
	}
	var group any
	lo := 4 + r.IntN(8)
	hi := lo + r.IntN(12)
	switch r.IntN(3) {
	case 0:
		group = hi
	case 1:
		group = fmt.Sprintf("%d-%d", lo, hi)
	default:
		group = obj{{"min", lo}, {"max", hi}}
	}
	var ms []obj
	for i := range 1 + r.IntN(3) {
		ms = append(ms, obj{
			{"moment", fmt.Sprintf("Round %d: %s", i+1, pick(r, codeLines))},
			{"customer", pick(r, moments)},
			{"analog", fmt.Sprintf(pick(r, analogPhrases), a.get("domain").(string))},
		})
	}
	e.fields = append(e.fields,
		field{"analogy", a.slug},
		field{"insights", e.insights},
		field{"format", fs},
		field{"duration", pick(r, durations)},
		field{"debrief", pick(r, debriefs)},
		field{"group", group},
		field{"materials", pickN(r, materials, 2+r.IntN(5))},
		field{"roles", pickN(r, roles, 1+r.IntN(3))},
		field{"moments", ms},
		field{"questions", pickN(r, questions, 2+r.IntN(4))},
		field{"prep", pick(r, preps)},
		field{"difficulty", pick(r, difficulties)},
		field{"setting", pick(r, settings)},
		field{"care", pick(r, careNotes)},
	)
	if r.IntN(3) == 0 {
		e.fields = append(e.fields, field{"tags", pickN(r, s.tags, 1+r.IntN(3))})
	}
	e.refs = append(e.refs, "analogies/"+a.slug)
	for _, x := range e.insights {
		e.refs = append(e.refs, "insights/"+x)
	}
}

func (s *site) planSession(r *rand.Rand, g *prose, e *entry) {
	x := pick(r, s.byType[tExperiences])
	e.day = min(lastDay, x.day+1+r.IntN(150))
	ts := pickN(r, teams, 1+r.IntN(3))
	ran := e.day <= today
	summary := "A planned run of " + x.title() + " with " + ts[0] + "."
	if ran {
		summary = "People from " + ts[0] + " ran " + x.title() + " and came away " + pick(r, felt) + "."
	}
	s.common(r, e, x.title()+" with "+ts[0], summary)
	e.fields = append(e.fields,
		field{"experience", x.slug},
		field{"location", pick(r, rooms) + ", " + pick(r, places)},
		field{"facilitators", pickN(r, people, 1+r.IntN(2))},
		field{"participants", 4 + r.IntN(20)},
		field{"teams", ts},
	)
	e.refs = append(e.refs, "experiences/"+x.slug)
	if ran {
		var noticed []string
		for range 1 + r.IntN(3) {
			noticed = append(noticed, g.sentences(1))
		}
		var actions []obj
		for range 1 + r.IntN(4) {
			due := e.day + 7 + r.IntN(60)
			status := pick(r, []string{"open", "doing", "done"})
			if due <= today {
				// Past-due actions are done: an overdue open action is a warning.
				status = "done"
			}
			a := obj{{"action", pick(r, actionPhrases)}, {"owner", pick(r, people)}, {"due", dateOf(due)}}
			if status != "open" || r.IntN(2) == 0 {
				a = append(a, field{"status", status})
			}
			actions = append(actions, a)
		}
		e.fields = append(e.fields,
			field{"felt", pickN(r, felt, 2+r.IntN(3))},
			field{"noticed", noticed},
			field{"ideas", pickN(r, ideas, 1+r.IntN(3))},
			field{"actions", actions},
		)
	}
	var share []obj
	for range 1 + r.IntN(2) {
		when := e.day + 3 + r.IntN(30)
		sh := obj{{"audience", pick(r, audiences)}, {"channel", pick(r, channels)}, {"when", dateOf(when)}}
		if when <= today {
			sh = append(sh, field{"status", "done"})
		} else if r.IntN(2) == 0 {
			sh = append(sh, field{"status", "planned"})
		}
		share = append(share, sh)
	}
	e.fields = append(e.fields, field{"share", share})
	if ran {
		if sf := pickN(r, s.byType[tInsights], r.IntN(3)); len(sf) > 0 {
			var slugs []string
			for _, i := range sf {
				slugs = append(slugs, i.slug)
				e.refs = append(e.refs, "insights/"+i.slug)
			}
			e.fields = append(e.fields, field{"surfaced", slugs})
		}
	}
}
