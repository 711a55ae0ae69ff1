package text

// Lang is a language mfa-demo speaks, named by its BCP 47 tag ("en", "ja", "pt-BR", "id").
type Lang string

// The languages with a table, in the order a usage message lists them.
const (
	LangEnglish             Lang = "en"
	LangJapanese            Lang = "ja"
	LangBrazilianPortuguese Lang = "pt-BR"
	LangIndonesian          Lang = "id"
)

// langs pairs each language with its table; Table and Languages read it, so a new language
// is one line here and one file.
var langs = []struct {
	lang  Lang
	table Text
}{
	{LangEnglish, English},
	{LangJapanese, Japanese},
	{LangBrazilianPortuguese, BrazilianPortuguese},
	{LangIndonesian, Indonesian},
}

// Table is the table of the language tag names exactly ("pt-BR", not "pt_BR" or "pt"):
// matching a locale or a user's choice to a tag is the caller's job.
func Table(tag string) (Text, bool) {
	for _, l := range langs {
		if string(l.lang) == tag {
			return l.table, true
		}
	}
	return Text{}, false
}

// Languages are the tags Table knows, English first.
func Languages() []string {
	tags := make([]string, len(langs))
	for i, l := range langs {
		tags[i] = string(l.lang)
	}
	return tags
}
