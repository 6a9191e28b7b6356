package builder

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/playbookhq/playbook/builder/internal/safefs"
)

// Options control a build. The zero value builds the current folder's content,
// without drafts, at company visibility, for today.
type Options struct {
	// Source is the folder holding content/ (and optionally themes/, layouts/,
	// assets/, static/). Default ".".
	Source string
	// FS reads the source; default the Source folder, read so that no symbolic
	// link leads out of it and no special file is opened. Tests pass an
	// fstest.MapFS.
	FS fs.FS
	// Dest is where `build` publishes; default Source/public.
	Dest string
	// Drafts includes entries marked draft.
	Drafts bool
	// BaseURL overrides the site's baseURL setting (deploy previews).
	BaseURL string
	// Strict turns warnings into errors.
	Strict bool
	// Visibility is the widest audience the build is for: it publishes entries at or
	// above it (Company: public and company entries).
	Visibility Visibility
	// Today decides overdue actions and upcoming sessions. Zero: PLAYBOOK_TODAY if
	// set (YYYY-MM-DD), else the local date.
	Today time.Time
	// Serve makes pages for the dev server: asset names carry no content hash, so
	// that a style change alters the stylesheet and no page; no share cards.
	Serve bool
	// KeepGoing renders what it can despite errors in the content (the dev server
	// shows the errors over the pages it updated); the build still returns them.
	// Errors in the theme stop it regardless.
	KeepGoing bool
	// Loaded, when set, is called once the content is loaded and linked and the
	// outputs (the search index among them) are listed, before rendering: the
	// playbook command tunes the garbage collector there, once it knows how much
	// the build holds, and may write a heap profile.
	Loaded func()
	// Ahead, when set, is called during a Rebuild once the pages of the entries
	// whose files changed are in the sink, rendered before the rest of the site
	// (at most a few; none when the build has problems). The dev server reloads
	// them then. The build renders them again with the rest, to the same bytes.
	Ahead func()
	// Theme overrides the site's theme setting.
	Theme string
	// Themes holds the built-in themes, one folder per theme. Default: none, so a
	// site must bring its own; the playbook command passes the embedded themes.
	Themes fs.FS
	// Sass compiles SCSS whose stored CSS is stale; nil means the stored CSS must
	// match (see package style).
	Sass SassCompiler
	// CMS is the folder of the Decap CMS npm package (holding package.json and
	// dist/): with it, and unless the site's settings say cms: false, the build
	// publishes the editing forms at /admin/. Nil: no /admin/, and Result.Notes
	// says how to get it.
	CMS fs.FS
	// CMSBackend, when set, is the URL of the Decap local backend that the forms
	// save through instead of the site's Git repository (playbook serve --cms).
	CMSBackend string
	// Fresh renders every output: without it, Build publishes again, by hard link,
	// each file of the previous output whose key (the hash of every input, this
	// program's own bytes among them) is that of the output it would render.
	Fresh bool
	// StyleCache keeps CSS compiled from a site's own SCSS in Source/resources/css/,
	// and share cards in Source/resources/social/, so that later builds of the site
	// need neither Dart Sass nor the time to draw them.
	StyleCache bool
}

func (o Options) withDefaults() (Options, error) {
	if o.Source == "" {
		o.Source = "."
	}
	if o.FS == nil {
		dir, err := safefs.Dir(o.Source)
		if err != nil {
			return o, fmt.Errorf("no site folder at %s: %w", o.Source, err)
		}
		o.FS = dir
	} else {
		o.FS = safefs.Guard(o.FS)
	}
	if o.Today.IsZero() {
		t, err := Today()
		if err != nil {
			return o, err
		}
		o.Today = t
	}
	o.Today = time.Date(o.Today.Year(), o.Today.Month(), o.Today.Day(), 0, 0, 0, 0, time.UTC)
	return o, nil
}

// Today returns the date builds consider today: PLAYBOOK_TODAY (YYYY-MM-DD) if set,
// else the local date.
func Today() (time.Time, error) {
	if s := os.Getenv("PLAYBOOK_TODAY"); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("PLAYBOOK_TODAY=%q: want YYYY-MM-DD", s)
		}
		return t, nil
	}
	now := time.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}
