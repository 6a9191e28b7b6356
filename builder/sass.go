package builder

import "context"

// compileStyles compiles one SCSS entry point of the theme.
func compileStyles(ctx context.Context, t *theme, o Options, name string) ([]byte, Diagnostics) {
	var diags Diagnostics
	if o.Sass == nil {
		diags.errorf(Pos{File: t.label("assets", name)}, "SCSS needs Dart Sass, and none is configured")
		return nil, diags
	}
	css, err := o.Sass.Compile(ctx, name, func(n string) ([]byte, string, error) { return t.read("assets", n) })
	if err != nil {
		diags.errorf(Pos{File: t.label("assets", name)}, "%v", err)
		return nil, diags
	}
	return css, nil
}
