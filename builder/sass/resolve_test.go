package sass

import (
	"strings"
	"testing"
)

func TestCandidates(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"colors", "_colors.scss colors.scss _colors.sass colors.sass _colors.css colors.css colors/_index.scss colors/index.scss colors/_index.sass colors/index.sass colors/_index.css colors/index.css"},
		{"a/b", "a/_b.scss a/b.scss a/_b.sass a/b.sass a/_b.css a/b.css a/b/_index.scss a/b/index.scss a/b/_index.sass a/b/index.sass a/b/_index.css a/b/index.css"},
		{"a/_b.scss", "a/__b.scss a/_b.scss"},
		{"print.css", "_print.css print.css"},
	} {
		if got := strings.Join(candidates(tc.in), " "); got != tc.want {
			t.Errorf("candidates(%q) =\n%s\nwant\n%s", tc.in, got, tc.want)
		}
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("a\nbé𝄞c\r\nd")
	for _, tc := range []struct{ offset, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {2, 2, 1}, {3, 2, 2},
		{4, 2, 3},  // é is one UTF-16 unit
		{6, 2, 4},  // 𝄞 is two
		{9, 3, 1},  // \r\n is one break
		{99, 3, 2}, // past the end: the end
	} {
		if l, c := lineCol(src, tc.offset); l != tc.line || c != tc.col {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tc.offset, l, c, tc.line, tc.col)
		}
	}
}

func TestPackageFor(t *testing.T) {
	for _, tc := range []struct{ goos, goarch, want string }{
		{"linux", "amd64", "sass-embedded-linux-x64"},
		{"linux", "arm64", "sass-embedded-linux-arm64"},
		{"darwin", "arm64", "sass-embedded-darwin-arm64"},
		{"windows", "amd64", "sass-embedded-win32-x64"},
		{"linux", "386", "sass-embedded-linux-ia32"},
	} {
		if got := packageFor(tc.goos, tc.goarch); got != tc.want {
			t.Errorf("packageFor(%s, %s) = %s, want %s", tc.goos, tc.goarch, got, tc.want)
		}
	}
}
