package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// DecapServerVersion is the version of decap-server that package.json pins (a
// test holds them together).
const DecapServerVersion = "3.11.3"

// findDecapServer finds the Decap local backend's script: $PLAYBOOK_DECAP_SERVER
// (the decap-server package's folder), else node_modules/decap-server under the
// site's folder, else under the current folder, as an absolute path; "" when
// there is none.
func findDecapServer(source string) string {
	dirs := []string{os.Getenv("PLAYBOOK_DECAP_SERVER")}
	for _, d := range []string{source, "."} {
		dirs = append(dirs, filepath.Join(d, "node_modules", "decap-server"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		p := filepath.Join(d, "dist", "index.js")
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			// Node runs in the site's folder: a path relative to ours would
			// name nothing there.
			if abs, err := filepath.Abs(p); err == nil {
				return abs
			}
			return p
		}
	}
	return ""
}

// localBackend runs the Decap local backend (decap-server, on Node.js) on a free
// loopback port, writing into the site's folder, and returns a handler that
// passes the forms' requests to it, and a function that stops it.
func localBackend(ctx context.Context, source string, stderr io.Writer) (http.Handler, func(), error) {
	script := findDecapServer(source)
	if script == "" {
		return nil, nil, fmt.Errorf("--cms needs the decap-server npm package: run `npm install` in the Playbook repository, or `npm install decap-server@%s` in the site's folder", DecapServerVersion)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, nil, fmt.Errorf("--cms runs decap-server with Node.js, which is not installed")
	}
	root, err := filepath.Abs(source)
	if err != nil {
		return nil, nil, err
	}
	// A free port: taken, then given back for the backend to take.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(node, script)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "PORT="+port, "BIND_HOST=127.0.0.1", "GIT_REPO_DIRECTORY="+root, "MODE=fs", "LOG_LEVEL=warn")
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("starting decap-server: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}
	// Ready when it accepts a connection.
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		select {
		case <-exited:
			return nil, nil, fmt.Errorf("decap-server stopped before it was ready")
		case <-ctx.Done():
			stop()
			return nil, nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			return nil, nil, fmt.Errorf("decap-server did not start listening on %s", addr)
		}
	}
	target := &url.URL{Scheme: "http", Host: addr}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.URL.Path = "/api/v1"
		pr.Out.URL.RawPath = ""
		pr.Out.Header.Del("Origin") // asked by this server's own page: checked already
	}}
	return proxy, stop, nil
}
