package browser

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/chromedp"
)

// Violation is an axe-core rule that a page breaks.
type Violation struct {
	ID      string `json:"id"`     // the rule, e.g. "color-contrast"
	Impact  string `json:"impact"` // minor, moderate, serious or critical
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []Node `json:"nodes"`
	View    View   `json:"-"` // how the page was shown
}

// Node is an element that breaks a rule.
type Node struct {
	Target  string `json:"target"`  // a CSS selector for the element
	HTML    string `json:"html"`    // the start of its markup
	Summary string `json:"summary"` // what to fix
}

// String gives the rule, its impact and every offending element, one a line.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %s): %s", v.ID, v.Impact, v.View, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%s: %s", n.Target, n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n\t\t%s", strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
		}
	}
	return b.String()
}

// axeRun runs every rule axe-core runs by default (WCAG 2.x A and AA and best
// practices) and flattens the violations: a target inside a frame or a shadow
// root is a list of selectors.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' >>> '),
		html: n.html, summary: n.failureSummary || '',
	})),
})))`

// RunAxe loads url once and runs axe-core on it in each of the views in turn (the
// default View when none is given), switching the viewport and colour scheme of
// the loaded page. Each violation tells its view. The page's
// Content-Security-Policy is bypassed so that axe-core can be injected. It
// returns a *MissingError when axe-core is not installed.
func (b *Browser) RunAxe(url string, views ...View) ([]Violation, error) {
	if _, err := b.axeSource(); err != nil {
		return nil, err
	}
	if len(views) == 0 {
		views = []View{{}}
	}
	p, err := b.open(url, views[0], true)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	var all []Violation
	for i, v := range views {
		if i > 0 {
			if err := p.Emulate(v); err != nil {
				return nil, err
			}
		}
		vs, err := p.Axe()
		if err != nil {
			return nil, err
		}
		all = append(all, vs...)
	}
	return all, nil
}

// Axe runs axe-core on the page as it is now and returns the violations. A page
// opened with [Browser.Open] runs under its Content-Security-Policy, which
// usually does not stop axe-core; [Browser.RunAxe] turns it off.
func (p *Page) Axe() ([]Violation, error) {
	src, err := p.b.axeSource()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(p.ctx, opTimeout)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === 'object'`))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.URL, err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("%s: injecting axe-core: %w", p.URL, err)
		}
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("%s: running axe-core: %w", p.URL, err)
	}
	for i := range vs {
		vs[i].View = p.View
	}
	return vs, nil
}

// axeSource reads axe.min.js once per browser.
func (b *Browser) axeSource() (string, error) {
	b.axeOnce.Do(func() {
		path, err := FindAxe()
		if err != nil {
			b.axeErr = err
			return
		}
		src, err := os.ReadFile(path)
		if err != nil {
			b.axeErr = fmt.Errorf("reading axe-core: %w", err)
			return
		}
		b.axe = string(src)
	})
	return b.axe, b.axeErr
}
