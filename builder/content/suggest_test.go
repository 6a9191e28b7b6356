package content

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"title", "summary", "customer", "kind", "date", "evidence", "confidence"}
	for _, c := range []struct{ in, want string }{
		{"custmer", "customer"},  // a letter left out
		{"cusotmer", "customer"}, // two swapped
		{"Customer", "customer"}, // case is ignored
		{"titel", "title"},       // swapped
		{"kidn", "kind"},         // short: one edit
		{"knd", "kind"},          // short: one edit
		{"kd", ""},               // short: two edits is too far
		{"evidance", "evidence"}, // substitution
		{"confidance", "confidence"},
		{"colour", ""}, // far from all
		{"title", ""},  // known
	} {
		if got := Nearest(c.in, keys); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
