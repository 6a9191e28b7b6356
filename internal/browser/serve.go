package browser

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// DefaultCSP is the Content-Security-Policy ServeDir sends: nothing from
// elsewhere, and no inline script or style (images may be data: URLs).
const DefaultCSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// ServeDir serves the built site in dir on 127.0.0.1, under [DefaultCSP], until
// the test ends, and returns its base URL (no trailing slash).
func ServeDir(t testing.TB, dir string) string { return ServeDirCSP(t, dir, DefaultCSP) }

// ServeDirCSP is ServeDir with the given Content-Security-Policy ("" for none).
func ServeDirCSP(t testing.TB, dir, csp string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(dir, csp))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Handler serves the built site in dir as a static host would: index.html for a
// folder, 404.html (with status 404) for what is missing, the given
// Content-Security-Policy, and nothing cached.
func Handler(dir, csp string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	root := os.DirFS(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		if csp != "" {
			h.Set("Content-Security-Policy", csp)
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "."
		}
		if _, err := fs.Stat(root, name); err != nil {
			if page, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				h.Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(page)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}
