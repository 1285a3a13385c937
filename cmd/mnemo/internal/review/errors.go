package review

import (
	"context"
	"errors"
	"fmt"

	"github.com/mnemo-app/mnemo/scheduler/study"
)

// fatal reports whether err must end the session: ErrFatal, or the
// caller's context ending.
func fatal(err error) bool {
	return errors.Is(err, study.ErrFatal) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// ErrInterrupted is returned by RunTUI when the person quit with ctrl+c,
// and wraps context.Canceled, so the caller exits as after any interrupt
// (130). The answers given before it are saved.
var ErrInterrupted = fmt.Errorf("review interrupted: %w", context.Canceled)
