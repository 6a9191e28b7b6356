package sitegen

// Vocabularies. Everything a generated site says is drawn from these lists, so a
// given seed always produces the same words.

var customers = []string{
	"first-time applicants", "small landlords", "night-shift nurses", "new parents",
	"retired farmers", "freelance designers", "international students",
	"care home residents", "family carers", "small shop owners", "delivery drivers",
	"people moving house", "recently bereaved families", "first-time home buyers",
	"seasonal workers", "people with low vision", "non-native speakers", "young renters",
	"self-employed builders", "patients awaiting surgery", "parents of toddlers",
	"people changing jobs", "volunteer coordinators", "school administrators",
	"hospital visitors", "long-distance commuters", "newly arrived migrants",
	"pensioners on fixed incomes", "startup founders", "first-time claimants",
	"people on night buses", "wheelchair users", "apprentices", "grandparents raising children",
	"people leaving prison", "cross-border workers", "holiday-home owners", "refugee families",
	"gig workers", "exchange students", "farmers applying for grants", "tenants in social housing",
	"people with hearing loss", "shift workers", "new small-business owners", "charity treasurers",
	"people returning from abroad", "adult learners", "young carers", "people in debt",
	"market traders", "taxi drivers", "foster parents", "people with dementia and their families",
	"homeschooling parents", "first-time voters", "club secretaries", "people leaving care",
	"musicians on tour", "sole traders", "residents of care villages", "people without a bank account",
	"allotment holders", "hospital outpatients", "people changing their name", "landlords of one flat",
}

var moments = []string{
	"waiting for approval", "filling in the first form", "reading the renewal letter",
	"calling the helpline", "paying the first invoice", "uploading documents",
	"being put on hold", "opening the welcome pack", "checking the status online",
	"cancelling the contract", "disputing a charge", "booking an appointment",
	"signing the agreement", "receiving a reminder", "logging in after a long gap",
	"proving who they are", "changing their address", "reporting a problem",
	"waiting for a refund", "switching to a new plan", "reading the small print",
	"getting the first statement", "being transferred to another team",
	"finding the right form", "explaining the situation again",
}

var problems = []string{
	"lose track of", "wait weeks for", "are surprised by", "feel judged by",
	"cannot find", "pay twice for", "give up on", "are confused by", "never hear back about",
	"must repeat themselves about", "are penalised for", "feel rushed through",
	"do not trust", "cannot undo", "are blamed for", "get lost in", "dread",
	"are left out of", "misread", "work around",
}

var problemObjects = []string{
	"the renewal letter", "late fees", "the deposit", "the application form",
	"the approval process", "the helpline menu", "the first invoice", "identity checks",
	"the welcome pack", "the online account", "the cancellation rules", "missed deadlines",
	"the waiting list", "automatic reminders", "the terms and conditions",
	"the status page", "paper statements", "the refund policy", "the password reset",
	"appointment slots", "the complaints process", "estimated bills", "the upgrade offer",
	"document uploads", "the eligibility rules", "handoffs between teams",
	"the annual review", "the direct debit", "the moving checklist", "their own records",
}

var kinds = []string{"broken", "frustrating", "surprising", "uncomfortable"}

var confidences = []string{"low", "medium", "high"}

var themeWords = []string{
	"hidden rules", "waiting", "being judged", "loss of control", "information overload",
	"jargon", "trust", "fairness", "uncertainty", "being passed around",
	"first impressions", "asking for help", "shame", "time pressure", "invisible progress",
	"paperwork", "mixed messages", "surprise costs", "being a beginner", "feeling rushed",
	"loneliness", "dependence on others", "broken promises", "repetition",
	"proof of identity", "small print", "queueing", "gatekeepers", "self-service",
	"handoffs", "memory load", "accessibility", "language barriers", "power imbalance",
	"dignity", "choice overload", "deadlines", "penalties", "silence after submitting",
	"mistakes that stick", "being watched", "emotional labour", "switching channels",
	"unclear ownership", "exceptions", "rules that change", "default options",
	"cost of switching", "waiting for a call back", "reassurance", "belonging",
	"status anxiety", "learning by failing", "working around the system", "fatigue",
	"recovery", "celebration", "closure", "permission", "visible progress",
}

