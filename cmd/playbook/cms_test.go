package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/model"
	"github.com/playbookhq/playbook/internal/browser"
)

// decapTools points playbook at the repository's Decap CMS and decap-server (the
// tests run in cmd/playbook, where no node_modules is): a test of the editing
// forms skips without them, and fails in CI.
func decapTools(t *testing.T) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for env, pkg := range map[string]string{"PLAYBOOK_DECAP": "decap-cms", "PLAYBOOK_DECAP_SERVER": "decap-server"} {
		dir := filepath.Join(root, "node_modules", pkg)
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
			if browser.InCI() {
				t.Fatalf("%s is not installed: .ci/setup runs npm install", pkg)
			}
			t.Skipf("%s is not installed (npm install)", pkg)
		}
		t.Setenv(env, dir)
	}
}

// form drives Decap CMS's forms in a page, as an author does: by the labels.
type form struct {
	t *testing.T
	p *browser.Page
}

func (f form) wait(what, js string) { f.t.Helper(); waitFor(f.t, f.p, what, js) }

// control is a JavaScript expression for the control labelled label ("Title",
// "Kind"...), the last one when several are (a new list item's): the element the
// label names, or else the editor in the label's field (the Markdown editor).
func (f form) control(label string) string {
	return `(() => { const ls = [...document.querySelectorAll("label")].filter(l => l.htmlFor &&
		l.textContent.trim().toLowerCase().replace(/\s*\(optional\)$/, "") === ` + jsString(strings.ToLower(label)) + `);
		const l = ls[ls.length - 1];
		return l && (document.getElementById(l.htmlFor) ||
			[l.parentElement, l.parentElement.parentElement].map(c => c.querySelector("textarea, [contenteditable=true]")).find(Boolean)); })()`
}

// typeInto types text into the control labelled label, after what it holds.
func (f form) typeInto(label, text string) {
	f.t.Helper()
	el := f.control(label)
	f.wait("a field labelled "+label, "!!"+el)
	if err := f.p.Eval(el+`.focus()`, nil); err != nil {
		f.t.Fatal(err)
	}
	f.keys(text)
}

func (f form) keys(s string) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.p.Context(), 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(s)); err != nil {
		f.t.Fatal(err)
	}
}

// choose types into a select or relation field and takes the option offered
// that holds want.
func (f form) choose(label, typed, want string) {
	f.t.Helper()
	f.typeInto(label, typed)
	f.wait("an option "+want, `[...document.querySelectorAll("[class*=option]")].some(o => o.textContent.includes(`+jsString(want)+`))`)
	f.keys("\r")
}

// button clicks the button (or menu item) whose text is text.
func (f form) button(text string) {
	f.t.Helper()
	js := `[...document.querySelectorAll("button, [role=button], [role=menuitem]")].find(b => b.textContent.trim() === ` + jsString(text) + `)`
	f.wait("a button "+text, "!!"+js)
	if err := f.p.Eval(js+`.click()`, nil); err != nil {
		f.t.Fatal(err)
	}
}

// publish saves the entry: Publish, then Publish now.
func (f form) publish() {
	f.t.Helper()
	f.button("Publish")
	f.button("Publish now")
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// waitFile waits until the file at p holds want.
func waitFile(t *testing.T, p, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), want) {
			return string(data)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not hold %q: %v\n%s", p, want, err, data)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// known fails the test for a front-matter key that the model of typ does not have.
func known(t *testing.T, typ string, fm map[string]any) {
	t.Helper()
	ty := model.Named(typ)
	for k := range fm {
		if _, ok := ty.Field(k); !ok {
			t.Errorf("the forms wrote %q, which the model of %s does not know", k, typ)
		}
	}
}

// builds checks the site as a build does: no errors, and no warning about file.
func builds(t *testing.T, dir, file string) {
	t.Helper()
	code, _, errs := playbook(t, "check", "--source", dir)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	if strings.Contains(errs, file) {
		t.Errorf("check warns about %s:\n%s", file, errs)
	}
}

// page waits until the dev server's page at path shows every one of want.
func page(t *testing.T, base, path string, want ...string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var body string
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + path); err == nil {
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(data)
			if resp.StatusCode == 200 && !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(body, w) }) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s does not show all of %q", path, want)
}

