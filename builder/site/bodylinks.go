package site

import (
	"cmp"
	"path"
	"strings"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/internal/keys"
	"github.com/playbookhq/playbook/builder/mdext"
	"github.com/playbookhq/playbook/builder/model"
)

// Body links: what each [[wikilink]] and link to a .md file in a body resolves
// to, and against what.

// depKeyOf hashes what links to the documents at deps resolve against.
func depKeyOf(deps []int32, docs []*content.Doc, pub []bool) uint64 {
	k := keys.New(uint64(len(deps)))
	for _, at := range deps {
		k = k.U64(docs[at].TargetKey).Bool(pub[at])
	}
	return k.Sum()
}

// resolveBody resolves one document's body links, reporting links to nothing.
func resolveBody(d *content.Doc, ix *index, pub []bool, diags *diag.List) (links []Link, deps []int32) {
	out := make([]Link, len(d.Body.Refs))
	// to points l at the document at, found for r: the link depends on it, and
	// leads to it when it is published (the document is returned then).
	to := func(l *Link, r content.BodyRef, at int32) *content.Doc {
		target := ix.docs[at]
		deps = append(deps, at)
		anchor := checkAnchor(r, d.File, target, diags)
		if !pub[at] {
			return nil
		}
		l.Target, l.to, l.URL = target.ID, at+1, target.URL+anchor
		return target
	}
	for i, r := range d.Body.Refs {
		out[i].Kind = r.Kind
		switch r.Kind {
		case mdext.RefWiki:
			at, found := findWiki(r, d.File, ix, diags)
			out[i].Text = r.Label
			if out[i].Text == "" {
				out[i].Text = r.Target
				if r.Anchor != "" {
					out[i].Text += "#" + r.Anchor
				}
			}
			if !found {
				continue
			}
			if target := to(&out[i], r, at); target != nil {
				out[i].Label = cmp.Or(r.Label, target.Title)
			}
		case mdext.RefDoc:
			p := ResolvePath(d.Path, r.Target)
			at, found := ix.byPath[p]
			switch {
			case found:
			case p == "_index.md":
				out[i].URL = "/"
				continue
			case strings.HasSuffix(p, "/_index.md") && model.Named(strings.TrimSuffix(p, "/_index.md")) != nil:
				out[i].URL = "/" + strings.TrimSuffix(p, "_index.md")
				continue
			default:
				diags.Errorf(r.At(d.File), "link to %q: no such content file (content/%s)", r.Target, p)
				continue
			}
			to(&out[i], r, at)
		case mdext.RefFile:
			out[i].URL = "/" + ResolvePath(d.Path, r.Target)
			if r.Anchor != "" {
				out[i].URL += "#" + r.Anchor
			}
		}
	}
	return out, deps
}

// ResolvePath resolves a link in the file at from (relative to content/).
func ResolvePath(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(from), target)), "/")
}

func findWiki(r content.BodyRef, file string, ix *index, diags *diag.List) (int32, bool) {
	if tn, slug, ok := strings.Cut(r.Target, "/"); ok {
		t := model.Named(tn)
		if t == nil {
			diags.Errorf(r.At(file), "wikilink [[%s]]: %q is not a type (insights, analogies, experiences, sessions, pages)", r.Raw, tn)
			return 0, false
		}
		if i, ok := ix.slug(t, slug); ok {
			return i, true
		}
		diags.Errorf(r.At(file), "wikilink [[%s]]: no %s %q%s", r.Raw, t.Singular, slug, ix.didYouMean(slug, t))
		return 0, false
	}
	var found []int32
	for _, t := range model.Types {
		if i, ok := ix.slug(t, r.Target); ok {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		diags.Errorf(r.At(file), "wikilink [[%s]]: no entry has the slug %q%s", r.Raw, r.Target, ix.didYouMean(r.Target, model.Types...))
		return 0, false
	case 1:
		return found[0], true
	}
	ids := make([]string, len(found))
	for i, at := range found {
		ids[i] = "[[" + ix.docs[at].ID + "]]"
	}
	diags.Errorf(r.At(file), "wikilink [[%s]] is ambiguous: write %s", r.Raw, model.QuoteList(ids))
	return 0, false
}

// checkAnchor returns "#id" for a link to a heading the target has, and reports one
// it does not have.
func checkAnchor(r content.BodyRef, file string, target *content.Doc, diags *diag.List) string {
	if r.Anchor == "" {
		return ""
	}
	want := mdext.Slugify(r.Anchor)
	if target.Body != nil {
		for _, h := range target.Body.Headings {
			if h.ID == r.Anchor || h.ID == want {
				return "#" + h.ID
			}
		}
	}
	diags.Errorf(r.At(file), "link to %s#%s: %s has no heading %q", target.Slug, r.Anchor, target.File, r.Anchor)
	return ""
}
