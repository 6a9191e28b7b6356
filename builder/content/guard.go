package content

import (
	"bytes"
	"fmt"

	"github.com/playbookhq/playbook/builder/diag"
)

// Budgets on Markdown whose parsing costs time in the square of its size, found
// by trying what makes goldmark slow. Each is far above what an entry holds, and
// a body over one is refused, at the place it goes over, before parsing: no body
// may cost more than seconds.
const (
	// maxLinkOpeners bounds "](" and "[[": the inline parser looks for the end
	// of every link it might open.
	maxLinkOpeners = 5_000
	// maxLinkDefs bounds link reference definitions ("[a]: /x").
	maxLinkDefs = 2_000
	// maxNesting bounds the block quotes and list items one line opens
	// ("> > > a", "- - - a").
	maxNesting = 50
)

// checkBody reports a body that would take too long to parse.
func checkBody(s *source) *diag.Diagnostic {
	body := s.body
	if n := bytes.Count(body, []byte("](")) + bytes.Count(body, []byte("[[")); n > maxLinkOpeners {
		return &diag.Diagnostic{Pos: s.bodyPos(0), Msg: fmt.Sprintf("the body has over %d links: split it into several entries", maxLinkOpeners)}
	}
	defs := 0
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off
		}
		line := body[off:end]
		if depth := nesting(line); depth > maxNesting {
			return &diag.Diagnostic{Pos: s.bodyPos(off), Msg: fmt.Sprintf("this line nests block quotes or lists %d deep: at most %d", depth, maxNesting)}
		}
		if isLinkDef(line) {
			if defs++; defs > maxLinkDefs {
				return &diag.Diagnostic{Pos: s.bodyPos(off), Msg: fmt.Sprintf("the body defines over %d link references: split it into several entries", maxLinkDefs)}
			}
		}
		off = end + 1
	}
	return nil
}

// nesting counts the containers a line opens: each ">" and each list marker
// ("-", "*", "+", "1." followed by a space) before its text.
func nesting(line []byte) int {
	depth := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
		case c == '>':
			depth++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ':
			depth++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' {
				depth++
				i = j
				continue
			}
			return depth
		default:
			return depth
		}
	}
	return depth
}

// isLinkDef reports a line that may define a link reference: "[label]: ...",
// indented at most three spaces.
func isLinkDef(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i == len(line) || line[i] != '[' {
		return false
	}
	end := bytes.Index(line[i:], []byte("]:"))
	return end > 1
}