// TestEditingForms runs `playbook serve --cms` on the sample playbook and edits it
// through /admin/ in Chromium, as an author without a terminal would: a new
// insight written through the form lands in content/insights/, builds without
// errors or warnings of its own, and its page shows what was typed; an
// experience's analogy changed with the relation widget changes that one key and
// nothing else of the file. Decap CMS checks its configuration as it starts: the
// console shows no error, nor any breach of /admin/'s Content-Security-Policy.
func TestEditingForms(t *testing.T) {
	decapTools(t)
	dir := sampleSite(t)
	s := startServe(t, dir, "--port", "0", "--cms")
	if !strings.Contains(s.stdout.String(), "Editing forms at "+s.url+"/admin/") {
		t.Errorf("serve does not say where the forms are:\n%s", s.stdout)
	}
	b := browser.New(t)
	p, err := b.Open(s.url+"/admin/", browser.View{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	f := form{t, p}
	f.button("Login") // the local backend asks no password
	f.wait("the collections", `document.body.innerText.includes("Experiences")`)

	// A new insight.
	if err := p.Eval(`location.hash = "#/collections/insights/new"`, nil); err != nil {
		t.Fatal(err)
	}
	f.typeInto("Title", "The form asks for the address twice")
	f.typeInto("Summary", "Applicants type their address on two pages and wonder whether the first was lost.")
	f.choose("Kind", "frus", "frustrating")
	f.typeInto("Customer", "residents applying online")
	f.typeInto("Moment", "x")
	f.keys("\b") // emptied: the file must not say moment: ""
	f.button("Add evidence")
	f.typeInto("Quote", "Did it not keep my address?")
	f.typeInto("Source", "usability test, May")
	f.choose("Confidence", "hig", "high")
	f.typeInto("Text", "The second page does not show what the first one took.")
	f.wait("the preview in the site's stylesheet", `(() => { const d = document.querySelector("iframe") && document.querySelector("iframe").contentDocument;
		return d && [...d.querySelectorAll("link[rel=stylesheet]")].some(l => l.href.includes("/assets/main.")) &&
			d.body.innerText.includes("residents applying online"); })()`)
	// The preview is the page's head and its facts: the title as the heading,
	// each field under its label, on screen.
	f.wait("the preview of the page", `(() => { const d = document.querySelector("iframe").contentDocument;
		const h1 = d.querySelector("article.t-insight h1");
		const dt = [...d.querySelectorAll(".facts dt")].find(x => x.textContent === "Customer");
		return h1 && h1.textContent === "The form asks for the address twice" && h1.checkVisibility() &&
			dt && dt.checkVisibility() && dt.nextElementSibling.textContent === "residents applying online"; })()`)
	f.publish()
	rel := "content/insights/the-form-asks-for-the-address-twice.md"
	text := waitFile(t, filepath.Join(dir, rel), "residents applying online")
	if !strings.HasPrefix(text, "---\n") {
		t.Errorf("%s does not open with YAML front matter:\n%s", rel, text)
	}
	fm, problem := content.FrontMatter(rel, []byte(text))
	if problem != nil {
		t.Fatalf("%v\n%s", problem, text)
	}
	known(t, "insights", fm)
	for k, want := range map[string]string{"title": "The form asks for the address twice", "customer": "residents applying online",
		"confidence": "high", "kind": "[frustrating]", "evidence": "[map[quote:Did it not keep my address? source:usability test, May]]"} {
		if got := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(fmtValue(fm[k]), "\n", " "), "  ", " ")); got != want {
			t.Errorf("%s: %s = %s, want %s", rel, k, got, want)
		}
	}
	if _, ok := fm["date"]; !ok {
		t.Errorf("%s has no date:\n%s", rel, text)
	}
	if _, ok := fm["moment"]; ok {
		t.Errorf("%s keeps the emptied moment:\n%s", rel, text)
	}
	builds(t, dir, rel)
	page(t, s.url, "/insights/the-form-asks-for-the-address-twice/",
		"The form asks for the address twice", "residents applying online", "Did it not keep my address?", "usability test, May",
		"The second page does not show what the first one took.")

	// An experience's analogy, through the relation widget.
	rel = "content/experiences/triage-waiting-room.md"
	before, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Eval(`location.hash = "#/collections/experiences"`, nil); err != nil {
		t.Fatal(err)
	}
	entry := `document.querySelector('a[href$="#/collections/experiences/entries/triage-waiting-room"]')`
	f.wait("the experience in the list", "!!"+entry)
	if strings.Contains(eval[string](t, p, `document.body.innerText`), "_index") {
		t.Error("the list of experiences shows the introduction, _index.md")
	}
	if err := p.Eval(entry+".click()", nil); err != nil {
		t.Fatal(err)
	}
	f.wait("the experience's form", `[...document.querySelectorAll("input")].some(i => i.value === "The triage waiting room")`)
	f.wait("its analogy", `document.body.innerText.includes("Waiting in a hospital emergency department")`)
	f.choose("Analogy", "lost lugg", "Claiming lost luggage at a foreign airport")
	f.publish()
	text = waitFile(t, filepath.Join(dir, rel), "analogy: lost-luggage-claim")
	was, _ := content.FrontMatter(rel, before)
	now, problem := content.FrontMatter(rel, []byte(text))
	if problem != nil {
		t.Fatalf("%v\n%s", problem, text)
	}
	known(t, "experiences", now)
	was["analogy"] = "lost-luggage-claim"
	for _, k := range slices.Sorted(maps.Keys(was)) {
		if fmtValue(was[k]) != fmtValue(now[k]) {
			t.Errorf("%s: %s was %s, is %s after the edit", rel, k, fmtValue(was[k]), fmtValue(now[k]))
		}
	}
	if len(now) != len(was) {
		t.Errorf("%s: the keys were %v, are %v", rel, slices.Sorted(maps.Keys(was)), slices.Sorted(maps.Keys(now)))
	}
	if body := strings.SplitN(string(before), "\n---\n", 2)[1]; !strings.HasSuffix(strings.TrimSpace(text), strings.TrimSpace(body)) {
		t.Errorf("%s: the body changed:\n%s", rel, text)
	}
	builds(t, dir, rel)
	page(t, s.url, "/experiences/triage-waiting-room/", "Claiming lost luggage at a foreign airport")

	for _, m := range p.Console() {
		if m.IsError() && !strings.Contains(m.URL, "favicon.ico") || m.IsCSPViolation() {
			t.Errorf("console: %s", m)
		}
	}
}

