package render

import (
	"bytes"
	"strings"
)

// urlAttributes are the attributes whose site-root URLs the build makes relative.
var urlAttributes = []string{"href", "src", "action", "poster", "data-root", "data-src", "data-href"}

// relativize copies a rendered page into dst, turning every site-root URL
// ("/insights/x/") in a URL attribute into a link relative to the page, or, for a
// page served at any path (404.html), into one under the site's base path.
//
// Templates and bodies write site-root URLs, so that what they render does not
// depend on the page it lands on: a card or a body is rendered once per build and
// reused on every page that shows it. Text content never holds the pattern: the
// templates and the Markdown renderer escape quotes outside tags.
func relativize(dst *bytes.Buffer, src []byte, prefix string) {
	for {
		i := bytes.Index(src, []byte(`="/`))
		if i < 0 {
			dst.Write(src)
			return
		}
		// The value's first byte after the slash: "//host" is another site.
		end := i + 3
		if end < len(src) && src[end] == '/' || !isURLAttribute(src[:i]) {
			dst.Write(src[:end])
			src = src[end:]
			continue
		}
		dst.Write(src[:i+2])
		rest := src[end:]
		if prefix == "" && (len(rest) == 0 || rest[0] == '"' || rest[0] == '#' || rest[0] == '?') {
			dst.WriteString("./")
		} else {
			dst.WriteString(prefix)
		}
		src = rest
	}
}

// isURLAttribute reports whether the text before `="` ends with a URL attribute's
// name, preceded by white space.
func isURLAttribute(before []byte) bool {
	for _, a := range urlAttributes {
		if len(before) > len(a) && bytes.HasSuffix(before, []byte(a)) {
			switch before[len(before)-len(a)-1] {
			case ' ', '\n', '\t', '\r':
				return true
			}
		}
	}
	return false
}

// linkPrefix is what replaces the leading slash of site-root URLs on a page.
func (p *Page) linkPrefix() string {
	if p.rootRelative {
		return p.Site.BasePath()
	}
	depth := strings.Count(p.URL, "/") - 1
	if !strings.HasSuffix(p.URL, "/") {
		depth-- // a file such as /feed.xml
	}
	return strings.Repeat("../", max(depth, 0))
}

// trimLines appends part to out without the white space that starts its lines.
func trimLines(out, part []byte) []byte {
	for {
		nl := bytes.IndexByte(part, '\n')
		if nl < 0 {
			return append(out, part...)
		}
		out = append(out, part[:nl+1]...)
		part = part[nl+1:]
		i := 0
		for i < len(part) && (part[i] == ' ' || part[i] == '\t' || part[i] == '\n') {
			i++
		}
		part = part[i:]
	}
}

// hasTagAt reports whether src has the tag name (with its "<") at i, followed by a
// character that ends a tag name.
func hasTagAt(src []byte, i int, name string) bool {
	if !bytes.HasPrefix(src[i:], []byte(name)) {
		return false
	}
	j := i + len(name)
	return j < len(src) && (src[j] == '>' || src[j] == ' ' || src[j] == '\n' || src[j] == '\t')
}
