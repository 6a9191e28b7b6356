package devserver

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// hosts is the rule for which Host a request may name, against DNS rebinding:
// a page on evil.example whose name the attacker then points at 127.0.0.1 is, to
// the browser, still evil.example, and may read whatever the dev server answers.
// The server therefore answers only for names that cannot be someone else's:
// localhost and *.localhost (browsers resolve them to loopback themselves),
// loopback addresses, the address it listens on, and the names the author
// allowed (--allow-host). The zero value allows the local names alone.
type hosts struct {
	names map[string]bool // canonical, as ParseHost returns them
}

// newHosts is the rule for a server listening on ln that also answers for the
// names in allow (each a name or an address, a port ignored). Names that are
// not host names are dropped: the command checks them with ParseHost first.
func newHosts(ln net.Listener, allow []string) hosts {
	h := hosts{names: map[string]bool{}}
	if ln != nil {
		if a, ok := ln.Addr().(*net.TCPAddr); ok && a.AddrPort().Addr().IsValid() {
			h.names[a.AddrPort().Addr().Unmap().WithZone("").String()] = true
		}
	}
	for _, name := range allow {
		if host, ok := ParseHost(name); ok {
			h.names[host] = true
		}
	}
	return h
}

// allowed reports whether the server answers a request whose Host is hostport.
func (h hosts) allowed(hostport string) bool {
	host, ok := ParseHost(hostport)
	if !ok {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if a, err := netip.ParseAddr(host); err == nil && a.IsLoopback() {
		return true
	}
	return h.names[host]
}

// refusal is why a request is refused: the header, its value, and the host
// that --allow-host would allow, when allowing one is the remedy.
type refusal struct{ header, value, host string }

// check returns why the server refuses r, or nil. r.Host is the request line's
// host when it has one, else the Host header. With origin set (an endpoint that
// is more than a file's GET), an Origin header, when there is one, must be an
// http or https origin on an allowed host: "null" (a sandboxed frame, a file://
// page) is not.
func (h hosts) check(r *http.Request, origin bool) *refusal {
	if !h.allowed(r.Host) {
		no := &refusal{header: "Host", value: r.Host}
		no.host, _ = ParseHost(r.Host)
		return no
	}
	if !origin {
		return nil
	}
	for _, o := range r.Header.Values("Origin") {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return &refusal{header: "Origin", value: o}
		}
		if !h.allowed(u.Host) {
			no := &refusal{header: "Origin", value: o}
			no.host, _ = ParseHost(u.Host)
			return no
		}
	}
	return nil
}

// ParseHost returns the host named by a Host header or an --allow-host value:
// lower-case, without its port, IPv6 brackets or a trailing dot, and an IP
// address in its canonical form ("::1", "127.0.0.1"). ok is false when hostport
// names no host (empty, or characters no host name has).
func ParseHost(hostport string) (host string, ok bool) {
	host = strings.ToLower(hostport)
	bracketed := strings.HasPrefix(host, "[")
	switch {
	case bracketed:
		end := strings.IndexByte(host, ']')
		if end < 0 || !isPort(host[end+1:]) {
			return "", false
		}
		host = host[1:end]
	case strings.Count(host, ":") == 1:
		var port string
		host, port, _ = strings.Cut(host, ":")
		if !isPort(":" + port) {
			return "", false
		}
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if bracketed && !a.Is6() {
			return "", false // "[127.0.0.1]" is no URL's host
		}
		return a.Unmap().WithZone("").String(), true
	}
	if bracketed {
		return "", false
	}
	host = strings.TrimSuffix(host, ".")
	if host == "" || len(host) > 253 {
		return "", false
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || len(label) > 63 {
			return "", false
		}
		for _, c := range []byte(label) {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return "", false
			}
		}
	}
	return host, true
}

// isPort reports whether s is empty or a colon and digits (possibly none: a URL
// may say "host:").
func isPort(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' || len(s) > 6 {
		return false
	}
	for _, c := range []byte(s[1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// write answers 403 with what was refused and how to allow it. The value is
// quoted and the body plain text (nosniff), so it cannot become markup.
func (no *refusal) write(w http.ResponseWriter) {
	var msg strings.Builder
	if no.value == "" && no.header == "Host" {
		msg.WriteString("Forbidden: the request names no Host.\n")
	} else {
		fmt.Fprintf(&msg, "Forbidden: the request's %s is %q.\n", no.header, no.value)
	}
	msg.WriteString("The Playbook dev server answers only for localhost, loopback addresses, the address it listens on and names given with --allow-host.")
	if no.host != "" {
		fmt.Fprintf(&msg, "\nTo allow this one, restart it with: playbook serve --allow-host %s", no.host)
	}
	http.Error(w, msg.String(), http.StatusForbidden)
}
