package text

import (
	"testing"

	"golang.org/x/text/language"
)

// TestFormFollowsCLDR checks the plural form per language for 0, 1, 2 and 5: English says
// "0 attempts", Brazilian Portuguese "0 tentativa" (CLDR: i = 0..1 is "one"), Japanese and
// Indonesian have one form for every number.
func TestFormFollowsCLDR(t *testing.T) {
	f := Forms{One: "one", Other: "other"}
	tests := []struct {
		tag  language.Tag
		want map[int]string
	}{
		{language.English, map[int]string{0: "other", 1: "one", 2: "other", 5: "other"}},
		{language.BrazilianPortuguese, map[int]string{0: "one", 1: "one", 2: "other", 5: "other"}},
		{language.Japanese, map[int]string{0: "other", 1: "other", 2: "other", 5: "other"}},
		{language.Indonesian, map[int]string{0: "other", 1: "other", 2: "other", 5: "other"}},
	}
	for _, tt := range tests {
		for n, want := range tt.want {
			if got := (Text{Tag: tt.tag}).Form(n, f); got != want {
				t.Errorf("%s: Form(%d) = %q, want %q", tt.tag, n, got, want)
			}
		}
	}
}

// languages are the four the issue names, as the lang branch adds them.
var languages = []language.Tag{language.English, language.Japanese, language.BrazilianPortuguese, language.Indonesian}

func TestChooseLanguage(t *testing.T) {
	tests := []struct {
		name  string
		flag  string
		env   map[string]string
		want  language.Tag
		known bool
	}{
		{"nothing set", "", nil, language.English, true},
		{"flag", "ja", map[string]string{"LANG": "pt_BR.UTF-8"}, language.Japanese, true},
		{"flag pt-BR", "pt-BR", nil, language.BrazilianPortuguese, true},
		{"flag in POSIX spelling", "pt_BR", nil, language.BrazilianPortuguese, true},
		{"flag in lower case", "pt-br", nil, language.BrazilianPortuguese, true},
		{"flag id", "id", nil, language.Indonesian, true},
		{"flag en", "en", map[string]string{"LANG": "ja_JP.UTF-8"}, language.English, true},
		{"unknown flag says it in the environment's language", "fr", map[string]string{"LANG": "ja_JP.UTF-8"}, language.Japanese, false},
		{"nonsense flag", "x!", nil, language.English, false},
		{"MFA_DEMO_LANG", "", map[string]string{"MFA_DEMO_LANG": "id", "LANG": "ja_JP.UTF-8"}, language.Indonesian, true},
		{"unknown MFA_DEMO_LANG falls through", "", map[string]string{"MFA_DEMO_LANG": "fr", "LANG": "ja_JP.UTF-8"}, language.Japanese, true},
		{"LANG ja_JP.UTF-8", "", map[string]string{"LANG": "ja_JP.UTF-8"}, language.Japanese, true},
		{"LANG pt_BR", "", map[string]string{"LANG": "pt_BR"}, language.BrazilianPortuguese, true},
		{"LANG pt_PT is still Portuguese", "", map[string]string{"LANG": "pt_PT.UTF-8"}, language.BrazilianPortuguese, true},
		{"LANG id_ID.UTF-8", "", map[string]string{"LANG": "id_ID.UTF-8"}, language.Indonesian, true},
		{"LANG with a modifier", "", map[string]string{"LANG": "ja_JP.eucJP@mod"}, language.Japanese, true},
		{"LANG en_US", "", map[string]string{"LANG": "en_US.UTF-8"}, language.English, true},
		{"LANG C", "", map[string]string{"LANG": "C"}, language.English, true},
		{"LANG POSIX", "", map[string]string{"LANG": "POSIX"}, language.English, true},
		{"LANG fr_FR", "", map[string]string{"LANG": "fr_FR.UTF-8"}, language.English, true},
		{"LC_MESSAGES over LANG", "", map[string]string{"LC_MESSAGES": "id_ID.UTF-8", "LANG": "ja_JP.UTF-8"}, language.Indonesian, true},
		{"LC_ALL over LC_MESSAGES", "", map[string]string{"LC_ALL": "pt_BR.UTF-8", "LC_MESSAGES": "id_ID.UTF-8", "LANG": "ja_JP.UTF-8"}, language.BrazilianPortuguese, true},
		{"LC_ALL C hides LANG", "", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, language.English, true},
		{"LANGUAGE over the locale", "", map[string]string{"LANGUAGE": "ja", "LANG": "pt_BR.UTF-8"}, language.Japanese, true},
		{"LANGUAGE list skips what is not spoken", "", map[string]string{"LANGUAGE": "fr_FR:de:id", "LANG": "en_US.UTF-8"}, language.Indonesian, true},
		{"LANGUAGE list in POSIX spelling", "", map[string]string{"LANGUAGE": "pt_BR:pt:en", "LANG": "en_US.UTF-8"}, language.BrazilianPortuguese, true},
		{"LANGUAGE ignored in the C locale", "", map[string]string{"LANGUAGE": "ja", "LANG": "C.UTF-8"}, language.English, true},
		{"LANGUAGE ignored without a locale", "", map[string]string{"LANGUAGE": "ja"}, language.English, true},
		{"empty LANGUAGE entries", "", map[string]string{"LANGUAGE": "::", "LANG": "id_ID"}, language.Indonesian, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, known := Choose(languages, tt.flag, func(k string) string { return tt.env[k] })
			if got != tt.want || known != tt.known {
				t.Errorf("Choose(%q, %v) = %s, %v; want %s, %v", tt.flag, tt.env, got, known, tt.want, tt.known)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for _, tag := range Tags() {
		tt, ok := Lookup(tag.String())
		if !ok || tt.Tag != tag || tt.Steps == nil {
			t.Errorf("Lookup(%q) = %v, %v", tag, tt.Tag, ok)
		}
	}
	if tt, ok := Lookup("EN"); !ok || tt.Tag != language.English {
		t.Errorf("Lookup is not case-blind: %v %v", tt.Tag, ok)
	}
	if _, ok := Lookup("fr"); ok {
		t.Error("Lookup(fr) found a table")
	}
}

// TestFromArgs finds --lang wherever it stands before "--", in each spelling the flag
// package accepts, and falls back to the environment.
func TestFromArgs(t *testing.T) {
	env := func(k string) string { return map[string]string{"LANG": "pt_BR.UTF-8"}[k] }
	tests := []struct {
		args  []string
		tag   string
		given string
		known bool
	}{
		{nil, "pt-BR", "", true},
		{[]string{"--plain", "--lang", "ja"}, "ja", "ja", true},
		{[]string{"-lang=id", "--help"}, "id", "id", true},
		{[]string{"--lang=en"}, "en", "en", true},
		{[]string{"--", "--lang", "ja"}, "pt-BR", "", true},
		{[]string{"--lang", "fr"}, "pt-BR", "fr", false},
		{[]string{"--lang"}, "pt-BR", "", true},
	}
	for _, tt := range tests {
		got, given, known := FromArgs(tt.args, env)
		if got.Tag.String() != tt.tag || given != tt.given || known != tt.known {
			t.Errorf("FromArgs(%q) = %s, %q, %v; want %s, %q, %v", tt.args, got.Tag, given, known, tt.tag, tt.given, tt.known)
		}
	}
}
