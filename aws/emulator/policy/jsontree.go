package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxDepth bounds JSON nesting. The deepest valid policy path is
// document → Statement array → statement → Condition → operator → key → value array (7 levels),
// so anything deeper is malformed and refusing it early keeps hostile input cheap.
const maxDepth = 8

type jsonKind int

const (
	// jsonNone is the zero value, so a missing member is never mistaken for a string.
	jsonNone jsonKind = iota
	jsonString
	jsonNumber
	jsonBool
	jsonNull
	jsonArray
	jsonObject
)

// jsonValue is a decoded JSON value that keeps object members in document order,
// because the grammar checks need to see duplicate keys that encoding/json would merge.
type jsonValue struct {
	kind    jsonKind
	text    string // string contents, number literal, or "true"/"false"
	items   []jsonValue
	members []jsonMember
	// start and end are an object's byte offsets in the document: its '{' and just past its '}'.
	start, end int
}

type jsonMember struct {
	key   string
	value jsonValue
}

// member returns the value of the object member named key.
func (v jsonValue) member(key string) (jsonValue, bool) {
	for _, m := range v.members {
		if m.key == key {
			return m.value, true
		}
	}
	return jsonValue{}, false
}

var errJSON = errors.New("not a single well-formed JSON value")

// decodeJSON decodes exactly one JSON value from doc, refusing duplicate object keys,
// nesting deeper than maxDepth and trailing data.
func decodeJSON(doc []byte) (jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return jsonValue{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return jsonValue{}, fmt.Errorf("%w: trailing data", errJSON)
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, depth int) (jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return jsonValue{}, fmt.Errorf("%w: %v", errJSON, err)
	}
	switch t := tok.(type) {
	case string:
		return jsonValue{kind: jsonString, text: t}, nil
	case json.Number:
		return jsonValue{kind: jsonNumber, text: t.String()}, nil
	case bool:
		if t {
			return jsonValue{kind: jsonBool, text: "true"}, nil
		}
		return jsonValue{kind: jsonBool, text: "false"}, nil
	case nil:
		return jsonValue{kind: jsonNull}, nil
	case json.Delim:
		if depth >= maxDepth {
			return jsonValue{}, fmt.Errorf("%w: nested deeper than %d", errJSON, maxDepth)
		}
		switch t {
		case '[':
			v := jsonValue{kind: jsonArray}
			for dec.More() {
				item, err := decodeValue(dec, depth+1)
				if err != nil {
					return jsonValue{}, err
				}
				v.items = append(v.items, item)
			}
			if _, err := dec.Token(); err != nil {
				return jsonValue{}, fmt.Errorf("%w: %v", errJSON, err)
			}
			return v, nil
		case '{':
			v := jsonValue{kind: jsonObject, start: int(dec.InputOffset()) - 1}
			seen := map[string]bool{}
			for dec.More() {
				keyTok, err := dec.Token()
				if err != nil {
					return jsonValue{}, fmt.Errorf("%w: %v", errJSON, err)
				}
				key, ok := keyTok.(string)
				if !ok {
					return jsonValue{}, fmt.Errorf("%w: object key is not a string", errJSON)
				}
				if seen[key] {
					return jsonValue{}, fmt.Errorf("%w: duplicate key %q", errJSON, key)
				}
				item, err := decodeValue(dec, depth+1)
				if err != nil {
					return jsonValue{}, err
				}
				seen[key] = true
				v.members = append(v.members, jsonMember{key: key, value: item})
			}
			if _, err := dec.Token(); err != nil {
				return jsonValue{}, fmt.Errorf("%w: %v", errJSON, err)
			}
			v.end = int(dec.InputOffset())
			return v, nil
		}
	}
	return jsonValue{}, fmt.Errorf("%w: unexpected token %v", errJSON, tok)
}
