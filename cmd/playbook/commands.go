package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"

	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/themes"
)

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("playbook "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags, allowing them after positional arguments too.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseNoArgs parses the flags of a command that takes no arguments.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), pos[0])
		return errUsage
	}
	return nil
}

func exitCode(err error, stderr io.Writer) int {
	var be *builder.BuildError
	var ue *builder.UsageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "playbook:", ue.Msg)
		return exitUsage
	case errors.As(err, &be):
		return exitContent // the diagnostics are printed already
	case errors.Is(err, context.Canceled):
		return exitContent
	}
	fmt.Fprintln(stderr, "playbook:", err)
	return exitContent
}

func baseOptions(source string) builder.Options {
	return builder.Options{Source: source, Themes: themes.FS()}
}

func visibilityFlag(fs *flag.FlagSet) *string {
	return fs.String("visibility", "company", "publish entries visible to `public`, company or team")
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	source := fs.String("source", ".", "the site's `folder` (holding content/)")
	dest := fs.String("dest", "", "where to publish (default SOURCE/public)")
	drafts := fs.Bool("drafts", false, "include draft entries")
	baseURL := fs.String("base-url", "", "absolute `URL` the site is published at (overrides baseURL)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	verbose := fs.Bool("verbose", false, "print how long each stage took")
	fresh := fs.Bool("fresh", false, "render every page, reusing nothing of the previous output")
	vis := visibilityFlag(fs)
	sassFlags := addSassFlags(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	var err error
	o := baseOptions(*source)
	o.Dest, o.Drafts, o.BaseURL, o.Strict, o.Fresh = *dest, *drafts, *baseURL, *strict, *fresh
	o.Loaded = func() {
		writeHeapProfile(os.Getenv("PLAYBOOK_MEMPROFILE"))
		limitMemory()
	}
	startMemoryLimit(*source)
	o.StyleCache = true // CSS compiled from the site's own SCSS serves builds without Dart Sass
	if o.Visibility, err = builder.ParseVisibility(*vis); err != nil {
		fmt.Fprintln(stderr, "playbook build:", err)
		return errUsage
	}
	sass, closeSass, err := sassFlags.open(*source, stderr)
	if err != nil {
		return err
	}
	defer closeSass()
	o.Sass = sass
	o.CMS = findDecap(*source)
	start := time.Now()
	res, err := builder.Build(ctx, o)
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "playbook build: interrupted; the published site is as it was")
		return err
	}
	if res != nil {
		res.Diagnostics.Write(stderr, "text")
	}
	if err != nil {
		return err
	}
	for _, note := range res.Notes {
		fmt.Fprintln(stdout, note)
	}
	dst := o.Dest
	if dst == "" {
		dst = filepath.Join(*source, "public")
	}
	fmt.Fprintf(stdout, "Built %s (%s) into %s in %s.\n", plural(res.Outputs, "file", "files"), plural(len(res.Site.Entries), "entry", "entries"), dst, time.Since(start).Round(time.Millisecond))
	if *verbose {
		fmt.Fprintf(stdout, "  rendered %d pages and feeds, reused %d of the previous output's\n", res.Rendered, res.Reused)
		for _, t := range res.Timings {
			fmt.Fprintf(stdout, "  %-8s %s\n", t.Stage, t.Duration.Round(time.Millisecond))
		}
	}
	return nil
}

// memoryCeiling is what a build's memory aims to stay under, so that a playbook of
// 100,000 entries builds in 1 GiB: no limit below passes it, unless what the build
// holds would leave less than a quarter of itself for garbage under it (the
// collector would then run all the time).
const memoryCeiling = 900 << 20

// ceiled returns limit, lowered to the ceiling while live leaves room under it.
func ceiled(limit, live int64) int64 {
	return min(limit, max(memoryCeiling, live+live/4+64<<20))
}

