package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/playbookhq/playbook/builder"
)

func cmdDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("digest", stderr)
	source := fs.String("source", ".", "the site's `folder` (holding content/)")
	since := fs.String("since", "", "first `date` of the period (YYYY-MM-DD, required)")
	until := fs.String("until", "", "last `date` of the period (default: today)")
	format := fs.String("format", "html", "`format`: html (for email), markdown or text")
	out := fs.String("o", "", "write to `file` instead of standard output")
	baseURL := fs.String("base-url", "", "absolute `URL` of the published site, for links (overrides baseURL)")
	vis := visibilityFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	var err error
	var d builder.DigestOptions
	if d.Since, err = time.Parse(time.DateOnly, *since); err != nil {
		fmt.Fprintln(stderr, "playbook digest: --since YYYY-MM-DD is required")
		return errUsage
	}
	if *until != "" {
		if d.Until, err = time.Parse(time.DateOnly, *until); err != nil {
			fmt.Fprintln(stderr, "playbook digest: --until: want YYYY-MM-DD")
			return errUsage
		}
	}
	d.Format = *format
	o := baseOptions(*source)
	o.BaseURL = *baseURL
	if o.Visibility, err = builder.ParseVisibility(*vis); err != nil {
		fmt.Fprintln(stderr, "playbook digest:", err)
		return errUsage
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	res, err := builder.Digest(ctx, o, d, w)
	if res != nil {
		var errs builder.Diagnostics
		for _, dg := range res.Diagnostics {
			if dg.Severity == builder.Error {
				errs = append(errs, dg)
			}
		}
		errs.Write(stderr, "text")
	}
	return err
}
