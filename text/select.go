package text

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// tables are the languages mfa-demo speaks, by tag; English comes first because the
// matcher falls back to its first tag. A new language is one file and one entry here.
var tables = []Text{English, Japanese, BrazilianPortuguese, Indonesian}

// Lookup is the table of a language tag as --lang spells it ("en", "ja", "pt-BR", "id"),
// with its Tag set. BCP 47 tags are case-insensitive (RFC 5646, 2.1.1), so "pt-br" is
// found too; "pt_BR" or "ja-JP" are not tags of a table: matching a locale to one is
// Choose's job.
func Lookup(tag string) (Text, bool) {
	for _, t := range tables {
		if strings.EqualFold(t.Tag.String(), tag) {
			return t, true
		}
	}
	return Text{}, false
}

// Languages are the tags Lookup knows as --lang spells them, English first.
func Languages() []string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Tag.String()
	}
	return names
}

// Tags are the languages Lookup knows, English first.
func Tags() []language.Tag {
	tags := make([]language.Tag, len(tables))
	for i, t := range tables {
		tags[i] = t.Tag
	}
	return tags
}

// Form is the form of f that n calls for in t's language, by CLDR's cardinal plural rules
// (English and Portuguese tell one from other, 0 being "one" in Brazilian Portuguese;
// Japanese and Indonesian have only "other"). It is still a format, the number its first
// verb.
func (t Text) Form(n int, f Forms) string {
	if n < 0 {
		n = -n
	}
	// The operands of an integer: no visible fraction digits.
	if plural.Cardinal.MatchPlural(t.Tag, n%10_000_000, 0, 0, 0, 0) == plural.One {
		return f.One
	}
	return f.Other
}

// Choose picks the language among supported (the first is the fallback): the --lang flag
// when given, else MFA_DEMO_LANG, else the POSIX locale of messages as gettext reads it,
// else the first. getenv reads the environment. known is false when flag names none of
// supported; tag is then what the environment asks for, to say so in.
//
// The locale is LC_ALL, else LC_MESSAGES, else LANG; LANGUAGE, a colon-separated list of
// preferences, overrides it unless the locale is C or POSIX, where gettext ignores it too.
func Choose(supported []language.Tag, flag string, getenv func(string) string) (tag language.Tag, known bool) {
	m := language.NewMatcher(supported)
	if flag != "" {
		if tag, ok := match(m, supported, flag); ok {
			return tag, true
		}
		return fromEnvironment(m, supported, getenv), false
	}
	return fromEnvironment(m, supported, getenv), true
}

// fromEnvironment is Choose without a flag.
func fromEnvironment(m language.Matcher, supported []language.Tag, getenv func(string) string) language.Tag {
	if tag, ok := match(m, supported, getenv("MFA_DEMO_LANG")); ok {
		return tag
	}
	var wanted []language.Tag
	locale := firstSet(getenv, "LC_ALL", "LC_MESSAGES", "LANG")
	if !cLocale(locale) {
		for _, name := range strings.Split(getenv("LANGUAGE"), ":") {
			if tag, ok := posixTag(name); ok {
				wanted = append(wanted, tag)
			}
		}
		if tag, ok := posixTag(locale); ok {
			wanted = append(wanted, tag)
		}
	}
	if len(wanted) == 0 {
		return supported[0]
	}
	// The matched tag carries the request's region and extensions; the table's own is
	// the one Lookup knows.
	_, idx, conf := m.Match(wanted...)
	if conf == language.No {
		return supported[0]
	}
	return supported[idx]
}

// match is the supported language one name asks for, in BCP 47 ("pt-BR") or POSIX
// ("pt_BR.UTF-8") spelling; a region or script of the same language is close enough
// ("en-GB", "pt").
func match(m language.Matcher, supported []language.Tag, name string) (language.Tag, bool) {
	tag, ok := posixTag(name)
	if !ok {
		return language.Und, false
	}
	_, idx, conf := m.Match(tag)
	if conf < language.High {
		return language.Und, false
	}
	return supported[idx], true
}

// posixTag reads a POSIX locale name, language[_territory][.codeset][@modifier], or a BCP 47
// tag, as a language tag. C and POSIX name no language.
func posixTag(name string) (language.Tag, bool) {
	name = strings.TrimSpace(name)
	if i := strings.IndexAny(name, ".@"); i >= 0 {
		name = name[:i]
	}
	if name == "" || cLocale(name) {
		return language.Und, false
	}
	tag, err := language.Parse(strings.ReplaceAll(name, "_", "-"))
	if err != nil || tag == language.Und {
		return language.Und, false
	}
	return tag, true
}

// cLocale reports whether a locale name is the C (POSIX) locale, C.UTF-8 included, or no
// locale at all, which is C too.
func cLocale(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	return base == "" || base == "C" || base == "POSIX"
}

// firstSet is the first of the variables that is set and not empty.
func firstSet(getenv func(string) string, names ...string) string {
	for _, n := range names {
		if v := getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// FromArgs is the table the command line and the environment choose: --lang (or -lang,
// --lang=X) among args before a "--", else the environment as Choose reads it. It reads
// --lang before the flags are parsed, so that --help, wherever it stands, is already in that
// language. given is the --lang value; known is false when it names no language, and t is
// then the environment's choice, to say so in.
func FromArgs(args []string, getenv func(string) string) (t Text, given string, known bool) {
	given = langFlag(args)
	tag, known := Choose(Tags(), given, getenv)
	t, _ = Lookup(tag.String())
	return t, given, known
}

// langFlag is the value of --lang among args, "" when there is none.
func langFlag(args []string) string {
	for i, arg := range args {
		if arg == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") || name != "lang" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}
