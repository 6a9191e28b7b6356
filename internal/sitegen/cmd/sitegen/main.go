// Command sitegen writes a generated playbook (or the same entries as a Hugo site) for
// benchmarks and scale tests:
//
//	go run ./internal/sitegen/cmd/sitegen -n 10000 -out DIR [-hugo] [-seed 1] [-words 600]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/playbookhq/playbook/internal/sitegen"
)

func main() {
	n := flag.Int("n", 1000, "number of entries")
	out := flag.String("out", "", "folder to write the site into (required)")
	hugo := flag.Bool("hugo", false, "write the same entries as a Hugo site")
	seed := flag.Int64("seed", 1, "random seed: the same seed writes the same site")
	words := flag.Int("words", 600, "approximate words per body")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: sitegen -n N -out DIR [-hugo] [-seed S] [-words W]")
		os.Exit(2)
	}
	write, kind := sitegen.Write, "playbook"
	if *hugo {
		write, kind = sitegen.WriteHugo, "Hugo site"
	}
	start := time.Now()
	if err := write(*out, sitegen.Options{Entries: *n, Seed: *seed, Words: *words}); err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote a %s of %d entries to %s in %v\n", kind, *n, *out, time.Since(start).Round(time.Millisecond))
}
