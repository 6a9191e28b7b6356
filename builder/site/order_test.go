package site

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/internal/sitetest"
	"github.com/playbookhq/playbook/builder/model"
)

// The orders of long lists are sorted by keys read once an item; these tests hold
// them to the plain stable sorts they replace, on lists with many ties (few dates,
// few titles, repeated owners), long and short.

func orderEntries(r *rand.Rand, n int) []*Entry {
	s := &Site{Today: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	l := make([]*Entry, n)
	for i := range l {
		e := &Entry{Path: fmt.Sprintf("insights/e%04d.md", r.IntN(10*n)) + fmt.Sprint(i), Title: fmt.Sprint("title ", r.IntN(5)), Fields: &content.Fields{}, site: s}
		if r.IntN(8) > 0 {
			e.Date = time.Date(2026, time.Month(1+r.IntN(3)), 1+r.IntN(3), 0, 0, 0, 0, time.UTC)
		}
		if r.IntN(3) == 0 {
			e.Themes = []string{fmt.Sprint("Theme ", r.IntN(4))}
		}
		e.Type = model.Types[r.IntN(4)]
		if i > 0 && r.IntN(2) == 0 {
			e.MirroredBy = []*Entry{l[r.IntN(i)]}
		}
		l[i] = e
	}
	return l
}

func TestSortByDateKeepsTies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 63, 64, 65, 300, 2000} {
		l := orderEntries(r, n)
		want := slices.Clone(l)
		slices.SortStableFunc(want, func(a, b *Entry) int {
			return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Title, b.Title))
		})
		SortByDate(l)
		if !slices.Equal(l, want) {
			t.Fatalf("%d entries: SortByDate differs from a stable sort by date and title", n)
		}
	}
}

func TestFeedEntriesNewestByPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s := &Site{Today: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	for _, n := range []int{0, 7, 99, 100, 101, 150, 2000} {
		l := orderEntries(r, n)
		SortByDate(l)
		// What a feed carried before: every entry it may announce, newest first,
		// ties by path, the first feedSize.
		var want []*Entry
		for _, e := range l {
			if e.Type.Step != 0 && !e.Date.IsZero() && (e.Type.Name != "sessions" || e.hasRun(s.Today)) {
				want = append(want, e)
			}
		}
		slices.SortStableFunc(want, func(a, b *Entry) int {
			return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Path, b.Path))
		})
		want = want[:min(len(want), feedSize)]
		if got := feedEntries(s, l); !slices.Equal(got, want) {
			t.Fatalf("%d entries: the feed holds %d entries, want %d, or in another order", n, len(got), len(want))
		}
	}
}

func TestMapOrderKeepsTies(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{3, 500} {
		l := orderEntries(r, n)
		first := func(e *Entry) string {
			if len(e.Themes) == 0 {
				return "\uffff"
			}
			return strings.ToLower(e.Themes[0])
		}
		want := slices.Clone(l)
		slices.SortStableFunc(want, func(a, b *Entry) int {
			return cmp.Or(strings.Compare(first(a), first(b)), a.ProgressStep()-b.ProgressStep(), strings.Compare(a.Title, b.Title))
		})
		if got := MapOrder(l); !slices.Equal(got, want) {
			t.Fatalf("%d entries: MapOrder differs from a stable sort by theme, step and title", n)
		}
	}
}

func TestSortActionsKeepsTies(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	l := make([]*ActionItem, 400)
	for i := range l {
		a := &ActionItem{}
		a.Status = model.ActionStatuses[r.IntN(len(model.ActionStatuses))]
		a.Owner = fmt.Sprint("owner ", r.IntN(3))
		if r.IntN(4) > 0 {
			a.Due = time.Date(2026, 3, 1+r.IntN(4), 0, 0, 0, 0, time.UTC)
		}
		a.Action.Action = fmt.Sprint(i)
		l[i] = a
	}
	want := slices.Clone(l)
	slices.SortStableFunc(want, func(a, b *ActionItem) int {
		if c := cmp.Compare(slices.Index(model.ActionStatuses, a.Status), slices.Index(model.ActionStatuses, b.Status)); c != 0 {
			return c
		}
		switch {
		case a.Due.Equal(b.Due):
		case b.Due.IsZero():
			return -1
		case a.Due.IsZero():
			return 1
		default:
			return a.Due.Compare(b.Due)
		}
		return strings.Compare(a.Owner, b.Owner)
	})
	SortActions(l)
	if !slices.Equal(l, want) {
		t.Fatal("SortActions differs from a stable sort by status, due date and owner")
	}
}

// TestProgressCountsActionsWhenCardsAreKeyed: an insight whose sessions' actions
// are all done has got to "actions done", and its card, which shows how far it
// has got, is keyed with that: marking the last action done changes the card key
// of the insight, two steps away from the session.
func TestProgressCountsActionsWhenCardsAreKeyed(t *testing.T) {
	link := func(status string) *Entry {
		t.Helper()
		fsys := sitetest.FS(strings.Replace(sitetest.Minimal, "    status: open\n", "    status: "+status+"\n", 1))
		set, err := content.NewLoader().Load(context.Background(), fsys, nil)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := NewLinker().Link(set, Options{Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
		for _, e := range s.Entries {
			if e.ID == "insights/queue" {
				return e
			}
		}
		t.Fatal("no insights/queue")
		return nil
	}
	open, done := link("open"), link("done")
	if got := open.Progress(); got != InsightProgress[3] {
		t.Errorf("with an open action: progress %q, want %q", got, InsightProgress[3])
	}
	if got := done.Progress(); got != InsightProgress[4] {
		t.Errorf("with every action done: progress %q, want %q", got, InsightProgress[4])
	}
	if open.CardKey == done.CardKey {
		t.Error("the insight's card key is the same whether its chain's actions are done or not")
	}
}
