package emulator

import "github.com/mfa-demo/mfa-demo/aws/emulator/policy"

// addPrincipalTags sets aws:PrincipalTag/KEY for each tag of the calling user or of the
// role of a role session, as AWS does for principals with tags (AWS global condition
// context keys, aws:PrincipalTag/tag-key).
func addPrincipalTags(ctx policy.Context, tags []tag) {
	for _, t := range tags {
		ctx["aws:PrincipalTag/"+t.key] = []string{t.value}
	}
}
