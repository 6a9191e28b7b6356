package main

import (
	"bytes"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tinySite is a complete playbook of one insight, small enough to build in every
// case below.
const tinySite = `-- content/_index.md --
---
title: Tiny playbook
baseURL: https://tiny.example.org/
organisation: Example Org
---
Welcome.
-- content/insights/queue.md --
---
title: The queue hides its rules
summary: People cannot see the order they are served in.
date: 2026-01-10
kind: [frustrating]
customer: walk-in residents
evidence:
  - quote: I had no idea who was next.
---
Residents wait without knowing why.
-- notes.txt --
a note kept beside content/
`

// writeArchive writes the files of a txtar-like archive under dir.
func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			write(t, filepath.Join(dir, name), body.String())
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		if l := strings.TrimRight(line, "\n"); strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") {
			flush()
			name = strings.TrimSpace(l[3 : len(l)-3])
			continue
		}
		body.WriteString(line)
	}
	flush()
}

// published lists every file of a built site with its contents.
func published(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return out
}

const secret = "SECRET-7f3a" // what hidden or outside content holds

// TestSafety holds every way of publishing what must not be published, or of
// overwriting what must not be overwritten, that has been found: each case sets
// up a tiny site, builds it after a good build, and checks the exit code, the
// message and what was published.
func TestSafety(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.txt")
	write(t, outside, secret)
	link := func(target, name string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if strings.HasPrefix(target, "@") {
				target = outside
			}
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.Symlink(target, p); err != nil {
				t.Skip(err)
			}
		}
	}
	files := func(archive string) func(*testing.T, string) {
		return func(t *testing.T, dir string) { writeArchive(t, dir, archive) }
	}
	alias := func(a string) func(*testing.T, string) {
		return files("-- content/pages/about.md --\n---\ntitle: About\nsummary: s\n---\nx\n" +
			"-- content/pages/old.md --\n---\ntitle: Old\nsummary: s\naliases: [\"" + a + "\"]\n---\nx\n")
	}
	hiddenAs := func(name string) func(*testing.T, string) {
		return files("-- content/insights/" + name + " --\n---\ntitle: Hidden\ndraft: true\n---\n" + secret + "\n")
	}
	for _, c := range []struct {
		name  string
		setup func(*testing.T, string)
		args  []string
		code  int
		want  string // in stderr
	}{
		// Links and special files: nothing from outside the site folder, never a hang.
		{"link to the environment", link("/proc/self/environ", "content/env.txt"), nil, 1,
			"content/env.txt: it is a symbolic link to somewhere outside the site folder"},
		{"link to a file outside", link("@", "content/insights/passwd.md"), nil, 1,
			"content/insights/passwd.md: it is a symbolic link to somewhere outside the site folder"},
		{"link to a device", link("/dev/zero", "content/zero.bin"), nil, 1,
			"content/zero.bin: it is a symbolic link to somewhere outside the site folder"},
		{"link to a folder", link("insights", "content/again"), nil, 1,
			"content/again: it is a symbolic link to a folder"},
		{"link inside the site", link("../notes.txt", "content/notes.txt"), nil, 0, ""},
		{"link to a FIFO inside", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
				t.Skip(err)
			}
			link("../pipe", "content/pipe.txt")(t, dir)
		}, nil, 1, "content/pipe.txt: it is a link to a FIFO, a socket or a device"},
		{"FIFO as content", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "content", "insights", "pipe.md"), 0o644); err != nil {
				t.Skip(err)
			}
		}, nil, 1, "content/insights/pipe.md: it is not a regular file (a FIFO, a socket or a device)"},
		{"socket as attachment", func(t *testing.T, dir string) {
			l, err := net.Listen("unix", filepath.Join(dir, "content", "s.sock"))
			if err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() { l.Close() })
		}, nil, 1, "content/s.sock: it is not a regular file"},

		// Hidden entries under other names.
		{"draft as .MD", hiddenAs("hidden.MD"), nil, 1, "content/insights/hidden.MD: Markdown content files end in .md, in lower case: rename it to hidden.md"},
		{"draft as .markdown", hiddenAs("hidden.markdown"), nil, 1, "content/insights/hidden.markdown: Markdown content files end in .md"},
		{"draft as .md.orig", hiddenAs("hidden.md.orig"), nil, 0, ""},
		{"draft as .md.bak", hiddenAs("hidden.md.bak"), nil, 0, ""},
		{"draft as .md~", hiddenAs("hidden.md~"), nil, 0, ""},
		{"draft as .md.old", hiddenAs("hidden.md.old"), nil, 0, ""},
		{"draft as .markdown.2024", hiddenAs("hidden.markdown.2024"), nil, 0, ""},
		{"attachment of a draft", files("-- content/pages/plan.md --\n---\ntitle: Plan\nsummary: s\ndraft: true\n---\nSee [the plan](plan.txt).\n-- content/pages/plan.txt --\n" + secret + "\n"), nil, 0, ""},
		{"attachment of a team entry", files("-- content/pages/team.md --\n---\ntitle: Team\nsummary: s\nvisibility: team\n---\nSee [the plan](team.txt).\n-- content/pages/team.txt --\n" + secret + "\n"), nil, 0, ""},

		// Aliases: every spelling of a place is that place.
		{"alias with a dot", alias("/pages/./about/"), nil, 1, "content/pages/old.md:4:11: /pages/about/ would be written twice: by content/pages/about.md and by content/pages/old.md"},
		{"alias with a double slash", alias("pages//about"), nil, 1, "content/pages/old.md:4:11: /pages/about/ would be written twice"},
		{"alias with index.html", alias("/pages/about/index.html"), nil, 1, "content/pages/old.md:4:11: /pages/about/ would be written twice"},
		{"alias of the home page", alias("//"), nil, 1, `content/pages/old.md:4:11: aliases: "//" names the home page`},
		{"alias of the home page, dotted", alias("/./"), nil, 1, `content/pages/old.md:4:11: aliases: "/./" names the home page`},
		{"alias out of the site", alias("/../../etc/"), nil, 1, `content/pages/old.md:4:11: aliases: "/../../etc/" is not a site path`},
		{"alias with an escape", alias("/pages/%2e%2e/"), nil, 1, `content/pages/old.md:4:11: aliases: "/pages/%2e%2e/" is not a site path`},
		{"alias onto the sitemap", alias("/sitemap.xml"), nil, 1, "content/pages/old.md:4:11: /sitemap.xml would be both a file"},
		{"alias onto a feed", alias("/feed.xml"), nil, 1, "content/pages/old.md:4:11: /feed.xml would be both a file"},
		{"alias onto a list", alias("/insights/"), nil, 1, "content/pages/old.md:4:11: /insights/ would be written twice"},

		// Values that other programs would misread.
		{"baseURL with a line break", files("-- content/_index.md --\n---\ntitle: Tiny\nbaseURL: \"https://tiny.example.org/\\r\\nX-EVIL: 1\"\n---\nx\n"), nil, 1,
			`content/_index.md:3:10: baseURL "https://tiny.example.org/\r\nX-EVIL: 1" holds a space, a line break or a control character`},
		{"--base-url with a space", nil, []string{"--base-url", "https://x.example/ a"}, 1, `--base-url: baseURL "https://x.example/ a" holds a space`},
		{"broken settings", files("-- content/_index.md --\n---\ntitle: [Tiny\n---\nx\n"), nil, 1, "content/_index.md:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeArchive(t, dir, tinySite)
			if code, _, errs := playbook(t, "build", "--source", dir); code != 0 {
				t.Fatalf("good build: exit %d\n%s", code, errs)
			}
			before := published(t, filepath.Join(dir, "public"))
			if c.setup != nil {
				c.setup(t, dir)
			}
			var code int
			var errs string
			done := make(chan struct{})
			go func() {
				defer close(done)
				code, _, errs = playbook(t, append([]string{"build", "--source", dir}, c.args...)...)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("the build hangs")
			}
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, want %d; stderr should hold %q:\n%s", code, c.code, c.want, errs)
			}
			after := published(t, filepath.Join(dir, "public"))
			if code != 0 {
				if len(after) != len(before) || after["index.html"] != before["index.html"] {
					t.Error("a failed build changed the published site")
				}
				if strings.Count(errs, "error") > 3 {
					t.Errorf("more errors than the one problem:\n%s", errs)
				}
				return
			}
			for p, data := range after {
				if strings.Contains(data, secret) {
					t.Errorf("%s publishes what is hidden or outside", p)
				}
			}
		})
	}
}

