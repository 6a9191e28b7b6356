package themes_test

import (
	"os"
	"path/filepath"
	"regexp"
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
