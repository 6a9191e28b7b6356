// Package devserver is `playbook serve`: it builds a site into memory, serves it
// over HTTP, watches the source, rebuilds what changed and tells the open pages.
//
// The pieces, each in its own file:
//
//	watcher.go  Watcher: fsnotify over content/, themes/, layouts/, assets/ and
//	            static/ (those that exist, and those created later), folder by
//	            folder, adding folders created while it runs
//	poll.go     Poller: the same by comparing size and modification time every
//	            interval, for file systems that send no events (--poll)
//	ignore.go   Ignored: editors' and systems' temporary files, never a change
//	batcher.go  Batcher: a burst of changes (a save, a checkout) becomes one batch
//	            once no change came for a quiet period (25 ms), or after a cap (1 s)
//	devserver.go Server: the rebuild loop. One builder.Builder with Options.Serve
//	            (asset names without a content hash) and Options.KeepGoing (a broken
//	            file leaves the rest of the site current) into a builder.MemSink;
//	            each batch is one Rebuild of the paths it names
//	http.go     the site from the MemSink and nothing else: Cache-Control no-store,
//	            the production Content-Security-Policy, folder URLs to index.html,
//	            the site's 404.html, and the live-reload script added to every page
//	host.go     which Host a request may name: localhost, *.localhost, loopback
//	            addresses, the address listened on and --allow-host names, against
//	            DNS rebinding; the event stream also checks Origin. Else 403
//	hub.go      Server-Sent Events at /__playbook/events
//	client/     live.js (reload, stylesheet swap, error overlay) and overlay.css,
//	            served at /__playbook/
//
// After each build the pages get one event: "reload" when pages changed (a page
// reloads if it is among them, keeping its scroll position), "css" when only
// stylesheets changed (they are swapped in place: no reload), or "errors" when
// nothing changed. Every event carries the build's errors: the page shows them
// over itself, file:line:col first, and takes them away after the next good
// build. A page that connects (or reconnects, after a restart) gets the current
// state at once, and reloads if it was served by an earlier build.
package devserver