// startMemoryLimit sets a first soft memory limit from the size of the content, for
// the loading stage: a build holds about one and a half times its Markdown once it
// is loaded and linked, and the default pacing lets the heap reach twice what it
// holds.
func startMemoryLimit(source string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var size int64
	filepath.WalkDir(filepath.Join(source, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	debug.SetMemoryLimit(ceiled(4*size+128<<20, size+size/2))
}

// limitMemory sets the collector for rendering, once the site is loaded and its
// outputs listed: what stays live until the end is known then (one collection
// measures it), and rendering only adds short-lived garbage. A collection's work
// is about the size of the live heap, whatever the garbage, so rendering lets the
// garbage grow to four times what the build holds (GOGC 400) before collecting,
// and to renderHeadroom at most: at 10,000 entries that is a sixth less CPU for a
// fresh build than collecting at twice the live heap, for a peak of about 600 MiB
// instead of 320 (Hugo's is about 1 GiB). A build that renders little allocates
// little, so its peak is what loading left. The ceiling holds a large playbook's
// peak lower. GOMEMLIMIT, when set, wins.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(sample[0].Value.Uint64())
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	debug.SetMemoryLimit(ceiled(live+renderHeadroom, live))
}

// renderHeadroom is the most garbage rendering leaves between two collections.
const renderHeadroom = 512 << 20

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	source := fs.String("source", ".", "the site's `folder` (holding content/)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	format := fs.String("format", "text", "output `format`: text, json or github")
	drafts := fs.Bool("drafts", false, "check as a build with drafts would")
	vis := visibilityFlag(fs)
	sassFlags := addSassFlags(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	var err error
	switch *format {
	case "text", "json", "github":
	default:
		fmt.Fprintf(stderr, "playbook check: --format %q: want text, json or github\n", *format)
		return errUsage
	}
	o := baseOptions(*source)
	o.Strict, o.Drafts = *strict, *drafts
	if o.Visibility, err = builder.ParseVisibility(*vis); err != nil {
		fmt.Fprintln(stderr, "playbook check:", err)
		return errUsage
	}
	sass, closeSass, err := sassFlags.open(*source, stderr)
	if err != nil {
		return err
	}
	defer closeSass()
	o.Sass = sass
	res, err := builder.Check(ctx, o)
	if res != nil {
		out := stderr
		if *format == "json" {
			out = stdout
		}
		res.Diagnostics.Write(out, *format)
	}
	if err != nil {
		return err
	}
	if *format == "text" {
		_, w := res.Diagnostics.Count()
		fmt.Fprintf(stdout, "%s checked: no errors, %s.\n", plural(len(res.Site.Entries), "entry", "entries"), plural(w, "warning", "warnings"))
	}
	return nil
}

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	source := fs.String("source", ".", "the site's `folder` (holding content/)")
	title := fs.String("title", "", "the entry's `title` (default: made from the slug)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "playbook new: want TYPE SLUG, for example: playbook new insight late-fees")
		return errUsage
	}
	today, err := builder.Today()
	if err != nil {
		fmt.Fprintln(stderr, "playbook new:", err)
		return errUsage
	}
	path, todo, err := builder.NewEntry(*source, pos[0], pos[1], *title, today)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s\n", path)
	if len(todo) > 0 {
		fmt.Fprintf(stdout, "Fill in before it builds:\n")
		for _, d := range todo {
			fmt.Fprintf(stdout, "  %s\n", d.Error())
		}
	}
	return nil
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		v := info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && (v == "" || v == "(devel)") {
				v = "devel " + s.Value[:min(12, len(s.Value))]
			}
		}
		if v != "" {
			return strings.TrimSpace(v)
		}
	}
	return "devel"
}

// writeHeapProfile writes a heap profile of what a build holds once it is loaded
// and linked, the moment it holds the most, when PLAYBOOK_MEMPROFILE names a file,
// for `go tool pprof`.
func writeHeapProfile(path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.WriteHeapProfile(f)
}
