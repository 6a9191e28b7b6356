// Package style is the style stage of a build: it turns a theme's assets/ into the
// files a site publishes, compiling SCSS entry points with Dart Sass, or taking
// the CSS stored with the theme while its SCSS is unchanged (see sass.go).
package style

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/theme"
)

// Asset is one published theme asset.
type Asset struct {
	Name string // logical name, as templates ask for it: "main.css", "js/search.js"
	Path string // published path: "assets/main.1a2b3c4d.css" (no hash when serving)
	Data []byte
}

// Compiler compiles an SCSS entry point to CSS. read returns an import's bytes
// and the name messages use for it.
type Compiler interface {
	Compile(ctx context.Context, entry string, read func(name string) ([]byte, string, error)) ([]byte, error)
}

// Options are what the style stage needs beyond the theme.
type Options struct {
	FS     fs.FS    // the site's folder
	Source string   // the same folder on disk, for Cache
	Sass   Compiler // compiles SCSS whose stored CSS is stale; nil: the stored CSS must match
	// Cache keeps CSS compiled from a site's own SCSS in Source/resources/css/, so
	// that later builds of the site need no Dart Sass.
	Cache bool
	// Serve keeps asset names without a content hash, so that a style edit alters
	// the stylesheet and no page.
	Serve bool
}

// Assets processes the theme's assets/ folder: SCSS entry points (files not
// starting with "_") become CSS, everything else is published as is. In a build
// every name carries a hash of its content, so browsers may cache it forever; the
// dev server keeps plain names so that a style change does not alter every page.
func Assets(ctx context.Context, t *theme.Theme, o Options) ([]Asset, diag.List) {
	var out []Asset
	var diags diag.List
	for _, name := range t.List("assets", "") {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") {
			continue // partials
		}
		var data []byte
		logical := name
		switch path.Ext(name) {
		case ".scss", ".sass":
			logical = strings.TrimSuffix(name, path.Ext(name)) + ".css"
			css, d := compileStyles(ctx, t, o, name)
			diags = append(diags, d...)
			if css == nil {
				continue
			}
			data = css
		default:
			b, label, err := t.Read("assets", name)
			if err != nil {
				diags.Errorf(diag.Pos{File: label}, "cannot read: %v", err)
				continue
			}
			data = b
		}
		out = append(out, Asset{Name: logical, Path: publishedName(logical, data, o.Serve), Data: data})
	}
	return out, diags
}

// publishedName inserts a content hash before the extension: "main.css" becomes
// "assets/main.1a2b3c4d5e.css".
func publishedName(logical string, data []byte, serve bool) string {
	if serve {
		return "assets/" + logical
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(logical)
	return "assets/" + strings.TrimSuffix(logical, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}
