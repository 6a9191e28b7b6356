package render

import (
	"bytes"
	"html/template"
	"text/template/parse"
)

// trimTemplates removes the indentation of every line of text in the templates of
// set, once, when the theme is read: templates are indented to be read, pages need
// not carry it. A template whose text opens a <pre> or <textarea> is left as
// written, since the white space there is shown. Line numbers of template errors
// stay those of the file: the tree keeps each node's position.
func trimTemplates(set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil || keepsSpace(t.Tree.Root) {
			continue
		}
		trimNode(t.Tree.Root)
	}
}

// keepsSpace reports text under n that opens an element whose white space shows.
func keepsSpace(n parse.Node) bool {
	found := false
	walkText(n, func(t *parse.TextNode) {
		found = found || keepStart(t.Text) >= 0
	})
	return found
}

func trimNode(n parse.Node) { trimFrom(n, false) }

// trimFrom trims the text under n, given whether everything written before n
// surely ends a line, and reports whether everything n writes surely does: a
// newline is dropped only where the one before it is sure to be there, so lines
// break where they broke before.
func trimFrom(n parse.Node, nl bool) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nl
		}
		for _, c := range n.Nodes {
			nl = trimFrom(c, nl)
		}
		return nl
	case *parse.TextNode:
		text := trimLines(nil, n.Text)
		if nl {
			text = bytes.TrimLeft(text, "\n")
		}
		n.Text = text
		if len(text) == 0 {
			return nl
		}
		return text[len(text)-1] == '\n'
	case *parse.CommentNode:
		return nl
	case *parse.ActionNode:
		return nl && len(n.Pipe.Decl) > 0 // a declaration writes nothing
	case *parse.IfNode:
		return trimBranch(&n.BranchNode, nl, false)
	case *parse.WithNode:
		return trimBranch(&n.BranchNode, nl, false)
	case *parse.RangeNode:
		return trimBranch(&n.BranchNode, nl, true)
	}
	return false
}

// trimBranch trims both lists of an if, with or range. A range's list may follow
// itself, so it is trimmed as if after the weaker of the two.
func trimBranch(b *parse.BranchNode, nl, loops bool) bool {
	start := nl
	if loops {
		start = nl && endsLine(b.List, nl)
	}
	end := trimFrom(b.List, start)
	if b.ElseList != nil {
		return end && trimFrom(b.ElseList, nl)
	}
	return end && nl
}

// endsLine reports, without changing it, whether list ends a line when what comes
// before does (nl).
func endsLine(list *parse.ListNode, nl bool) bool {
	return trimFrom(list.CopyList(), nl)
}

// walkText calls f for every text node under n, in order.
func walkText(n parse.Node, f func(*parse.TextNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkText(c, f)
		}
	case *parse.TextNode:
		f(n)
	case *parse.IfNode:
		walkText(n.List, f)
		walkText(n.ElseList, f)
	case *parse.RangeNode:
		walkText(n.List, f)
		walkText(n.ElseList, f)
	case *parse.WithNode:
		walkText(n.List, f)
		walkText(n.ElseList, f)
	}
}

// keepStart is where the first <pre> or <textarea> of src opens, or -1.
func keepStart(src []byte) int {
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '<')
		if i < 0 {
			return -1
		}
		off += i
		if hasTagAt(src, off, "<pre") || hasTagAt(src, off, "<textarea") {
			return off
		}
		off++
	}
}
