package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/playbookhq/playbook/builder"
)

func cmdSchema(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", stderr)
	source := fs.String("source", ".", "the site's `folder`: references list the slugs of its content/, when it has one")
	out := fs.String("out", "", "the `folder` to write the schemas into (default SOURCE/schemas)")
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
	return nil
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
