package model

// Common are the keys every entry accepts.
var Common = []Field{
	{Key: "title", Kind: Text, Label: "Title", Required: true, New: "{{title}}",
		Doc: "The entry's name, as lists, links and share cards show it."},
	{Key: "summary", Kind: Text, Label: "Summary", Recommended: true, Lines: true, New: `""`,
		Missing: "listings and share cards will use the first paragraph",
		Doc:     "One or two sentences: listings, search results, share cards and feeds show it. Missing, the first paragraph of the body is used."},
	{Key: "date", Kind: Date, Label: "Date", Recommended: true, New: "{{date}}",
		Missing: `feeds and "recent" lists order entries by it`,
		Doc:     "When the entry was created: feeds and \"recent\" lists order by it."},
	{Key: "updated", Kind: Date, Label: "Updated",
		Doc: "When it last changed in substance."},
	{Key: "authors", Kind: List, Label: "Authors", New: "[]",
		Doc: "Who wrote it."},
	{Key: "themes", Kind: List, Label: "Themes", New: "[]",
		Doc: "The shared vocabulary that ties insights to the analogies that mirror them; each theme gets a page. Matched ignoring case and spaces versus hyphens."},
	{Key: "tags", Kind: List, Label: "Tags", New: "[]",
		Doc: "Free tags (teams, places, channels); each tag gets a page."},
	{Key: "draft", Kind: Bool, Label: "Draft",
		Doc: "A draft is left out of the site unless the build asks for drafts."},
	{Key: "aliases", Kind: Paths, Label: "Old addresses",
		Doc: "Old URLs of the entry (\"/old/path/\"): the build redirects them to it."},
	{Key: "visibility", Kind: Enum, Label: "Visibility", Values: Visibilities, Default: "company",
		Doc: "Who may read it: a build publishes the entries at or above its own visibility (public, then company, then team)."},
}

