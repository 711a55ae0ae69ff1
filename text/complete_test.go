package text

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/width"
)

// TestEnglishIsComplete checks that English fills every field, map and list of Text: the
// other tables are checked against it, so a field added without words would leave a hole
// in every language that no other test sees.
func TestEnglishIsComplete(t *testing.T) {
	for _, p := range gaps(reflect.ValueOf(English)) {
		t.Errorf("English: %s", p)
	}
}

// TestTranslationsAreComplete checks every other language against English: the same map
// keys and list lengths, words wherever English has words, the same format verbs for the
// same arguments (a translation may reorder them with %[n]), and the same spaces at both
// ends (a prompt's trailing space, the leading space of a sentence appended to another).
func TestTranslationsAreComplete(t *testing.T) {
	for _, tag := range Languages() {
		if tag == "en" {
			continue
		}
		t.Run(tag, func(t *testing.T) {
			tr, _ := Lookup(tag)
			for _, p := range differences(reflect.ValueOf(English), reflect.ValueOf(tr)) {
				t.Errorf("%s: %s", tag, p)
			}
		})
	}
}

// TestNoAmbiguousWidth checks that no sentence of any language has a character whose width
// East Asian terminals disagree on: a CJK setup draws …, ×, arrows and box drawing two cells
// wide, which breaks every column and border computed with one.
func TestNoAmbiguousWidth(t *testing.T) {
	for _, tag := range Languages() {
		tt, _ := Lookup(tag)
		for _, p := range ambiguous(reflect.ValueOf(tt)) {
			t.Errorf("%s: %s", tag, p)
		}
	}
}

// TestTableNamesExactTags checks the lookup: exact BCP 47 tags only, every listed one found.
func TestTableNamesExactTags(t *testing.T) {
	if got, want := Languages(), []string{"en", "ja", "pt-BR", "id"}; !slices.Equal(got, want) {
		t.Errorf("Languages() = %q, want %q", got, want)
	}
	for _, tag := range Languages() {
		if tt, ok := Lookup(tag); !ok || tt.Steps == nil {
			t.Errorf("Lookup(%q) has no table", tag)
		}
	}
	for _, tag := range []string{"EN", "pt-br"} {
		if _, ok := Lookup(tag); !ok {
			t.Errorf("Lookup(%q) found no table; tags are case-insensitive", tag)
		}
	}
	for _, tag := range []string{"", "ja-JP", "ja_JP.UTF-8", "pt", "pt_BR", "id-ID", "in", "fr"} {
		if _, ok := Lookup(tag); ok {
			t.Errorf("Lookup(%q) found a table; only tags of a table should", tag)
		}
	}
	if ja, _ := Lookup("ja"); !reflect.DeepEqual(ja, Japanese) {
		t.Error(`Lookup("ja") is not the Japanese table`)
	}
}

