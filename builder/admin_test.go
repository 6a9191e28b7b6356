package builder

import (
	"strings"
	"testing"
	"testing/fstest"
)

// fakeDecap stands for the Decap CMS npm package.
var fakeDecap = fstest.MapFS{
	"package.json":          {Data: []byte(`{"name": "decap-cms", "version": "3.16.3"}`)},
	"dist/decap-cms.js":     {Data: []byte("/* decap */")},
	"dist/12.decap-cms.js":  {Data: []byte("/* a chunk */")},
	"dist/decap-cms.js.map": {Data: []byte("{}")},
}

// TestAdmin: a build given Decap CMS publishes /admin/ (the page, its
// configuration, the script and its chunks, not the source maps); a site that
// says cms: false has none; without the package the build says how to get it.
func TestAdmin(t *testing.T) {
	res, sink := mustBuild(t, minimalSite, func(o *Options) { o.CMS = fakeDecap })
	for _, p := range []string{"admin/index.html", "admin/config.yml", "admin/admin.js", "admin/decap-cms.js", "admin/12.decap-cms.js"} {
		if _, ok := sink.Get(p); !ok {
			t.Errorf("no %s", p)
		}
	}
	if _, ok := sink.Get("admin/decap-cms.js.map"); ok {
		t.Error("the source map is published")
	}
	if cfg := page(t, sink, "admin/config.yml"); !strings.Contains(cfg, "name: git-gateway") || !strings.Contains(cfg, "folder: content/insights") {
		t.Errorf("config.yml:\n%s", cfg)
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes: %v", res.Notes)
	}

	// Served with the local backend.
	_, sink = mustBuild(t, minimalSite, func(o *Options) { o.CMS, o.CMSBackend = fakeDecap, "/__playbook/cms/api/v1" })
	if cfg := page(t, sink, "admin/config.yml"); !strings.Contains(cfg, "proxy_url: /__playbook/cms/api/v1") {
		t.Errorf("served config.yml:\n%s", cfg)
	}

	off := strings.Replace(minimalSite, "theme: plain\n", "theme: plain\ncms: false\n", 1)
	res, sink = mustBuild(t, off, func(o *Options) { o.CMS = fakeDecap })
	if _, ok := sink.Get("admin/index.html"); ok || len(res.Notes) > 0 {
		t.Errorf("cms: false still publishes /admin/ (notes %v)", res.Notes)
	}

	res, sink = mustBuild(t, minimalSite, nil)
	if _, ok := sink.Get("admin/index.html"); ok {
		t.Error("/admin/ without Decap CMS")
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "npm install") || !strings.Contains(res.Notes[0], "cms: false") {
		t.Errorf("notes without the package: %v", res.Notes)
	}
}

// TestAdminSettings: the github backend needs its repository.
func TestAdminSettings(t *testing.T) {
	site := strings.Replace(minimalSite, "theme: plain\n", "theme: plain\ncmsBackend: github\n", 1)
	_, _, err := build(t, site, func(o *Options) { o.CMS = fakeDecap })
	if err == nil || !strings.Contains(err.Error(), "content/_index.md:5:1: cmsRepo: the github backend needs the repository as owner/name") {
		t.Errorf("github without cmsRepo: %v", err)
	}
	site = strings.Replace(site, "cmsBackend: github\n", "cmsBackend: github\ncmsRepo: harbour/playbook\ncmsBranch: content\n", 1)
	_, sink := mustBuild(t, site, func(o *Options) { o.CMS = fakeDecap })
	if cfg := page(t, sink, "admin/config.yml"); !strings.Contains(cfg, "repo: harbour/playbook") || !strings.Contains(cfg, "branch: content") {
		t.Errorf("config.yml:\n%s", cfg)
	}
}
