package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSchemaCommand: `playbook schema` writes a schema per type and one of the
// settings; inside a site, an experience's analogy lists the site's analogies.
func TestSchemaCommand(t *testing.T) {
	dir := sampleSite(t)
	out := filepath.Join(t.TempDir(), "schemas")
	code, stdout, stderr := playbook(t, "schema", "--source", dir, "--out", out)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "references list the slugs") {
		t.Errorf("stdout: %s", stdout)
	}
	names, _ := filepath.Glob(filepath.Join(out, "*.schema.json"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	want := []string{"analogies.schema.json", "experiences.schema.json", "insights.schema.json", "pages.schema.json", "sessions.schema.json", "site.schema.json"}
	if !slices.Equal(names, want) {
		t.Errorf("wrote %v, want %v", names, want)
	}
	var s struct {
		Schema     string `json:"$schema"`
		Properties map[string]struct {
			Enum []string `json:"enum"`
		} `json:"properties"`
	}
	data, err := os.ReadFile(filepath.Join(out, "experiences.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Schema != "https://json-schema.org/draft/2020-12/schema" || !slices.Contains(s.Properties["analogy"].Enum, "emergency-room-triage") {
		t.Errorf("experiences.schema.json: $schema %q, analogy enum %v", s.Schema, s.Properties["analogy"].Enum)
	}

	// Outside a site: any well-formed slug, said so.
	code, stdout, _ = playbook(t, "schema", "--source", t.TempDir(), "--out", out)
	if code != 0 || !strings.Contains(stdout, "any well-formed slug") {
		t.Errorf("exit %d: %s", code, stdout)
	}
}

// TestSchemaVSCode: `playbook schema --vscode` writes frontmatter.json with a
// content type per entry type, keeps the author's own settings there, and
// refuses to rewrite a file it cannot read, leaving it as it was.
func TestSchemaVSCode(t *testing.T) {
	dir := sampleSite(t)
	p := filepath.Join(dir, "frontmatter.json")
	if err := os.WriteFile(p, []byte(`{"frontMatter.preview.host": "http://localhost:1313"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := playbook(t, "schema", "--source", dir, "--out", filepath.Join(dir, "schemas"), "--vscode")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "frontmatter.json") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	var got map[string]json.RawMessage
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	var types []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(got["frontMatter.taxonomy.contentTypes"], &types); err != nil || len(types) != 5 || types[0].Name != "insight" {
		t.Errorf("content types %s (%v)", got["frontMatter.taxonomy.contentTypes"], err)
	}
	if string(got["frontMatter.preview.host"]) != `"http://localhost:1313"` {
		t.Errorf("the author's setting became %s", got["frontMatter.preview.host"])
	}

	bad := []byte("{\"frontMatter.preview.host\": // mine\n}")
	if err := os.WriteFile(p, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = playbook(t, "schema", "--source", dir, "--out", filepath.Join(dir, "schemas"), "--vscode")
	if after, _ := os.ReadFile(p); code == 0 || !strings.Contains(stderr, "frontmatter.json") || string(after) != string(bad) {
		t.Errorf("exit %d, %q; file now %q", code, stderr, after)
	}
}