var domains = []string{
	"an airport security line", "a restaurant kitchen during the dinner rush", "an escape room",
	"a driving test", "hospital triage", "a theme park queue", "a passport office",
	"the first day at a new school", "moving into a shared flat", "jury duty",
	"a supermarket abroad", "a lost luggage desk", "a marathon water station",
	"a busy pharmacy", "a car repair garage", "wedding planning", "festival entry gates",
	"a visa interview", "a museum audio guide", "ferry boarding", "the night bus home",
	"a board game with new rules", "flat-pack furniture assembly", "a job interview",
	"a dentist's waiting room", "parking enforcement", "a library fine",
	"a hotel check-in at midnight", "a tax return", "learning to drive a manual car",
	"a cooking class", "a new gym induction", "a ski rental shop", "a camping trip in the rain",
	"parents' evening at school", "a phone repair shop", "a call centre queue",
	"the post office before a holiday", "a car rental counter", "a hospital discharge",
}

var formats = []string{"make", "build", "simulate", "act-out", "play"}

var formatVerbs = map[string][]string{
	"make":     {"Make", "Craft", "Sketch"},
	"build":    {"Build", "Assemble", "Construct"},
	"simulate": {"Simulate", "Recreate", "Stage"},
	"act-out":  {"Act out", "Role-play", "Perform"},
	"play":     {"Play", "Race through", "Survive"},
}

var experienceObjects = []string{
	"the impossible form", "the endless queue", "the hidden rules game",
	"the renewal call", "the paper maze", "the silent helpline", "the shifting deadline",
	"the locked account", "the missing letter", "the surprise invoice",
	"the welcome desk", "the transfer relay", "the jargon quiz", "the waiting room",
	"the proof of identity", "the small print hunt", "the penalty round",
	"the approval tower", "the lost parcel", "the status board",
}

var difficulties = []string{"easy", "moderate", "hard"}

var settings = []string{"in-person", "remote", "hybrid"}

var materials = []string{
	"sticky notes", "a kitchen timer", "printed forms", "a desk bell", "blindfolds",
	"play money", "clipboards", "coloured pens", "a queue barrier", "name badges",
	"index cards", "dice", "a stopwatch", "masking tape", "paper cups", "a whiteboard",
	"envelopes", "a shuffled deck of cards", "headphones", "rubber stamps",
}

var roles = []string{
	"facilitator", "observer", "clerk", "applicant", "timekeeper", "gatekeeper",
	"note taker", "customer", "supervisor", "caller",
}

var questions = []string{
	"When did you first feel lost?", "What would have helped you at that moment?",
	"Where have our customers felt this?", "What rule did you break, and why?",
	"What surprised you?", "Who did you trust, and why?",
	"What did you stop paying attention to?", "Which moment would you change first?",
	"What did the waiting cost you?", "How did the others react when you made a mistake?",
	"What did you need that nobody offered?", "When did you feel in control again?",
	"What would you tell a customer in the same place?", "What did you do to cope?",
}

var careNotes = []string{
	"Anyone may step out at any time; the observer role is always available.",
	"The waiting is meant to be frustrating: say so up front and agree a stop word.",
	"Nobody is asked to share personal stories; speak about the game, not yourself.",
	"Check in with quieter participants during the break and again in the debrief.",
	"Keep the penalties playful and never single anyone out in front of the group.",
	"Offer a seat and water to everyone; some rounds involve standing for a while.",
	"Remind the group that the discomfort is borrowed from customers, not a test of skill.",
}

var felt = []string{
	"frustrated", "anxious", "embarrassed", "relieved", "impatient", "confused", "amused",
	"ignored", "rushed", "powerless", "curious", "tired", "suspicious", "hopeful",
}

var ideas = []string{
	"Send a text when the application moves to the next step.",
	"Show the whole journey on one page before the first form.",
	"Let people save a half-finished form and come back later.",
	"Give every case one named owner from start to finish.",
	"Rewrite the reminder letter in plain words.",
	"Waive the first late fee and explain why.",
	"Add a call back option instead of the hold queue.",
	"Publish the real waiting times on the status page.",
	"Let support staff fix small mistakes without a ticket.",
	"Ask for each document once and reuse it.",
}

var actionPhrases = []string{
	"Rewrite the renewal letter", "Map every handoff in the claims process",
	"Prototype a status tracker", "Share the session video with support leads",
	"Measure the real waiting time", "Draft a plain-language glossary",
	"Test the new reminder with five customers", "Remove the duplicate identity check",
	"Propose a grace period for late fees", "Interview three night-shift callers",
	"Add the insight to the quarterly review", "Pair a designer with a support agent for a day",
}

var audiences = []string{
	"All staff", "Leadership team", "Billing team", "Customer Support", "Product guild",
	"Board", "New starters", "Engineering managers",
}

