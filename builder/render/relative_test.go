package render

import (
	"bytes"
	"html/template"
	"testing"
)

func TestRelativize(t *testing.T) {
	for _, c := range []struct{ in, prefix, want string }{
		{`<a href="/insights/x/">x</a>`, "../../", `<a href="../../insights/x/">x</a>`},
		{`<a href="/">home</a><a href="/#top">top</a>`, "", `<a href="./">home</a><a href="./#top">top</a>`},
		{`<a href="/x/">x</a>`, "", `<a href="x/">x</a>`},
		{`<img src="/a.png" alt=""><form action="/search/">`, "../", `<img src="../a.png" alt=""><form action="../search/">`},
		{`<a href="//cdn.example/x">`, "../", `<a href="//cdn.example/x">`},
		{`<meta content="/x/"><a data-title="/x/">`, "../", `<meta content="/x/"><a data-title="/x/">`},
		{`<a title="x" href="/y/">`, "/base/", `<a title="x" href="/base/y/">`},
		{`<p>href=&#34;/x/&#34;</p>`, "../", `<p>href=&#34;/x/&#34;</p>`},
	} {
		var b bytes.Buffer
		relativize(&b, []byte(c.in), c.prefix)
		if b.String() != c.want {
			t.Errorf("relativize(%q, %q) = %q, want %q", c.in, c.prefix, b.String(), c.want)
		}
	}
}

func TestTrimTemplates(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<ul>\n  {{range .}}\n  <li>{{.}}</li>\n\n  {{end}}\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
		{"<p>\n  {{if .}}x{{end}} <b>y</b></p>", "<p>\nx <b>y</b></p>"},
		{"<div>\n  <pre>{{range .}}\n  {{.}}{{end}}</pre>\n  </div>", "<div>\n  <pre>\n  a\n  b</pre>\n  </div>"},
		{"<textarea>\n  as typed\n</textarea>\n  z{{len .}}", "<textarea>\n  as typed\n</textarea>\n  z2"},
		{"<prefix>\n  a{{len .}}", "<prefix>\na2"},
		{"<a>x</a>\n  {{if .}}\n  <a>y</a>{{end}}\n<b>", "<a>x</a>\n<a>y</a>\n<b>"},
		{"<a>x</a>{{len .}}\n  {{if .}}<a>y</a>{{end}}\n<b>", "<a>x</a>2\n<a>y</a>\n<b>"},
		{"{{range .}}<i>{{.}}</i>{{end}}\n  <b>", "<i>a</i><i>b</i>\n<b>"},
		{"<p>\n{{/* note */}}\n  {{$x := 1}}\n  <b>", "<p>\n<b>"},
	} {
		set := template.Must(template.New("t").Parse(c.in))
		trimTemplates(set)
		var b bytes.Buffer
		if err := set.Execute(&b, []string{"a", "b"}); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("%q renders %q, want %q", c.in, b.String(), c.want)
		}
	}
}