func fmtValue(v any) string {
	switch v := v.(type) {
	case map[string]any:
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			parts = append(parts, k+":"+fmtValue(v[k]))
		}
		return "map[" + strings.Join(parts, " ") + "]"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = fmtValue(x)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case nil:
		return "<nil>"
	}
	return strings.TrimSpace(strings.ReplaceAll(fmt.Sprint(v), "\n", " "))
}

// TestDecapServerPinned: package.json installs the decap-server that serve --cms
// names in its messages.
func TestDecapServerPinned(t *testing.T) {
	data, err := os.ReadFile("../../package.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"decap-server": "`+DecapServerVersion+`"`) {
		t.Errorf("package.json does not pin decap-server %s", DecapServerVersion)
	}
}

// TestDecapServerFromElsewhere: run from the repository, whose node_modules holds
// decap-server, on a site in another folder, serve --cms names the backend's
// script by an absolute path: Node runs in the site's folder, where a relative one
// names nothing.
func TestDecapServerFromElsewhere(t *testing.T) {
	decapTools(t)
	t.Setenv("PLAYBOOK_DECAP_SERVER", "")
	t.Chdir("../..")
	site := t.TempDir()
	p := findDecapServer(site)
	if !filepath.IsAbs(p) {
		t.Fatalf("found %q: Node, started in %s, would not find it", p, site)
	}
	if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("found %q: %v", p, err)
	}
}
