package review

import (
	"context"
	"errors"

	"github.com/mnemo-app/mnemo/scheduler/study"
)

// fatal reports whether err must end the session: ErrFatal, or the
// caller's context ending.
func fatal(err error) bool {
	return errors.Is(err, study.ErrFatal) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
