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
