package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/playbookhq/playbook/builder/cms"
)

// TestEditingForms: /admin/ gets the forms' policy and no live reload (a save
// through them rebuilds the site, which must not reload the form); the local
// backend answers only JSON posted by a page of this very server.
func TestEditingForms(t *testing.T) {
	s, sink := testSite(t)
	sink.Put("admin/index.html", []byte("<!doctype html><html><head><title>Edit</title></head><body></body></html>"))
	var got []string
	s.backend = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, string(body))
		io.WriteString(w, `{"ok":true}`)
	})
	resp := get(s, "GET", "/admin/")
	body, _ := io.ReadAll(resp.Body)
	if csp := resp.Header.Get("Content-Security-Policy"); csp != cms.CSP {
		t.Errorf("/admin/: CSP %q", csp)
	}
	if strings.Contains(string(body), LivePath) {
		t.Errorf("/admin/ reloads with the site:\n%s", body)
	}
	if csp := get(s, "GET", "/").Header.Get("Content-Security-Policy"); csp != CSP {
		t.Errorf("/: CSP %q", csp)
	}

	post := func(origin, ctype string) int {
		r := httptest.NewRequest("POST", "http://localhost:1313"+cms.LocalBackendPath, strings.NewReader(`{"action":"info"}`))
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		r.Header.Set("Content-Type", ctype)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w.Code
	}
	if code := post("http://localhost:1313", "application/json; charset=utf-8"); code != 200 || len(got) != 1 {
		t.Errorf("the forms' own request: %d, backend saw %q", code, got)
	}
	for _, tc := range []struct{ origin, ctype string }{
		{"http://localhost:3000", "application/json"}, // another server on this computer
		{"https://evil.example", "application/json"},
		{"", "application/json"},
		{"http://localhost:1313", "text/plain"}, // what a plain form can send
	} {
		if code := post(tc.origin, tc.ctype); code != http.StatusForbidden {
			t.Errorf("origin %q, %s: %d, want 403", tc.origin, tc.ctype, code)
		}
	}
	if len(got) != 1 {
		t.Errorf("the backend saw %d requests, want 1", len(got))
	}
}
