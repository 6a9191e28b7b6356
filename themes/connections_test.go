package themes_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	connectionsSection = regexp.MustCompile(`(?s)<section class="connections".*?</div>\s*</div>\s*</section>`)
	connectionGroup    = regexp.MustCompile(`(?s)<div class="link-group rel-([a-z-]+)".*?</ul>\n</div>`)
	connectionHref     = regexp.MustCompile(`<li class="t-[a-z]+">.*?<a href="([^"]+)"`)
	bodyLinkGroups     = map[string]bool{"linked-both-ways": true, "mentioned-in": true}
)

// TestConnectionsListEachEntryOnce: on every entry page of the sample, the groups
// of body links (linked both ways, mentioned in) name no entry twice and
// none the typed groups above them show already: an analogy that mentions another
// which mentions it back lists it once, as linked both ways. (A typed group may
// repeat an entry with another meaning: a session that ran an insight's
// experience and surfaced it too.)
func TestConnectionsListEachEntryOnce(t *testing.T) {
	dir := sampleSite(t)
	both := 0
	for _, e := range built.site.Entries {
		data, err := os.ReadFile(filepath.Join(dir, strings.TrimPrefix(e.URL, "/"), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		sec := connectionsSection.Find(data)
		if sec == nil {
			continue
		}
		seen := map[string]bool{}
		for _, g := range connectionGroup.FindAllSubmatch(sec, -1) {
			if string(g[1]) == "mentions" {
				t.Errorf("%s lists the entries its body links to: they are links in its text", e.URL)
			}
			body := bodyLinkGroups[string(g[1])]
			for _, m := range connectionHref.FindAllSubmatch(g[0], -1) {
				href := string(m[1])
				if body && seen[href] {
					t.Errorf("%s lists %s again under %s", e.URL, href, g[1])
				}
				seen[href] = true
			}
		}
		if strings.Contains(string(sec), "Linked both ways") {
			both++
		}
	}
	if both == 0 {
		t.Error("no page of the sample lists an entry as linked both ways: the test proves nothing")
	}
}

// TestConnectionsReadTheirType: a screen reader hears the type of each entry of
// a group of several types (the stylesheet's alternative text for its icon,
// since the page writes no hidden text for it) and not of a group of one type,
// whose heading says it; and it hears who owns an action.
func TestConnectionsReadTheirType(t *testing.T) {
	base := serve(t, sampleSite(t))
	p, err := sharedBrowser(t).Open(base+"/sessions/customer-services-march-2026/", phone)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, c := range []struct{ selector, want string }{
		{".rel-mentioned-in .link-list > li", "Analogy: Tracking a parcel from warehouse to doorstep"},
		{".rel-mentioned-in .link-list > li", "Page: Writing and linking entries"},
		{".rel-linked-both-ways .link-list > li", "Page: How to run a session"},
		{".related .link-list > li", "Insight: The ticket number at the counter tells you nothing"},
		{".related .link-list > li", "Analogy: Waiting in a hospital emergency department"},
		{".rel-addresses .link-list > li", "Reports made in the app are closed without the resident seeing anything change"},
		{".action-owner", "Owner: Grace Liu, Facilities"},
	} {
		heard, err := p.ReadAloud(c.selector)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(heard, c.want) {
			t.Errorf("%s: a screen reader hears %q, none of them %q", c.selector, heard, c.want)
		}
	}
}
