// Package content is the load stage of a build: it reads the files under content/
// into immutable typed documents, each with the position of every value, its body
// parsed once, its problems, and a hash of its bytes.
//
// A [Loader] keeps the documents of the last load by path and hash, so that a
// rebuild reads only the files that changed and parses only those whose bytes
// differ. A document is never written once made: a build that keeps the [Set] of
// an earlier load reads it as it was.
//
// The front matter is decoded by the content model (package model): every key of
// a type is read as its kind says, into the field of [Fields] tagged with it.
package content

import (
	"time"

	"github.com/playbookhq/playbook/builder/diag"
	"github.com/playbookhq/playbook/builder/mdext"
	"github.com/playbookhq/playbook/builder/model"
)

// Role is what a Markdown file is to the site.
type Role uint8

const (
	Entry     Role = iota // content/<type>/.../<slug>.md
	Home                  // content/_index.md: the site settings and the home page's introduction
	Section               // content/<type>/_index.md: a list page's introduction
	Misplaced             // anywhere else: an error, never published
)

// Doc is one Markdown file, parsed.
type Doc struct {
	Path string      // relative to content/, slash-separated: "insights/billing/late-fees.md"
	File string      // for messages: "content/insights/billing/late-fees.md"
	Type *model.Type // entries and sections; nil for Home and Misplaced
	Slug string      // entries: the file name without .md
	ID   string      // entries: "insights/late-fees"
	URL  string      // entries: "/insights/late-fees/"

	Fields
	Params map[string]any // keys the model does not know, for templates

	Settings *Settings // Home only
	Body     *Body     // nil when the front matter could not be read

	// Broken reports front matter that could not be read: the entry is not
	// published, and nothing else is known of it.
	Broken bool
	// SummaryFromKey tells a summary written in the front matter from one taken
	// from the first paragraph.
	SummaryFromKey bool
	// Role is what the file is (an entry, a section's index, ...); beside the two
	// flags above, so that a Doc fits the allocator's 1,152-byte class.
	Role Role
	// Top is where a problem without a better place points: the front matter's
	// opening line.
	Top diag.Pos
	// keyPos is where the value of each top-level key of the type's fields is
	// (its key, when it has none), in the front matter's order: At finds them.
	keyPos []keyAt
	// AliasPos are the positions of Aliases, one each.
	AliasPos []diag.Pos

	// The front-matter references, by slug, with their positions.
	InsightRefs   []Ref `key:"insights"`   // analogy, experience
	AnalogyRef    Ref   `key:"analogy"`    // experience
	ExperienceRef Ref   `key:"experience"` // session
	SurfacedRefs  []Ref `key:"surfaced"`   // session

	Diags diag.List // problems of this file alone

	Hash uint64 // of the file's bytes
	// Card hashes what other pages show of the document (its front matter and
	// summary); TargetKey what links to it resolve against (its path, title and
	// headings).
	Card, TargetKey uint64
}

// At returns where the value of a top-level key of the document's type is, or
// the top of the file (a key of no field has its place in no message after its
// own warning).
func (d *Doc) At(key string) diag.Pos {
	bs := bindingsOf(d)
	for _, k := range d.keyPos {
		if bs[k.field].field.Key == key {
			return diag.Pos{File: d.File, Line: int(k.line), Col: int(k.col)}
		}
	}
	return d.Top
}

// keyAt is the place of a key's value in the document's file, the key told by
// its field's index in the document's bindings: eight bytes where a name would
// take twice that, for each key of every document.
type keyAt struct {
	line  uint32
	col   uint16 // the most a column says; a longer line's is clamped
	field uint8
}