// Types lists the entry types in the method's order; pages come last.
var Types = []*Type{
	{
		Name: "insights", Singular: "insight", Title: "Insights", One: "Insight", Step: 1, Verb: "Gather insights",
		Doc: "Something broken, frustrating, surprising or uncomfortable in the customer's experience, with the evidence for it.",
		Fields: []Field{
			{Key: "kind", Kind: Enums, Label: "Kind", Values: InsightKinds, Required: true, New: "[frustrating]",
				Doc: "What it is for the customer: broken, frustrating, surprising or uncomfortable (one or more)."},
			{Key: "customer", Kind: Text, Label: "Customer", Required: true, New: `""`, Note: `who lives this, e.g. "first-time applicants"`,
				Doc: "Who lives this (\"first-time applicants\")."},
			{Key: "moment", Kind: Text, Label: "Moment", New: `""`, Note: "where in their journey",
				Doc: "Where in their journey it happens (\"waiting for approval\")."},
			{Key: "evidence", Kind: Objects, Label: "Evidence", Recommended: true, New: "[]",
				Missing: "an insight says what supports it", Note: `- quote: "..."  source: "..."  date: {{date}}  link: https://...`,
				Doc: "What supports the insight: quotes with their sources.",
				Item: []Field{
					{Key: "quote", Kind: Text, Label: "Quote", Required: true, Lines: true, Doc: "What was said or seen, in the customer's words where possible."},
					{Key: "source", Kind: Text, Label: "Source", Doc: "Where it comes from (\"counter interview\", \"survey, March\")."},
					{Key: "date", Kind: Date, Label: "Date", Doc: "When it was heard or seen."},
					{Key: "link", Kind: Text, Label: "Link", Doc: "Where the source can be read."},
				}},
			{Key: "confidence", Kind: Enum, Label: "Confidence", Values: Confidences, New: "medium",
				Doc: "How sure the evidence makes us: low, medium or high."},
		},
	},
	{
		Name: "analogies", Singular: "analogy", Title: "Analogies", One: "Analogy", Step: 2, Verb: "Get outside",
		Doc: "An experience from another industry, setting or story with the same themes. Several are proposed per problem; one is chosen, the others set aside and kept.",
		Fields: []Field{
			{Key: "domain", Kind: Text, Label: "Domain", Required: true, New: `""`, Note: "the outside world it comes from",
				Doc: "The outside world it comes from (\"airport security line\")."},
			{Key: "insights", Kind: Refs, Ref: "insights", Label: "Insights", Required: true, New: "[]", Note: "slugs of the insights whose themes it mirrors",
				Doc: "The insights whose themes it mirrors, by slug."},
			{Key: "status", Kind: Enum, Label: "Status", Values: AnalogyStatuses, Default: "candidate", New: "candidate",
				Doc: "Where it stands among the options: candidate, chosen, or set-aside (kept, to show the reasoning)."},
			{Key: "parallels", Kind: Objects, Label: "Parallels", Recommended: true, New: "[]", Note: `- customer: "what the customer meets"  analog: "what the analogy has"`,
				Doc: "Moment-by-moment correspondences between the customer's world and the analogy's.",
				Item: []Field{
					{Key: "customer", Kind: Text, Label: "Our customers", Required: true, Doc: "What the customer meets."},
					{Key: "analog", Kind: Text, Label: "In the analogy", Required: true, Doc: "What the analogy has at that moment."},
				}},
			{Key: "resonance", Kind: Int, Label: "Resonance", Min: 1, Max: 5, New: "3",
				Doc: "How strongly it resonated when the options were compared, from 1 to 5."},
			{Key: "reason", Kind: Text, Label: "Why", Lines: true, New: `""`, Note: "why it was chosen or set aside",
				Doc: "Why the analogy was chosen, or set aside, when the options were compared: insight pages show it beside the other options."},
		},
	},
	{
		Name: "experiences", Singular: "experience", Title: "Experiences", One: "Experience", Step: 3, Verb: "Get creative",
		Doc: "The smallest immersive activity (to make, build, simulate, act out or play) that connects the analogy's moments to the customer's; one to two hours, then at least thirty minutes of debrief. The body is the facilitator's guide.",
		Fields: []Field{
			{Key: "analogy", Kind: Ref, Ref: "analogies", Label: "Analogy", Required: true, New: `""`, Note: "slug of the analogy it is built on",
				Doc: "The analogy it is built on, by slug."},
			{Key: "insights", Kind: Refs, Ref: "insights", Label: "Insights", Required: true, New: "[]", Note: "slugs of the insights it connects to",
				Doc: "The real problems it connects to, by slug."},
			{Key: "format", Kind: Enums, Label: "Format", Values: Formats, Required: true, New: "[simulate]",
				Doc: "What the group does: make, build, simulate, act-out or play (one or more)."},
			{Key: "duration", Kind: Duration, Label: "Duration", Required: true, New: "1h",
				Doc: "How long the experience itself takes (a warning above 2 h)."},
			{Key: "debrief", Kind: Duration, Label: "Debrief", Required: true, New: "45m",
				Doc: "How long the talk afterwards takes (a warning below 30 min)."},
			{Key: "group", Kind: Group, Label: "Group size", New: `"6-12"`,
				Doc: "How many participants: a number, a range (\"6-12\") or {min, max}."},
			{Key: "materials", Kind: List, Label: "Materials", New: "[]",
				Doc: "What to bring and prepare."},
			{Key: "roles", Kind: List, Label: "Roles", New: "[facilitator, observer]",
				Doc: "The people it needs: facilitator, observer, actors..."},
			{Key: "moments", Kind: Objects, Label: "Moments", Recommended: true, New: "[]", Note: `- moment: "..."  customer: "..."  analog: "..."`,
				Doc: "The overlapping moments the experience plays through.",
				Item: []Field{
					{Key: "moment", Kind: Text, Label: "Moment", Required: true, Doc: "The moment, in a few words."},
					{Key: "customer", Kind: Text, Label: "Our customers", Doc: "What the customer lives then."},
					{Key: "analog", Kind: Text, Label: "In the analogy", Doc: "What the participants live then."},
				}},
			{Key: "questions", Kind: List, Label: "Debrief questions", Recommended: true, New: "[]",
				Doc: "Prompts for the debrief."},
			{Key: "prep", Kind: Duration, Label: "Set-up", New: "30m",
				Doc: "Set-up time before the group arrives."},
			{Key: "difficulty", Kind: Enum, Label: "Difficulty", Values: Difficulties, New: "moderate",
				Doc: "How hard it is to facilitate: easy, moderate or hard."},
			{Key: "setting", Kind: Enum, Label: "Setting", Values: Settings, New: "in-person",
				Doc: "Where it runs: in-person, remote or hybrid."},
			{Key: "care", Kind: Text, Label: "Care notes", Recommended: true, Lines: true, New: `""`, Note: "consent, opt-out and emotional safety",
				Doc: "Consent, opt-out and emotional-safety notes: shown prominently and on the run sheet."},
		},
	},
	{
		Name: "sessions", Singular: "session", Title: "Sessions", One: "Session", Step: 4, Verb: "Invite a group",
		Doc: "One run of an experience with a group: what people felt and noticed, the ideas, the actions with their owners, and the plan for telling the rest of the organisation.",
		Fields: []Field{
			{Key: "experience", Kind: Ref, Ref: "experiences", Label: "Experience", Required: true, New: `""`, Note: "slug of the experience it runs",
				Doc: "The experience it ran, by slug."},
			{Key: "date", Kind: Date, Label: "Date", Required: true, New: "{{date}}",
				Doc: "When it ran, or will run; with a time (RFC 3339) its calendar event has one."},
			{Key: "location", Kind: Text, Label: "Location", New: `""`,
				Doc: "Where it ran."},
			{Key: "facilitators", Kind: List, Label: "Facilitators", New: "[]",
				Doc: "Who ran it."},
			{Key: "participants", Kind: Int, Label: "Participants", Min: 0, New: "0",
				Doc: "How many took part."},
			{Key: "teams", Kind: List, Label: "Teams", New: "[]",
				Doc: "The teams that took part."},
			{Key: "felt", Kind: List, Label: "Felt", New: "[]",
				Doc: "Emotions people reported."},
			{Key: "noticed", Kind: List, Label: "Noticed", New: "[]",
				Doc: "What people observed."},
			{Key: "ideas", Kind: List, Label: "Ideas", New: "[]",
				Doc: "Ideas that came up."},
			{Key: "actions", Kind: Objects, Label: "Actions", Recommended: true, New: "[]", Note: `- action: "..."  owner: "..."  due: {{date}}  status: open (open, doing, done)`,
				Doc: "What the group decided to do, each with an owner and a due date (recommended once the session has run).",
				Item: []Field{
					{Key: "action", Kind: Text, Label: "Action", Required: true, Doc: "What will be done."},
					{Key: "owner", Kind: Text, Label: "Owner", Doc: "Who does it."},
					{Key: "due", Kind: Date, Label: "Due", Doc: "By when."},
					{Key: "status", Kind: Enum, Label: "Status", Values: ActionStatuses, Default: "open", Doc: "open, doing or done."},
				}},
			{Key: "share", Kind: Objects, Label: "Share plan", Recommended: true, New: "[]", Note: `- audience: "..."  channel: "..."  when: {{date}}  status: planned (planned, done)`,
				Doc: "The plan for telling the rest of the organisation (recommended once the session has run).",
				Item: []Field{
					{Key: "audience", Kind: Text, Label: "Audience", Required: true, Doc: "Who is told."},
					{Key: "channel", Kind: Text, Label: "Channel", Doc: "How: a town hall, a newsletter, a team meeting..."},
					{Key: "when", Kind: Date, Label: "When", Doc: "When it happens."},
					{Key: "status", Kind: Enum, Label: "Status", Values: ShareStatuses, Default: "planned", Doc: "planned or done."},
				}},
			{Key: "surfaced", Kind: Refs, Ref: "insights", Label: "Surfaced insights", New: "[]",
				Doc: "Insights the session produced or confirmed, by slug."},
		},
	},
	{
		Name: "pages", Singular: "page", Title: "Pages", One: "Page",
		Doc: "A free-form page: about, how to run a session...",
		Fields: []Field{
			{Key: "date", Kind: Date, Label: "Date", New: "{{date}}",
				Doc: "When the page was written."},
		},
	},
}

