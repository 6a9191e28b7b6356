package main

import (
	"bytes"
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
	until := fs.String("until", "", "last `date` of the period (YYYY-MM-DD; default: today)")
	format := fs.String("format", "html", "`format`: html (for email), markdown or text")
	out := fs.String("o", "", "write to `file` instead of standard output")
	baseURL := fs.String("base-url", "", "absolute `URL` of the published site, for links (overrides baseURL)")
	vis := visibilityFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	usage := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "playbook digest: "+format+"\n", a...)
		return errUsage
	}
	var err error
	var d builder.DigestOptions
	if *since == "" {
		return usage("--since YYYY-MM-DD is required")
	}
	if d.Since, err = parseDate("since", *since); err != nil {
		return usage("%v", err)
	}
	if *until != "" {
		if d.Until, err = parseDate("until", *until); err != nil {
			return usage("%v", err)
		}
		if d.Until.Before(d.Since) {
			return usage("--until %s is before --since %s", *until, *since)
		}
	} else if today, err := builder.Today(); err == nil && today.Before(d.Since) {
		// The period ends today: say so, rather than blame an --until not given.
		return usage("--since %s is after today (%s)", *since, today.Format(time.DateOnly))
	}
	switch *format {
	case "html", "markdown", "text":
	default:
		return usage("--format %q: want html, markdown or text", *format)
	}
	d.Format = *format
	o := baseOptions(*source)
	o.BaseURL = *baseURL
	if o.Visibility, err = builder.ParseVisibility(*vis); err != nil {
		return usage("%v", err)
	}
	// The digest goes to a buffer first, so that a failed run writes nothing and
	// leaves an earlier -o file as it was.
	var b bytes.Buffer
	res, err := builder.Digest(ctx, o, d, &b)
	if res != nil {
		var errs builder.Diagnostics
		for _, dg := range res.Diagnostics {
			if dg.Severity == builder.Error {
				errs = append(errs, dg)
			}
		}
		errs.Write(stderr, "text")
		if _, n := res.Diagnostics.Count(); n > 0 && err == nil {
			fmt.Fprintf(stderr, "playbook digest: %s in the content; see playbook check\n", plural(n, "warning", "warnings"))
		}
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(*out, b.Bytes(), 0o644)
}

// parseDate reads the value of a date flag, and says what is wrong with a bad one.
func parseDate(name, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--%s %q is not a date as YYYY-MM-DD", name, s)
	}
	return t, nil
}

// plural is "1 warning" or "2 warnings", as the site's templates say it.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
