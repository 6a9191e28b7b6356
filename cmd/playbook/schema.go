package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/playbookhq/playbook/builder"
	"github.com/playbookhq/playbook/builder/content"
)

func cmdSchema(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", stderr)
	source := fs.String("source", ".", "the site's `folder`: references list the slugs of its content/, when it has one")
	out := fs.String("out", "", "the `folder` to write the schemas into (default SOURCE/schemas)")
	vscode := fs.Bool("vscode", false, "also write the content types of the Front Matter CMS extension for VS Code into SOURCE/frontmatter.json (its other settings are kept)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*source, "schemas")
	}
	files, found, err := builder.Schemas(ctx, *source)
	if err != nil {
		return err
	}
	if err := writeFiles(*out, files); err != nil {
		return err
	}
	how := "references accept any well-formed slug: no content/ in " + *source
	if found {
		how = "references list the slugs of " + filepath.Join(*source, "content")
	}
	fmt.Fprintf(stdout, "Wrote %d JSON Schemas into %s (%s).\n", len(files), *out, how)
	if *vscode {
		p := filepath.Join(*source, "frontmatter.json")
		if err := writeFrontMatter(ctx, *source, p); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote the Front Matter CMS content types into %s: run this again when entries are added, for references to offer them.\n", p)
	}
	return nil
}

// writeFrontMatter writes Playbook's settings into the Front Matter CMS project
// file p, keeping the author's own settings there.
func writeFrontMatter(ctx context.Context, source, p string) error {
	settings := map[string]any{"$schema": "https://frontmatter.codes/frontmatter.schema.json"}
	if data, err := os.ReadFile(p); err == nil {
		if err := json.Unmarshal(data, &settings); err != nil {
			at := p
			if se, ok := errors.AsType[*json.SyntaxError](err); ok {
				at = content.PositionOf(p, data, int(se.Offset)-1).String()
			}
			return fmt.Errorf("%s: %v (it must be plain JSON, without comments, for playbook to update it; it is left as it was)", at, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	ours, err := builder.FrontMatterSettings(ctx, source)
	if err != nil {
		return err
	}
	maps.Copy(settings, ours)
	data, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(p, append(data, '\n'), 0o644)
}

// writeFiles writes files into dir, in name order, making dir if need be.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