var channels = []string{
	"all-hands", "newsletter", "chat channel", "intranet post", "team meeting",
	"lunch and learn", "show and tell", "quarterly review",
}

var people = []string{
	"Ada Okafor", "Ben Larsen", "Chloe Martin", "Dev Patel", "Elif Yilmaz", "Femi Adeyemi",
	"Greta Holm", "Hiro Tanaka", "Ines Duarte", "Jonas Weber", "Kemi Bello", "Lena Novak",
	"Marco Rossi", "Nora Lindqvist", "Omar Haddad", "Priya Raman", "Quinn Murphy",
	"Rosa Alvarez", "Sam Taylor", "Tomas Kral", "Uma Sen", "Viktor Berg", "Wen Li",
	"Yara Nasser",
}

var teams = []string{
	"Billing", "Customer Support", "Onboarding", "Claims", "Product Design", "Engineering",
	"Legal", "Finance", "Marketing", "Operations", "Data", "Compliance", "Field Sales",
	"Retention", "Platform", "Mobile", "Research", "Brand", "People", "Leadership",
}

var locations = []string{
	"Room 3.14, London office", "Video call", "Community hall", "Level 2 kitchen",
	"Training room B", "Rooftop meeting room", "Hybrid: Lisbon office and video call",
}

// Rooms and places: sessions run in many of them, as in a large organisation.
var (
	rooms  = []string{"Room 1.02", "Room 2.14", "Room 3.07", "Room 4.21", "Training room A", "Training room B", "Board room", "Level 2 kitchen", "Studio", "Library corner", "Rooftop room", "Meeting room 5"}
	places = []string{"London office", "Lisbon office", "Leeds hub", "Glasgow office", "Cardiff office", "Belfast office", "Dublin hub", "Manchester office", "Bristol studio", "Newcastle office", "Berlin office", "Madrid office", "Paris office", "Amsterdam hub", "Warsaw office", "Milan office", "Oslo office", "Prague hub", "Vienna office", "Athens office"}
)

// Qualifiers make an analogy's domain nearly unique, as authors' are: one outside
// world, seen at one place and time.
var (
	domainPlaces = []string{"in Lisbon", "in a small town", "in a capital city", "by the sea", "in the mountains", "in winter", "in the summer holidays", "at night", "at the weekend", "on a public holiday", "after a storm", "during a strike", "on the first day", "on the last day", "at closing time", "in a heatwave", "during a power cut", "before an exam", "after a long journey", "in a second language"}
	domainTimes  = []string{"for the first time", "with a toddler", "with a broken arm", "with no phone signal", "in a hurry", "with a group", "alone", "with a deadline", "without cash", "with a guide dog", "after a bad night", "on a budget", "with luggage", "as a regular", "as a stranger", "with a complaint", "with a question", "in the rain", "with a friend", "with children"}
)

var sources = []string{
	"customer interview", "support ticket", "survey", "diary study", "call recording",
	"app store review", "field visit", "complaint letter", "usability test", "social post",
}

var quotes = []string{
	"I had no idea the deadline had passed until the letter came.",
	"Nobody told me what happens next, so I called every day.",
	"I filled in the same details three times for three people.",
	"It felt like they assumed I was trying to cheat.",
	"The fee was more than the bill itself.",
	"I gave up and went to the office in person.",
	"I read it four times and still did not know what to do.",
	"Each person on the phone told me something different.",
	"I was too embarrassed to ask again.",
	"By the time they answered, I had forgotten why I called.",
	"I only found the rule after I had broken it.",
	"It took a month, and I never knew if it was still moving.",
}

var pageTitles = []struct{ slug, title string }{
	{"about", "About this playbook"},
	{"how-to-run-a-session", "How to run a session"},
	{"care-and-consent", "Care and consent"},
	{"glossary", "Glossary"},
	{"contributing", "Contributing to the playbook"},
	{"facilitation-tips", "Facilitation tips"},
	{"choosing-an-analogy", "Choosing an analogy"},
	{"sharing-what-we-learned", "Sharing what we learned"},
}

// Heading pools per type. Texts avoid punctuation so that their ids are obvious.
var headingPools = [numTypes][]string{
	{"What we heard", "Why it matters", "Where it happens", "Who is affected",
		"What we tried", "Open questions", "Related work", "The evidence in context"},
	{"The outside world", "Where it mirrors", "Where it breaks down", "Why we chose it",
		"Moments that match", "What it teaches", "Options we compared"},
	{"Set-up", "Agenda", "Script", "Running it", "Debrief", "Safety notes", "Variations",
		"Room layout"},
	{"What happened", "What people felt", "What we noticed", "Ideas", "Next steps",
		"Notes for facilitators", "Follow up"},
	{"Overview", "How it works", "Getting started", "Further reading", "Who to ask",
		"Principles"},
}

