package builder

import (
	"context"
	"io/fs"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/publish"
	"github.com/playbookhq/playbook/builder/search"
	"github.com/playbookhq/playbook/builder/site"
	"github.com/playbookhq/playbook/builder/style"
)

// The names the playbook command and the dev server use, from the stages that
// define them.
type (
	Pos         = diag.Pos
	Severity    = diag.Severity
	Diagnostic  = diag.Diagnostic
	Diagnostics = diag.List
	BuildError  = diag.BuildError

	Visibility = content.Visibility

	Site       = site.Site
	Entry      = site.Entry
	Section    = site.Section
	Facet      = site.Facet
	FacetValue = site.FacetValue

	// Sink receives a build's files (see package publish).
	Sink = publish.Sink
	// MemSink keeps a site in memory, as the dev server serves it.
	MemSink = publish.Memory

	SassCompiler = style.Compiler
)

const (
	Error   = diag.Error
	Warning = diag.Warning

	// SearchData is the folder of the search index's files in the site.
	SearchData = search.Dir

	Company = content.Company
	Public  = content.Public
	Team    = content.Team
)

// ParseVisibility reads "public", "company" or "team".
func ParseVisibility(s string) (Visibility, error) { return content.ParseVisibility(s) }

// NewMemSink returns an empty in-memory site.
func NewMemSink() *MemSink { return publish.NewMemory() }

// ErrSassUnavailable is wrapped by a SassCompiler's error when it could not run
// Dart Sass at all; the build then explains how to install it.
var ErrSassUnavailable = style.ErrSassUnavailable

// StoredStyles compiles every SCSS entry point of the theme name in themes with c,
// and returns the files that keep the result with the theme (see package style).
func StoredStyles(ctx context.Context, themes fs.FS, name string, c SassCompiler) (map[string][]byte, error) {
	return style.StoredStyles(ctx, themes, name, c)
}

// CheckStoredStyles reports stored CSS of the theme name in themes that is
// missing or stale (see package style).
func CheckStoredStyles(themes fs.FS, name string) error { return style.CheckStoredStyles(themes, name) }

// StoredSassVersion is the version of the Dart Sass that compiled the stored CSS of
// theme name in themes, "" when it has none.
func StoredSassVersion(themes fs.FS, name string) string {
	return style.StoredSassVersion(themes, name)
}

// UsageError is a problem with the command line rather than the content: the
// playbook command exits 2 for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }
