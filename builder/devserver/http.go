package devserver

import (
	"bytes"
	"embed"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/builder/cms"
)

// Reserved paths: the site never has a folder named __playbook.
const (
	reserved    = "/__playbook/"
	EventsPath  = reserved + "events"
	LivePath    = reserved + "live.js"
	OverlayPath = reserved + "overlay.css"
)

// CSP is the Content-Security-Policy of every response but the editing forms'
// (/admin/, which get cms.CSP): the production one (netlify.toml), so that what
// works here works when published. The live-reload
// script and the overlay's styles are files of their own for that reason.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

//go:embed client/live.js client/overlay.css
var client embed.FS

// contentTypes are the types the dev server sends by extension, fixed here rather
// than read from the system's tables so that every machine serves the same.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".wasm":        "application/wasm",
	".zip":         "application/zip",
}

// ContentType is the Content-Type the dev server sends for a path.
func ContentType(p string, data []byte) string {
	ext := strings.ToLower(path.Ext(p))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if ext == "" {
		return "text/plain; charset=utf-8" // _redirects
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// site serves the files of a MemSink: never anything else, so no request path
// can reach outside the site, whatever it contains. It answers only requests
// for the hosts it allows, and takes a request that is more than a file's GET
// (the event stream, any other method) only from a page of an allowed host.
type site struct {
	files   *builder.MemSink
	build   func() string // the current build id, for the injected script
	hub     *hub
	hosts   hosts
	backend http.Handler    // the editing forms' local backend, or nil
	first   <-chan struct{} // closed when the first build has ended
	running *atomic.Bool    // Run has begun the first build
}

// waitFirst waits for the first build to end, and reports whether it has (rather
// than the request having gone).
func (s *site) waitFirst(r *http.Request) bool {
	if !s.pending() {
		return true
	}
	select {
	case <-s.first:
		return true
	case <-r.Context().Done():
		return false
	}
}

// pending reports that the first build is still running.
func (s *site) pending() bool {
	if s.first == nil || !s.running.Load() {
		return false
	}
	select {
	case <-s.first:
		return false
	default:
		return true
	}
}

// isAdmin reports a path of the editing forms, which run Decap CMS under a
// policy of their own and are not reloaded by the build they cause.
func isAdmin(p string) bool { return p == "/admin" || strings.HasPrefix(p, "/admin/") }

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	// The path is decoded already: "%2e%2e" is "..", which Clean removes.
	p := path.Clean("/" + r.URL.Path)
	if isAdmin(p) {
		h.Set("Content-Security-Policy", cms.CSP)
	} else {
		h.Set("Content-Security-Policy", CSP)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	// A page of another site may make the browser open the event stream, or
	// send a form: browsers say whose page it is in Origin.
	if no := s.hosts.check(r, !get || p == EventsPath); no != nil {
		no.write(w)
		return
	}
	if s.backend != nil && strings.HasPrefix(p+"/", cms.LocalBackendPath+"/") {
		s.serveBackend(w, r)
		return
	}
	if !get {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasPrefix(p+"/", reserved) {
		s.serveOwn(w, r, p)
		return
	}
	key := strings.TrimPrefix(p, "/")
	if key == "" || strings.HasSuffix(r.URL.Path, "/") {
		key = path.Join(key, "index.html")
	}
	data, ok := s.files.Get(key)
	if !ok && s.pending() {
		if !s.waitFirst(r) {
			return
		}
		data, ok = s.files.Get(key)
	}
	if ok {
		s.write(w, r, http.StatusOK, key, data)
		return
	}
	// A folder asked for without its slash: relative links in its index.html
	// need the slash.
	if !strings.HasSuffix(r.URL.Path, "/") {
		if _, ok := s.files.Get(path.Join(key, "index.html")); ok {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
	}
	if data, ok := s.files.Get("404.html"); ok {
		s.write(w, r, http.StatusNotFound, "404.html", data)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

func (s *site) serveOwn(w http.ResponseWriter, r *http.Request, p string) {
	switch p {
	case EventsPath:
		// A page served during the first build hears from the end of it on.
		if !s.waitFirst(r) {
			return
		}
		s.hub.ServeHTTP(w, r)
		return
	case LivePath, OverlayPath:
		data, err := client.ReadFile("client/" + path.Base(p))
		if err != nil {
			panic(err) // embedded
		}
		s.write(w, r, http.StatusOK, p, data)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// serveBackend passes the forms' requests to the local backend, which writes to
// the working copy: only a page of this very server may ask (a page on another
// port of localhost may not), with a JSON body, which a plain form cannot send.
func (s *site) serveBackend(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if r.Method != http.MethodPost || origin != "http://"+r.Host ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		http.Error(w, "Forbidden: the editing forms' backend answers this site's own pages only.", http.StatusForbidden)
		return
	}
	s.backend.ServeHTTP(w, r)
}

func (s *site) write(w http.ResponseWriter, r *http.Request, status int, key string, data []byte) {
	ct := ContentType(key, data)
	if strings.HasPrefix(ct, "text/html") && !isAdmin("/"+key) {
		data = injectScript(data, s.build())
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// injectScript adds the live-reload script to a page, before </head> (else
// before </body>, else at the end), with the id of the build it was served from.
// It is a file, not an inline script: the CSP forbids those.
func injectScript(page []byte, build string) []byte {
	if bytes.Contains(page, []byte(LivePath)) {
		return page // the theme includes it itself
	}
	tag := `<script src="` + LivePath + `" data-build="` + build + `" defer></script>`
	at := indexFold(page, "</head")
	if at < 0 {
		at = indexFold(page, "</body")
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:at]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[at:]...)
}

// indexFold is bytes.Index ignoring ASCII case, for an ASCII needle.
func indexFold(s []byte, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		if s[i] == '<' && bytes.EqualFold(s[i:i+n], []byte(needle)) {
			return i
		}
	}
	return -1
}
