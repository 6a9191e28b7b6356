package digest

// digestTextTemplate holds the Markdown and the plain-text digests. Both say the
// same things in the same order as the HTML one, so that a test can compare them.
const digestTextTemplate = `
{{- define "markdown" -}}
# {{md .Site.Title}}: what is new, {{date .Since}} to {{date .Until}}

{{.Counts}}
{{- with .Insights}}

## New insights
{{range .}}
### [{{md .Title}}]({{.Permalink}})

{{join ", " .Kind}} · {{md .Customer}}{{with .Moment}} · {{md .}}{{end}}

{{md .Summary}}
{{range .Evidence}}
> “{{md .Quote}}”{{with .Source}} ({{md .}}){{end}}
{{end}}{{end}}{{end}}
{{- with .Analogies}}

## New analogies
{{range .}}
- [{{md .Title}}]({{.Permalink}}) ({{.Status}}): {{md .Summary}}
{{- end}}{{end}}
{{- with .Experiences}}

## New experiences
{{range .}}
- [{{md .Title}}]({{.Permalink}}), {{.Duration}}: {{md .Summary}}
{{- end}}{{end}}
{{- with .Sessions}}

## Sessions
{{range .}}
### [{{md .Title}}]({{.Permalink}})

{{date .Date}}{{with .Experience}} · {{md .Title}}{{end}}{{with .Participants}} · {{plural . "participant" "participants"}}{{end}}

{{md .Summary}}
{{- with .Felt}}

Felt:
{{range .}}
- {{md .}}
{{- end}}{{end}}
{{- with .Noticed}}

Noticed:
{{range .}}
- {{md .}}
{{- end}}{{end}}
{{- with .Ideas}}

Ideas:
{{range .}}
- {{md .}}
{{- end}}{{end}}
{{- with .ActionItems}}

Actions:
{{range .}}
- {{md .Action.Action}}{{with .Owner}} ({{md .}}){{end}}{{with .Due}}, due {{date .}}{{end}}: {{status .}}
{{- end}}{{end}}
{{end}}{{end}}
{{- with .Updated}}

## Updated
{{range .}}
- [{{md .Title}}]({{.Permalink}}), updated {{date .Updated}}
{{- end}}{{end}}
{{- with .Completed}}

## Actions completed
{{range .}}
- {{md .Action.Action}}{{with .Owner}} ({{md .}}){{end}}, from [{{md .Session.Title}}]({{.Session.Permalink}})
{{- end}}{{end}}
{{- with .Upcoming}}

## Coming up
{{range .}}
- {{date .Date}}: [{{md .Title}}]({{.Permalink}}){{with .Location}}, {{md .}}{{end}}
{{- end}}{{end}}

[{{md .Site.Title}}]({{.Site.Permalink}}){{with .Site.Organisation}} · {{md .}}{{end}}
{{end}}

{{- define "text" -}}
{{.Site.Title}}: what is new, {{date .Since}} to {{date .Until}}

{{.Counts}}
{{- with .Insights}}

NEW INSIGHTS
{{range .}}
* {{.Title}}
  {{join ", " .Kind}} · {{.Customer}}{{with .Moment}} · {{.}}{{end}}
  {{.Summary}}
{{- range .Evidence}}
  “{{.Quote}}”{{with .Source}} ({{.}}){{end}}
{{- end}}
  {{.Permalink}}
{{end}}{{end}}
{{- with .Analogies}}

NEW ANALOGIES
{{range .}}
* {{.Title}} ({{.Status}}): {{.Summary}}
  {{.Permalink}}
{{- end}}
{{end}}
{{- with .Experiences}}

NEW EXPERIENCES
{{range .}}
* {{.Title}}, {{.Duration}}: {{.Summary}}
  {{.Permalink}}
{{- end}}
{{end}}
{{- with .Sessions}}

SESSIONS
{{range .}}
* {{.Title}}, {{date .Date}}{{with .Experience}} · {{.Title}}{{end}}{{with .Participants}} · {{plural . "participant" "participants"}}{{end}}
  {{.Summary}}
{{- with .Felt}}
  Felt:
{{- range .}}
  - {{.}}
{{- end}}{{end}}
{{- with .Noticed}}
  Noticed:
{{- range .}}
  - {{.}}
{{- end}}{{end}}
{{- with .Ideas}}
  Ideas:
{{- range .}}
  - {{.}}
{{- end}}{{end}}
{{- with .ActionItems}}
  Actions:
{{- range .}}
  - {{.Action.Action}}{{with .Owner}} ({{.}}){{end}}{{with .Due}}, due {{date .}}{{end}}: {{status .}}
{{- end}}{{end}}
  {{.Permalink}}
{{end}}{{end}}
{{- with .Updated}}

UPDATED
{{range .}}
* {{.Title}}, updated {{date .Updated}}
  {{.Permalink}}
{{- end}}
{{end}}
{{- with .Completed}}

ACTIONS COMPLETED
{{range .}}
* {{.Action.Action}}{{with .Owner}} ({{.}}){{end}}, from {{.Session.Title}}
{{- end}}
{{end}}
{{- with .Upcoming}}

COMING UP
{{range .}}
* {{date .Date}}: {{.Title}}{{with .Location}}, {{.}}{{end}}
  {{.Permalink}}
{{- end}}
{{end}}

{{.Site.Title}}{{with .Site.Organisation}} · {{.}}{{end}}: {{.Site.Permalink}}
{{end}}`

