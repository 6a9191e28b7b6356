package content

import (
	"bytes"

	"github.com/playbookhq/playbook/builder/diag"
)

// Markdown that makes goldmark's inline parser slow (it looks for the end of every
// link it might open, so "[a](" many times over costs time in the square of the
// count) is refused before parsing: no body may cost minutes.
const maxLinkOpeners = 5_000

// checkBody reports a body that would take too long to parse.
func checkBody(s *source) *diag.Diagnostic {
	if n := bytes.Count(s.body, []byte("](")) + bytes.Count(s.body, []byte("[[")); n > maxLinkOpeners {
		return &diag.Diagnostic{Pos: s.bodyPos(0), Msg: "the body has over 5,000 links: split it into several entries"}
	}
	return nil
}
