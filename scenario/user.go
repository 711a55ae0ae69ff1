package scenario

import (
	"context"
	"fmt"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// CreateUser is step 1: an IAM user with no permissions, under the demo's path and tags.
func (d *Demo) CreateUser(ctx context.Context) (UserResult, error) {
	name := d.UserName()
	res := UserResult{UserName: name, Path: Path}
	if err := d.intend(resUser, name); err != nil {
		return res, err
	}
	out, err := d.env.Clients.Operator().IAM.CreateUser(ctx, &iam.CreateUserInput{
		UserName: awssdk.String(name),
		Path:     awssdk.String(Path),
		Tags:     d.tags(),
	})
	if err != nil {
		return res, fmt.Errorf("create user %s: %w", name, err)
	}
	res.Arn = awssdk.ToString(out.User.Arn)
	d.createdAs(&d.userArn, resUser, name, res.Arn)
	return res, nil
}
