package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"testing"
)

// Message is an error the Nu HTML Checker found.
type Message struct {
	File   string // relative to the checked folder, with slashes
	Line   int    // 0 when the error is about the whole file
	Column int
	Text   string
}

func (m Message) String() string {
	if m.Line == 0 {
		return m.File + ": " + m.Text
	}
	return fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
}

// VNU validates every HTML file under dir with the Nu HTML Checker and returns
// its errors (warnings are left out). Without Java or vnu.jar it skips the test,
// or fails it in CI.
func VNU(t testing.TB, dir string) []Message {
	t.Helper()
	msgs, err := CheckHTML(context.Background(), dir)
	Require(t, err)
	return msgs
}

// CheckHTML is VNU for callers without a test. It returns a *MissingError when
// Java or vnu.jar is not installed.
//
// CSS is not checked (no --also-check-css): the checker's CSS validator lags
// behind browsers and rejects CSS that every current browser reads (container
// queries: "Unrecognized at-rule @container", "container-type doesn't exist").
func CheckHTML(ctx context.Context, dir string) ([]Message, error) {
	java, err := FindJava()
	if err != nil {
		return nil, err
	}
	jar, err := FindVNU()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// The client compiler alone (C1) halves the checker's CPU time on a site's
	// worth of pages; its deeper stack frames need a larger stack than the 512k
	// the checker asks for.
	cmd := exec.CommandContext(ctx, java, "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
		"-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// The checker writes its report to standard error and exits 1 when it found
	// errors; anything else is the checker failing.
	var exit *exec.ExitError
	if runErr != nil && !(errors.As(runErr, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("running the Nu HTML Checker: %v\n%s%s", runErr, stdout.Bytes(), stderr.Bytes())
	}
	var report struct {
		Messages []struct {
			Type        string `json:"type"`
			URL         string `json:"url"`
			LastLine    int    `json:"lastLine"`
			FirstLine   int    `json:"firstLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("reading the Nu HTML Checker's report: %v\n%s", err, stderr.Bytes())
	}
	var msgs []Message
	for _, m := range report.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		msgs = append(msgs, Message{File: relFile(abs, m.URL), Line: line, Column: m.FirstColumn, Text: m.Message})
	}
	if runErr != nil && len(msgs) == 0 {
		return nil, fmt.Errorf("the Nu HTML Checker failed and reported nothing: %v\n%s", runErr, stderr.Bytes())
	}
	return msgs, nil
}

// relFile turns the checker's file: URL into a path relative to the checked folder.
func relFile(dir, u string) string {
	p := u
	if parsed, err := url.Parse(u); err == nil && parsed.Scheme == "file" {
		p = parsed.Path
		if p == "" {
			p = parsed.Opaque
		}
	}
	if rel, err := filepath.Rel(dir, filepath.FromSlash(p)); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return u
}
