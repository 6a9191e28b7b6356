// Command playbook builds, serves and checks experience playbooks.
//
//	playbook build   [--source DIR] [--dest DIR] [--drafts] [--base-url URL] [--strict] [--visibility public|company|team]
//	playbook serve   [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--open] [--poll DURATION] [--cms]
//	playbook check   [--source DIR] [--strict] [--format text|json|github]
//	playbook new     TYPE SLUG [--title "..."] [--source DIR]
//	playbook digest  --since DATE [--until DATE] [--format html|markdown|text] [--source DIR] [-o FILE]
//	playbook schema  [--source DIR] [--out DIR]
//	playbook version
//
// Exit status: 0 success, 1 content or build errors, 2 usage errors.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile(os.Getenv("PLAYBOOK_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole run when PLAYBOOK_CPUPROFILE names
// a file, for `go tool pprof`.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "playbook:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "playbook:", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

const usage = `Playbook turns a folder of Markdown playbook entries into a cross-linked static site.

Usage:
  playbook build   [--source DIR] [--dest DIR] [--drafts] [--base-url URL] [--strict] [--visibility public|company|team]
  playbook serve   [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--open] [--poll DURATION] [--cms]
  playbook check   [--source DIR] [--strict] [--format text|json|github]
  playbook new     TYPE SLUG [--title "..."] [--source DIR]
  playbook digest  --since DATE [--until DATE] [--format html|markdown|text] [--source DIR] [-o FILE]
  playbook schema  [--source DIR] [--out DIR]
  playbook version

Run "playbook COMMAND --help" for a command's flags.
`

// exit codes
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

// errUsage marks command-line mistakes; the message has been printed.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "build":
		err = cmdBuild(ctx, args[1:], stdout, stderr)
	case "serve", "server":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "check":
		err = cmdCheck(ctx, args[1:], stdout, stderr)
	case "new":
		err = cmdNew(args[1:], stdout, stderr)
	case "digest":
		err = cmdDigest(ctx, args[1:], stdout, stderr)
	case "schema":
		err = cmdSchema(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "playbook", version())
		return exitOK
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "playbook: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	return exitCode(err, stderr)
}
