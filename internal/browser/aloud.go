package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// ReadAloud returns, for each element the selector matches, the text a screen
// reader reads for it: the names of the text nodes of its accessibility subtree,
// in order and joined, with the alternative text of generated content (content:
// "" / "Insight: ") and without what is hidden from it. It reads Chromium's own
// accessibility tree, not the DOM, so that it hears what assistive technology
// hears.
func (p *Page) ReadAloud(selector string) ([]string, error) {
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	var out []string
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		doc, err := cdp.Call(ctx, t, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return err
		}
		found, err := cdp.Call(ctx, t, dom.QuerySelectorAll, dom.QuerySelectorAllParams{NodeID: doc.Root.NodeID, Selector: selector})
		if err != nil {
			return err
		}
		tree, err := cdp.Call(ctx, t, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return err
		}
		byID := make(map[accessibility.NodeID]*accessibility.Node, len(tree.Nodes))
		byDOM := make(map[cdp.BackendNodeID]*accessibility.Node, len(tree.Nodes))
		for _, n := range tree.Nodes {
			byID[n.NodeID] = n
			if n.BackendDOMNodeID != 0 {
				byDOM[n.BackendDOMNodeID] = n
			}
		}
		for _, id := range found.NodeIDs {
			d, err := cdp.Call(ctx, t, dom.DescribeNode, dom.DescribeNodeParams{NodeID: id})
			if err != nil {
				return err
			}
			var b strings.Builder
			if n := byDOM[d.Node.BackendNodeID]; n != nil {
				readText(&b, n, byID)
			}
			out = append(out, strings.Join(strings.Fields(b.String()), " "))
		}
		return nil
	}))
	if err != nil {
		return nil, fmt.Errorf("%s: reading %q aloud: %w", p.URL, selector, err)
	}
	return out, nil
}

// readText writes the names of the text nodes under n, depth first.
func readText(b *strings.Builder, n *accessibility.Node, byID map[accessibility.NodeID]*accessibility.Node) {
	if n.Role != nil && axString(n.Role) == "StaticText" {
		if !n.Ignored && n.Name != nil {
			b.WriteString(axString(n.Name))
		}
		return
	}
	for _, c := range n.ChildIDs {
		if k := byID[c]; k != nil {
			readText(b, k, byID)
		}
	}
}

// axString is a string value of the accessibility tree, or "" when it is not one.
func axString(v *accessibility.Value) string {
	var s string
	if json.Unmarshal(v.Value, &s) != nil {
		return ""
	}
	return s
}
