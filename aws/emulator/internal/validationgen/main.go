// Command validationgen writes the emulator's input-validation table (validation_rules.go)
// from botocore's IAM and STS service models, for the actions that actions.go routes.
// Only what validation needs is kept: for each input member, whether it is required, its
// length or value range, its pattern and its enum values, so the table can be checked
// against the model line by line without embedding the model.
//
// Usage (go generate runs it from aws/emulator):
//
//	BOTOCORE=/path/to/botocore go generate ./aws/emulator
//
// BOTOCORE is a botocore checkout (github.com/boto/botocore): the models are read from
// botocore/data/{iam/2010-05-08,sts/2011-06-15}/service-2.json and the version from
// botocore/__init__.py.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// model is the part of a botocore service-2.json that validation needs.
type model struct {
	Operations map[string]struct {
		Input *struct {
			Shape string `json:"shape"`
		} `json:"input"`
	} `json:"operations"`
	Shapes map[string]shape `json:"shapes"`
}

type shape struct {
	Type     string   `json:"type"`
	Required []string `json:"required"`
	Members  map[string]struct {
		Shape string `json:"shape"`
	} `json:"members"`
	Member *struct {
		Shape string `json:"shape"`
	} `json:"member"`
	Flattened bool     `json:"flattened"`
	Min       *int64   `json:"min"`
	Max       *int64   `json:"max"`
	Pattern   string   `json:"pattern"`
	Enum      []string `json:"enum"`
	Sensitive bool     `json:"sensitive"`
}

// service is one model and the actions of it that the emulator serves.
type service struct {
	prefix  string // Go identifier prefix: iam, sts
	mapVar  string // the actions map in actions.go
	model   string // path below botocore/data
	actions []string
	m       model
	raw     []byte // the JSON, to list members in the model's order
}

func main() {
	botocore := flag.String("botocore", os.Getenv("BOTOCORE"), "botocore checkout (default $BOTOCORE)")
	actionsFile := flag.String("actions", "actions.go", "the emulator's routing table")
	out := flag.String("o", "validation_rules.go", "output file")
	flag.Parse()
	if *botocore == "" {
		log.Fatal("validationgen: set BOTOCORE or -botocore to a botocore checkout")
	}
	services := []*service{
		{prefix: "iam", mapVar: "iamActions", model: "iam/2010-05-08/service-2.json"},
		{prefix: "sts", mapVar: "stsActions", model: "sts/2011-06-15/service-2.json"},
	}
	if err := readActions(*actionsFile, services); err != nil {
		log.Fatalf("validationgen: %v", err)
	}
	for _, s := range services {
		raw, err := os.ReadFile(filepath.Join(*botocore, "botocore", "data", s.model))
		if err != nil {
			log.Fatalf("validationgen: %v", err)
		}
		if err := json.Unmarshal(raw, &s.m); err != nil {
			log.Fatalf("validationgen: %s: %v", s.model, err)
		}
		s.raw = raw
	}
	version, err := botocoreVersion(*botocore)
	if err != nil {
		log.Fatalf("validationgen: %v", err)
	}
	src, err := generate(version, services)
	if err != nil {
		log.Fatalf("validationgen: %v", err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatalf("validationgen: %v", err)
	}
}

// readActions lists the keys of the iamActions and stsActions maps of actions.go.
func readActions(path string, services []*service) error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return err
	}
	for _, s := range services {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || vs.Names[0].Name != s.mapVar || len(vs.Values) != 1 {
				return true
			}
			lit, ok := vs.Values[0].(*ast.CompositeLit)
			if !ok {
				return true
			}
			for _, elt := range lit.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if key, ok := kv.Key.(*ast.BasicLit); ok && key.Kind == token.STRING {
					name, err := strconv.Unquote(key.Value)
					if err == nil {
						s.actions = append(s.actions, name)
					}
				}
			}
			return false
		})
		if len(s.actions) == 0 {
			return fmt.Errorf("%s: no actions found in %s", path, s.mapVar)
		}
		slices.Sort(s.actions)
	}
	return nil
}

var versionPattern = regexp.MustCompile(`__version__ = '([^']+)'`)

func botocoreVersion(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "botocore", "__init__.py"))
	if err != nil {
		return "", err
	}
	m := versionPattern.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("no __version__ in botocore/__init__.py")
	}
	return string(m[1]), nil
}

// generator accumulates the Go declarations of one output file.
type generator struct {
	buf      bytes.Buffer
	done     map[string]bool   // shape variables written
	patterns map[string]string // Java pattern → Go variable
	patOrder []string
}

func generate(version string, services []*service) ([]byte, error) {
	g := &generator{done: map[string]bool{}, patterns: map[string]string{}}
	var decls bytes.Buffer
	fmt.Fprintf(&g.buf, "// Code generated by validationgen from botocore %s; DO NOT EDIT.\n\n", version)
	g.buf.WriteString("package emulator\n\nimport \"regexp\"\n\n")
	g.buf.WriteString("// botocoreVersion is the botocore release whose IAM and STS models this table was generated from.\n")
	fmt.Fprintf(&g.buf, "const botocoreVersion = %q\n\n", version)
	for _, s := range services {
		fmt.Fprintf(&g.buf, "// %sInputs are the input shapes of the %s actions served (botocore/data/%s).\n", s.prefix, strings.ToUpper(s.prefix), s.model)
		fmt.Fprintf(&g.buf, "var %sInputs = map[string]*inputShape{\n", s.prefix)
		for _, a := range s.actions {
			op, ok := s.m.Operations[a]
			if !ok {
				return nil, fmt.Errorf("%s: no operation %s in the model", s.model, a)
			}
			if op.Input == nil {
				fmt.Fprintf(&g.buf, "\t%q: {kind: kindStructure},\n", a)
				continue
			}
			v, err := g.shape(&decls, s, op.Input.Shape)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&g.buf, "\t%q: &%s,\n", a, v)
		}
		g.buf.WriteString("}\n\n")
	}
	g.buf.Write(decls.Bytes())
	if len(g.patOrder) > 0 {
		g.buf.WriteString("\n// The patterns, compiled once; patternText keeps them as the model (and AWS's messages) spell them.\nvar (\n")
		for _, p := range g.patOrder {
			re, err := translatePattern(p)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&g.buf, "\t%s = regexp.MustCompile(%s)\n", g.patterns[p], goString(re))
		}
		g.buf.WriteString(")\n")
	}
	return format.Source(g.buf.Bytes())
}