// TestBrokenSettingsOneError: a malformed content/_index.md is one error, not also
// one about the theme it could not name.
func TestBrokenSettingsOneError(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, tinySite+"-- content/_index.md --\n---\ntitle: [Tiny\n---\nx\n")
	code, _, errs := playbook(t, "build", "--source", dir)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "content/_index.md:2:8: YAML front matter") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
}

// TestGitHubAnnotationsEscapeFileNames: a crafted file name cannot start a
// workflow command of its own.
func TestGitHubAnnotationsEscapeFileNames(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, tinySite)
	write(t, filepath.Join(dir, "content", "insights", "a\n::add-mask::b,c%0A.md"), "---\ntitle: x\n---\nhi\n")
	_, out, errs := playbook(t, "check", "--source", dir, "--format", "github")
	for _, l := range strings.Split(out+errs, "\n") {
		if l != "" && !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") {
			t.Errorf("a line that is not one annotation: %q", l)
		}
	}
	if !strings.Contains(out+errs, "file=content/insights/a%0A%3A%3Aadd-mask%3A%3Ab%2Cc%250A.md,line=") {
		t.Errorf("file name not escaped:\n%s%s", out, errs)
	}
}

// TestStaleStagingRemoved: staging folders that killed builds left are removed by
// the next build; a folder of the same name without the build's marker is kept.
func TestStaleStagingRemoved(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, tinySite)
	for _, n := range []string{"1", "2"} {
		write(t, filepath.Join(dir, ".public.playbook-"+n, ".playbook-output"), "x")
		write(t, filepath.Join(dir, ".public.playbook-"+n, "index.html"), "stale")
	}
	write(t, filepath.Join(dir, ".public.playbook-mine", "keep.txt"), "an author's")
	if code, _, errs := playbook(t, "build", "--source", dir); code != 0 {
		t.Fatal(errs)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".public.playbook-*"))
	if len(left) != 1 || filepath.Base(left[0]) != ".public.playbook-mine" {
		t.Errorf("left: %v", left)
	}
}

// TestSymlinkedDestination: a --dest that is a symbolic link is published through:
// the link stays, the folder it names holds the site.
func TestSymlinkedDestination(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, tinySite)
	real := filepath.Join(t.TempDir(), "www")
	os.Mkdir(real, 0o755)
	dest := filepath.Join(dir, "out")
	if err := os.Symlink(real, dest); err != nil {
		t.Skip(err)
	}
	for i := range 2 {
		if code, _, errs := playbook(t, "build", "--source", dir, "--dest", dest); code != 0 {
			t.Fatalf("build %d: %s", i, errs)
		}
	}
	if info, err := os.Lstat(dest); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(real, "index.html")); err != nil || !bytes.Contains(data, []byte("Tiny playbook")) {
		t.Errorf("the linked folder lacks the site: %v", err)
	}
}
