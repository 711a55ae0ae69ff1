package emulator

import (
	"slices"
	"strings"
)

// Tags work alike on every IAM entity that has them (users, roles, virtual MFA devices,
// managed policies): TagX, UntagX and ListXTags differ only in how they find the entity.

// tagged is an IAM entity that carries tags.
type tagged interface{ tagList() *[]tag }

func (u *user) tagList() *[]tag          { return &u.tags }
func (r *role) tagList() *[]tag          { return &r.tags }
func (d *mfaDevice) tagList() *[]tag     { return &d.tags }
func (p *managedPolicy) tagList() *[]tag { return &p.tags }

// target finds the entity an action is about, authorizing the action on it first
// (targetUser, targetRole, targetDevice, targetPolicy).
type target[T any] func(e *Emulator, req *request, action string) (T, *apiError)

// tagEntity serves a TagX action: tags are added or replaced by key.
func tagEntity[T tagged](find target[T]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		x, aerr := find(e, req, req.action())
		if aerr != nil {
			return nil, aerr
		}
		add, aerr := req.tags()
		if aerr != nil {
			return nil, aerr
		}
		merged, aerr := mergeTags(*x.tagList(), add)
		if aerr != nil {
			return nil, aerr
		}
		*x.tagList() = merged
		return nil, nil
	}
}

// untagEntity serves an UntagX action; keys the entity does not have are ignored.
func untagEntity[T tagged](find target[T]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		x, aerr := find(e, req, req.action())
		if aerr != nil {
			return nil, aerr
		}
		*x.tagList() = removeTags(*x.tagList(), req.members("TagKeys"))
		return nil, nil
	}
}

type listTagsResult struct {
	Tags        []xmlTag `xml:"Tags>member"`
	IsTruncated bool     `xml:"IsTruncated"`
}

// listEntityTags serves a ListXTags action, all tags at once (an entity has at most 50).
func listEntityTags[T tagged](find target[T]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		x, aerr := find(e, req, req.action())
		if aerr != nil {
			return nil, aerr
		}
		return listTagsResult{Tags: xmlTags(*x.tagList())}, nil
	}
}

type xmlTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

// xmlTags converts tags for a response; no tags give nil, so that the Tags element is
// left out as IAM leaves it out.
func xmlTags(tags []tag) []xmlTag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]xmlTag, len(tags))
	for i, t := range tags {
		out[i] = xmlTag{Key: t.key, Value: t.value}
	}
	return out
}

// mergeTags adds or replaces tags by key (keys compare without case, as in IAM).
func mergeTags(have, add []tag) ([]tag, *apiError) {
	out := slices.Clone(have)
	for _, t := range add {
		i := slices.IndexFunc(out, func(o tag) bool { return strings.EqualFold(o.key, t.key) })
		if i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	if len(out) > 50 {
		return nil, errLimitExceeded("Cannot exceed quota for TagsPerEntity: 50")
	}
	return out, nil
}

func removeTags(have []tag, keys []string) []tag {
	return slices.DeleteFunc(slices.Clone(have), func(t tag) bool {
		return slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, t.key) })
	})
}
