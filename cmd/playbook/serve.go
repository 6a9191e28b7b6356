package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/playbookhq/playbook/builder/cms"
	"github.com/playbookhq/playbook/builder/devserver"
)

// portTries is how many ports serve tries, from --port up, before giving up.
const portTries = 100

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	source := fs.String("source", ".", "the site's `folder` (holding content/)")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on (loopback: only this computer)")
	port := fs.Int("port", 1313, "the `port` to listen on; the next free one if it is taken (0: any)")
	drafts := fs.Bool("drafts", false, "include draft entries")
	open := fs.Bool("open", false, "open the site in the web browser")
	poll := fs.Duration("poll", 0, "poll for changes every `interval` (\"500ms\") instead of waiting for the system's change events")
	editing := fs.Bool("cms", false, "run the editing forms' local backend: /admin/ saves to the site's folder (needs Node.js and decap-server)")
	var allow hostList
	fs.Var(&allow, "allow-host", "also answer requests for this host `name` (or address), besides localhost and loopback addresses; repeat it, or separate names with commas")
	sassFlags := addSassFlags(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	var err error
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "playbook serve: --port %d: want 0 to 65535\n", *port)
		return errUsage
	}
	if *poll < 0 {
		fmt.Fprintf(stderr, "playbook serve: --poll %v: want a positive interval\n", *poll)
		return errUsage
	}
	ln, err := listen(*bind, *port)
	if err != nil {
		fmt.Fprintf(stderr, "playbook serve: %v\n", err)
		return errUsage
	}
	// A --bind name is one the author means to use.
	if _, ok := devserver.ParseHost(*bind); ok && net.ParseIP(*bind) == nil {
		allow = append(allow, *bind)
	}
	sass, closeSass, err := sassFlags.open(*source, stderr)
	if err != nil {
		ln.Close()
		return err
	}
	defer closeSass()

	o := baseOptions(*source)
	o.Drafts = *drafts
	o.Sass = sass
	o.CMS = findDecap(*source)
	var backend http.Handler
	if *editing {
		if o.CMS == nil {
			ln.Close()
			fmt.Fprintf(stderr, "playbook serve: --cms needs the %s npm package: run `npm install` in the Playbook repository, or `npm install %s@%s` in the site's folder\n", cms.Package, cms.Package, cms.Version)
			return errUsage
		}
		h, stop, err := localBackend(ctx, *source, stderr)
		if err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "playbook serve: %v\n", err)
			return errUsage
		}
		defer stop()
		backend = h
		o.CMSBackend = cms.LocalBackendPath
	}
	url := siteURL(ln.Addr().(*net.TCPAddr))
	got := ln.Addr().(*net.TCPAddr).Port
	where, err := filepath.Abs(*source)
	if err != nil {
		where = *source
	}
	fmt.Fprintf(stdout, "Building %s\n", where)
	srv := devserver.New(devserver.Config{
		Options:    o,
		Listener:   ln,
		Poll:       *poll,
		AllowHosts: allow,
		Backend:    backend,
		Out:        stdout,
		Err:        stderr,
		Ready: func() {
			note := ""
			if *port != 0 && got != *port {
				note = fmt.Sprintf(" (port %d is taken)", *port)
			}
			fmt.Fprintf(stdout, "Serving at %s%s. Press Ctrl-C to stop.\n", url, note)
			if backend != nil {
				fmt.Fprintf(stdout, "Editing forms at %sadmin/: what they save is written to %s.\n", url, where)
			}
			if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
				// The server answers for the address it listens on, not for
				// every address a wildcard stands for.
				how := "by that address or a name given with --allow-host"
				if ip.IsUnspecified() {
					how = "by an address or name given with --allow-host"
				}
				fmt.Fprintf(stdout, "Listening on %s: other computers on the network can see the site too, %s.\n", *bind, how)
			}
			if *open {
				if err := openBrowser(url); err != nil {
					fmt.Fprintf(stderr, "playbook serve: could not open a browser (%v): open %s yourself.\n", err, url)
				}
			}
		},
	})
	err = srv.Run(ctx)
	fmt.Fprintln(stdout, "Stopped.")
	return err
}

// hostList is the value of --allow-host: repeated, or names separated by commas.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(v string) error {
	for name := range strings.SplitSeq(v, ",") {
		name = strings.TrimSpace(name)
		if _, ok := devserver.ParseHost(name); !ok {
			return fmt.Errorf("%q is not a host name or address (a port is allowed, a scheme or path is not)", name)
		}
		*l = append(*l, name)
	}
	return nil
}

// listen listens on bind:port, or on the next free port when port is taken.
func listen(bind string, port int) (net.Listener, error) {
	var first error
	for p := port; p <= 65535 && p < port+portTries; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if first == nil {
			first = err
		}
		if port == 0 || !errors.Is(err, syscall.EADDRINUSE) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%w, and so are the %d ports after it", first, portTries-1)
}

// siteURL is the address to give the author: a wildcard bind is reachable as
// localhost.
func siteURL(a *net.TCPAddr) string {
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(a.Port)) + "/"
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; its exit status says nothing useful
	return nil
}
