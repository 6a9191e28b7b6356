package builder

import (
	"io/fs"
	"path"
	"sync"

	"github.com/playbookhq/playbook/builder/cms"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/render"
)

// decapFiles is what the build publishes of the Decap CMS package, read once per
// Builder: the package does not change while a builder lives.
type decapFiles struct {
	once    sync.Once
	version string
	names   []string
	err     error
}

// admin returns the files of /admin/, the editing forms, when the site wants them
// (cms, in its settings, is not false) and the build was given Decap CMS; else
// nothing, with a note saying why when the package was missing.
func (r *run) admin() []*render.Output {
	st := r.set.Settings
	if !st.CMS {
		return nil
	}
	if r.o.CMS == nil {
		r.res.Notes = append(r.res.Notes, "No editing forms at /admin/: the "+cms.Package+" npm package is not installed. "+
			"Run `npm install` in the Playbook repository (or `npm install "+cms.Package+"@"+cms.Version+"` in the site's folder), "+
			"or set cms: false in content/_index.md.")
		return nil
	}
	d := &r.b.decap
	d.once.Do(func() {
		d.version = cms.PackageVersion(r.o.CMS)
		d.names, d.err = cms.Dist(r.o.CMS)
	})
	if d.err != nil {
		r.res.Notes = append(r.res.Notes, "No editing forms at /admin/: "+d.err.Error()+".")
		return nil
	}
	style := ""
	if p, ok := r.assetNames["main.css"]; ok {
		style = ".." + p // relative to /admin/: the site may live under a path
	}
	site := cms.Site{
		Title: r.site.Title, BaseURL: r.site.BaseURL, Language: r.site.Language,
		Backend: st.CMSBackend, Repo: st.CMSRepo, Branch: st.CMSBranch,
		LocalBackend: r.o.CMSBackend, Style: style,
	}
	const source = "the editing forms (/admin/)"
	var outs []*render.Output
	for name, data := range cms.Files(site) {
		p := cms.Path(name)
		outs = append(outs, &render.Output{Path: p, URL: "/" + p, Data: data, Key: keys.Bytes(data), Source: source})
	}
	pkg := r.o.CMS
	for _, name := range d.names {
		p := cms.Path(name)
		outs = append(outs, &render.Output{
			Path: p, URL: "/" + p, Source: source,
			Key: keys.New(0).Str(cms.Package).Str(d.version).Str(name).Sum(),
			Gen: func() ([]byte, error) { return fs.ReadFile(pkg, path.Join("dist", name)) },
		})
	}
	return outs
}
