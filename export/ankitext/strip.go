package ankitext

import (
	"html"
	"regexp"
	"strings"
	"sync"
)

var (
	// htmlRE is Anki's HTML regex (rslib/src/text.rs): comments, style and
	// script elements, and any other tag.
	htmlRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?si)(<!--.*?-->)|(<style.*?>.*?</style>)|(<script.*?>.*?</script>)|(<.*?>)`)
	})
	// mediaTagRE is Anki's HTML_MEDIA_TAGS: the file name of an img, audio,
	// video, object or source tag, double-, single- or un-quoted.
	mediaTagRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?si)<\b(?:img|audio|video|object|source)\b[^>]+\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))`)
	})
)

// StripHTML removes comments, style and script elements and tags, then
// decodes entities (NBSP becomes a space), like Anki's strip_html.
func StripHTML(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = stripTags(s)
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
	}
	return s
}

// stripTags is htmlRE().ReplaceAllString(s, "") without the regexp engine:
// at each '<' the alternatives are tried in the regexp's order (comment,
// style element, script element, any tag), each ending at the first
// closer, and an unclosed one is left as text.
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		if n := matchTag(s); n > 0 {
			s = s[n:]
			continue
		}
		b.WriteByte('<')
		s = s[1:]
	}
}

// matchTag returns the length of the markup htmlRE matches at the start of
// s (which starts with '<'), or 0.
func matchTag(s string) int {
	if strings.HasPrefix(s, "<!--") {
		if j := strings.Index(s[4:], "-->"); j >= 0 {
			return 4 + j + 3
		}
	}
	for _, el := range [...]string{"style", "script"} {
		if len(s) > len(el) && strings.EqualFold(s[1:1+len(el)], el) {
			if gt := strings.IndexByte(s, '>'); gt >= 0 {
				if end := indexFold(s[gt+1:], "</"+el+">"); end >= 0 {
					return gt + 1 + end + len(el) + 3
				}
			}
		}
	}
	if gt := strings.IndexByte(s, '>'); gt >= 0 {
		return gt + 1
	}
	return 0
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// hasMediaTag reports whether s may hold a media tag (a cheap test before
// the media regexp).
func hasMediaTag(s string) bool {
	l := strings.ToLower(s)
	for _, t := range [...]string{"<img", "<audio", "<video", "<object", "<source"} {
		if strings.Contains(l, t) {
			return true
		}
	}
	return false
}

// StripHTMLPreservingMediaFilenames is Anki's function of that name, used
// for sfld and csum: media tags become " filename ", then StripHTML. The
// result is not trimmed.
func StripHTMLPreservingMediaFilenames(s string) string {
	if strings.IndexByte(s, '<') < 0 && strings.IndexByte(s, '&') < 0 {
		return s
	}
	if hasMediaTag(s) {
		s = mediaTagRE().ReplaceAllString(s, " ${1}${2}${3} ")
	}
	return StripHTML(s)
}

// MediaRefs returns the file names referenced by media tags in field, in
// order (Anki's extract_media_refs for HTML tags and [sound:...]).
func MediaRefs(field string) []string {
	var out []string
	for _, m := range mediaTagRE().FindAllStringSubmatch(field, -1) {
		name := m[1] + m[2] + m[3]
		out = append(out, html.UnescapeString(name))
	}
	for _, m := range soundRE().FindAllStringSubmatch(field, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

var soundRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)\[sound:(.+?)\]`) })
