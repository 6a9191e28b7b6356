package themes

// Each theme keeps the CSS that the pinned Dart Sass makes of its SCSS in
// <theme>/compiled/, so that builds need no Dart Sass while the SCSS is unchanged.
// After editing a theme's SCSS, remake it (Dart Sass comes from `npm install`):
//
//	go generate ./themes/...
//
//go:generate go run ./gen
