package cards

import "testing"

func TestRelTo(t *testing.T) {
	for _, tc := range []struct{ path, root, want string }{
		{"/home/me/notes/bio/cells.md", "/home/me/notes", "bio/cells.md"},
		{"/home/me/notes/x.md", "/home/me/notes/", "x.md"},
		{"/x.md", "/", "x.md"},
		{"/home/me/notes2/x.md", "/home/me/notes", ""}, // a name that only starts alike
		{"/home/me/notes", "/home/me/notes", ""},       // the root itself
		{"/home/me/notes/x.md", "", ""},
		{"relative/x.md", "relative", "x.md"},
	} {
		if got := RelTo(tc.path, tc.root); got != tc.want {
			t.Errorf("RelTo(%q, %q) = %q, want %q", tc.path, tc.root, got, tc.want)
		}
		if got := (Source{Path: tc.path, Root: tc.root}).Rel(); got != tc.want {
			t.Errorf("Source{%q, %q}.Rel() = %q, want %q", tc.path, tc.root, got, tc.want)
		}
	}
}
