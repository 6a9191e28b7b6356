package content

import "testing"

// TestPlainSyntaxErrors: a slip in YAML or TOML front matter is told in the words
// of someone writing it, at its line and column.
func TestPlainSyntaxErrors(t *testing.T) {
	for _, c := range []struct{ open, fm, want string }{
		{"---", "title: a: b", `content/pages/x.md:2:8: YAML front matter: a ": " where a value was expected: put a value holding ": " in quotes, and start each key at the same indent as the others`},
		{"---", "title: [a, b", "content/pages/x.md:2:8: YAML front matter: a list opened with [ is not closed with ]"},
		{"---", "kind: [a b\ncustomer: c", "content/pages/x.md:2:7: YAML front matter: the items of a list in [ ] are separated by commas, and the list ends with ]"},
		{"---", "tags: [a, 'b]',\n  c]\nkind: [x y\ntitle: t", "content/pages/x.md:4:7: YAML front matter: the items of a list in [ ] are separated by commas, and the list ends with ]"},
		{"---", "group: {min: 2\ntitle: t", "content/pages/x.md:2:8: YAML front matter: the items of a map in { } are separated by commas, and the map ends with }"},
		{"---", "kind: [a,\n  @b]", "content/pages/x.md:3:3: YAML front matter: a value cannot start with @: put it in quotes"},
		{"---", "title: \"open", `content/pages/x.md:2:8: YAML front matter: a value opened with " is not closed with "`},
		{"---", "title: \"open\nsummary: s\ntags: [\"a\"]", `content/pages/x.md:2:8: YAML front matter: a value opened with " is not closed with " on the same line`},
		{"---", "title: a\nauthors:\n  - 'Jo\n  - 'Al'\nx: [", `content/pages/x.md:4:5: YAML front matter: a value opened with ' is not closed with ' on the same line`},
		{"---", "title: \"a\n  b\"\nkind: [x", "content/pages/x.md:4:7: YAML front matter: a list opened with [ is not closed with ]"},
		{"---", "\ttitle: a", "content/pages/x.md:2:6: YAML front matter: a tab indents this line: YAML is indented with spaces"},
		{"---", "summary: s\ntitle: a\ntitle: b", `content/pages/x.md:4:1: YAML front matter: key "title" is repeated (first at line 3)`},
		{"---", "title: a\n- b", `content/pages/x.md:3:1: YAML front matter: this line is not "key: value": a list item or text where a key was expected (is it indented under the key above?)`},
		{"---", "title: {a: 1", "content/pages/x.md:2:8: YAML front matter: a map opened with { is not closed with }"},
		{"---", "title: @x", "content/pages/x.md:2:8: YAML front matter: a value cannot start with @: put it in quotes"},
		{"+++", "title = \"a", `content/pages/x.md:2:11: TOML front matter: a value opened with " is not closed with " on the same line`},
		{"+++", "title = a", `content/pages/x.md:2:9: TOML front matter: a value cannot start with "a": text goes in quotes (title = "…")`},
		{"+++", "kind = [\"a\"", "content/pages/x.md:2:12: TOML front matter: a list opened with [ is not closed with ]"},
		{"+++", "kind = [\"a\"\ntitle = \"t\"", "content/pages/x.md:2:8: TOML front matter: the items of a list in [ ] are separated by commas, and the list ends with ]"},
		{"+++", "kind = [\"a\",\n  \"b\"]\ntags = [\"x\" # open\ntitle = \"t\"", "content/pages/x.md:4:8: TOML front matter: the items of a list in [ ] are separated by commas, and the list ends with ]"},
		{"+++", "kind = [\"a\" \"b\"]", "content/pages/x.md:2:13: TOML front matter: the items of a list in [ ] are separated by commas, and the list ends with ]"},
		{"+++", "title: a", `content/pages/x.md:2:6: TOML front matter: a key is followed by = and its value (title = "…"); YAML ("title: …") goes between --- lines`},
		{"+++", "[evidence\nquote = 1", "content/pages/x.md:2:10: TOML front matter: a table name opened with [ is not closed with ]"},
		{"+++", "x = {a = 1", "content/pages/x.md:2:11: TOML front matter: a table opened with { is not closed with }"},
		{"+++", "title = \"a\" extra", `content/pages/x.md:2:13: TOML front matter: "e" after the value: one key = value a line, and text in quotes`},
		{"+++", "= 1", `content/pages/x.md:2:1: TOML front matter: a line starts with "=" where a key was expected`},
	} {
		d := Parse("pages/x.md", []byte(c.open+"\n"+c.fm+"\n"+c.open+"\n"), NewMarkdown, false)
		if len(d.Diags) != 1 || d.Diags[0].Error() != c.want {
			t.Errorf("%q:\n got %v\nwant %s", c.fm, d.Diags, c.want)
		}
	}
}