// shape writes the variable for a model shape (and those it refers to) once, and
// returns its name.
func (g *generator) shape(decls *bytes.Buffer, s *service, name string) (string, error) {
	v := s.prefix + "Shape" + exported(name)
	if g.done[v] {
		return v, nil
	}
	g.done[v] = true
	sh, ok := s.m.Shapes[name]
	if !ok {
		return "", fmt.Errorf("%s: no shape %s", s.model, name)
	}
	var fields []string
	switch sh.Type {
	case "string":
		fields = append(fields, "kind: kindString")
	case "integer", "long":
		fields = append(fields, "kind: kindInteger")
	case "boolean":
		fields = append(fields, "kind: kindBoolean")
	case "timestamp":
		fields = append(fields, "kind: kindTimestamp")
	case "list":
		if sh.Flattened {
			return "", fmt.Errorf("%s: flattened list %s is not supported", s.model, name)
		}
		m, err := g.shape(decls, s, sh.Member.Shape)
		if err != nil {
			return "", err
		}
		fields = append(fields, "kind: kindList", "member: &"+m)
	case "structure":
		fields = append(fields, "kind: kindStructure")
		order, err := memberOrder(s.raw, name)
		if err != nil {
			return "", err
		}
		var members []string
		for _, mn := range order {
			ms, err := g.shape(decls, s, sh.Members[mn].Shape)
			if err != nil {
				return "", err
			}
			req := ""
			if slices.Contains(sh.Required, mn) {
				req = ", required: true"
			}
			members = append(members, fmt.Sprintf("\t\t{name: %q%s, shape: &%s},\n", mn, req, ms))
		}
		if len(members) > 0 {
			fields = append(fields, "members: []inputMember{\n"+strings.Join(members, "")+"\t}")
		}
	default:
		return "", fmt.Errorf("%s: shape %s has type %s, which validation does not know", s.model, name, sh.Type)
	}
	if sh.Min != nil {
		fields = append(fields, fmt.Sprintf("hasMin: true, min: %d", *sh.Min))
	}
	if sh.Max != nil {
		fields = append(fields, fmt.Sprintf("hasMax: true, max: %d", *sh.Max))
	}
	if sh.Pattern != "" {
		p, ok := g.patterns[sh.Pattern]
		if !ok {
			p = fmt.Sprintf("modelPattern%d", len(g.patOrder)+1)
			g.patterns[sh.Pattern] = p
			g.patOrder = append(g.patOrder, sh.Pattern)
		}
		fields = append(fields, "pattern: "+p, "patternText: "+goString(sh.Pattern))
	}
	if len(sh.Enum) > 0 {
		fields = append(fields, fmt.Sprintf("enum: %#v", sh.Enum))
	}
	if sh.Sensitive {
		fields = append(fields, "sensitive: true")
	}
	fmt.Fprintf(decls, "var %s = inputShape{%s}\n\n", v, strings.Join(fields, ", "))
	return v, nil
}

// memberOrder lists a structure's members in the order the model's JSON gives them,
// which is the order AWS's models (and so this table) list them in.
func memberOrder(raw []byte, shapeName string) ([]string, error) {
	var doc struct {
		Shapes map[string]struct {
			Members json.RawMessage `json:"members"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc.Shapes[shapeName].Members))
	if _, err := dec.Token(); err != nil { // {
		return nil, fmt.Errorf("members of %s: %w", shapeName, err)
	}
	var names []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		names = append(names, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// javaRangeFixes are the spans of the models' Java patterns that RE2 cannot take as
// they are meant. STS's arnType ends its class with \u10000-\u10FFFF: Java reads \u
// with exactly four hex digits (so "\u1000", "0-\u10FF", "F", "F"), but the class is
// XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF]), and the supplementary planes are what it means.
var javaRangeFixes = map[string]string{
	`\u10000-\u10FFFF`: `\x{10000}-\x{10FFFF}`,
}

var javaUnicodeEscape = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

// translatePattern turns a model pattern (java.util.regex, matched against the whole
// value) into an anchored RE2 expression. \w, \d, \p{L}, \p{Z}, \p{N} and escaped
// punctuation mean the same in both; Java's \uXXXX becomes \x{XXXX}.
func translatePattern(java string) (string, error) {
	re := java
	for from, to := range javaRangeFixes {
		re = strings.ReplaceAll(re, from, to)
	}
	re = javaUnicodeEscape.ReplaceAllString(re, `\x{$1}`)
	re = `^(?:` + re + `)$`
	if _, err := regexp.Compile(re); err != nil {
		return "", fmt.Errorf("pattern %s: RE2 cannot compile its translation %s: %w", java, re, err)
	}
	return re, nil
}

// goString quotes s as a raw string literal when it can, for readable patterns.
func goString(s string) string {
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

func exported(name string) string {
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