// Words for slugs.
var slugWords = []string{
	"late", "fees", "deposit", "renewal", "queue", "form", "letter", "refund", "waiting",
	"helpline", "invoice", "account", "deadline", "badge", "ticket", "review", "status",
	"transfer", "approval", "reminder", "welcome", "hold", "maze", "proof", "identity",
	"print", "penalty", "tower", "parcel", "board", "desk", "clinic", "kitchen", "gate",
	"ferry", "garage", "visa", "museum", "library", "hotel", "ski", "gym", "camp", "school",
	"phone", "counter", "discharge", "triage", "jury", "market", "luggage", "marathon",
	"wedding", "festival", "bus", "game", "flat", "pack", "interview", "dentist", "parking",
	"tax", "cooking", "rain", "night", "shift", "carer", "student", "tenant", "owner",
	"driver", "parent", "patient", "visitor", "founder", "claim", "plan", "bill", "debit",
	"record", "checklist", "rules", "silence", "handoff", "jargon", "trust", "fair",
	"lost", "quiet", "slow", "hidden", "second", "first", "final", "paper", "online",
}

// Prose vocabulary.
var nouns = []string{
	"customer", "form", "letter", "queue", "clerk", "deadline", "invoice", "account",
	"helpline", "agent", "team", "rule", "fee", "deposit", "renewal", "reminder", "office",
	"website", "password", "document", "receipt", "refund", "statement", "contract",
	"process", "manager", "system", "message", "screen", "button", "appointment", "desk",
	"counter", "waiting room", "ticket", "number", "signature", "envelope", "stamp",
	"phone call", "email", "notice", "policy", "exception", "workaround", "handoff",
	"promise", "delay", "mistake", "penalty", "checklist", "journey", "moment", "step",
	"question", "answer", "explanation", "group", "facilitator", "observer", "participant",
	"session", "debrief", "timer", "bell", "badge", "clipboard", "script", "role", "round",
	"game", "puzzle", "card", "token", "board", "corridor", "door", "sign", "map", "route",
	"shift", "evening", "morning", "week", "month", "family", "neighbour", "landlord",
	"tenant", "student", "nurse", "driver", "parent", "patient", "visitor", "founder",
	"carer", "volunteer", "supervisor", "colleague", "stranger", "detail", "field",
	"box", "page", "menu", "option", "choice", "plan", "budget", "bill", "record",
	"archive", "folder", "inbox", "notification", "status", "update", "request", "claim",
	"case", "file", "note", "story", "pattern", "habit", "feeling", "doubt", "relief",
	"silence", "noise", "pressure", "trust", "fairness", "dignity", "shortcut", "barrier",
	"gate", "line", "path", "sequence", "reason", "outcome", "routine", "surprise",
	"welcome", "goodbye", "rulebook", "leaflet", "poster", "kiosk", "terminal", "app",
}

var adjectives = []string{
	"long", "short", "confusing", "quiet", "busy", "hidden", "unexpected", "familiar",
	"strange", "formal", "careful", "hurried", "patient", "anxious", "tired", "small",
	"large", "second", "final", "first", "printed", "digital", "missing", "broken",
	"slow", "sudden", "invisible", "unclear", "official", "friendly", "cold", "warm",
	"crowded", "empty", "repeated", "automatic", "manual", "awkward", "polite", "silent",
	"urgent", "late", "early", "shared", "private", "public", "simple", "complicated",
	"fragile", "generous", "strict", "loose", "honest", "vague", "detailed", "tiny",
	"whole", "next", "previous", "usual", "rare", "obvious", "subtle", "careless",
	"helpful", "useless", "costly", "free", "narrow", "open", "closed", "new", "old",
	"local", "remote", "expensive", "ordinary", "odd", "heavy", "light",
}