// TestCheckerFindsEachKindOfGap runs the checks on a small table with one mistake of each
// kind, so the tests above are known to fail when a translation has one.
func TestCheckerFindsEachKindOfGap(t *testing.T) {
	type inner struct{ Word string }
	type table struct {
		Empty    string
		Verbs    string
		Swapped  string
		Indexed  string
		BadIndex string
		Edge     string
		Wide     string
		Accents  string
		Map      map[int]string
		List     []string
		Pair     [2]string
		Plural   Forms
		Nested   inner
	}
	en := table{
		Empty: "word", Verbs: "%s took %d s", Swapped: "%s then %d", Indexed: "%s then %d",
		BadIndex: "%s then %d", Edge: "Continue? ", Wide: "Sending...", Accents: "Code",
		Map: map[int]string{1: "one", 2: "two"}, List: []string{"a", "b"}, Pair: [2]string{"q", "quit"},
		Plural: Forms{"%d call", "%d calls"}, Nested: inner{"word"},
	}
	tr := table{
		Empty: "", Verbs: "%s a pris %s", Swapped: "%d puis %s", Indexed: "%[2]d puis %[1]s",
		BadIndex: "%[2]s puis %[1]d", Edge: "Continuer ?", Wide: "Envoi en cours…", Accents: "Código é válido",
		Map: map[int]string{1: "un", 3: "trois"}, List: []string{"a"}, Pair: [2]string{"q", ""},
		Plural: Forms{"%d appel", "appels"}, Nested: inner{""},
	}
	got := strings.Join(slices.Concat(differences(reflect.ValueOf(en), reflect.ValueOf(tr)), ambiguous(reflect.ValueOf(tr))), "\n")
	for _, want := range []string{
		"Empty: empty",
		"Verbs: format verbs [%s %s], English has [%d %s]",
		"Swapped: argument 1 is [%d], English's is [%s]",
		"BadIndex: argument 1 is [%d], English's is [%s]",
		`Edge: ends with ""`,
		"Wide: '…' (U+2026)",
		"Map[int(2)]: missing",
		"Map[int(3)]: not in English",
		"List: 1 items, English has 2",
		"Pair[1]: empty",
		"Plural.Other: format verbs [], English has [%d]",
		"Nested.Word: empty",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no problem %q reported; got:\n%s", want, got)
		}
	}
	for _, fine := range []string{"Indexed", "Accents"} {
		if strings.Contains(got, fine) {
			t.Errorf("%s was reported, though it is fine:\n%s", fine, got)
		}
	}
	if g := gaps(reflect.ValueOf(tr)); !slices.ContainsFunc(g, func(s string) bool { return strings.HasPrefix(s, "Empty: empty") }) {
		t.Errorf("gaps missed the empty field: %q", g)
	}
	if g := gaps(reflect.ValueOf(table{})); !slices.Contains(g, "Map: empty") || !slices.Contains(g, "List: empty") {
		t.Errorf("gaps missed an empty map or list: %q", g)
	}
}

func TestFormatVerbs(t *testing.T) {
	for format, want := range map[string]string{
		"plain":                 "",
		"100%% sure":            "",
		"%s and %d":             "1%s 2%d",
		"%q at %v, %5.2f":       "1%q 2%v 3%5.2f",
		"%[2]d then %[1]s":      "2%d 1%s",
		"%[2]s, %s and %[1]q":   "2%s 3%s 1%q",
		"%-8s|%+d|%#x|% d|%08d": "1%-8s 2%+d 3%#x 4% d 5%08d",
		"%[1]5d and %[3]s":      "1%5d 3%s",
	} {
		vs, err := verbs(format)
		if err != nil {
			t.Errorf("verbs(%q): %v", format, err)
			continue
		}
		var got []string
		for _, v := range vs {
			got = append(got, fmt.Sprintf("%d%s", v.arg, v.spec))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("verbs(%q) = %q, want %q", format, strings.Join(got, " "), want)
		}
	}
	for _, bad := range []string{"50%", "%[x]s", "%[0]d", "%5"} {
		if _, err := verbs(bad); err == nil {
			t.Errorf("verbs(%q) took a broken format", bad)
		}
	}
}

// tagType is the type of Text.Tag: a language, checked apart from the sentences.
var tagType = reflect.TypeOf(language.Tag{})

// leaf is one sentence of a table with its place in it: "TUI.Codes.Problems[2]".
type leaf struct {
	path string
	s    string
}

// walk calls f on every string of v with its path, and reports as a problem any field of a
// kind the checks do not know.
func walk(path string, v reflect.Value, f func(leaf), problem func(string)) {
	if v.Type() == tagType {
		return // the table's language, not a sentence
	}
	switch v.Kind() {
	case reflect.String:
		f(leaf{path, v.String()})
	case reflect.Struct:
		for i := range v.NumField() {
			walk(join(path, v.Type().Field(i).Name), v.Field(i), f, problem)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i), f, problem)
		}
	case reflect.Map:
		for _, k := range sortedKeys(v) {
			walk(fmt.Sprintf("%s[%s]", path, keyName(k)), v.MapIndex(k), f, problem)
		}
	default:
		problem(uncovered(path, v))
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// keyName names a map key in a path: its String, else its type and value
// ("scenario.CodeProblem(2)"), which says more than a bare number.
func keyName(k reflect.Value) string {
	if s, ok := k.Interface().(fmt.Stringer); ok || k.Kind() == reflect.String {
		if ok {
			return s.String()
		}
		return k.String()
	}
	return fmt.Sprintf("%s(%v)", k.Type(), k)
}