// digestHTMLTemplate is an email: tables for layout and inline styles, because
// mail clients ignore style sheets and scripts; no images; absolute links.
const digestHTMLTemplate = `<!doctype html>
<html lang="{{.Site.Language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Site.Title}}: what is new, {{date .Since}} to {{date .Until}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f1ea;color:#1f2328;font-family:Georgia,'Times New Roman',serif;">
<table role="presentation" style="width:100%;border-collapse:collapse;background:#f4f1ea;">
<tr><td style="padding:24px 12px;">
<table role="presentation" style="max-width:640px;width:100%;margin:0 auto;border-collapse:collapse;background:#ffffff;border:1px solid #ddd6c8;">
<tr><td style="padding:24px 28px;border-bottom:4px solid #1d4e89;">
<h1 style="margin:0 0 6px;font-size:24px;line-height:1.25;">{{.Site.Title}}: what is new, {{date .Since}} to {{date .Until}}</h1>
<p style="margin:0;font-size:16px;color:#4a4f57;">{{.Counts}}</p>
</td></tr>
{{- with .Insights}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;color:#8a3b12;">New insights</h2>
{{- range .}}
<h3 style="margin:16px 0 4px;font-size:17px;"><a href="{{.Permalink}}" style="color:#1d4e89;">{{.Title}}</a></h3>
<p style="margin:0 0 6px;font-size:14px;color:#4a4f57;">{{join ", " .Kind}} · {{.Customer}}{{with .Moment}} · {{.}}{{end}}</p>
<p style="margin:0 0 8px;font-size:16px;line-height:1.5;">{{.Summary}}</p>
{{- range .Evidence}}
<blockquote style="margin:0 0 8px;padding:4px 0 4px 12px;border-left:3px solid #c9a227;font-style:italic;">“{{.Quote}}”{{with .Source}} <span style="font-style:normal;color:#4a4f57;">({{.}})</span>{{end}}</blockquote>
{{- end}}
{{- end}}
</td></tr>
{{- end}}
{{- with .Analogies}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;color:#4b2e83;">New analogies</h2>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 6px;font-size:16px;line-height:1.5;"><a href="{{.Permalink}}" style="color:#1d4e89;">{{.Title}}</a> ({{.Status}}): {{.Summary}}</li>
{{- end}}
</ul>
</td></tr>
{{- end}}
{{- with .Experiences}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;color:#0b6e4f;">New experiences</h2>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 6px;font-size:16px;line-height:1.5;"><a href="{{.Permalink}}" style="color:#1d4e89;">{{.Title}}</a>, {{.Duration}}: {{.Summary}}</li>
{{- end}}
</ul>
</td></tr>
{{- end}}
{{- with .Sessions}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;color:#1d4e89;">Sessions</h2>
{{- range .}}
<h3 style="margin:16px 0 4px;font-size:17px;"><a href="{{.Permalink}}" style="color:#1d4e89;">{{.Title}}</a></h3>
<p style="margin:0 0 6px;font-size:14px;color:#4a4f57;">{{date .Date}}{{with .Experience}} · {{.Title}}{{end}}{{with .Participants}} · {{plural . "participant" "participants"}}{{end}}</p>
<p style="margin:0 0 8px;font-size:16px;line-height:1.5;">{{.Summary}}</p>
{{- with .Felt}}
<p style="margin:8px 0 4px;font-size:15px;font-weight:bold;">Felt:</p>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 4px;font-size:15px;line-height:1.5;">{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- with .Noticed}}
<p style="margin:8px 0 4px;font-size:15px;font-weight:bold;">Noticed:</p>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 4px;font-size:15px;line-height:1.5;">{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- with .Ideas}}
<p style="margin:8px 0 4px;font-size:15px;font-weight:bold;">Ideas:</p>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 4px;font-size:15px;line-height:1.5;">{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- with .ActionItems}}
<p style="margin:8px 0 4px;font-size:15px;font-weight:bold;">Actions:</p>
<table style="width:100%;border-collapse:collapse;font-size:14px;">
{{- range .}}
<tr><td style="padding:4px 6px;border-bottom:1px solid #eee7da;">{{.Action.Action}}{{with .Owner}} ({{.}}){{end}}{{with .Due}}, due {{date .}}{{end}}</td><td style="padding:4px 6px;border-bottom:1px solid #eee7da;text-align:right;white-space:nowrap;{{if .Overdue}}color:#a61b1b;font-weight:bold;{{end}}">{{status .}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- end}}
</td></tr>
{{- end}}
{{- with .Updated}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;">Updated</h2>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 6px;font-size:16px;"><a href="{{.Permalink}}" style="color:#1d4e89;">{{.Title}}</a>, updated {{date .Updated}}</li>
{{- end}}
</ul>
</td></tr>
{{- end}}
{{- with .Completed}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;">Actions completed</h2>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 6px;font-size:16px;">{{.Action.Action}}{{with .Owner}} ({{.}}){{end}}, from <a href="{{.Session.Permalink}}" style="color:#1d4e89;">{{.Session.Title}}</a></li>
{{- end}}
</ul>
</td></tr>
{{- end}}
{{- with .Upcoming}}
<tr><td style="padding:20px 28px 4px;">
<h2 style="margin:0 0 8px;font-size:19px;">Coming up</h2>
<ul style="margin:0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 6px;font-size:16px;">{{date .Date}}: <a href="{{.Permalink}}" style="color:#1d4e89;">{{.Title}}</a>{{with .Location}}, {{.}}{{end}}</li>
{{- end}}
</ul>
</td></tr>
{{- end}}
<tr><td style="padding:20px 28px 24px;font-size:13px;color:#6b7078;border-top:1px solid #eee7da;">
<a href="{{.Site.Permalink}}" style="color:#1d4e89;">{{.Site.Title}}</a>{{with .Site.Organisation}} · {{.}}{{end}}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`