// Verbs as base and past forms.
var verbs = [][2]string{
	{"notice", "noticed"}, {"miss", "missed"}, {"open", "opened"}, {"read", "read"},
	{"sign", "signed"}, {"send", "sent"}, {"lose", "lost"}, {"find", "found"},
	{"explain", "explained"}, {"repeat", "repeated"}, {"delay", "delayed"},
	{"block", "blocked"}, {"confuse", "confused"}, {"reject", "rejected"},
	{"approve", "approved"}, {"ignore", "ignored"}, {"follow", "followed"},
	{"break", "broke"}, {"fix", "fixed"}, {"check", "checked"}, {"fill in", "filled in"},
	{"hand over", "handed over"}, {"wait for", "waited for"}, {"ask about", "asked about"},
	{"forget", "forgot"}, {"remember", "remembered"}, {"question", "questioned"},
	{"trust", "trusted"}, {"doubt", "doubted"}, {"carry", "carried"}, {"hide", "hid"},
	{"show", "showed"}, {"change", "changed"}, {"move", "moved"}, {"cancel", "cancelled"},
	{"return", "returned"}, {"print", "printed"}, {"stamp", "stamped"}, {"file", "filed"},
	{"track", "tracked"}, {"reach", "reached"}, {"skip", "skipped"}, {"share", "shared"},
	{"watch", "watched"}, {"hear", "heard"}, {"describe", "described"}, {"test", "tested"},
	{"challenge", "challenged"}, {"welcome", "welcomed"}, {"interrupt", "interrupted"},
	{"rush", "rushed"}, {"guide", "guided"}, {"overlook", "overlooked"},
	{"answer", "answered"}, {"copy", "copied"}, {"sort", "sorted"}, {"count", "counted"},
	{"judge", "judged"}, {"praise", "praised"}, {"replace", "replaced"},
}

var adverbs = []string{
	"quickly", "slowly", "quietly", "again", "twice", "eventually", "suddenly", "carefully",
	"politely", "nervously", "reluctantly", "patiently", "openly", "rarely", "often",
	"finally", "briefly", "barely", "happily", "awkwardly", "firmly", "gently", "later",
	"immediately", "gradually", "repeatedly", "silently", "honestly", "calmly", "cheerfully",
}

var prepositions = []string{
	"at", "behind", "before", "after", "beside", "under", "near", "inside", "around",
	"through", "without", "with", "against", "during", "across", "beyond", "despite",
	"towards", "for", "about",
}

var determiners = []string{"the", "the", "the", "a", "every", "each", "one", "their", "our", "that", "this"}

var connectors = []string{
	"Because", "When", "Although", "After", "Before", "While", "Once", "Until", "Whenever",
	"Even though", "As soon as",
}

var openers = []string{
	"We noticed that", "Several participants said that", "In practice", "Most of the time",
	"In the interviews", "On the second day", "More than once", "According to the notes",
	"By the end of the round", "To our surprise", "In every session",
}

var auxiliaries = []string{
	"could not", "would", "did not", "had to", "tried to", "seemed to", "wanted to",
	"refused to", "managed to", "forgot to", "began to", "needed to",
}

var tails = []string{
	"which nobody expected", "and then everyone waited", "so the queue grew longer",
	"and the room went quiet", "which made the next step harder", "as if nothing had happened",
	"and nobody knew who owned it", "so people guessed", "and the timer kept running",
	"which changed the whole round", "until someone asked why", "and the rule stayed hidden",
}

var bulletLeads = []string{
	"Watch for", "Keep", "Avoid", "Prepare", "Ask about", "Note", "Bring", "Time",
	"Name", "Explain", "Check", "Pause on",
}

var codeLines = []string{
	"welcome and care notes", "explain the rules once", "first round", "swap roles",
	"second round with a new rule", "short break", "third round", "silent reflection",
	"debrief in pairs", "debrief as a group", "collect ideas", "agree actions and owners",
	"close and thank everyone",
}

var linkIntros = []string{
	"This echoes %s.", "See %s for the same pattern.", "Compare %s.", "It links back to %s.",
	"The same thing happened in %s.", "We first saw this in %s.", "%s shows why.",
	"Read it alongside %s.",
}

// Extra tags; the tag vocabulary is these plus every noun (see tagWords).
var extraTags = []string{
	"billing", "onboarding", "accessibility", "mobile", "retention", "pricing", "support",
	"compliance", "identity", "payments", "notifications", "forms", "letters", "call-centre",
	"self-service", "renewals", "cancellations", "complaints", "refunds", "deposits",
	"eligibility", "appointments", "documents", "trust-and-safety", "plain-language",
	"service-design", "research", "field-work", "quarterly-review", "q1", "q2", "q3", "q4",
	"pilot", "follow-up", "quick-win", "long-term", "policy-change", "legal-review",
	"frontline", "back-office", "partners", "rural", "urban", "night-shift", "weekend",
	"peak-season", "first-contact", "escalation", "digital-first",
}
