// Shot screenshots a page of a built site in headless Chromium, full height, or
// prints it to PDF, for a person to look at:
//
//	go run ./internal/browser/cmd/shot -dir public -path /insights/x/ -width 390 -dark -out x.png
//	go run ./internal/browser/cmd/shot -dir public -path /pack/ -pdf -out pack.pdf
//
// It serves the folder on loopback under the strict Content-Security-Policy the
// tests use, and prints the page's console errors and requests to elsewhere.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/signal"
	"strings"

	"github.com/playbookhq/playbook/internal/browser"
)

func main() {
	dir := flag.String("dir", "public", "the built site")
	path := flag.String("path", "/", "the page, from the site's root")
	width := flag.Int("width", 1280, "viewport width in CSS pixels")
	height := flag.Int("height", 800, "viewport height (the screenshot is the full page)")
	dark := flag.Bool("dark", false, "prefers-color-scheme: dark")
	pdf := flag.Bool("pdf", false, "print to PDF instead of a screenshot")
	from := flag.Int("from", -1, "screenshot only the viewport, scrolled to this y (CSS pixels)")
	print := flag.Bool("print", false, "screenshot with print media (use -width 794 for A4)")
	out := flag.String("out", "", "output file (default shot.png or shot.pdf)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: shot [-dir DIR] [-path /page/] [-width N] [-dark] [-print] [-pdf] [-out FILE]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *out == "" {
		*out = "shot.png"
		if *pdf {
			*out = "shot.pdf"
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *dir, *path, browser.View{Width: *width, Height: *height, Dark: *dark, Print: *print}, *pdf, *from, *out); err != nil {
		fmt.Fprintln(os.Stderr, "shot:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir, path string, v browser.View, pdf bool, from int, out string) error {
	if st, err := os.Stat(dir); err != nil {
		return err
	} else if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	srv := httptest.NewServer(browser.Handler(dir, browser.DefaultCSP))
	defer srv.Close()
	b, err := browser.Start(ctx)
	if err != nil {
		return err
	}
	defer b.Close()
	url := srv.URL + "/" + strings.TrimPrefix(path, "/")
	p, err := b.Open(url, v)
	if err != nil {
		return err
	}
	defer p.Close()
	if p.Status != 200 {
		fmt.Fprintf(os.Stderr, "shot: %s: status %d\n", path, p.Status)
	}
	for _, m := range p.Console() {
		if m.IsError() {
			fmt.Fprintln(os.Stderr, "console:", m)
		}
	}
	for _, r := range p.Requests() {
		if !strings.HasPrefix(r.URL, srv.URL+"/") && !strings.HasPrefix(r.URL, "data:") {
			fmt.Fprintln(os.Stderr, "request to elsewhere:", r.URL)
		}
	}
	var scrollWidth int
	if err := p.Eval(`document.documentElement.scrollWidth`, &scrollWidth); err != nil {
		return err
	}
	if w := v.Width; !pdf && w > 0 && scrollWidth > w {
		fmt.Fprintf(os.Stderr, "shot: the page is %d px wide in a %d px viewport: it scrolls sideways, and the screenshot shows all of it\n", scrollWidth, w)
	}
	var data []byte
	switch {
	case pdf:
		data, err = p.PDF()
	case from >= 0:
		var ok bool
		if err = p.Eval(fmt.Sprintf(`window.scrollTo({top: %d, behavior: "instant"}), true`, from), &ok); err == nil {
			data, err = p.ViewportScreenshot()
		}
	default:
		data, err = p.Screenshot()
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %s (%d bytes)\n", out, url, len(data))
	return nil
}
