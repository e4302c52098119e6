package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// Input from flags and arguments is held to the form's rules (model's
// limits table): what is sent is exactly what a person typed and can see.

// idArg takes exactly one argument, an id: ids go into URLs, messages and
// the desk history, so they follow the rules of ids from the API.
func idArg(cmd *cobra.Command, args []string) error {
	if err := cobra.ExactArgs(1)(cmd, args); err != nil {
		return err
	}
	return model.CheckID("ID", args[0])
}

// flagError words a model.FieldError as a usage error naming the flag.
func flagError(flag string, err error) error {
	var fe model.FieldError
	if errors.As(err, &fe) {
		fe.Field = "--" + flag
		return &codedError{exitUsage, fe}
	}
	if err != nil {
		return usageError(i18n.NamedProblem, "--"+flag, err)
	}
	return nil
}
