package render

import (
	"bytes"
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

func TestTrimIndent(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<ul>\n  <li>a</li>\n\n  <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
		{"<p>\n  x</p>\n  <pre><code>  keep\n    this\n</code></pre>\n  <p>y</p>", "<p>\nx</p>\n<pre><code>  keep\n    this\n</code></pre>\n<p>y</p>"},
		{"<textarea>\n  as typed\n</textarea>\n  z", "<textarea>\n  as typed\n</textarea>\nz"},
		{"<prefix>\n  a", "<prefix>\na"},
		{"  <pre>unclosed\n  still kept", "  <pre>unclosed\n  still kept"},
	} {
		if got := string(trimIndent([]byte(c.in))); got != c.want {
			t.Errorf("trimIndent(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