// SiteSettings are the keys of content/_index.md.
var SiteSettings = []Field{
	{Key: "title", Kind: Text, Label: "Title", Required: true, Doc: "The site's name."},
	{Key: "description", Kind: Text, Label: "Description", Lines: true, Doc: "Used in meta tags and feeds."},
	{Key: "baseURL", Kind: Text, Label: "Base URL", Default: "/", Doc: "The absolute URL of the published site: feeds, the sitemap and share metadata need it absolute."},
	{Key: "theme", Kind: Text, Label: "Theme", Default: "default", Doc: "The theme: a folder under themes/, or the built-in default."},
	{Key: "language", Kind: Text, Label: "Language", Default: "en", Doc: "The pages' <html lang>."},
	{Key: "organisation", Kind: Text, Label: "Organisation", Doc: "Shown in the footer and feeds."},
	{Key: "unsafeHTML", Kind: Bool, Label: "Raw HTML", Doc: "Allow raw HTML in Markdown bodies (off: it is left out)."},
	{Key: "cms", Kind: Bool, Label: "Editing forms", Default: "true", Doc: "Publish the editing forms (Decap CMS) at /admin/; false leaves them out."},
	{Key: "cmsBackend", Kind: Enum, Label: "Forms save through", Values: CMSBackends, Default: "git-gateway", Doc: "How the forms at /admin/ reach the repository once published: git-gateway (Netlify Identity and Git Gateway) or github (each author signs in with GitHub)."},
	{Key: "cmsRepo", Kind: Text, Label: "Repository", Doc: "The GitHub repository the forms commit to, as owner/name: needed by the github backend."},
	{Key: "cmsBranch", Kind: Text, Label: "Branch", Default: "main", Doc: "The branch the forms commit to."},
}

// SectionFields are the keys of a type folder's _index.md, which introduces its
// list page: the common keys, none of them required.
var SectionFields = func() []Field {
	out := make([]Field, len(Common))
	copy(out, Common)
	for i := range out {
		out[i].Required = false
		out[i].Recommended = false
		out[i].Missing = ""
	}
	return out
}()
