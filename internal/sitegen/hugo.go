package sitegen

// The same site as a minimal Hugo site: every entry becomes content/posts/<type>-<slug>.md
// with YAML front matter (title, date, summary, tags; everything else kept as params),
// and wikilinks become ordinary relative Markdown links.

func hugoName(e *entry) string { return typeNames[e.typ] + "-" + e.slug }

// appendHugoLink links to the post's URL relative to the linking post: both sit at
// /posts/<name>/. The link text is the label, else the title, as a playbook renders it.
func appendHugoLink(b []byte, _, to *entry, _ int, anchor, label string) []byte {
	if label == "" {
		label = to.title()
	}
	b = append(b, '[')
	b = append(b, label...)
	b = append(b, "](../"...)
	b = append(b, hugoName(to)...)
	b = append(b, '/')
	if anchor != "" {
		b = append(b, '#')
		b = append(b, anchor...)
	}
	return append(b, ')')
}

// appendHugoEntry writes title, date, summary and tags first; Hugo keeps every other
// key as a param (.Params.customer...). They stay at the top level rather than under
// "params:", which only Hugo 0.123 and later read. entrytype names the playbook type.
func (s *site) appendHugoEntry(b []byte, e *entry) []byte {
	fm := []field{}
	var params []field
	for _, f := range e.fields {
		switch f.key {
		case "title", "date", "summary", "tags":
			fm = append(fm, f)
		default:
			params = append(params, f)
		}
	}
	fm = append(append(fm, field{"entrytype", typeNames[e.typ]}), params...)
	b = append(b, "---\n"...)
	b = appendYAML(b, fm, 0)
	b = append(b, "---\n\n"...)
	return s.appendBody(b, e, appendHugoLink)
}

// hugoFiles are the configuration, the home page's content and the templates.
func (s *site) hugoFiles() []file {
	static := func(text string) func([]byte) []byte {
		return func(b []byte) []byte { return append(b, text...) }
	}
	return []file{
		{"hugo.toml", static(hugoConfig)},
		{"content/_index.md", func(b []byte) []byte { return s.appendIndex(b) }},
		{"layouts/_default/baseof.html", static(hugoBaseof)},
		{"layouts/_default/single.html", static(hugoSingle)},
		{"layouts/_default/list.html", static(hugoList)},
		{"layouts/index.html", static(hugoIndex)},
	}
}

const hugoConfig = `baseURL = "https://bench.example.org/"
languageCode = "en"
title = "Bench Playbook"
# Upcoming sessions are dated in the future; a playbook lists them.
buildFuture = true

[taxonomies]
  tag = "tags"
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<div class="summary">{{ .Summary }}</div>
{{ .Content }}
{{ with .GetTerms "tags" }}
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> {{ .Summary }}</li>
{{ end }}</ul>
{{ end }}
`

const hugoIndex = `{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
{{ range slice "insights" "analogies" "experiences" "sessions" "pages" }}
{{ $pages := where site.RegularPages "Params.entrytype" . }}
<section>
<h2>{{ . | title }} ({{ len $pages }})</h2>
<ul>
{{ range first 10 $pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></li>
{{ end }}</ul>
</section>
{{ end }}
{{ end }}
`
