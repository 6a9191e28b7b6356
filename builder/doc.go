// Package builder turns a playbook's content folder into a static site.
//
// A build runs four stages, each in its own file:
//
//	Load    (load.go, source.go, frontmatter.go, fields.go, markdown.go)
//	        read every file under content/, split and decode front matter into typed
//	        documents, parse each Markdown body once
//	Link    (link.go, relations.go)
//	        index documents by type and slug, apply drafts and visibility, resolve every
//	        reference and body link, compute the links in both directions
//	Render  (pages.go, render.go, templates.go, view.go, feeds.go, search.go)
//	        enumerate every output, execute the theme's templates concurrently,
//	        write the feeds and the search index
//	Write   (output.go, publish.go)
//	        write into a fresh folder beside the destination and swap it in
//
// The same stages serve `playbook build` and `playbook serve`: a [Builder] keeps the
// previous build's parsed documents (keyed by path and content hash) and the key of
// every output, so a rebuild re-parses only changed files and re-renders only the
// pages whose inputs changed.
//
// # Content
//
// The source folder holds content/, and optionally themes/<name>/, layouts/, assets/
// and static/. content/_index.md holds the site settings in its front matter; its body
// introduces the home page. Markdown files in the type folders are entries:
//
//	content/insights/    type "insights"     (singular "insight")
//	content/analogies/   type "analogies"    (singular "analogy")
//	content/experiences/ type "experiences"  (singular "experience")
//	content/sessions/    type "sessions"     (singular "session")
//	content/pages/       type "pages"        (singular "page")
//
// An entry's slug is its file name without ".md"; it must match [a-z0-9]+(-[a-z0-9]+)*.
// Its id is "<type>/<slug>" (for example "insights/late-fees") and its URL is
// "/<type>/<slug>/". Files may sit in sub-folders of a type folder; the slug stays the
// file name and must be unique within the type. A folder's _index.md introduces its
// list page. Any other file under content/ is copied to the same path in the output.
//
// Files are read as UTF-8 (anything else is an error); a leading byte-order mark is
// dropped and CRLF line endings are accepted.
//
// # Front matter
//
// Front matter opens the file: YAML between "---" lines, TOML between "+++" lines, or a
// JSON object whose closing "}" is alone on its line and followed by a blank line (or
// the end of the file). "---yaml", "---toml" and "---json" openers are accepted too.
// Every value keeps its line and column, so errors point at the value concerned.
//
// Scalars:
//
//	date       YYYY-MM-DD, or RFC 3339 ("2026-03-01T09:30:00Z")
//	duration   minutes as a positive number (90), or a string: "90m", "1h30m",
//	           "1h 30m", "2h", "45 min". Shown in words: "1 h 30 min".
//	group      a number (12), a range string ("6-12"), or a map {min: 6, max: 12}
//
// Every type accepts: title (required), summary, date, updated, authors, themes, tags,
// draft, aliases, visibility (public, company, team; default company). Unknown keys are
// kept in Params. Type-specific keys follow the product specification:
//
//	insight     kind (list of broken, frustrating, surprising, uncomfortable; required),
//	            customer (required), moment, evidence (list of {quote, source, date,
//	            link}), confidence (low, medium, high)
//	analogy     domain (required), insights (list of insight slugs; required),
//	            status (candidate, chosen, set-aside; default candidate),
//	            parallels (list of {customer, analog}), resonance (1-5)
//	experience  analogy (analogy slug; required), insights (required), format (list
//	            of make, build, simulate, act-out, play; required), duration (required),
//	            debrief (required), group, materials, roles, moments (list of {moment,
//	            customer, analog}), questions, prep, difficulty (easy, moderate, hard),
//	            setting (in-person, remote, hybrid), care
//	session     experience (experience slug; required), date (required), location,
//	            facilitators, participants, teams, felt, noticed, ideas, actions (list
//	            of {action, owner, due, status: open|doing|done}), share (list of
//	            {audience, channel, when, status: planned|done}), surfaced (insight slugs)
//	page        the common keys only
//
// Site settings in content/_index.md: title (required), description, baseURL (default
// "/"), theme (default "default"), language (default "en"), organisation, unsafeHTML
// (default false: raw HTML in Markdown is omitted).
//
// # Links
//
// Front-matter references name slugs of the type the key implies. In bodies:
//
//	[[slug]]                 link to the entry, labelled with its title
//	[[insights/slug]]        the same, for a slug that two types share (the singular
//	                         type name, "insight/slug", is accepted too)
//	[[slug|label]]           link with a label of the author's
//	[[slug#heading]]         link to a heading of the entry
//	[x](../insights/a.md)    an ordinary link to a content file, rewritten to its URL;
//	                         relative to the file, or to content/ with a leading "/"
//
// Wikilinks in code spans and code blocks stay as written. Links and images to other
// local files are rewritten to where the file is copied.
//
// Heading ids: the heading's text, lower-cased; letters and digits kept, every run of
// spaces, hyphens and underscores becomes one hyphen, everything else is dropped;
// leading and trailing hyphens are trimmed; an empty result becomes "section". A second
// heading with the same id gets "-1", a third "-2", and so on. The part after "#" in a
// link may be the id or the heading's text: both are turned into an id the same way.
//
// An entry that the build leaves out (a draft without --drafts, or an entry above the
// build's visibility) is invisible: front-matter references to it are dropped from every
// page, a body link to it renders as plain text (its label, or the text as written), and
// nothing of it reaches any output file, its aliases included.
//
// # Validation
//
// Every file is validated on every build, left-out entries included. Problems are
// collected as [Diagnostic] values, sorted by file, line and column, and printed as
// "content/path/file.md:LINE:COL: message". Errors stop the build before anything is
// written; warnings do not, unless Options.Strict is set.
//
// # Output
//
// Pages link to each other with relative URLs, so a built site works from any folder,
// under any base path and from file://. Feeds, the sitemap, _redirects and the share
// metadata use absolute URLs made from baseURL.
//
//	/                          home
//	/<type>/                   list of a type, with facet filters
//	/<type>/by-<facet>/<value>/  the entries of a type with one facet value
//	/<type>/<slug>/            entry
//	/themes/  /themes/<t>/     themes, and a theme's entries
//	/tags/    /tags/<t>/       tags, and a tag's entries
//	/actions/                  every action from every session
//	/pack/                     the facilitator pack: every experience's run sheet
//	/search/                   search
//	/search/data/              the search index, as scripts loaded on demand (search.go)
//	/feed.xml  /feed.json      Atom and JSON Feed of new entries
//	/sitemap.xml  /404.html  /_redirects
//
// # Templates
//
// Layouts are html/template files. A site's layouts/ overrides the theme's file of the
// same name. Every page executes "base.html" with the page's own layout file parsed
// into it (the layout defines "main" and may define "head"); files under partials/ are
// available to all. The layout for a page is the first that exists of:
//
//	entry pages    <singular type>.html (insight.html...), entry.html
//	list pages     <type>-list.html (insights-list.html...), list.html
//	facet pages    facet.html, list.html
//	theme and tag  term.html;  /themes/ and /tags/: terms.html
//	others         home.html, actions.html, pack.html, search.html, 404.html, alias.html
//
// Templates receive a [*Page]; see view.go for every field and method. Pages never
// contain inline scripts or style attributes: the site runs under a strict
// Content-Security-Policy.
//
// # Styles
//
// SCSS entry points in a theme's assets/ (names not starting with "_") become CSS,
// published as assets/<name>.<10 hex of the content>.css and linked with
// {{.Asset "main.css"}}. Imports resolve through the site's assets/ first, then the
// theme's, so a site changes its colours by overriding one partial. A theme keeps
// the CSS that the pinned Dart Sass made of its SCSS in compiled/, under a header of
// hashes of every SCSS file and of the compile options; while they match, builds use
// it and need no Dart Sass. Otherwise Options.Sass compiles, and with
// Options.StyleCache the result is kept in the site's resources/css/ (same header)
// for later builds without Dart Sass. See sass.go.
package builder
