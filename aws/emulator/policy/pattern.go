package policy

import (
	"strings"
	"unicode/utf8"
)

// globRune is one position of a compiled wildcard pattern: a literal rune, or a
// wildcard ('*' any run of characters, '?' exactly one character).
type globRune struct {
	r    rune
	wild byte
}

// compileGlob turns text in which '*' and '?' are wildcards into a pattern.
func compileGlob(text string, out []globRune) []globRune {
	for _, r := range text {
		switch r {
		case '*', '?':
			out = append(out, globRune{wild: byte(r)})
		default:
			out = append(out, globRune{r: r})
		}
	}
	return out
}

// appendLiteral appends text whose '*' and '?' stand for themselves: the value of a
// policy variable, or the ${*} and ${?} escapes.
func appendLiteral(text string, out []globRune) []globRune {
	for _, r := range text {
		out = append(out, globRune{r: r})
	}
	return out
}

// globMatch reports whether s matches p in full. It backtracks only to the most
// recent '*', so the cost is O(len(p)·len(s)) at worst, never exponential.
func globMatch(p []globRune, s string) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		r, size := utf8.DecodeRuneInString(s[si:])
		if pi < len(p) {
			switch {
			case p[pi].wild == '*':
				starP, starS = pi, si
				pi++
				continue
			case p[pi].wild == '?' || p[pi].r == r:
				pi++
				si += size
				continue
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last '*' swallow one more character and retry from there.
		_, size = utf8.DecodeRuneInString(s[starS:])
		starS += size
		pi, si = starP+1, starS
	}
	for pi < len(p) && p[pi].wild == '*' {
		pi++
	}
	return pi == len(p)
}

// template is a policy string that may hold policy variables (${aws:username}).
// Its text parts keep '*' and '?' as wildcards when the string is used as a pattern.
type template struct {
	parts []templatePart
	vars  bool
}

type templatePart struct {
	text       string
	literal    bool // text is an escape (${*}, ${?}, ${$}): never a wildcard
	variable   string
	def        string
	hasDefault bool
}

// parseTemplate splits s into text and ${...} variables. Policies of version
// 2008-10-17 (or without a Version) have no variables: s is taken as written.
func parseTemplate(s string, variables bool) template {
	if !variables || !strings.Contains(s, "${") {
		return template{parts: []templatePart{{text: s}}}
	}
	var t template
	for {
		start := strings.Index(s, "${")
		if start < 0 {
			break
		}
		end := strings.IndexByte(s[start:], '}')
		if end < 0 {
			break
		}
		end += start
		if start > 0 {
			t.parts = append(t.parts, templatePart{text: s[:start]})
		}
		t.parts = append(t.parts, variablePart(s[start+2:end]))
		s = s[end+1:]
	}
	if s != "" {
		t.parts = append(t.parts, templatePart{text: s})
	}
	for _, p := range t.parts {
		if p.variable != "" {
			t.vars = true
		}
	}
	return t
}

// variablePart reads the inside of ${...}: one of the escapes *, ? and $, or a
// context key with an optional default value: ${aws:username, 'nobody'}.
func variablePart(inner string) templatePart {
	switch inner {
	case "*", "?", "$":
		return templatePart{text: inner, literal: true}
	}
	key, def, hasDefault := strings.Cut(inner, ",")
	key = strings.TrimSpace(key)
	if hasDefault {
		def = strings.TrimSpace(def)
		if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
			def = def[1 : len(def)-1]
		} else {
			// Not the documented ${key, 'default'} form: keep the text as written.
			return templatePart{text: "${" + inner + "}"}
		}
	}
	if key == "" {
		return templatePart{text: "${" + inner + "}"}
	}
	return templatePart{variable: key, def: def, hasDefault: hasDefault}
}

// resolve gives the value of a variable part. A key with several values has no single
// value to put in a string, so it counts as unresolved, as does a missing key without default.
func (p templatePart) resolve(ctx Context) (string, bool) {
	vals, ok := ctx.Lookup(p.variable)
	if ok && len(vals) == 1 {
		return vals[0], true
	}
	if !ok && p.hasDefault {
		return p.def, true
	}
	return "", false
}

// expand returns the template's text with its variables replaced; ok is false when
// a variable cannot be resolved.
func (t template) expand(ctx Context) (string, bool) {
	if !t.vars && len(t.parts) == 1 {
		return t.parts[0].text, true
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.variable == "" {
			b.WriteString(p.text)
			continue
		}
		v, ok := p.resolve(ctx)
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), true
}

// glob compiles the template into a wildcard pattern, variable values and escapes
// taken literally; ok is false when a variable cannot be resolved.
func (t template) glob(ctx Context) ([]globRune, bool) {
	var out []globRune
	for _, p := range t.parts {
		switch {
		case p.variable != "":
			v, ok := p.resolve(ctx)
			if !ok {
				return nil, false
			}
			out = appendLiteral(v, out)
		case p.literal:
			out = appendLiteral(p.text, out)
		default:
			out = compileGlob(p.text, out)
		}
	}
	return out, true
}

// resourcePattern is a Resource/NotResource entry, compiled once when it holds no variables.
type resourcePattern struct {
	tmpl     template
	compiled []globRune
}

func newResourcePattern(s string, variables bool) resourcePattern {
	t := parseTemplate(s, variables)
	rp := resourcePattern{tmpl: t}
	if !t.vars {
		rp.compiled, _ = t.glob(nil)
	}
	return rp
}

// match reports whether resource matches; resolved is false when the pattern uses a
// variable the request cannot supply, in which case the entry matches nothing.
func (rp resourcePattern) match(resource string, ctx Context) (matched, resolved bool) {
	p := rp.compiled
	if rp.tmpl.vars {
		var ok bool
		if p, ok = rp.tmpl.glob(ctx); !ok {
			return false, false
		}
	}
	return globMatch(p, resource), true
}

// arnMatch compares an ARN with an ARN pattern segment by segment, as ArnLike and
// ArnEquals do: a wildcard never spans the ':' between the first six segments.
func arnMatch(pattern []globRune, arn string) bool {
	if !strings.HasPrefix(arn, "arn:") {
		return false
	}
	arnParts := strings.SplitN(arn, ":", 6)
	if len(arnParts) != 6 {
		return false
	}
	var segs [][]globRune
	start := 0
	for i, g := range pattern {
		if len(segs) < 5 && g.wild == 0 && g.r == ':' {
			segs = append(segs, pattern[start:i])
			start = i + 1
		}
	}
	segs = append(segs, pattern[start:])
	if len(segs) != 6 {
		return false
	}
	for i := range segs {
		if !globMatch(segs[i], arnParts[i]) {
			return false
		}
	}
	return true
}
