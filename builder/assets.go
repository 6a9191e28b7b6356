package builder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// asset is one published theme asset.
type asset struct {
	name string // logical name, as templates ask for it: "main.css", "js/search.js"
	path string // published path: "assets/main.1a2b3c4d.css" (no hash when serving)
	data []byte
}

// SassCompiler compiles an SCSS entry point to CSS. read returns an import's bytes
// and the name messages use for it.
type SassCompiler interface {
	Compile(ctx context.Context, entry string, read func(name string) ([]byte, string, error)) ([]byte, error)
}

// buildAssets processes the theme's assets/ folder: SCSS entry points (files not
// starting with "_") become CSS, everything else is published as is. In a build
// every name carries a hash of its content, so browsers may cache it forever; the
// dev server keeps plain names so that a style change does not alter every page.
func buildAssets(ctx context.Context, t *theme, o Options) ([]asset, Diagnostics) {
	var out []asset
	var diags Diagnostics
	for _, name := range t.list("assets", "") {
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
			b, _, err := t.read("assets", name)
			if err != nil {
				diags.errorf(Pos{File: "assets/" + name}, "%v", err)
				continue
			}
			data = b
		}
		out = append(out, asset{name: logical, path: publishedName(logical, data, o.Serve), data: data})
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