func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	return keys
}

// gaps are the places of v with no words: empty strings, and maps and lists with nothing in
// them.
func gaps(v reflect.Value) []string {
	var out []string
	var visit func(path string, v reflect.Value)
	visit = func(path string, v reflect.Value) {
		if v.Type() == tagType {
			if v.Interface().(language.Tag) == language.Und {
				out = append(out, path+": no language")
			}
			return
		}
		switch v.Kind() {
		case reflect.String:
			if v.Len() == 0 {
				out = append(out, path+": empty")
			}
		case reflect.Struct:
			for i := range v.NumField() {
				visit(join(path, v.Type().Field(i).Name), v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			if v.Len() == 0 {
				out = append(out, path+": empty")
			}
			for i := range v.Len() {
				visit(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Map:
			if v.Len() == 0 {
				out = append(out, path+": empty")
			}
			for _, k := range sortedKeys(v) {
				visit(fmt.Sprintf("%s[%s]", path, keyName(k)), v.MapIndex(k))
			}
		default:
			out = append(out, uncovered(path, v))
		}
	}
	visit("", v)
	return out
}

// uncovered is the problem of a field of a kind the checks do not know: it must get a rule
// here rather than slip past them.
func uncovered(path string, v reflect.Value) string {
	return fmt.Sprintf("%s: a %s field, which the completeness checks do not cover", path, v.Kind())
}

// differences are the places where tr, a translation, does not match en, English: a
// missing or extra map key, a list of another length, no words where English has some,
// other format verbs, other spaces at either end.
func differences(en, tr reflect.Value) []string {
	var out []string
	var visit func(path string, en, tr reflect.Value)
	visit = func(path string, en, tr reflect.Value) {
		if en.Type() == tagType {
			if tr.Interface() == en.Interface() {
				out = append(out, path+": the same language as English")
			}
			return
		}
		switch en.Kind() {
		case reflect.String:
			out = append(out, sentence(path, en.String(), tr.String())...)
		case reflect.Struct:
			for i := range en.NumField() {
				visit(join(path, en.Type().Field(i).Name), en.Field(i), tr.Field(i))
			}
		case reflect.Slice, reflect.Array:
			if en.Len() != tr.Len() {
				out = append(out, fmt.Sprintf("%s: %d items, English has %d", path, tr.Len(), en.Len()))
			}
			for i := range min(en.Len(), tr.Len()) {
				visit(fmt.Sprintf("%s[%d]", path, i), en.Index(i), tr.Index(i))
			}
		case reflect.Map:
			for _, k := range sortedKeys(en) {
				p := fmt.Sprintf("%s[%s]", path, keyName(k))
				if t := tr.MapIndex(k); t.IsValid() {
					visit(p, en.MapIndex(k), t)
				} else {
					out = append(out, p+": missing")
				}
			}
			for _, k := range sortedKeys(tr) {
				if !en.MapIndex(k).IsValid() {
					out = append(out, fmt.Sprintf("%s[%s]: not in English", path, keyName(k)))
				}
			}
		default:
			out = append(out, uncovered(path, en))
		}
	}
	visit("", en, tr)
	return out
}

// sentence compares one translated sentence with its English.
func sentence(path, en, tr string) []string {
	if en == "" {
		return nil
	}
	if tr == "" {
		return []string{path + ": empty"}
	}
	var out []string
	ev, err := verbs(en)
	if err != nil {
		return []string{fmt.Sprintf("%s: English: %v", path, err)}
	}
	tv, err := verbs(tr)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v in %q", path, err, tr)}
	}
	if a, b := specs(tv), specs(ev); !slices.Equal(a, b) {
		out = append(out, fmt.Sprintf("%s: format verbs %v, English has %v: %q", path, a, b, tr))
	} else {
		// The same verbs, but each argument must still get the verb English gives it: a
		// reordering needs %[n].
		ea, ta := byArg(ev), byArg(tv)
		for _, n := range sortedInts(ea, ta) {
			if !slices.Equal(ea[n], ta[n]) {
				out = append(out, fmt.Sprintf("%s: argument %d is %v, English's is %v (reorder with %%[n]): %q", path, n, ta[n], ea[n], tr))
			}
		}
	}
	if a, b := lead(tr), lead(en); a != b {
		out = append(out, fmt.Sprintf("%s: starts with %q, English with %q", path, a, b))
	}
	if a, b := trail(tr), trail(en); a != b {
		out = append(out, fmt.Sprintf("%s: ends with %q, English with %q", path, a, b))
	}
	return out
}

func lead(s string) string  { return s[:len(s)-len(strings.TrimLeftFunc(s, unicode.IsSpace))] }
func trail(s string) string { return s[len(strings.TrimRightFunc(s, unicode.IsSpace)):] }

// notAmbiguousButWide are characters that EastAsianWidth calls neutral but that terminals
// giving them emoji presentation draw two cells wide: no safer in a column than ambiguous ones.
const notAmbiguousButWide = "✓✗⚠"

// ambiguous are the sentences of v with a character of East Asian ambiguous width, each
// named with its place and the character. Latin letters are let through: EastAsianWidth
// calls most accented ones ambiguous (á, é, í, ó, ú, à, ê), and Portuguese cannot be
// written without them; symbols and punctuation have plain equivalents, letters do not.
func ambiguous(v reflect.Value) []string {
	var out []string
	walk("", v, func(l leaf) {
		for _, r := range l.s {
			if unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) {
				continue
			}
			if width.LookupRune(r).Kind() == width.EastAsianAmbiguous || strings.ContainsRune(notAmbiguousButWide, r) {
				out = append(out, fmt.Sprintf("%s: %q (U+%04X) may be drawn two cells wide in an East Asian terminal; write %s: %q", l.path, r, r, plainFor(r), l.s))
			}
		}
	}, func(p string) { out = append(out, p) })
	return out
}

// plainFor is what to write instead of r.
func plainFor(r rune) string {
	switch r {
	case '…':
		return `"..."`
	case '×':
		return `"x"`
	case '—', '–':
		return `"-"`
	case '↑', '↓':
		return `"up" or "down"`
	case '→':
		return `"->"`
	case '“', '”', '‘', '’':
		return `"" or 「」`
	case '✓':
		return `"OK"`
	case '⚠':
		return `"!"`
	}
	return "an ASCII or full-width equivalent"
}

// verb is one format verb of a sentence: the argument it formats (from 1) and its spec
// without an argument index ("%s", "%5.2f").
type verb struct {
	arg  int
	spec string
}

// verbs are the format verbs of format in order, numbered the way fmt numbers them: each
// verb takes the next argument, and %[n] moves to argument n.
func verbs(format string) ([]verb, error) {
	var out []verb
	arg := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		var spec strings.Builder
		spec.WriteByte('%')
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			spec.WriteByte(format[i])
			i++
		}
		for i < len(format) && (format[i] == '.' || format[i] == '[' || format[i] >= '0' && format[i] <= '9') {
			if format[i] != '[' {
				spec.WriteByte(format[i])
				i++
				continue
			}
			end := strings.IndexByte(format[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed argument index at byte %d", i)
			}
			n, err := strconv.Atoi(format[i+1 : i+end])
			if err != nil || n < 1 {
				return nil, fmt.Errorf("bad argument index %q", format[i:i+end+1])
			}
			arg = n
			i += end + 1
		}
		if i >= len(format) || !unicode.IsLetter(rune(format[i])) {
			return nil, fmt.Errorf("%% without a verb at byte %d", i)
		}
		spec.WriteByte(format[i])
		out = append(out, verb{arg, spec.String()})
		arg++
	}
	return out, nil
}

// specs are the verbs of vs without their arguments, sorted: what the translation must use.
func specs(vs []verb) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.spec)
	}
	sort.Strings(out)
	return out
}

// byArg are the verbs each argument is formatted with.
func byArg(vs []verb) map[int][]string {
	out := map[int][]string{}
	for _, v := range vs {
		out[v.arg] = append(out[v.arg], v.spec)
	}
	for _, s := range out {
		sort.Strings(s)
	}
	return out
}

func sortedInts(ms ...map[int][]string) []int {
	var out []int
	for _, m := range ms {
		for n := range m {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	sort.Ints(out)
	return out
}
