package builder

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/playbookhq/playbook/builder/content"
	"github.com/playbookhq/playbook/builder/digest"
	"github.com/playbookhq/playbook/builder/site"
)

// DigestOptions choose the period and the form of a digest.
type DigestOptions struct {
	Since, Until time.Time // inclusive dates; a zero Until means today
	Format       string    // "html", "markdown" or "text"
}

// Digest writes what is new or changed between two dates (see package digest),
// with absolute links, so that it can be pasted into an email or a chat post.
func Digest(ctx context.Context, o Options, d DigestOptions, w io.Writer) (*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, &UsageError{err.Error()}
	}
	if c, ok := o.FS.(io.Closer); ok {
		defer c.Close()
	}
	if d.Until.IsZero() {
		d.Until = o.Today
	}
	if d.Until.Before(d.Since) {
		return nil, &UsageError{fmt.Sprintf("--until %s is before --since %s", d.Until.Format(time.DateOnly), d.Since.Format(time.DateOnly))}
	}
	switch d.Format {
	case "", "html", "markdown", "text":
	default:
		return nil, &UsageError{fmt.Sprintf("--format %q: want html, markdown or text", d.Format)}
	}
	set, err := content.NewLoader().Load(ctx, o.FS, nil)
	if err != nil {
		return nil, err
	}
	s, diags := site.NewLinker().Link(set, site.Options{Today: o.Today, Drafts: o.Drafts, Visibility: o.Visibility, BaseURL: o.BaseURL})
	res := &Result{Site: s, Diagnostics: append(append(Diagnostics{}, set.Diags...), diags...).Sort()}
	if err := res.Diagnostics.Err(); err != nil {
		return res, err
	}
	return res, digest.Write(w, s, digest.Options{Since: d.Since, Until: d.Until, Format: d.Format})
}
