// Package builder turns a playbook's content folder into a static site.
//
// A build is a pipeline of stages, each a package that imports only the ones below
// it (TestImportsRunDownward holds the direction):
//
//	builder/           orchestration: Build, Check, Builder.Rebuild as named, timed
//	                   steps (build.go, run.go), the outputs a build leaves for the
//	                   next (kept.go), share cards (share.go), `playbook
//	                   new` (new.go), `playbook digest` (digest.go), `playbook
//	                   schema` (schema.go), the editing forms at /admin/ (admin.go)
//	  devserver/       above the builder: watcher, rebuild loop, events, overlay
//	  render/          pages and their keys (outputs.go), the template data and
//	                   methods (page.go), templates and functions (templates.go),
//	                   feeds and sitemap (feeds.go), calendars (calendar.go),
//	                   relative links (relative.go), share card contents (share.go),
//	                   and executing what changed (render.go)
//	  search/          the index as a function from entries to files, updated in
//	                   place when it can (index.go, terms.go, encode.go)
//	  style/           assets and SCSS, with the CSS stored with a theme (assets.go,
//	                   sass.go)
//	  publish/         sinks (sink.go), the staging folder and its atomic swap
//	                   (stage.go)
//	  digest/          what is new in a period, as email, Markdown or text
//	  theme/           a theme's files through the site's overrides
//	  site/            link: documents → a fresh per-build Site (link.go), what
//	                   body links resolve to (bodylinks.go), its sections, facets,
//	                   terms, state and feeds (state.go), related entries
//	                   (related.go), warnings (warn.go), what templates ask of
//	                   entries (view.go)
//	  cms/             the editing forms: Decap CMS's configuration made from the
//	                   model, its page and script (cms.go, admin.js)
//	  schema/          the model as a JSON Schema per type, references listing the
//	                   site's slugs (schema.go)
//	  content/         load: files → immutable documents (load.go, parse.go,
//	                   source.go), front matter as YAML, TOML or JSON (yaml.go,
//	                   toml.go, json.go, node.go) decoded by the model (decode.go,
//	                   fields.go), bodies (markdown.go, guard.go), ignored names
//	                   (ignore.go)
//	  mdext/           goldmark extensions: wikilinks, local links, heading ids
//	  model/           the content model as data: types, fields, enumerations
//	  diag/            positions and diagnostics
//	  social/ sass/    share card drawing; the Dart Sass transpiler
//	  internal/        keys (hashing), work (the worker pool), safefs (reading the
//	                   site folder safely), sitetest (the tests' sites); the
//	                   module's internal/sitegen writes generated playbooks
//
// Each build is a value. Load returns documents that are never written once made;
// link makes a new Site of new entries from them every build, so a kept Site renders
// the same bytes however many builds follow. What a rebuild may reuse lives in the
// stage that owns it, keyed by content: the loader keeps documents by path and
// hash (a rebuild re-parses only changed files), the linker the resolved links of
// each body with the state of the playbook they were resolved against, the renderer
// the key of every output (a rebuild re-renders only the pages whose inputs changed)
// and the pieces Page.Cache rendered, the index what it read of each entry. The
// same steps serve `playbook build` and `playbook serve`. Keys are the same in
// every process, so a build into a folder a build made also finds there the keys
// of the pages it holds (see Build) and links the unchanged ones instead of
// rendering them; when it also finds the stamp of the same files on the same day,
// its loader is lazy (content.Loader.Lazy) and holds no body as HTML.
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
// The keys are declared once, in package model, with their kinds, allowed values and
// descriptions; the validator, `playbook new`, `playbook schema` and the editing
// forms are made from it (TestDocNamesEveryKey keeps this list up to date). Every
// type accepts: title (required), summary, date, updated, authors, themes, tags,
// draft, aliases, visibility (public, company, team; default company). Unknown keys
// are kept in Params. Type-specific keys:
//
//	insight     kind (list of broken, frustrating, surprising, uncomfortable; required),
//	            customer (required), moment, evidence (list of {quote, source, date,
//	            link}), confidence (low, medium, high)
//	analogy     domain (required), insights (list of insight slugs; required),
//	            status (candidate, chosen, set-aside; default candidate),
//	            parallels (list of {customer, analog}), resonance (1-5), reason
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
// (default false: raw HTML in Markdown is omitted), cms (default true: the editing
// forms at /admin/), cmsBackend (git-gateway, the default, or github), cmsRepo
// (owner/name, for github) and cmsBranch (default "main").
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
//	/search/data/              the search index, as scripts loaded on demand (package search)
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
//	optional       values.html (a facet's every value), map.html (/map/), present.html
//	               (/sessions/<slug>/present/): a theme without one makes no such page
//
// Templates receive a *render.Page (render/page.go):
//
//	.Site .Kind .Title .Description .URL      every page; Kind is home, list, facet,
//	                                          entry, term, terms, actions, pack,
//	                                          search, 404, alias, map or present
//	.Entry                                    entry and alias pages
//	.Section .Facet .Value                    list and facet pages
//	.Term .Terms .Entries                     term pages; what a list shows
//	.Target                                   alias pages: the URL redirected to
//	.Actions                                  the actions page: this page's share
//	.Values                                   a facet's values page: this page's
//	                                          share of .Facet.Values
//	.Groups                                   the map: this page's insights by theme
//	.Pager                                    lists, facet, values, term, actions:
//	                                          .Number .Count .Total .First .Last
//	                                          .Prev .Next .Links (see render/pager.go)
//	.Content .Body .ScopedBody                the page's body; an entry's; one with
//	                                          ids scoped to the entry (the pack)
//	.Journey entry                            an insight's or experience's chain as
//	                                          an SVG, with its caption (render/journey.go)
//	.Slides                                   a presentation's slides (render/present.go)
//	.Cache name args                          a piece rendered once and reused
//	.Piece name entry key value               the same for a piece of one entry
//	.Cards entries h                          entries as <li> cards ("card" pieces,
//	                                          headings at level h), for a <ul>
//	.Asset name                               the published path of a theme asset
//	.Abs .Permalink .ShareImage .Feeds        absolute URLs, share card, feeds
//	.Meta                                     the description, canonical, feed and
//	                                          share card tags of the <head>
//	.SiteHeader .SiteFooter                   the theme's header and footer, cached
//	.Connections .RelatedList                 an entry's links grouped by meaning;
//	                                          its related entries (render/links.go)
//	.SectionName .EntriesByType               where the page belongs; entries by type
//	.ActionsWith .CountActions .ActionOwners  the actions page; .FirstActions a few
//	.ActionList items showSession             actions as a checklist (render/badges.go)
//	.AsOf                                     the day, on the pages rendered daily
//	.DaysLeft .OverdueBy action               days until the page's session; past
//	                                          an action's due date (see "The day")
//	.Rel url                                  url itself, for older themes
//
// The site (package site) gives .Steps, .Section, .Pages, .Get, .Year, .Abs,
// .Permalink, and its settings, sections, entries, themes, tags, actions, state
// and feeds as fields; an entry gives its front-matter fields, its references and
// the links back (Analogy, Experience, Insights, Surfaced, MirroredBy, AddressedBy,
// SurfacedIn, BuiltInto, RunIn, Mentions, MentionedIn) and .ID, .URL, .Permalink,
// .TypeOf, .Groups, .Sessions, .ChainActions, .ActionItems, .HasRun, .DaysUntil,
// .Headings, .Outline, .Modified, .TotalTime, .WordCount, .ReadingTime.
//
// The day. A build is made for a day (today, or PLAYBOOK_TODAY), and a page of the
// previous output is kept only while what it shows of the day is the same. Cards
// hold what the day changes in a session (whether it has run, which actions are
// overdue). The home page, the pack and the latest sessions' slides are rendered
// every day, and so is every page whose layout, or base.html or a partial, names
// Today (a footer with .Site.Year, every year). Counts of days are in the keys of
// the pages that may show them when asked of the page (.DaysLeft on a session's
// page; .OverdueBy on the pages of its session or its chain and the actions
// pages); a theme that names the entry's .DaysUntil or the action's .DaysOverdue
// puts them in every card.
//
// Functions (render/templates.go):
//
//	date isodate   a date as "2 January 2006", or as YYYY-MM-DD
//	datetime       a date as <time datetime="YYYY-MM-DD">2 January 2006</time>
//	enum           an enumeration's value in words ("set-aside" → Set aside)
//	join lower upper title shorten plural add sub first
//	urlize         a term's URL segment ("Hidden rules" → hidden-rules)
//	dict list      maps and lists, for passing several values to a template
//	facet          an entry's values of a facet, as slugs, for filtering
//	dots n of      a scale of of dots, the first n filled in
//
// and the labels of the default theme's badges.html, written in Go (render/badges.go):
// typeBadge, analogyStatus, sessionState, kindBadges, actionStatus, confidenceScale,
// durationTime and termChips; and its card.html and links.html pieces, written in Go
// (render/cards.go): entryCard and linkItem, each given the piece's arguments; and
// the parts of its entry pages (render/entryparts.go): byline and toc, given the
// entry, and shareBlock, given the page.
//
// Templates write site-root URLs ("/insights/x/"); once a page is rendered the build
// makes every one in an href, src or action attribute relative to the page, so that
// a built site works from any folder and from file://, and a piece that Cache
// renders reads the same on every page. Pages never contain inline scripts or style
// attributes: the site runs under a strict Content-Security-Policy.
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
// for later builds without Dart Sass. See package style.
package builder