// Fields are the typed front-matter values of every type; a type uses its own.
// Each is tagged with the model key it is read from.
type Fields struct {
	// Common fields.
	Title      string     `key:"title"`
	Summary    string     `key:"summary"`
	Date       time.Time  `key:"date"`
	Updated    time.Time  `key:"updated"`
	Authors    []string   `key:"authors"`
	Themes     []string   `key:"themes"`
	Tags       []string   `key:"tags"`
	Draft      bool       `key:"draft"`
	Visibility Visibility `key:"visibility"` // beside Draft: the two bytes share a word
	Aliases    []string   `key:"aliases"`

	// Insight.
	Kind       []string   `key:"kind"`
	Customer   string     `key:"customer"`
	Moment     string     `key:"moment"`
	Evidence   []Evidence `key:"evidence"`
	Confidence string     `key:"confidence"`

	// Analogy.
	Domain    string     `key:"domain"`
	Status    string     `key:"status"`
	Parallels []Parallel `key:"parallels"`
	Resonance int        `key:"resonance"`
	Reason    string     `key:"reason"`

	// Experience.
	Format     []string `key:"format"`
	Duration   Duration `key:"duration"`
	Debrief    Duration `key:"debrief"`
	Prep       Duration `key:"prep"`
	Group      Group    `key:"group"`
	Materials  []string `key:"materials"`
	Roles      []string `key:"roles"`
	Moments    []Moment `key:"moments"`
	Questions  []string `key:"questions"`
	Difficulty string   `key:"difficulty"`
	Setting    string   `key:"setting"`
	Care       string   `key:"care"`

	// Session.
	Location     string   `key:"location"`
	Facilitators []string `key:"facilitators"`
	Participants int      `key:"participants"`
	Teams        []string `key:"teams"`
	Felt         []string `key:"felt"`
	Noticed      []string `key:"noticed"`
	Ideas        []string `key:"ideas"`
	Actions      []Action `key:"actions"`
	Share        []Share  `key:"share"`
}

// Evidence supports an insight.
type Evidence struct {
	Quote  string    `key:"quote"`
	Source string    `key:"source"`
	Date   time.Time `key:"date"`
	Link   string    `key:"link"`
}

// Parallel is a correspondence between the customer's moment and the analogy's.
type Parallel struct {
	Customer string `key:"customer"`
	Analog   string `key:"analog"`
}

// Moment is one of the overlapping moments an experience plays through.
type Moment struct {
	Moment   string `key:"moment"`
	Customer string `key:"customer"`
	Analog   string `key:"analog"`
}

// Action is something a session decided to do.
type Action struct {
	Action string    `key:"action"`
	Owner  string    `key:"owner"`
	Due    time.Time `key:"due"`
	Status string    `key:"status"` // open, doing, done
	Pos    diag.Pos  // where the action's item starts
}

// Done reports a finished action.
func (a Action) Done() bool { return a.Status == "done" }

// Share is one line of a session's plan for telling the organisation.
type Share struct {
	Audience string    `key:"audience"`
	Channel  string    `key:"channel"`
	When     time.Time `key:"when"`
	Status   string    `key:"status"` // planned, done
}

// Ref is a front-matter reference to another entry, by slug.
type Ref struct {
	Slug string
	Pos  diag.Pos
}

// Settings are the site's settings, from content/_index.md.
type Settings struct {
	Title        string `key:"title"`
	Description  string `key:"description"`
	BaseURL      string `key:"baseURL"`
	Theme        string `key:"theme"`
	Language     string `key:"language"`
	Organisation string `key:"organisation"`
	UnsafeHTML   bool   `key:"unsafeHTML"`
	CMS          bool   `key:"cms"`        // publish /admin/
	CMSBackend   string `key:"cmsBackend"` // git-gateway or github
	CMSRepo      string `key:"cmsRepo"`    // owner/name, for github
	CMSBranch    string `key:"cmsBranch"`
	Params       map[string]any
	BasePos      diag.Pos // where baseURL is, for the warning about it
}

// Body is a Markdown body parsed once and rendered to HTML in which every link to
// another file is a placeholder (see package mdext): the link stage decides what it
// becomes, a relative URL, which differs from page to page, or plain text when the
// target is hidden.
//
// A lazy loader (Loader.Lazy) keeps of an entry's body only what linking needs,
// its links, headings and word count: Body.HTML renders the file again each time
// it is asked. A single build into the output of the one before, which publishes
// most pages again as they are, holds less so.
type Body struct {
	html     []byte
	file     *bodyFile // where a lazy body is rendered from
	Refs     []BodyRef
	Headings []mdext.Heading
	Words    int
}

// HTML returns the body as HTML, with a placeholder for each link. It fails only
// for a lazy body, when its file cannot be read or has changed since it was
// loaded.
func (b *Body) HTML() ([]byte, error) {
	if b.file == nil {
		return b.html, nil
	}
	return b.file.render()
}

// BodyRef is one link of a body, with its line and column in the file (At).
type BodyRef struct {
	mdext.Ref
	Line, Col int32
}

// At is where the link is, in the document's file.
func (r BodyRef) At(file string) diag.Pos {
	return diag.Pos{File: file, Line: int(r.Line), Col: int(r.Col)}
}
